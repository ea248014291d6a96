//! # The PDF writer
//!
//! Draws a [`Document`] as a PDF 1.7 file: A4 pages, real text (searchable and copyable),
//! charts as vector graphics, and every character the person wrote. A character no font
//! can draw is refused with [`innermost::Error::InvalidInput`] (`field: "fonts"`), never
//! dropped; the reason counts such characters and never shows them.
//!
//! What this module owns: the public entry points ([`PdfFonts`], [`write_pdf`]), checking
//! the document's shape, and putting the file's objects together. Each concern lives in a
//! submodule of its own:
//!
//! ```text
//!   sfnt ─ reads font files        helvetica ─ the standard font's codes and widths
//!   glyphs ─ characters to glyphs (fallback chain, coverage)
//!   wrap ─ line breaking           compose ─ pages, headings, paragraphs, lists, notes
//!   table ─ tables                 chart ─ charts
//!   content ─ content stream operators
//!   subset ─ font subsets (sfnt)   cff ─ CFF outlines: structure and subsets
//!   charstring ─ which CFF subroutines the drawn glyphs call
//!   font_objects ─ font dictionaries, /W, /ToUnicode
//!   objects ─ PDF syntax, cross-reference table, trailer
//! ```
//!
//! What it does not do: shaping (right-to-left and complex scripts are drawn in logical
//! order, one glyph per character), hyphenation, compression (streams are stored as they
//! are, which keeps the writer small and the output reproducible), or writing files.
//!
//! Same document and fonts, same bytes: no dates, no random identifiers (the trailer's
//! `/ID` is derived from the content).

mod cff;
mod charstring;
mod chart;
mod compose;
mod content;
mod font_objects;
mod glyphs;
mod helvetica;
mod objects;
mod sfnt;
mod subset;
mod table;
mod wrap;

use std::fmt;

use crate::layout::{Block, ChartKind, Document};
use glyphs::FontChain;
use objects::PdfFile;

/// Fonts the PDF may embed, in order of preference; a character is drawn with the first
/// font that has a glyph for it.
#[derive(Clone)]
pub struct PdfFonts {
    chain: FontChain,
}

impl fmt::Debug for PdfFonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.chain {
            FontChain::Standard => f.write_str("PdfFonts::standard()"),
            FontChain::Files(files) => write!(f, "PdfFonts {{ files: {} }}", files.len()),
        }
    }
}

impl PdfFonts {
    /// No embedded font: the PDF uses the standard Helvetica (WinAnsi) and refuses text
    /// outside it.
    pub fn standard() -> PdfFonts {
        PdfFonts {
            chain: FontChain::Standard,
        }
    }

    /// Whether a font given draws `c` (the standard font: whether WinAnsi has it). A shell
    /// can check a person's text before rendering and suggest which font to add.
    pub fn covers(&self, c: char) -> bool {
        self.chain.glyph(c).is_some()
    }

