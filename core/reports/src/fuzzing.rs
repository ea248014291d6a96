//! The entry point of the `pdf_font` fuzz target (`fuzz/`) and of the stable fuzz smoke
//! test (`core/reports/tests/fuzz_smoke.rs`): arbitrary bytes given as a font file, read,
//! and when accepted, subset and embedded in a one-page PDF. Must return (with any error)
//! without panicking. Compiled only with the `test-support` feature; never part of an app.
//!
//! A font is the one input of a report that comes from outside the vault: a shell passes
//! the system's font files, which a damaged or hostile file could replace. Everything the
//! writer does with one runs here: the table directory or collection header, the character
//! map, metrics, the TrueType glyph closure and subset, the CFF structure, its charstrings
//! and subroutines, and the font objects.

use crate::layout::{Block, Document};
use crate::pdf::{PdfFonts, write_pdf};

/// Characters tried against the font: Latin with accents, Greek, Cyrillic, arrows, CJK
/// and Hangul, so both small and large fonts have some to draw.
const CANDIDATES: &str = "Aa Zz 09 .,;:!? éÅß ΩЖ → 中文日本語 한국어";

/// Reads `data` as a font file and, when it is accepted, draws the candidate characters it
/// covers into a PDF.
pub fn pdf_font(data: &[u8]) {
    let Ok(fonts) = PdfFonts::from_files(vec![data.to_vec()]) else {
        return;
    };
    let drawn: String = CANDIDATES.chars().filter(|c| fonts.covers(*c)).collect();
    let document = Document {
        title: String::new(),
        blocks: vec![
            Block::Heading {
                level: 2,
                text: drawn.clone(),
            },
            Block::Paragraph(drawn),
        ],
    };
    let _ = write_pdf(&document, &fonts);
}
