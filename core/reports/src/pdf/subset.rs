//! Cutting a font down to the glyphs a report uses, so the PDF does not carry a whole
//! font, and writing font files (sfnt) from tables.
//!
//! Owns: for TrueType outlines, the closure over composite glyphs, the rebuilt
//! `glyf`/`loca`/`hmtx` and the tables kept; for CFF outlines, the form of the font file
//! (a CID-keyed font's cut `CFF ` table goes bare, a name-keyed font's in an OpenType
//! file) and which tables go beside the cut `CFF ` table (the cutting itself is
//! [`super::cff`]'s); and for both, the sfnt
//! directory and checksums ([`write_sfnt`], also used to lift a face out of a collection).
//! The PDF draws by the original glyph id: a TrueType or name-keyed CFF subset keeps the
//! numbering, unused glyphs left with an empty outline (a TrueType subset also cuts off
//! the glyphs after the last one used); a CID-keyed CFF subset keeps only the glyphs
//! drawn and maps each one's original id to it through its charset (see
//! [`super::cff`]). Does not read character maps (`sfnt` does).

use std::collections::BTreeSet;

use super::sfnt::{FontFile, Outlines, u16_at};

/// Composite glyph flags (OpenType `glyf` specification).
const ARGS_ARE_WORDS: u16 = 0x0001;
const HAS_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAS_X_AND_Y_SCALE: u16 = 0x0040;
const HAS_TWO_BY_TWO: u16 = 0x0080;

/// The tables a PDF viewer needs to draw a TrueType font by glyph id (PDF 1.7 §9.9):
/// no `cmap`, `name`, `OS/2` or `post`, since the PDF itself says which glyph to draw.
const KEPT_AS_THEY_ARE: [&[u8; 4]; 3] = [b"cvt ", b"fpgm", b"prep"];

/// `used` plus glyph 0 and every component the composite glyphs among them draw.
pub(crate) fn glyph_closure(
    font: &FontFile,
    used: &BTreeSet<u16>,
) -> Result<BTreeSet<u16>, &'static str> {
    let mut kept: BTreeSet<u16> = BTreeSet::from([0]);
    let mut pending: Vec<u16> = used.iter().copied().collect();
    pending.push(0);
    while let Some(glyph) = pending.pop() {
        kept.insert(glyph);
        for component in components(
            font.glyph_outline(glyph)
                .ok_or("a glyph lies outside the font")?,
        )? {
            if component >= font.glyph_count {
                return Err("a composite glyph refers to a glyph the font does not have");
            }
            if !kept.contains(&component) {
                pending.push(component);
            }
        }
    }
    Ok(kept)
}

/// The glyph ids a composite glyph's outline draws (none for a simple glyph).
fn components(outline: &[u8]) -> Result<Vec<u16>, &'static str> {
    let damaged = "a composite glyph is cut short";
    let mut found = Vec::new();
    if outline.len() < 10 || (u16_at(outline, 0).ok_or(damaged)? as i16) >= 0 {
        return Ok(found);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(outline, at).ok_or(damaged)?;
        found.push(u16_at(outline, at + 2).ok_or(damaged)?);
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAS_SCALE != 0 {
            2
        } else if flags & HAS_X_AND_Y_SCALE != 0 {
            4
        } else if flags & HAS_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 || found.len() > 1024 {
            return Ok(found);
        }
    }
}

/// A TrueType font file with only the outlines of `used` (and what they need), glyph ids
/// unchanged.
pub(crate) fn subset_truetype(
    font: &FontFile,
    used: &BTreeSet<u16>,
) -> Result<Vec<u8>, &'static str> {
    let kept = glyph_closure(font, used)?;
    let last = kept.last().copied().unwrap_or(0);
    let count = last + 1;

    let mut glyf = Vec::new();
    let mut loca = Vec::with_capacity(4 * (usize::from(count) + 1));
    for glyph in 0..count {
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        if kept.contains(&glyph) {
            glyf.extend_from_slice(
                font.glyph_outline(glyph)
                    .ok_or("a glyph lies outside the font")?,
            );
            glyf.resize(glyf.len().next_multiple_of(4), 0);
        }
    }
    loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());

    let (hmtx_old, full_old) = font.horizontal_metrics();
    let full = full_old.min(count);
    let mut hmtx = Vec::with_capacity(4 * usize::from(count));
    hmtx.extend_from_slice(
        hmtx_old
            .get(..4 * usize::from(full))
            .ok_or("the font's horizontal metrics are cut short")?,
    );
    for glyph in full..count {
        // Glyphs after the last full record have a left side bearing only.
        let at = 4 * usize::from(full_old) + 2 * usize::from(glyph - full_old);
        hmtx.extend_from_slice(hmtx_old.get(at..at + 2).unwrap_or(&[0, 0]));
    }

    let short = "a font table is too short";
    let mut head = font.table(b"head").ok_or(short)?.to_vec();
    let mut hhea = font.table(b"hhea").ok_or(short)?.to_vec();
    let mut maxp = font.table(b"maxp").ok_or(short)?.to_vec();
    put_u32(&mut head, 8, 0).ok_or(short)?; // checkSumAdjustment, set below
    put_u16(&mut head, 50, 1).ok_or(short)?; // indexToLocFormat: long offsets
    put_u16(&mut hhea, 34, full).ok_or(short)?;
    put_u16(&mut maxp, 4, count).ok_or(short)?;

    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"glyf", glyf),
        (*b"head", head),
        (*b"hhea", hhea),
        (*b"hmtx", hmtx),
        (*b"loca", loca),
        (*b"maxp", maxp),
    ];
    for tag in KEPT_AS_THEY_ARE {
        if let Some(table) = font.table(tag) {
            tables.push((*tag, table.to_vec()));
        }
    }
    tables.sort_by_key(|(tag, _)| *tag);
    Ok(write_sfnt(TRUETYPE, tables))
}

