//! Charts as vector graphics: a title, the y axis' label, a plot with gridlines and tick
//! values from `y_min` to `y_max`, x labels (turned upright when they do not fit side by
//! side), lines with gaps where a value is missing or grouped bars, and a legend.
//!
//! Owns: chart geometry, colours and dash patterns. Draws exactly the chart's data: every
//! value that is present, no value where there is none (a gap, never a zero). Values
//! outside the y range are drawn at its edge. Does not check the chart's shape (the
//! document is validated before drawing) and never splits a chart across pages.

use super::compose::{CONTENT_WIDTH, Composer, INK, MARGIN, MUTED, baseline_in, leading};
use super::content::{Rgb, TextStyle};
use super::glyphs::{FontChain, Glyph};
use super::objects::number;
use crate::layout::{Chart, ChartKind};

const TITLE: TextStyle = TextStyle {
    size: 10.5,
    bold: true,
    colour: INK,
};
const LABEL: TextStyle = TextStyle {
    size: 8.0,
    bold: false,
    colour: MUTED,
};
const PLOT_HEIGHT: f64 = 150.0;
const TICKS: usize = 5;
const GRID: Rgb = Rgb::grey(0.85);
const LEGEND_SWATCH: f64 = 18.0;

/// Series colours (distinguishable for the common colour-vision deficiencies), cycled.
const PALETTE: [Rgb; 6] = [
    Rgb(0.0, 0.447, 0.698),
    Rgb(0.835, 0.369, 0.0),
    Rgb(0.0, 0.62, 0.451),
    Rgb(0.8, 0.475, 0.655),
    Rgb(0.337, 0.706, 0.914),
    Rgb(0.902, 0.624, 0.0),
];
/// Line dash patterns, cycled, so lines differ in greyscale print too.
const DASHES: [&[f64]; 4] = [&[], &[4.0, 2.0], &[1.0, 1.5], &[6.0, 2.0, 1.0, 2.0]];

fn colour(series: usize) -> Rgb {
    PALETTE[series % PALETTE.len()]
}

fn dash(series: usize) -> &'static [f64] {
    DASHES[series % DASHES.len()]
}

/// Where the x labels go: side by side under their slots, or turned upright.
struct XLabels {
    glyphs: Vec<Vec<Glyph>>,
    size: f64,
    upright: bool,
    height: f64,
}

