//! From characters to glyphs: which font draws each character (the first in the order of
//! preference that has it), with which code, and how wide it is.
//!
//! Owns: the fallback chain, the coverage check that refuses a document before anything
//! is drawn, and the record of glyphs used (what the font objects later embed and map back
//! to Unicode). Does not break lines (`wrap`) or place text on a page (`compose`). No
//! shaping: characters are drawn one glyph each, in logical order.

use std::collections::{BTreeMap, BTreeSet};

use super::helvetica;
use super::sfnt::FontFile;

/// The fonts a document is drawn with.
#[derive(Debug, Clone)]
pub(crate) enum FontChain {
    /// The standard Helvetica with WinAnsiEncoding, not embedded.
    Standard,
    /// Embedded font files, in order of preference.
    Files(Vec<FontFile>),
}

/// One drawn character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    /// The character it draws (a tab is drawn, and copied, as a space).
    pub(crate) ch: char,
    /// Index of the font in the chain.
    pub(crate) font: usize,
    /// The code shown in the content stream: a WinAnsi byte or a glyph id.
    pub(crate) code: u16,
    /// Advance in thousandths of the font size.
    pub(crate) advance: u16,
}

impl Glyph {
    /// Whether a line may break here.
    pub(crate) fn is_space(&self) -> bool {
        self.ch == ' '
    }
}

/// The reason given when characters are missing; it states a count, never the characters.
fn uncovered_reason(chain: &FontChain, count: usize) -> String {
    let (what, verb) = if count == 1 {
        ("character", "is")
    } else {
        ("different characters", "are")
    };
    match chain {
        FontChain::Standard => format!(
            "{count} {what} in the report {verb} outside the standard PDF font's character set (WinAnsi); give a font file that has them"
        ),
        FontChain::Files(_) => format!(
            "{count} {what} in the report {verb} not covered by any font given (add a font for them)"
        ),
    }
}

impl FontChain {
    /// The glyph that draws `c`, from the first font that has it.
    pub(crate) fn glyph(&self, c: char) -> Option<Glyph> {
        let ch = if c == '\t' { ' ' } else { c };
        match self {
            FontChain::Standard => {
                let code = helvetica::winansi_code(ch)?;
                Some(Glyph {
                    ch,
                    font: 0,
                    code: u16::from(code),
                    advance: helvetica::width(code),
                })
            }
            FontChain::Files(files) => files.iter().enumerate().find_map(|(font, file)| {
                let code = file.glyph_for(ch)?;
                Some(Glyph {
                    ch,
                    font,
                    code,
                    advance: file.advance_per_mille(code),
                })
            }),
        }
    }

    /// The glyphs of a single line of `text` (no line breaks in it).
    pub(crate) fn shape(&self, text: &str) -> Result<Vec<Glyph>, innermost::Error> {
        let glyphs: Vec<Glyph> = text.chars().filter_map(|c| self.glyph(c)).collect();
        if glyphs.len() == text.chars().count() {
            return Ok(glyphs);
        }
        let missing: BTreeSet<char> = text.chars().filter(|c| self.glyph(*c).is_none()).collect();
        Err(innermost::Error::InvalidInput {
            field: "fonts",
            reason: uncovered_reason(self, missing.len()),
        })
    }

    /// Refuses `texts` when any character in them (other than line breaks, which are
    /// layout) has no glyph in any font. Run over the whole document before drawing, so the
    /// reason counts every missing character at once.
    pub(crate) fn check_coverage<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
    ) -> Result<(), innermost::Error> {
        let mut missing = BTreeSet::new();
        for text in texts {
            missing.extend(
                text.chars()
                    .filter(|c| *c != '\n' && *c != '\r' && self.glyph(*c).is_none()),
            );
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(innermost::Error::InvalidInput {
                field: "fonts",
                reason: uncovered_reason(self, missing.len()),
            })
        }
    }

    /// Width of `glyphs` at `size`, in points.
    pub(crate) fn width(glyphs: &[Glyph], size: f64) -> f64 {
        glyphs.iter().map(|g| f64::from(g.advance)).sum::<f64>() * size / 1000.0
    }
}

/// Glyphs drawn so far, per font: glyph code to the character it drew.
///
/// When two characters share a glyph (a space and a no-break space often do), the first
/// one drawn is what copying the text gives back.
#[derive(Debug, Default, Clone)]
pub(crate) struct UsedGlyphs {
    by_font: BTreeMap<usize, BTreeMap<u16, char>>,
}

impl UsedGlyphs {
    /// Records that `glyphs` were drawn.
    pub(crate) fn record(&mut self, glyphs: &[Glyph]) {
        for glyph in glyphs {
            self.by_font
                .entry(glyph.font)
                .or_default()
                .entry(glyph.code)
                .or_insert(glyph.ch);
        }
    }

    /// Fonts with at least one glyph drawn, and their glyphs, in font order.
    pub(crate) fn fonts(&self) -> impl Iterator<Item = (usize, &BTreeMap<u16, char>)> {
        self.by_font.iter().map(|(font, glyphs)| (*font, glyphs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::sfnt::tests::dejavu;

    #[test]
    fn the_standard_font_draws_winansi_and_refuses_the_rest_without_naming_it() {
        let chain = FontChain::Standard;
        assert_eq!(chain.shape("Café “ok”").unwrap().len(), 9);
        let error = chain.shape("Αθήνα").unwrap_err();
        let innermost::Error::InvalidInput { field, reason } = error else {
            panic!("{error:?}")
        };
        assert_eq!(field, "fonts");
        assert!(reason.starts_with("5 different characters"), "{reason}");
        assert!(!reason.contains('Α') && !reason.contains('θ'));
    }

    #[test]
    fn a_tab_is_drawn_as_a_space() {
        let glyphs = FontChain::Standard.shape("a\tb").unwrap();
        assert_eq!(glyphs[1].ch, ' ');
        assert!(glyphs[1].is_space());
    }

    #[test]
    fn coverage_counts_distinct_missing_characters_across_all_texts_and_ignores_line_breaks() {
        let error = FontChain::Standard
            .check_coverage(["ok\r\nα", "αβ", "fine"])
            .unwrap_err();
        let innermost::Error::InvalidInput { reason, .. } = error else {
            panic!()
        };
        assert!(reason.starts_with("2 different characters"), "{reason}");
        assert!(
            FontChain::Standard
                .check_coverage(["line\nbreaks\rare layout"])
                .is_ok()
        );
    }

    #[test]
    fn a_character_comes_from_the_first_font_that_has_it() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let chain = FontChain::Files(vec![font.clone(), font]);
        let glyphs = chain.shape("Aα→").unwrap();
        assert!(glyphs.iter().all(|g| g.font == 0));
        assert!(chain.shape("\u{E000}").is_err());
    }

    #[test]
    fn the_first_drawing_of_a_glyph_names_its_character() {
        let mut used = UsedGlyphs::default();
        used.record(&[
            Glyph {
                ch: ' ',
                font: 0,
                code: 3,
                advance: 1,
            },
            Glyph {
                ch: '\u{A0}',
                font: 0,
                code: 3,
                advance: 1,
            },
        ]);
        let (font, glyphs) = used.fonts().next().unwrap();
        assert_eq!((font, glyphs.get(&3)), (0, Some(&' ')));
    }
}