    /// Parses TrueType/OpenType files (bytes) given in order of preference. Refuses a file
    /// that is not a usable font: not a font, damaged, CFF2, or one whose licence forbids
    /// embedding, or a CFF font whose `CFF ` table cannot be read. Every font is subset
    /// when drawn: only the glyphs the report uses keep their outlines (TrueType `glyf`
    /// outlines or CFF charstrings; CFF subroutines are kept whole).
    ///
    /// A font collection (`.ttc`/`.otc`) contributes its first face only (for a system
    /// CJK collection, the face the collection lists first, often Japanese or Simplified
    /// Chinese); an app that wants another face, such as a regional variant, gives a
    /// single-face file for it.
    pub fn from_files(files: Vec<Vec<u8>>) -> Result<PdfFonts, innermost::Error> {
        if files.is_empty() {
            return Err(fonts_refused(
                "no font file was given (use the standard font instead)".to_owned(),
            ));
        }
        let count = files.len();
        let parsed = files
            .into_iter()
            .enumerate()
            .map(|(index, bytes)| {
                sfnt::FontFile::parse(bytes).map_err(|reason| {
                    fonts_refused(format!("font file {} of {count}: {reason}", index + 1))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PdfFonts {
            chain: FontChain::Files(parsed),
        })
    }
}

fn fonts_refused(reason: String) -> innermost::Error {
    innermost::Error::InvalidInput {
        field: "fonts",
        reason,
    }
}

fn document_refused(reason: String) -> innermost::Error {
    innermost::Error::InvalidInput {
        field: "document",
        reason,
    }
}

/// Draws a document as a PDF. Same document and fonts -> same bytes.
///
/// Refuses (`InvalidInput`) a document with a character no font has (`field: "fonts"`)
/// or of the wrong shape (`field: "document"`: a table row with a different number of
/// cells than columns, a chart series with a different number of values than x labels,
/// a chart whose y range is empty or not finite).
pub fn write_pdf(document: &Document, fonts: &PdfFonts) -> Result<Vec<u8>, innermost::Error> {
    check_shape(document)?;
    // Besides the person's text, the page numbers and the charts' tick values are drawn.
    fonts
        .chain
        .check_coverage(texts(document).chain(["0123456789 /-."]))?;
    let (pages, used) = compose::compose(document, &fonts.chain)?;

    let mut file = PdfFile::new();
    let (catalog, page_tree, info, resources) = (
        file.reserve(),
        file.reserve(),
        file.reserve(),
        file.reserve(),
    );
    let page_ids: Vec<(u32, u32)> = pages
        .iter()
        .map(|_| (file.reserve(), file.reserve()))
        .collect();
    let font_ids: Vec<(usize, u32)> = used
        .fonts()
        .map(|(font, _)| (font, file.reserve()))
        .collect();

    file.object(catalog, &format!("<< /Type /Catalog /Pages {page_tree} 0 R /ViewerPreferences << /DisplayDocTitle true >> >>"));
    let kids: Vec<String> = page_ids
        .iter()
        .map(|(page, _)| format!("{page} 0 R"))
        .collect();
    file.object(
        page_tree,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            page_ids.len()
        ),
    );
    file.object(
        info,
        &format!(
            "<< /Title {} /Producer (Innermost) >>",
            objects::text_string(&document.title)
        ),
    );
    let font_entries: Vec<String> = font_ids
        .iter()
        .map(|(font, id)| format!("/F{} {id} 0 R", font + 1))
        .collect();
    file.object(
        resources,
        &format!(
            "<< /Font << {} >> /ProcSet [/PDF /Text] >>",
            font_entries.join(" ")
        ),
    );
    let media_box = format!(
        "[0 0 {} {}]",
        objects::number(compose::PAGE_WIDTH),
        objects::number(compose::PAGE_HEIGHT)
    );
    for ((page, contents), stream) in page_ids.iter().zip(&pages) {
        file.object(*page, &format!("<< /Type /Page /Parent {page_tree} 0 R /MediaBox {media_box} /Resources {resources} 0 R /Contents {contents} 0 R >>"));
        file.stream(*contents, "", stream);
    }
    for ((font, id), (_, glyphs)) in font_ids.iter().zip(used.fonts()) {
        match &fonts.chain {
            FontChain::Standard => font_objects::write_standard_font(&mut file, *id),
            FontChain::Files(files) => {
                let file_font = files.get(*font).ok_or(innermost::Error::Internal(
                    "a used font is not in the chain",
                ))?;
                font_objects::write_embedded_font(&mut file, *id, file_font, glyphs)?;
            }
        }
    }
    file.finish(catalog, info)
}

/// Every string of the document that is drawn.
fn texts(document: &Document) -> impl Iterator<Item = &str> {
    document.blocks.iter().flat_map(|block| -> Vec<&str> {
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) | Block::Note(text) => vec![text],
            Block::List(items) => items.iter().map(String::as_str).collect(),
            Block::Table(table) => table
                .columns
                .iter()
                .chain(table.rows.iter().flatten())
                .map(String::as_str)
                .collect(),
            Block::Chart(chart) => [&chart.title, &chart.y_label]
                .into_iter()
                .chain(&chart.x_labels)
                .chain(chart.series.iter().map(|s| &s.name))
                .map(String::as_str)
                .collect(),
            Block::PageBreak => vec![],
        }
    })
}