/// Draws `chart` at the composer's position, on a new page if it does not fit.
pub(crate) fn draw_chart(
    composer: &mut Composer<'_>,
    chart: &Chart,
) -> Result<(), innermost::Error> {
    let title = composer.lines(&chart.title, TITLE, CONTENT_WIDTH)?;
    let y_label = composer.lines(&chart.y_label, LABEL, CONTENT_WIDTH)?;
    let ticks: Vec<(f64, Vec<Glyph>)> = (0..TICKS)
        .map(|i| {
            let value = chart.y_min + (chart.y_max - chart.y_min) * i as f64 / (TICKS - 1) as f64;
            composer
                .single_line(&number(value))
                .map(|glyphs| (value, glyphs))
        })
        .collect::<Result<_, _>>()?;
    let gutter = ticks
        .iter()
        .map(|(_, g)| FontChain::width(g, LABEL.size))
        .fold(0.0, f64::max)
        + 8.0;
    let (plot_left, plot_width) = (MARGIN + gutter, CONTENT_WIDTH - gutter - 4.0);
    let slot = plot_width / chart.x_labels.len().max(1) as f64;
    let x_labels = x_labels(composer, chart, slot)?;
    let legend: Vec<Vec<Vec<Glyph>>> = chart
        .series
        .iter()
        .map(|s| composer.lines(&s.name, LABEL, CONTENT_WIDTH - LEGEND_SWATCH - 6.0))
        .collect::<Result<_, _>>()?;
    let legend_height: f64 = legend
        .iter()
        .map(|lines| lines.len() as f64 * leading(LABEL))
        .sum();

    let total = title.len() as f64 * leading(TITLE)
        + y_label.len() as f64 * leading(LABEL)
        + 6.0
        + PLOT_HEIGHT
        + x_labels.height
        + 6.0
        + legend_height;
    composer.gap(8.0);
    composer.make_room(total);
    composer.flow(MARGIN, &title, TITLE);
    composer.flow(MARGIN, &y_label, LABEL);
    composer.advance(6.0);

    let plot_top = composer.top();
    let plot_bottom = plot_top - PLOT_HEIGHT;
    let y_of = |value: f64| {
        plot_bottom
            + (value.max(chart.y_min).min(chart.y_max) - chart.y_min) / (chart.y_max - chart.y_min)
                * PLOT_HEIGHT
    };
    let x_of = |index: usize| plot_left + (index as f64 + 0.5) * slot;

    // Gridlines and tick values.
    for (value, glyphs) in &ticks {
        let y = y_of(*value);
        let canvas = composer.canvas();
        canvas.stroke_colour(GRID);
        canvas.line_width(0.4);
        canvas.line((plot_left, y), (plot_left + plot_width, y));
        let x = plot_left - 4.0 - FontChain::width(glyphs, LABEL.size);
        composer.text(x, y - LABEL.size * 0.3, glyphs, LABEL, false);
    }
    // Axes.
    let canvas = composer.canvas();
    canvas.stroke_colour(INK);
    canvas.line_width(0.6);
    canvas.line((plot_left, plot_top), (plot_left, plot_bottom));
    canvas.line(
        (plot_left, plot_bottom),
        (plot_left + plot_width, plot_bottom),
    );

    match chart.kind {
        ChartKind::Line => draw_lines(composer, chart, &x_of, &y_of),
        ChartKind::Bars => draw_bars(composer, chart, slot, plot_left, &y_of),
    }

    // X labels.
    for (index, glyphs) in x_labels.glyphs.iter().enumerate() {
        let style = TextStyle {
            size: x_labels.size,
            ..LABEL
        };
        let width = FontChain::width(glyphs, style.size);
        if x_labels.upright {
            composer.text(
                x_of(index) + style.size * 0.35,
                plot_bottom - 4.0 - width,
                glyphs,
                style,
                true,
            );
        } else {
            composer.text(
                x_of(index) - width / 2.0,
                plot_bottom - 4.0 - style.size,
                glyphs,
                style,
                false,
            );
        }
    }
    composer.advance(PLOT_HEIGHT + x_labels.height + 6.0);

    // Legend: a swatch and the series' name, one series per row.
    for (series, lines) in legend.iter().enumerate() {
        let mid = baseline_in(composer.top(), LABEL) + LABEL.size * 0.3;
        let canvas = composer.canvas();
        match chart.kind {
            ChartKind::Line => {
                canvas.stroke_colour(colour(series));
                canvas.line_width(1.5);
                canvas.dash(dash(series));
                canvas.line((MARGIN, mid), (MARGIN + LEGEND_SWATCH, mid));
                canvas.dash(&[]);
            }
            ChartKind::Bars => {
                canvas.fill_colour(colour(series));
                canvas.rect(MARGIN + 4.0, mid - 4.0, 10.0, 8.0);
                canvas.fill();
            }
        }
        composer.flow(MARGIN + LEGEND_SWATCH + 6.0, lines, LABEL);
    }
    composer.gap(8.0);
    Ok(())
}

/// Shapes the x labels and decides their direction: side by side when the widest fits
/// its slot, otherwise upright at a size that fits the slot's width.
fn x_labels(
    composer: &Composer<'_>,
    chart: &Chart,
    slot: f64,
) -> Result<XLabels, innermost::Error> {
    let glyphs: Vec<Vec<Glyph>> = chart
        .x_labels
        .iter()
        .map(|label| composer.single_line(label))
        .collect::<Result<_, _>>()?;
    let widest = |size: f64| {
        glyphs
            .iter()
            .map(|g| FontChain::width(g, size))
            .fold(0.0, f64::max)
    };
    if glyphs.is_empty() || widest(LABEL.size) <= slot - 2.0 {
        return Ok(XLabels {
            glyphs,
            size: LABEL.size,
            upright: false,
            height: LABEL.size + 8.0,
        });
    }
    let size = (slot * 0.9).clamp(0.5, LABEL.size);
    Ok(XLabels {
        height: widest(size) + 8.0,
        glyphs,
        size,
        upright: true,
    })
}

