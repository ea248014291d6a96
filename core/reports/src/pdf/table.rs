//! Tables: column widths from their content, cells wrapped inside their column, a shaded
//! header row, and rows split across pages line by line when they do not fit (the header
//! is drawn again at the top of the continuing page).
//!
//! Owns: table geometry and drawing. Does not decide page breaks elsewhere (it asks the
//! [`Composer`]) and does not wrap text itself (`wrap` does, through the composer).

use super::compose::{CONTENT_WIDTH, Composer, INK, MARGIN, baseline_in, leading};
use super::content::{Rgb, TextStyle};
use super::glyphs::{FontChain, Glyph};
use crate::layout::Table;

const CELL: TextStyle = TextStyle {
    size: 9.5,
    bold: false,
    colour: INK,
};
const HEADER: TextStyle = TextStyle { bold: true, ..CELL };
/// Space between a cell's text and its edges, left/right and top/bottom.
const PAD_X: f64 = 4.0;
const PAD_Y: f64 = 3.0;
const HEADER_SHADE: Rgb = Rgb::grey(0.92);
const RULE: Rgb = Rgb::grey(0.7);

/// Column widths that add up to `available`.
///
/// When every cell fits on one line, each column gets its natural width and the spare
/// space is shared in proportion. Otherwise a column whose natural width is no more than
/// a fair share of what is left gets it (narrow columns such as dates are never wrapped
/// for the sake of a long one), and the other columns first get their longest word and
/// share the rest in proportion to how much more each would like; when even the words do
/// not fit, the word widths are scaled down (and long words break inside).
pub(crate) fn column_widths(natural: &[f64], longest_word: &[f64], available: f64) -> Vec<f64> {
    let natural_total: f64 = natural.iter().sum();
    if natural_total <= available {
        return share(natural, natural, available - natural_total);
    }
    let mut widths: Vec<Option<f64>> = vec![None; natural.len()];
    let mut left = available;
    loop {
        let open: Vec<usize> = (0..natural.len())
            .filter(|i| widths[*i].is_none())
            .collect();
        let fair = left / open.len().max(1) as f64;
        let narrow: Vec<usize> = open.into_iter().filter(|i| natural[*i] <= fair).collect();
        if narrow.is_empty() {
            break;
        }
        for i in narrow {
            widths[i] = Some(natural[i]);
            left -= natural[i];
        }
    }
    let open: Vec<usize> = (0..natural.len())
        .filter(|i| widths[*i].is_none())
        .collect();
    let open_natural: Vec<f64> = open.iter().map(|i| natural[*i]).collect();
    let minimum: Vec<f64> = open
        .iter()
        .map(|i| longest_word[*i].min(natural[*i]))
        .collect();
    let minimum_total: f64 = minimum.iter().sum();
    let open_widths = if minimum_total >= left {
        minimum.iter().map(|w| w * left / minimum_total).collect()
    } else {
        let wants: Vec<f64> = open_natural
            .iter()
            .zip(&minimum)
            .map(|(n, m)| n - m)
            .collect();
        share(&minimum, &wants, left - minimum_total)
    };
    for (i, width) in open.into_iter().zip(open_widths) {
        widths[i] = Some(width);
    }
    widths.into_iter().map(|w| w.unwrap_or(0.0)).collect()
}

/// `base` plus `spare` shared in proportion to `weights` (equally when they are all 0).
fn share(base: &[f64], weights: &[f64], spare: f64) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let count = base.len().max(1) as f64;
    base.iter()
        .zip(weights)
        .map(|(b, w)| {
            b + if total > 0.0 {
                spare * w / total
            } else {
                spare / count
            }
        })
        .collect()
}

/// A row with each cell's text wrapped to its column.
struct Row {
    cells: Vec<Vec<Vec<Glyph>>>,
    style: TextStyle,
}

impl Row {
    fn line_count(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
    }
}

fn height(lines: usize, style: TextStyle) -> f64 {
    lines as f64 * leading(style) + 2.0 * PAD_Y
}

/// Draws `table` at the composer's position.
pub(crate) fn draw_table(
    composer: &mut Composer<'_>,
    table: &Table,
) -> Result<(), innermost::Error> {
    if table.columns.is_empty() {
        return Ok(());
    }
    let widths = measure_columns(composer, table)?;
    let layout = |composer: &Composer<'_>,
                  texts: &[String],
                  style: TextStyle|
     -> Result<Row, innermost::Error> {
        let cells = texts
            .iter()
            .zip(&widths)
            .map(|(text, width)| composer.lines(text, style, width - 2.0 * PAD_X))
            .collect::<Result<_, _>>()?;
        Ok(Row { cells, style })
    };
    let header = layout(composer, &table.columns, HEADER)?;
    let rows = table
        .rows
        .iter()
        .map(|row| layout(composer, row, CELL))
        .collect::<Result<Vec<_>, _>>()?;

    composer.gap(6.0);
    let header_height = height(header.line_count(), HEADER);
    composer.make_room(header_height + height(1, CELL));
    draw_row(composer, &widths, &header, 0..header.line_count());
    for row in &rows {
        let (mut from, mut fresh_page) = (0, false);
        while from < row.line_count() {
            let left = row.line_count() - from;
            let fitting = ((composer.room() - 2.0 * PAD_Y) / leading(CELL))
                .floor()
                .max(0.0) as usize;
            let whole_row_fits_on_a_new_page =
                from == 0 && height(left, CELL) <= Composer::page_room() - header_height;
            let count = if left <= fitting {
                left
            } else if fresh_page {
                // Nothing more can be gained from another page: draw what fits, at least a line.
                fitting.max(1)
            } else if whole_row_fits_on_a_new_page || fitting == 0 {
                // Move the row (or what is left of it) to the next page.
                composer.new_page();
                draw_row(composer, &widths, &header, 0..header.line_count());
                fresh_page = true;
                continue;
            } else {
                fitting
            };
            draw_row(composer, &widths, row, from..from + count);
            from += count;
            fresh_page = false;
            if from < row.line_count() {
                composer.new_page();
                draw_row(composer, &widths, &header, 0..header.line_count());
                fresh_page = true;
            }
        }
    }
    composer.gap(6.0);
    Ok(())
}