/// The sfnt version of a TrueType-outline font file.
pub(crate) const TRUETYPE: u32 = 0x0001_0000;

/// The sfnt version of a CFF-outline OpenType font file: `OTTO`.
pub(crate) const OPENTYPE_CFF: u32 = 0x4F54_544F;

/// The tables kept beside the cut `CFF ` table: those a viewer reads to draw a
/// CFF-outline OpenType font by glyph id and to describe it. The character map and the
/// layout tables (`GSUB`, `GPOS`, vertical metrics...) are dropped: the PDF says which
/// glyph to draw and where, and in a CJK font they weigh hundreds of kilobytes.
const KEPT_BESIDE_CFF: [&[u8; 4]; 7] = [
    b"OS/2", b"head", b"hhea", b"hmtx", b"maxp", b"name", b"post",
];

/// The cut `CFF ` table alone, for a CID-keyed font: what a PDF embeds as
/// `/FontFile3 /Subtype /CIDFontType0C` (PDF 1.7 §9.9), no OpenType wrapper and so no
/// `hmtx` (the PDF's `/W` array gives the widths). A name-keyed font cannot go in this
/// form (the PDF wants CID-keyed data there) and takes [`subset_cff`].
pub(crate) fn subset_bare_cff(
    font: &FontFile,
    used: &BTreeSet<u16>,
) -> Result<Vec<u8>, &'static str> {
    let Outlines::Cff(cff) = &font.outlines else {
        return Err("the font has no CFF outlines");
    };
    if !cff.is_cid_keyed() {
        return Err("the font's CFF outlines are not CID-keyed");
    }
    let table = font
        .table(b"CFF ")
        .ok_or("the OpenType font has no `CFF ` table")?;
    cff.subset(table, used)
}

/// A CFF-outline OpenType file where only the glyphs in `used` (and glyph 0) keep their
/// charstrings, glyph ids unchanged (see [`super::cff`]).
pub(crate) fn subset_cff(font: &FontFile, used: &BTreeSet<u16>) -> Result<Vec<u8>, &'static str> {
    let Outlines::Cff(cff) = &font.outlines else {
        return Err("the font has no CFF outlines");
    };
    let table = font
        .table(b"CFF ")
        .ok_or("the OpenType font has no `CFF ` table")?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![(*b"CFF ", cff.subset(table, used)?)];
    for tag in KEPT_BESIDE_CFF {
        if let Some(table) = font.table(tag) {
            tables.push((*tag, table.to_vec()));
        }
    }
    if let Some((_, head)) = tables.iter_mut().find(|(tag, _)| tag == b"head") {
        put_u32(head, 8, 0).ok_or("a font table is too short")?; // checkSumAdjustment
    }
    tables.sort_by_key(|(tag, _)| *tag);
    Ok(write_sfnt(OPENTYPE_CFF, tables))
}

