//! Flowing a document's blocks onto A4 pages: headings, paragraphs, notes, lists and page
//! breaks, the page geometry, and the page numbers at the foot of each page.
//!
//! Owns: the cursor (how much of the page is left), when a new page starts, text styles
//! and spacing, and turning a string into wrapped lines of glyphs. Tables and charts are
//! laid out by their own modules (`table`, `chart`) through the same [`Composer`]. Does not
//! write PDF objects: it produces one content stream per page and the glyphs they use.

use super::chart::draw_chart;
use super::content::{Content, Rgb, TextStyle};
use super::glyphs::{FontChain, Glyph, UsedGlyphs};
use super::table::draw_table;
use super::wrap::wrap;
use crate::layout::{Block, Document};

/// A4 width in points.
pub(crate) const PAGE_WIDTH: f64 = 595.0;
/// A4 height in points.
pub(crate) const PAGE_HEIGHT: f64 = 842.0;
/// Left and right margin.
pub(crate) const MARGIN: f64 = 56.0;
/// Top margin.
const TOP: f64 = 56.0;
/// Bottom margin (the page number sits inside it).
const BOTTOM: f64 = 56.0;
/// Width of the text column.
pub(crate) const CONTENT_WIDTH: f64 = PAGE_WIDTH - 2.0 * MARGIN;

/// Black.
pub(crate) const INK: Rgb = Rgb::grey(0.0);
/// The grey of notes, axis labels and page numbers.
pub(crate) const MUTED: Rgb = Rgb::grey(0.35);

/// Running text.
pub(crate) const BODY: TextStyle = TextStyle {
    size: 10.5,
    bold: false,
    colour: INK,
};
/// Small print.
pub(crate) const NOTE: TextStyle = TextStyle {
    size: 8.5,
    bold: false,
    colour: MUTED,
};

/// Line height for text of `style`.
pub(crate) fn leading(style: TextStyle) -> f64 {
    style.size * 1.35
}

fn heading_style(level: u8) -> TextStyle {
    let size = match level {
        0 | 1 => 18.0,
        2 => 14.0,
        _ => 12.0,
    };
    TextStyle {
        size,
        bold: true,
        colour: INK,
    }
}

/// Places blocks on pages, top to bottom, starting new pages as they fill.
pub(crate) struct Composer<'a> {
    /// The fonts text is drawn with.
    pub(crate) fonts: &'a FontChain,
    used: UsedGlyphs,
    finished: Vec<Content>,
    page: Content,
    /// Top of the free space on the current page (PDF coordinates: from the bottom).
    y: f64,
    empty: bool,
}

impl<'a> Composer<'a> {
    /// A composer with one empty page.
    pub(crate) fn new(fonts: &'a FontChain) -> Composer<'a> {
        let code_bytes = if matches!(fonts, FontChain::Standard) {
            1
        } else {
            2
        };
        Composer {
            fonts,
            used: UsedGlyphs::default(),
            finished: Vec::new(),
            page: Content::new(code_bytes),
            y: PAGE_HEIGHT - TOP,
            empty: true,
        }
    }

    /// Height left on the current page.
    pub(crate) fn room(&self) -> f64 {
        self.y - BOTTOM
    }

    /// Height of the whole text column of a page.
    pub(crate) fn page_room() -> f64 {
        PAGE_HEIGHT - TOP - BOTTOM
    }

    /// Top of the free space.
    pub(crate) fn top(&self) -> f64 {
        self.y
    }

    /// Moves the top of the free space down by `height`.
    pub(crate) fn advance(&mut self, height: f64) {
        self.y -= height;
        self.empty = false;
    }

    /// Leaves `height` of space, unless at the top of a page.
    pub(crate) fn gap(&mut self, height: f64) {
        if !self.empty {
            self.y -= height;
        }
    }

    /// Starts a new page.
    pub(crate) fn new_page(&mut self) {
        let code_bytes = if matches!(self.fonts, FontChain::Standard) {
            1
        } else {
            2
        };
        let page = std::mem::replace(&mut self.page, Content::new(code_bytes));
        self.finished.push(page);
        self.y = PAGE_HEIGHT - TOP;
        self.empty = true;
    }

    /// Starts a new page when `height` does not fit on this one (and this one has
    /// something on it: what does not fit on an empty page will not fit on the next).
    pub(crate) fn make_room(&mut self, height: f64) {
        if height > self.room() && !self.empty {
            self.new_page();
        }
    }

    /// The page being drawn, for paths and shapes.
    pub(crate) fn canvas(&mut self) -> &mut Content {
        self.empty = false;
        &mut self.page
    }

    /// Draws `glyphs` and records them as used.
    pub(crate) fn text(
        &mut self,
        x: f64,
        baseline: f64,
        glyphs: &[Glyph],
        style: TextStyle,
        rotated: bool,
    ) {
        self.used.record(glyphs);
        self.empty = false;
        self.page.text(x, baseline, glyphs, style, rotated);
    }

    /// `text` broken into lines at most `width` wide: at its line breaks, then by width.
    pub(crate) fn lines(
        &self,
        text: &str,
        style: TextStyle,
        width: f64,
    ) -> Result<Vec<Vec<Glyph>>, innermost::Error> {
        let max = (width.max(0.0) * 1000.0 / style.size).floor() as u32;
        let mut lines = Vec::new();
        for hard_line in hard_lines(text) {
            let glyphs = self.fonts.shape(hard_line)?;
            lines.extend(
                wrap(&glyphs, max)
                    .into_iter()
                    .map(|range| glyphs[range].to_vec()),
            );
        }
        Ok(lines)
    }

    /// The glyphs of `text` on one line, its line breaks drawn as spaces (for labels).
    pub(crate) fn single_line(&self, text: &str) -> Result<Vec<Glyph>, innermost::Error> {
        let joined = hard_lines(text).collect::<Vec<_>>().join(" ");
        self.fonts.shape(&joined)
    }

    /// Draws `lines` at `x`, each on a new line of the flow, breaking pages between lines.
    pub(crate) fn flow(&mut self, x: f64, lines: &[Vec<Glyph>], style: TextStyle) {
        let leading = leading(style);
        for line in lines {
            self.make_room(leading);
            let baseline = baseline_in(self.y, style);
            self.text(x, baseline, line, style, false);
            self.advance(leading);
        }
    }

    /// Finishes the last page, numbers every page ("3 / 7") and returns the content
    /// streams and the glyphs they use.
    pub(crate) fn finish(mut self) -> Result<(Vec<Vec<u8>>, UsedGlyphs), innermost::Error> {
        if !self.empty || self.finished.is_empty() {
            self.new_page();
        }
        let count = self.finished.len();
        let mut pages = Vec::with_capacity(count);
        let mut used = self.used;
        for (index, mut page) in self.finished.into_iter().enumerate() {
            let number = self.fonts.shape(&format!("{} / {count}", index + 1))?;
            let style = TextStyle { size: 8.0, ..NOTE };
            let x = (PAGE_WIDTH - FontChain::width(&number, style.size)) / 2.0;
            used.record(&number);
            page.text(x, BOTTOM / 2.0, &number, style, false);
            pages.push(page.into_bytes());
        }
        Ok((pages, used))
    }
}

/// Where the baseline of a line of `style` goes when its line box starts at `top`.
pub(crate) fn baseline_in(top: f64, style: TextStyle) -> f64 {
    top - 0.8 * style.size - (leading(style) - style.size) / 2.0
}

/// The lines of `text` as written (split at `\n`, `\r\n` and `\r`).
fn hard_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .flat_map(|line| line.split('\r'))
}

