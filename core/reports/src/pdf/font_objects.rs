//! The PDF objects that describe fonts: the standard Helvetica dictionary, and for an
//! embedded font the Type0 font, its CIDFont with `/W` widths, the font descriptor, the
//! font file (a TrueType subset, a CID-keyed CFF subset as a bare `CFF ` table
//! (`/CIDFontType0C`), or a name-keyed CFF subset in an OpenType file) and the `/ToUnicode` map that
//! makes the text copyable and searchable.
//!
//! Owns: those dictionaries and the CMap text. Does not decide which glyphs are used
//! (`glyphs` records that while pages are drawn) and does not cut fonts (`subset` and
//! `cff` do).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::helvetica;
use super::objects::{PdfFile, fnv1a, number};
use super::sfnt::{FontFile, Outlines};
use super::subset::{subset_bare_cff, subset_cff, subset_truetype};

/// Writes the standard Helvetica font with WinAnsiEncoding as object `id`, widths
/// included (viewers may not need them, but then none has to guess).
pub(crate) fn write_standard_font(file: &mut PdfFile, id: u32) {
    let widths: Vec<String> = helvetica::WIDTHS_FROM_32
        .iter()
        .map(u16::to_string)
        .collect();
    file.object(
        id,
        &format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [{}] >>",
            widths.join(" ")
        ),
    );
}

/// Writes `font` as a Type0 font (object `id`) drawing the glyphs in `used` (glyph id to
/// the character it stands for), with the objects it needs after it.
pub(crate) fn write_embedded_font(
    file: &mut PdfFile,
    id: u32,
    font: &FontFile,
    used: &BTreeMap<u16, char>,
) -> Result<(), innermost::Error> {
    let refused = |reason: &'static str| innermost::Error::InvalidInput {
        field: "fonts",
        reason: reason.to_owned(),
    };
    let (program, program_entries, cid_subtype, base_font) = match font.outlines {
        Outlines::TrueType { .. } => {
            let glyphs = used.keys().copied().collect();
            let program = subset_truetype(font, &glyphs).map_err(refused)?;
            let entries = format!("/Length1 {}", program.len());
            (
                program,
                entries,
                "/CIDFontType2 /CIDToGIDMap /Identity",
                format!("{}+{}", subset_tag(used), base_name(font)),
            )
        }
        Outlines::Cff(ref cff) => {
            let glyphs = used.keys().copied().collect();
            // A CID-keyed font's CFF data can go bare (PDF 1.3); a name-keyed one must be
            // wrapped (PDF 1.6), since `/CIDFontType0C` wants CID-keyed data.
            let (program, subtype) = if cff.is_cid_keyed() {
                (subset_bare_cff(font, &glyphs), "/Subtype /CIDFontType0C")
            } else {
                (subset_cff(font, &glyphs), "/Subtype /OpenType")
            };
            (
                program.map_err(refused)?,
                subtype.to_owned(),
                "/CIDFontType0",
                format!("{}+{}", subset_tag(used), base_name(font)),
            )
        }
    };
    let (cid_font, descriptor, program_id, to_unicode) = (
        file.reserve(),
        file.reserve(),
        file.reserve(),
        file.reserve(),
    );
    file.object(
        id,
        &format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{base_font} /Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
        ),
    );
    file.object(
        cid_font,
        &format!(
            "<< /Type /Font /Subtype {cid_subtype} /BaseFont /{base_font} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{}] >>",
            widths(font, used)
        ),
    );
    let scale = |units: i16| number(f64::from(font.per_mille(i32::from(units))));
    let [x_min, y_min, x_max, y_max] = font.bbox;
    let file_key = if matches!(font.outlines, Outlines::Cff(_)) {
        "FontFile3"
    } else {
        "FontFile2"
    };
    file.object(
        descriptor,
        &format!(
            "<< /Type /FontDescriptor /FontName /{base_font} /Flags {} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} /CapHeight {} /StemV 80 /{file_key} {program_id} 0 R >>",
            if font.fixed_pitch { 5 } else { 4 },
            scale(x_min),
            scale(y_min),
            scale(x_max),
            scale(y_max),
            number(font.italic_angle),
            scale(font.ascent),
            scale(font.descent),
            scale(font.cap_height),
        ),
    );
    file.stream(program_id, &program_entries, &program);
    file.stream(to_unicode, "", to_unicode_cmap(used).as_bytes());
    Ok(())
}

/// The font's PostScript name, or a neutral one when it has none.
fn base_name(font: &FontFile) -> String {
    if font.postscript_name.is_empty() {
        "EmbeddedFont".to_owned()
    } else {
        font.postscript_name.clone()
    }
}

/// Six capital letters that name a subset (PDF 1.7 §9.6.4), derived from the glyphs it
/// holds so the same glyphs always give the same tag.
fn subset_tag(used: &BTreeMap<u16, char>) -> String {
    let ids: Vec<u8> = used.keys().flat_map(|g| g.to_be_bytes()).collect();
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, &ids);
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

/// The `/W` array: the advance of each used glyph, consecutive glyph ids grouped.
fn widths(font: &FontFile, used: &BTreeMap<u16, char>) -> String {
    let mut out = String::new();
    let mut previous: Option<u16> = None;
    for glyph in used.keys().copied() {
        if previous.is_some_and(|p| p.checked_add(1) == Some(glyph)) {
            out.push(' ');
        } else {
            if previous.is_some() {
                out.push_str("] ");
            }
            let _ = write!(out, "{glyph} [");
        }
        let _ = write!(out, "{}", font.advance_per_mille(glyph));
        previous = Some(glyph);
    }
    if previous.is_some() {
        out.push(']');
    }
    out
}

/// The `/ToUnicode` CMap: each used glyph id to the UTF-16 of its character.
pub(crate) fn to_unicode_cmap(used: &BTreeMap<u16, char>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = used.iter().collect();
    // A bfchar section holds at most 100 entries.
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (glyph, ch) in chunk {
            let mut units = [0u16; 2];
            let utf16: String = ch
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(out, "<{glyph:04X}> <{utf16}>");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_to_unicode_map_has_every_glyph_and_uses_surrogate_pairs_beyond_the_bmp() {
        let used = BTreeMap::from([(3, 'A'), (70, 'ж'), (900, '😀')]);
        let cmap = to_unicode_cmap(&used);
        assert!(
            cmap.contains(
                "3 beginbfchar\n<0003> <0041>\n<0046> <0436>\n<0384> <D83DDE00>\nendbfchar"
            ),
            "{cmap}"
        );
    }

    #[test]
    fn the_to_unicode_map_is_split_into_sections_of_at_most_100() {
        let used: BTreeMap<u16, char> = (1..=250).map(|g| (g, 'a')).collect();
        let cmap = to_unicode_cmap(&used);
        assert_eq!(cmap.matches("beginbfchar").count(), 3);
        assert!(cmap.contains("50 beginbfchar"));
    }

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_glyphs() {
        let a = subset_tag(&BTreeMap::from([(1, 'a')]));
        let b = subset_tag(&BTreeMap::from([(2, 'b')]));
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_ne!(a, b);
        assert_eq!(a, subset_tag(&BTreeMap::from([(1, 'a')])));
    }
}