/// Writes a font file of the given sfnt version (`flavour`, [`TRUETYPE`] or
/// [`OPENTYPE_CFF`]) from its tables (sorted by tag): directory, checksums, 4-byte
/// alignment and the `head` table's whole-file checksum adjustment.
pub(crate) fn write_sfnt(flavour: u32, tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    // Callers never pass more than a few hundred tables (`sfnt` refuses more); the
    // arithmetic is done wide and saturating so no count can overflow it anyway.
    let count = u32::try_from(tables.len()).unwrap_or(u32::MAX);
    let entry_selector = 31 - count.max(1).leading_zeros();
    let search_range = 16u32.saturating_mul(1 << entry_selector.min(16));
    let range_shift = count.saturating_mul(16).saturating_sub(search_range);
    let mut out = Vec::new();
    out.extend_from_slice(&flavour.to_be_bytes());
    for value in [count, search_range, entry_selector, range_shift] {
        out.extend_from_slice(&(value.min(u32::from(u16::MAX)) as u16).to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(head_at) = head_at {
        let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
        let _ = put_u32(&mut out, head_at + 8, adjustment);
    }
    out
}

/// The sfnt checksum: the sum of big-endian u32 words, the last one padded with zeros.
pub(crate) fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn put_u16(data: &mut [u8], at: usize, value: u16) -> Option<()> {
    data.get_mut(at..at + 2)?
        .copy_from_slice(&value.to_be_bytes());
    Some(())
}

fn put_u32(data: &mut [u8], at: usize, value: u32) -> Option<()> {
    data.get_mut(at..at + 4)?
        .copy_from_slice(&value.to_be_bytes());
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::sfnt::tests::dejavu;
    use crate::pdf::sfnt::u32_at;
    use proptest::prelude::*;

    /// Reads the subset back: (glyph count, `loca` offsets, `glyf` bytes).
    fn read_back(subset: &[u8]) -> (u16, Vec<u32>, Vec<u8>) {
        let table = |tag: &[u8; 4]| {
            let count = usize::from(u16_at(subset, 4).unwrap());
            (0..count)
                .map(|i| 12 + 16 * i)
                .find(|r| &subset[*r..*r + 4] == tag)
                .map(|r| {
                    let offset = u32_at(subset, r + 8).unwrap() as usize;
                    let length = u32_at(subset, r + 12).unwrap() as usize;
                    assert_eq!(
                        u32_at(subset, r + 4).unwrap(),
                        checksum(&subset[offset..offset + length]),
                        "checksum of {tag:?}"
                    );
                    subset[offset..offset + length].to_vec()
                })
                .unwrap()
        };
        let count = u16_at(&table(b"maxp"), 4).unwrap();
        let loca = table(b"loca");
        let offsets = (0..=usize::from(count))
            .map(|g| u32_at(&loca, 4 * g).unwrap())
            .collect();
        (count, offsets, table(b"glyf"))
    }

    #[test]
    fn the_whole_file_checksum_is_the_magic_number() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let subset =
            subset_truetype(&font, &BTreeSet::from([font.glyph_for('A').unwrap()])).unwrap();
        assert_eq!(checksum(&subset), 0xB1B0_AFBA);
    }

    #[test]
    fn a_composite_glyph_keeps_its_components() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        // In DejaVu Sans, 'é' is a composite of 'e' and the acute accent.
        let e_acute = font.glyph_for('é').unwrap();
        let parts = components(font.glyph_outline(e_acute).unwrap()).unwrap();
        assert!(!parts.is_empty(), "é is composite in DejaVu Sans");
        let kept = glyph_closure(&font, &BTreeSet::from([e_acute])).unwrap();
        for part in parts {
            assert!(kept.contains(&part));
        }
    }

    #[test]
    fn a_subset_is_much_smaller_than_the_font() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let used: BTreeSet<u16> = "Hello, world"
            .chars()
            .filter_map(|c| font.glyph_for(c))
            .collect();
        let subset = subset_truetype(&font, &used).unwrap();
        assert!(
            subset.len() * 10 < font.bytes().len(),
            "{} of {}",
            subset.len(),
            font.bytes().len()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn kept_glyphs_are_copied_exactly_and_the_rest_are_empty(picks in proptest::collection::vec(0u16..6000, 1..20)) {
            let Some(font) = dejavu() else { return Ok(()) };
            let used: BTreeSet<u16> = picks.into_iter().map(|g| g % font.glyph_count).collect();
            let kept = glyph_closure(&font, &used).unwrap();
            let (count, offsets, glyf) = read_back(&subset_truetype(&font, &used).unwrap());
            prop_assert_eq!(count, kept.last().unwrap() + 1);
            for glyph in 0..count {
                let (start, end) = (offsets[usize::from(glyph)] as usize, offsets[usize::from(glyph) + 1] as usize);
                let original = font.glyph_outline(glyph).unwrap();
                if kept.contains(&glyph) {
                    prop_assert_eq!(&glyf[start..start + original.len()], original);
                    prop_assert!(glyf[start + original.len()..end].iter().all(|b| *b == 0));
                } else {
                    prop_assert_eq!(start, end);
                }
            }
        }
    }
}