fn draw_lines(
    composer: &mut Composer<'_>,
    chart: &Chart,
    x_of: &dyn Fn(usize) -> f64,
    y_of: &dyn Fn(f64) -> f64,
) {
    let canvas = composer.canvas();
    for (series_index, series) in chart.series.iter().enumerate() {
        canvas.stroke_colour(colour(series_index));
        canvas.fill_colour(colour(series_index));
        canvas.line_width(1.5);
        canvas.dash(dash(series_index));
        // Runs of consecutive values; a missing value ends a run (a gap in the line).
        let points: Vec<Option<(f64, f64)>> = series
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (x_of(i), y_of(v))))
            .collect();
        for run in points.split(Option::is_none) {
            let run: Vec<&(f64, f64)> = run.iter().flatten().collect();
            if let [(x, y), rest @ ..] = run.as_slice()
                && !rest.is_empty()
            {
                canvas.move_to(*x, *y);
                for (x, y) in rest {
                    canvas.line_to(*x, *y);
                }
                canvas.stroke();
            }
        }
        canvas.dash(&[]);
        // A dot on every value, so a value between two gaps shows too.
        for (x, y) in points.iter().flatten() {
            canvas.circle(*x, *y, 1.8);
            canvas.fill();
        }
    }
}

fn draw_bars(
    composer: &mut Composer<'_>,
    chart: &Chart,
    slot: f64,
    plot_left: f64,
    y_of: &dyn Fn(f64) -> f64,
) {
    let canvas = composer.canvas();
    let bar = slot * 0.8 / chart.series.len().max(1) as f64;
    let base = y_of(0.0);
    for (series_index, series) in chart.series.iter().enumerate() {
        canvas.fill_colour(colour(series_index));
        for (index, value) in series.values.iter().enumerate() {
            let Some(value) = value.filter(|v| v.is_finite()) else {
                continue;
            };
            let x = plot_left + index as f64 * slot + slot * 0.1 + series_index as f64 * bar;
            let top = y_of(value);
            // A value at the baseline still shows, as a hairline bar.
            let height = (top - base).abs().max(0.6);
            canvas.rect(x, top.min(base), bar, height);
            canvas.fill();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Block, Document, Series};
    use crate::pdf::compose::compose;

    fn chart(kind: ChartKind, labels: usize, values: Vec<Option<f64>>) -> Document {
        let chart = Chart {
            title: "t".into(),
            kind,
            x_labels: (0..labels).map(|i| format!("2026-W{i:02}")).collect(),
            y_label: "y".into(),
            y_min: 0.0,
            y_max: 10.0,
            series: vec![Series {
                name: "s".into(),
                values,
            }],
        };
        Document {
            title: String::new(),
            blocks: vec![Block::Chart(chart)],
        }
    }

    fn page(document: &Document) -> String {
        let (pages, _) = compose(document, &FontChain::Standard).unwrap();
        assert_eq!(pages.len(), 1);
        String::from_utf8(pages[0].clone()).unwrap()
    }

    #[test]
    fn labels_that_fit_side_by_side_are_drawn_level() {
        assert!(!page(&chart(ChartKind::Line, 4, vec![Some(1.0); 4])).contains("0 1 -1 0 "));
    }

    #[test]
    fn many_labels_are_turned_upright_and_every_one_is_drawn() {
        let ops = page(&chart(ChartKind::Line, 52, vec![Some(1.0); 52]));
        assert_eq!(ops.matches("0 1 -1 0 ").count(), 52);
    }

    #[test]
    fn a_missing_value_splits_the_line_into_two_strokes_and_gets_no_dot() {
        let ops = page(&chart(
            ChartKind::Line,
            5,
            vec![Some(1.0), Some(2.0), None, Some(3.0), Some(4.0)],
        ));
        // Five gridlines, two axes and the legend's sample, then one stroke per run.
        assert_eq!(ops.matches(" l\nS\n").count(), 5 + 2 + 1 + 2, "{ops}");
        // Four dots, four curves each.
        assert_eq!(ops.matches(" c\n").count(), 4 * 4);
    }

    #[test]
    fn a_bar_is_drawn_for_every_present_value_and_none_for_a_missing_one() {
        let ops = page(&chart(ChartKind::Bars, 3, vec![Some(5.0), None, Some(0.0)]));
        // Two bars, plus the legend's swatch.
        assert_eq!(ops.matches(" re\nf\n").count(), 3, "{ops}");
    }
}