/// Natural and longest-word widths of each column (text plus padding), shared out.
fn measure_columns(composer: &Composer<'_>, table: &Table) -> Result<Vec<f64>, innermost::Error> {
    let columns = table.columns.len();
    let (mut natural, mut longest_word) = (vec![2.0 * PAD_X; columns], vec![2.0 * PAD_X; columns]);
    let cells = table
        .columns
        .iter()
        .map(|text| (text, HEADER))
        .enumerate()
        .chain(
            table
                .rows
                .iter()
                .flat_map(|row| row.iter().map(|text| (text, CELL)).enumerate()),
        );
    for (column, (text, style)) in cells {
        for line in text.split(['\n', '\r']) {
            let glyphs = composer.fonts.shape(line)?;
            let whole = FontChain::width(&glyphs, style.size) + 2.0 * PAD_X;
            let word = glyphs
                .split(Glyph::is_space)
                .map(|w| FontChain::width(w, style.size))
                .fold(0.0, f64::max)
                + 2.0 * PAD_X;
            if let (Some(n), Some(w)) = (natural.get_mut(column), longest_word.get_mut(column)) {
                *n = n.max(whole);
                *w = w.max(word);
            }
        }
    }
    Ok(column_widths(&natural, &longest_word, CONTENT_WIDTH))
}

/// Draws lines `lines` of every cell of `row`, with the row's background and a rule below.
fn draw_row(composer: &mut Composer<'_>, widths: &[f64], row: &Row, lines: std::ops::Range<usize>) {
    let row_height = height(lines.len(), row.style);
    let top = composer.top();
    let canvas = composer.canvas();
    if row.style.bold {
        canvas.fill_colour(HEADER_SHADE);
        canvas.rect(MARGIN, top - row_height, CONTENT_WIDTH, row_height);
        canvas.fill();
    }
    canvas.stroke_colour(RULE);
    canvas.line_width(if row.style.bold { 0.8 } else { 0.4 });
    canvas.line(
        (MARGIN, top - row_height),
        (MARGIN + CONTENT_WIDTH, top - row_height),
    );
    let mut x = MARGIN;
    for (cell, width) in row.cells.iter().zip(widths) {
        for (index, line) in cell.iter().enumerate().skip(lines.start).take(lines.len()) {
            let line_top = top - PAD_Y - (index - lines.start) as f64 * leading(row.style);
            composer.text(
                x + PAD_X,
                baseline_in(line_top, row.style),
                line,
                row.style,
                false,
            );
        }
        x += width;
    }
    composer.advance(row_height);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn columns_that_fit_share_the_spare_width_in_proportion() {
        assert!(close(
            &column_widths(&[100.0, 300.0], &[50.0, 50.0], 800.0),
            &[200.0, 600.0]
        ));
    }

    #[test]
    fn a_narrow_column_keeps_its_natural_width_beside_a_wide_one() {
        // Wants 700 in 400: the first column's 100 is within a fair share (200).
        let widths = column_widths(&[100.0, 600.0], &[50.0, 100.0], 400.0);
        assert!(close(&widths, &[100.0, 300.0]), "{widths:?}");
    }

    #[test]
    fn wide_columns_get_their_longest_word_and_share_the_rest_by_need() {
        // Wants 800 in 500, no column within a fair share (250): minimum 100 + 100, the
        // 300 left shared by need (200 vs 400).
        let widths = column_widths(&[300.0, 500.0], &[100.0, 100.0], 500.0);
        assert!(close(&widths, &[200.0, 300.0]), "{widths:?}");
    }

    #[test]
    fn words_wider_than_the_table_are_scaled_down_to_fit() {
        let widths = column_widths(&[600.0, 600.0], &[600.0, 200.0], 400.0);
        assert!(close(&widths, &[300.0, 100.0]), "{widths:?}");
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_across_pages_with_every_word_drawn() {
        use crate::layout::{Block, Document};
        let long = (0..3000)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let table = Table {
            columns: vec!["a".into(), "b".into()],
            rows: vec![vec!["short".into(), long]],
        };
        let document = Document {
            title: String::new(),
            blocks: vec![Block::Table(table)],
        };
        let (pages, used) = crate::pdf::compose::compose(&document, &FontChain::Standard).unwrap();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        // Every page repeats the header ("a": code 61, drawn bold).
        assert!(
            pages
                .iter()
                .all(|page| String::from_utf8_lossy(page).contains("2 Tr"))
        );
        assert_eq!(used.fonts().count(), 1);
    }

    #[test]
    fn widths_always_add_up_to_what_is_available() {
        for available in [10.0, 100.0, 483.0, 2000.0] {
            let widths = column_widths(&[80.0, 0.0, 300.0], &[20.0, 0.0, 150.0], available);
            assert!((widths.iter().sum::<f64>() - available).abs() < 1e-6);
        }
    }
}
