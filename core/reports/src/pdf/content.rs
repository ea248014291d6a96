//! A page's content stream: the drawing operators, written as text.
//!
//! Owns: operator syntax (paths, colours, text objects) and how glyph codes are written
//! (one byte per code for the standard font, two for embedded fonts, as hex strings).
//! Does not decide where anything goes (`compose`, `table` and `chart` do) and does not
//! know which characters the codes stand for.

use std::fmt::Write as _;

use super::glyphs::Glyph;
use super::objects::number;

/// An RGB colour, each channel from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub(crate) f64, pub(crate) f64, pub(crate) f64);

impl Rgb {
    /// A grey: 0 is black, 1 white.
    pub(crate) const fn grey(level: f64) -> Rgb {
        Rgb(level, level, level)
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    /// Font size in points.
    pub(crate) size: f64,
    /// Faux bold: the glyphs are filled and outlined with a thin stroke.
    pub(crate) bold: bool,
    /// The text's colour.
    pub(crate) colour: Rgb,
}

/// The operators of one page, in drawing order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Content {
    ops: String,
    /// Bytes per glyph code: 1 for the standard font, 2 for embedded fonts.
    code_bytes: usize,
}

impl Content {
    /// An empty page whose text uses codes of `code_bytes` bytes.
    pub(crate) fn new(code_bytes: usize) -> Content {
        Content {
            ops: String::new(),
            code_bytes,
        }
    }