/// Draws every block of `document`; returns the pages' content streams and the glyphs
/// they use.
pub(crate) fn compose(
    document: &Document,
    fonts: &FontChain,
) -> Result<(Vec<Vec<u8>>, UsedGlyphs), innermost::Error> {
    let mut composer = Composer::new(fonts);
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => heading(&mut composer, *level, text)?,
            Block::Paragraph(text) => {
                composer.gap(4.0);
                let lines = composer.lines(text, BODY, CONTENT_WIDTH)?;
                composer.flow(MARGIN, &lines, BODY);
                composer.gap(4.0);
            }
            Block::Note(text) => {
                composer.gap(3.0);
                let lines = composer.lines(text, NOTE, CONTENT_WIDTH)?;
                composer.flow(MARGIN, &lines, NOTE);
                composer.gap(3.0);
            }
            Block::List(items) => list(&mut composer, items)?,
            Block::Table(table) => draw_table(&mut composer, table)?,
            Block::Chart(chart) => draw_chart(&mut composer, chart)?,
            Block::PageBreak => {
                if !composer.empty {
                    composer.new_page();
                }
            }
        }
    }
    composer.finish()
}

fn heading(composer: &mut Composer<'_>, level: u8, text: &str) -> Result<(), innermost::Error> {
    let style = heading_style(level);
    composer.gap(if level <= 1 { 4.0 } else { 12.0 });
    let lines = composer.lines(text, style, CONTENT_WIDTH)?;
    // Keep a heading with the start of what follows it.
    composer.make_room(lines.len() as f64 * leading(style) + 3.0 * leading(BODY));
    composer.flow(MARGIN, &lines, style);
    composer.gap(3.0);
    Ok(())
}

/// A bulleted list: a round bullet (drawn, so it needs no glyph) and the item's text
/// wrapped beside it.
fn list(composer: &mut Composer<'_>, items: &[String]) -> Result<(), innermost::Error> {
    const INDENT: f64 = 16.0;
    composer.gap(4.0);
    for item in items {
        let lines = composer.lines(item, BODY, CONTENT_WIDTH - INDENT)?;
        composer.make_room(leading(BODY));
        let bullet_y = baseline_in(composer.top(), BODY) + BODY.size * 0.3;
        let canvas = composer.canvas();
        canvas.fill_colour(INK);
        canvas.circle(MARGIN + 5.0, bullet_y, 1.8);
        canvas.fill();
        composer.flow(MARGIN + INDENT, &lines, BODY);
        composer.gap(2.0);
    }
    composer.gap(2.0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_lines_split_at_every_kind_of_line_break() {
        assert_eq!(
            hard_lines("a\nb\r\nc\rd").collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
        assert_eq!(hard_lines("").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn a_long_paragraph_flows_onto_as_many_pages_as_it_needs() {
        let fonts = FontChain::Standard;
        let text = "word ".repeat(4000);
        let document = Document {
            title: "t".into(),
            blocks: vec![Block::Paragraph(text)],
        };
        let (pages, _) = compose(&document, &fonts).unwrap();
        assert!(pages.len() > 3, "{} pages", pages.len());
    }

    #[test]
    fn a_page_break_on_an_empty_page_adds_no_blank_page() {
        let fonts = FontChain::Standard;
        let document = Document {
            title: "t".into(),
            blocks: vec![
                Block::PageBreak,
                Block::Paragraph("a".into()),
                Block::PageBreak,
                Block::PageBreak,
                Block::Paragraph("b".into()),
            ],
        };
        let (pages, _) = compose(&document, &fonts).unwrap();
        assert_eq!(pages.len(), 2);
    }

    #[test]
    fn an_empty_document_is_one_numbered_page() {
        let fonts = FontChain::Standard;
        let (pages, used) = compose(
            &Document {
                title: String::new(),
                blocks: vec![],
            },
            &fonts,
        )
        .unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(used.fonts().count(), 1);
    }
}