/// Refuses tables and charts whose parts do not line up (drawing them would have to drop
/// or invent cells or values).
fn check_shape(document: &Document) -> Result<(), innermost::Error> {
    for block in &document.blocks {
        match block {
            Block::Table(table) => {
                if let Some(row) = table
                    .rows
                    .iter()
                    .find(|row| row.len() != table.columns.len())
                {
                    return Err(document_refused(format!(
                        "a table row has {} cells for {} columns",
                        row.len(),
                        table.columns.len()
                    )));
                }
            }
            Block::Chart(chart) => {
                if !(chart.y_min.is_finite()
                    && chart.y_max.is_finite()
                    && chart.y_max > chart.y_min)
                {
                    return Err(document_refused(
                        "a chart's y range is empty or not finite".to_owned(),
                    ));
                }
                if let Some(series) = chart
                    .series
                    .iter()
                    .find(|s| s.values.len() != chart.x_labels.len())
                {
                    return Err(document_refused(format!(
                        "a {} chart's series has {} values for {} x labels",
                        if chart.kind == ChartKind::Line {
                            "line"
                        } else {
                            "bar"
                        },
                        series.values.len(),
                        chart.x_labels.len()
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Block;

    /// A CFF-flavoured OpenType file made from DejaVu Sans' metrics, character map and
    /// names with a `CFF ` table from the test builder ([`cff::tests::build`]), one
    /// charstring per DejaVu glyph: enough to check how such a font is cut and embedded
    /// (the outlines are simple strokes, not letters).
    fn stand_in_cff_font(cid_keyed: bool) -> Option<Vec<u8>> {
        let dejavu = sfnt::tests::dejavu()?;
        let cff = cff::tests::build(dejavu.glyph_count, cid_keyed);
        let mut tables: Vec<([u8; 4], Vec<u8>)> = [
            b"cmap", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"post",
        ]
        .into_iter()
        .filter_map(|tag| Some((*tag, dejavu.table(tag)?.to_vec())))
        .collect();
        tables.push((*b"CFF ", cff));
        tables.sort_by_key(|(tag, _)| *tag);
        Some(subset::write_sfnt(subset::OPENTYPE_CFF, tables))
    }

    /// Table `tag` of a font file (empty when the file has none).
    fn sfnt_table<'a>(file: &'a [u8], tag: &[u8; 4]) -> &'a [u8] {
        let count = usize::from(sfnt::u16_at(file, 4).unwrap());
        (0..count)
            .map(|i| 12 + 16 * i)
            .find(|record| &file[*record..*record + 4] == tag)
            .map_or(&[], |record| {
                let offset = sfnt::u32_at(file, record + 8).unwrap() as usize;
                let length = sfnt::u32_at(file, record + 12).unwrap() as usize;
                assert_eq!(
                    sfnt::u32_at(file, record + 4).unwrap(),
                    subset::checksum(&file[offset..offset + length])
                );
                &file[offset..offset + length]
            })
    }

    /// The stream of the object holding the font program (`/FontFile3`).
    fn font_program(pdf: &[u8]) -> Vec<u8> {
        let find = |needle: &[u8], from: usize| {
            from + pdf[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .unwrap()
        };
        let number_at = |at: usize| -> usize {
            let digits: Vec<u8> = pdf[at..]
                .iter()
                .copied()
                .take_while(u8::is_ascii_digit)
                .collect();
            String::from_utf8(digits).unwrap().parse().unwrap()
        };
        let id = number_at(find(b"/FontFile3 ", 0) + "/FontFile3 ".len());
        let object = find(format!("\n{id} 0 obj\n").as_bytes(), 0);
        let length = number_at(find(b"/Length ", object) + "/Length ".len());
        let stream = find(b"stream\n", object) + "stream\n".len();
        pdf[stream..stream + length].to_vec()
    }

    /// A PDF of "Ζ ok" in `font`, and that font's `FontFile3` stream.
    fn cff_pdf(font: &[u8]) -> (String, Vec<u8>) {
        let fonts = PdfFonts::from_files(vec![font.to_vec()]).unwrap();
        let document = Document {
            title: String::new(),
            blocks: vec![Block::Paragraph("Ζ ok".into())],
        };
        let pdf = write_pdf(&document, &fonts).unwrap();
        (
            String::from_utf8_lossy(&pdf).into_owned(),
            font_program(&pdf),
        )
    }

    /// Checks a cut `CFF ` table against the font it was cut from: smaller, the same
    /// keying, the text's glyphs and glyph 0 keep their charstrings, glyphs never drawn
    /// are `endchar` (name-keyed, ids kept) or gone (CID-keyed, where glyph `g` of the
    /// subset is the original glyph its CID names).
    fn check_cut_cff(original: &sfnt::FontFile, table_after: &[u8], cid_keyed: bool) {
        let after = cff::Cff::parse(table_after, cff::tests::glyphs_in(table_after)).unwrap();
        let sfnt::Outlines::Cff(before) = &original.outlines else {
            panic!("CFF outlines expected");
        };
        assert_eq!(after.is_cid_keyed(), cid_keyed);
        let table_before = original.table(b"CFF ").unwrap();
        assert!(
            table_after.len() * 2 < table_before.len(),
            "{} of {}",
            table_after.len(),
            table_before.len()
        );
        let glyph = |c| original.glyph_for(c).unwrap();
        let (kept, emptied) = (
            [0, glyph('Ζ'), glyph('o'), glyph('k')],
            [glyph('x'), glyph('Q'), glyph('ж')],
        );
        if cid_keyed {
            let cids = after.cids(table_after);
            // Glyph 0 and the page's glyphs (the text, the page number), in order.
            assert!(cids.is_sorted() && cids.first() == Some(&0));
            assert!(kept.iter().all(|g| cids.contains(&usize::from(*g))));
            assert!(emptied.iter().all(|g| !cids.contains(&usize::from(*g))));
            assert!(cids.len() < 10);
            for (new, old) in cids.iter().enumerate() {
                assert_eq!(
                    after.charstring(table_after, new as u16).unwrap(),
                    before.charstring(table_before, *old as u16).unwrap()
                );
            }
            return;
        }
        assert_eq!(after.glyph_count(), usize::from(original.glyph_count));
        for glyph in 0..original.glyph_count {
            let (old, new) = (
                before.charstring(table_before, glyph).unwrap(),
                after.charstring(table_after, glyph).unwrap(),
            );
            if kept.contains(&glyph) {
                assert_eq!(new, old);
            } else if emptied.contains(&glyph) {
                assert_eq!(new, [14]);
            } else {
                assert!(new == old || new == [14]);
            }
        }
    }

    #[test]
    fn a_name_keyed_cff_font_is_subset_as_an_opentype_font_file() {
        let Some(font) = stand_in_cff_font(false) else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let (text, program) = cff_pdf(&font);
        assert!(text.contains("/Subtype /CIDFontType0 "), "CIDFontType0");
        assert!(text.contains("/FontFile3 ") && text.contains("/Subtype /OpenType"));
        assert!(!text.contains("/CIDFontType0C"));
        assert!(!text.contains("/CIDToGIDMap"));

        let original = sfnt::FontFile::parse(font.clone()).unwrap();
        assert_eq!(&program[..4], b"OTTO");
        assert_eq!(subset::checksum(&program), 0xB1B0_AFBA);
        let maxp = sfnt_table(&program, b"maxp");
        assert_eq!(sfnt::u16_at(maxp, 4), Some(original.glyph_count));
        assert!(sfnt_table(&program, b"cmap").is_empty(), "no character map");
        check_cut_cff(&original, sfnt_table(&program, b"CFF "), false);
    }

    #[test]
    fn a_cid_keyed_cff_font_is_subset_as_a_bare_cff_table() {
        let Some(font) = stand_in_cff_font(true) else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let (text, program) = cff_pdf(&font);
        assert!(text.contains("/Subtype /CIDFontType0 "), "CIDFontType0");
        assert!(text.contains("/FontFile3 ") && text.contains("/Subtype /CIDFontType0C"));
        assert!(!text.contains("/Subtype /OpenType"));
        assert!(!text.contains("/CIDToGIDMap"));
        // CFF version 1 header, not an sfnt: no `hmtx` or any other table beside it.
        assert_eq!(program[..2], [1, 0]);
        let original = sfnt::FontFile::parse(font.clone()).unwrap();
        check_cut_cff(&original, &program, true);
    }

    #[test]
    fn a_damaged_cff_table_is_refused_when_the_fonts_are_given() {
        let Some(mut font) = stand_in_cff_font(true) else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let parsed = sfnt::FontFile::parse(font.clone()).unwrap();
        let cff_at = font
            .windows(parsed.table(b"CFF ").unwrap().len())
            .position(|w| w == parsed.table(b"CFF ").unwrap())
            .unwrap();
        font[cff_at] = 2; // CFF major version 2 in a `CFF ` table
        let error = PdfFonts::from_files(vec![font]).unwrap_err();
        assert!(
            matches!(
                &error,
                innermost::Error::InvalidInput { field: "fonts", reason }
                    if reason == "font file 1 of 1: the font's CFF table is not CFF version 1"
            ),
            "{error:?}"
        );
    }

    #[test]
    fn a_font_without_outlines_is_refused() {
        let Some(mut font) = stand_in_cff_font(false) else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        font[..4].copy_from_slice(&[0, 1, 0, 0]);
        let error = PdfFonts::from_files(vec![font]).unwrap_err();
        assert!(
            matches!(error, innermost::Error::InvalidInput { field: "fonts", .. }),
            "{error:?}"
        );
    }

    #[test]
    fn a_collection_draws_exactly_as_its_first_face_given_alone() {
        let (Ok(regular), Ok(bold)) = (
            std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ) else {
            return eprintln!("note: DejaVu Sans (regular and bold) absent, test skipped");
        };
        let document = Document {
            title: "Collection".into(),
            blocks: vec![Block::Paragraph("Café, Καλημέρα, Привет → ok".into())],
        };
        let draw = |font: Vec<u8>| write_pdf(&document, &PdfFonts::from_files(vec![font]).unwrap());
        let collection = sfnt::tests::collection(&[&regular, &bold]);
        assert_eq!(draw(collection).unwrap(), draw(regular).unwrap());
    }

    #[test]
    fn the_debug_form_shows_no_font_bytes() {
        assert_eq!(
            format!("{:?}", PdfFonts::standard()),
            "PdfFonts::standard()"
        );
    }
}