    /// The stream's bytes.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.ops.into_bytes()
    }

    fn op(&mut self, operands: &[f64], operator: &str) {
        for value in operands {
            self.ops.push_str(&number(*value));
            self.ops.push(' ');
        }
        self.ops.push_str(operator);
        self.ops.push('\n');
    }

    /// Saves the graphics state (`q`).
    pub(crate) fn save(&mut self) {
        self.op(&[], "q");
    }

    /// Restores the graphics state (`Q`).
    pub(crate) fn restore(&mut self) {
        self.op(&[], "Q");
    }

    /// Sets the fill colour.
    pub(crate) fn fill_colour(&mut self, Rgb(r, g, b): Rgb) {
        if r == g && g == b {
            self.op(&[r], "g")
        } else {
            self.op(&[r, g, b], "rg")
        }
    }

    /// Sets the stroke colour.
    pub(crate) fn stroke_colour(&mut self, Rgb(r, g, b): Rgb) {
        if r == g && g == b {
            self.op(&[r], "G")
        } else {
            self.op(&[r, g, b], "RG")
        }
    }

    /// Sets the stroke width.
    pub(crate) fn line_width(&mut self, width: f64) {
        self.op(&[width], "w");
    }

    /// Sets a dash pattern (empty: solid).
    pub(crate) fn dash(&mut self, pattern: &[f64]) {
        let pattern: Vec<String> = pattern.iter().map(|v| number(*v)).collect();
        let _ = writeln!(self.ops, "[{}] 0 d", pattern.join(" "));
    }

    /// Starts a subpath at (`x`, `y`).
    pub(crate) fn move_to(&mut self, x: f64, y: f64) {
        self.op(&[x, y], "m");
    }

    /// Adds a straight segment to (`x`, `y`).
    pub(crate) fn line_to(&mut self, x: f64, y: f64) {
        self.op(&[x, y], "l");
    }

    /// Strokes the current path.
    pub(crate) fn stroke(&mut self) {
        self.op(&[], "S");
    }

    /// Fills the current path.
    pub(crate) fn fill(&mut self) {
        self.op(&[], "f");
    }

    /// Adds a rectangle with its lower left corner at (`x`, `y`).
    pub(crate) fn rect(&mut self, x: f64, y: f64, width: f64, height: f64) {
        self.op(&[x, y, width, height], "re");
    }

    /// A straight stroked line.
    pub(crate) fn line(&mut self, from: (f64, f64), to: (f64, f64)) {
        self.move_to(from.0, from.1);
        self.line_to(to.0, to.1);
        self.stroke();
    }

    /// Adds a circle of radius `r` around (`x`, `y`) (four Bézier arcs).
    pub(crate) fn circle(&mut self, x: f64, y: f64, r: f64) {
        // Control point distance for a quarter circle.
        let k = r * 0.552_284_75;
        self.move_to(x + r, y);
        self.op(&[x + r, y + k, x + k, y + r, x, y + r], "c");
        self.op(&[x - k, y + r, x - r, y + k, x - r, y], "c");
        self.op(&[x - r, y - k, x - k, y - r, x, y - r], "c");
        self.op(&[x + k, y - r, x + r, y - k, x + r, y], "c");
        self.op(&[], "h");
    }

    /// Draws `glyphs` starting at (`x`, `baseline`), each run of one font with its font
    /// resource `/F<n>`; `rotated` turns the text a quarter turn counter-clockwise (reading
    /// upwards).
    pub(crate) fn text(
        &mut self,
        x: f64,
        baseline: f64,
        glyphs: &[Glyph],
        style: TextStyle,
        rotated: bool,
    ) {
        if glyphs.is_empty() {
            return;
        }
        self.save();
        self.fill_colour(style.colour);
        if style.bold {
            self.stroke_colour(style.colour);
            self.line_width(style.size / 30.0);
            self.op(&[2.0], "Tr");
        }
        self.op(&[], "BT");
        let mut offset = 0u32;
        for run in glyphs.chunk_by(|a, b| a.font == b.font) {
            let along = f64::from(offset) * style.size / 1000.0;
            let _ = write!(self.ops, "/F{} ", run[0].font + 1);
            self.op(&[style.size], "Tf");
            if rotated {
                self.op(&[0.0, 1.0, -1.0, 0.0, x, baseline + along], "Tm");
            } else {
                self.op(&[1.0, 0.0, 0.0, 1.0, x + along, baseline], "Tm");
            }
            self.ops.push('<');
            for glyph in run {
                let _ = if self.code_bytes == 1 {
                    write!(self.ops, "{:02X}", glyph.code)
                } else {
                    write!(self.ops, "{:04X}", glyph.code)
                };
                offset += u32::from(glyph.advance);
            }
            self.ops.push_str("> Tj\n");
        }
        self.op(&[], "ET");
        self.restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: TextStyle = TextStyle {
        size: 10.0,
        bold: false,
        colour: Rgb::grey(0.0),
    };

    fn glyph(font: usize, code: u16) -> Glyph {
        Glyph {
            ch: 'x',
            font,
            code,
            advance: 500,
        }
    }

    #[test]
    fn standard_font_text_is_one_byte_per_code() {
        let mut content = Content::new(1);
        content.text(10.0, 20.0, &[glyph(0, 0x41), glyph(0, 0xE9)], PLAIN, false);
        let ops = String::from_utf8(content.into_bytes()).unwrap();
        assert!(
            ops.contains("/F1 10 Tf\n1 0 0 1 10 20 Tm\n<41E9> Tj"),
            "{ops}"
        );
    }

    #[test]
    fn a_change_of_font_starts_a_new_run_where_the_previous_one_ended() {
        let mut content = Content::new(2);
        content.text(0.0, 0.0, &[glyph(0, 1), glyph(1, 2)], PLAIN, false);
        let ops = String::from_utf8(content.into_bytes()).unwrap();
        assert!(
            ops.contains(
                "/F1 10 Tf\n1 0 0 1 0 0 Tm\n<0001> Tj\n/F2 10 Tf\n1 0 0 1 5 0 Tm\n<0002> Tj"
            ),
            "{ops}"
        );
    }

    #[test]
    fn bold_text_is_filled_and_stroked_inside_its_own_graphics_state() {
        let mut content = Content::new(1);
        content.text(
            0.0,
            0.0,
            &[glyph(0, 1)],
            TextStyle {
                bold: true,
                ..PLAIN
            },
            false,
        );
        let ops = String::from_utf8(content.into_bytes()).unwrap();
        assert!(
            ops.starts_with("q\n") && ops.contains("2 Tr") && ops.ends_with("Q\n"),
            "{ops}"
        );
    }
}
