//! Reading TrueType and OpenType (CFF) font files: the table directory, the character
//! map (formats 4 and 12), metrics and, for TrueType, where each glyph's outline lies.
//! A font collection (`.ttc`/`.otc`) is read as its first face: that face's tables are
//! copied into a standalone file, which is then read like any other.
//!
//! Owns: deciding whether a file is a usable font and answering "which glyph draws this
//! character, how wide is it". The structure of a `CFF ` table is checked here too, by
//! [`super::cff`], so a font the subsetter could not cut is refused when it is given, not
//! when a report is drawn. Does not change a font (`subset` does) and does not write PDF
//! objects (`font_objects` does). Every read is bounds-checked: a damaged file is refused
//! with a reason, never a panic.

use std::ops::Range;

use super::cff::Cff;

/// Reads a big-endian `u16` at `offset`.
pub(crate) fn u16_at(data: &[u8], offset: usize) -> Option<u16> {
    let bytes = data.get(offset..offset.checked_add(2)?)?;
    Some(u16::from_be_bytes([bytes[0], bytes[1]]))
}

/// Reads a big-endian `i16` at `offset`.
pub(crate) fn i16_at(data: &[u8], offset: usize) -> Option<i16> {
    u16_at(data, offset).map(|v| v as i16)
}

/// Reads a big-endian `u32` at `offset`.
pub(crate) fn u32_at(data: &[u8], offset: usize) -> Option<u32> {
    let bytes = data.get(offset..offset.checked_add(4)?)?;
    Some(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

/// How a font's glyph outlines are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outlines {
    /// TrueType quadratic outlines in `glyf`, located by `loca`.
    TrueType {
        /// Glyph `g` lies at `glyf[offsets[g]..offsets[g + 1]]`.
        offsets: Vec<u32>,
    },
    /// Compact Font Format outlines in the `CFF ` table, whose structure was checked.
    Cff(Box<Cff>),
}

/// The character map subtable in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmap {
    /// Format 4 (segments over the Basic Multilingual Plane) at this offset of the file.
    Segments(usize),
    /// Format 12 (groups over all of Unicode) at this offset of the file.
    Groups(usize),
}

/// A parsed font file: its bytes and what the PDF writer needs to know about them.
#[derive(Debug, Clone)]
pub(crate) struct FontFile {
    data: Vec<u8>,
    tables: Vec<([u8; 4], Range<usize>)>,
    cmap: Cmap,
    hmtx: Range<usize>,
    horizontal_metrics: u16,
    /// How glyph outlines are stored.
    pub(crate) outlines: Outlines,
    /// Font units per em (glyph coordinates are in these units).
    pub(crate) units_per_em: u16,
    /// Number of glyphs.
    pub(crate) glyph_count: u16,
    /// The font's bounding box in font units: x min, y min, x max, y max.
    pub(crate) bbox: [i16; 4],
    /// Typographic ascender, in font units.
    pub(crate) ascent: i16,
    /// Typographic descender (negative), in font units.
    pub(crate) descent: i16,
    /// Height of capital letters, in font units (the ascender when the font does not say).
    pub(crate) cap_height: i16,
    /// Italic angle in degrees, counter-clockwise from vertical.
    pub(crate) italic_angle: f64,
    /// Whether every glyph has the same advance.
    pub(crate) fixed_pitch: bool,
    /// The PostScript name, reduced to PDF-name-safe characters (may be empty).
    pub(crate) postscript_name: String,
}

impl FontFile {
    /// Parses `data` as a TrueType or CFF-flavoured OpenType font. The error is a reason
    /// fit for [`innermost::Error::InvalidInput`] (it never quotes the file).
    /// A collection (`ttcf`) gives its first face.
    pub(crate) fn parse(data: Vec<u8>) -> Result<FontFile, &'static str> {
        let mut version = u32_at(&data, 0).ok_or("the file is too short to be a font")?;
        let data = if version == COLLECTION {
            let face = first_face(&data)?;
            version = u32_at(&face, 0).ok_or("the file is too short to be a font")?;
            face
        } else {
            data
        };
        let is_cff = match version {
            0x0001_0000 | 0x7472_7565 => false, // 1.0 or 'true'
            super::subset::OPENTYPE_CFF => true,
            COLLECTION => return Err("a font collection's first face is itself a collection"),
            _ => return Err("the file is not a TrueType or OpenType font"),
        };
        let count = table_count(&data, 0)?;
        let mut tables = Vec::with_capacity(usize::from(count));
        for i in 0..usize::from(count) {
            let record = 12 + 16 * i;
            let tag = data
                .get(record..record + 4)
                .ok_or("the font's table directory is cut short")?;
            let offset = u32_at(&data, record + 8)
                .ok_or("the font's table directory is cut short")?
                as usize;
            let length = u32_at(&data, record + 12)
                .ok_or("the font's table directory is cut short")?
                as usize;
            let end = offset
                .checked_add(length)
                .filter(|end| *end <= data.len())
                .ok_or("a font table lies outside the file")?;
            tables.push(([tag[0], tag[1], tag[2], tag[3]], offset..end));
        }
        let find = |tag: &[u8; 4]| {
            tables
                .iter()
                .find(|(t, _)| t == tag)
                .map(|(_, r)| r.clone())
        };
        let need = |tag: &[u8; 4], reason: &'static str| find(tag).ok_or(reason);

        let head = need(b"head", "the font has no `head` table")?;
        let hhea = need(b"hhea", "the font has no `hhea` table")?;
        let maxp = need(b"maxp", "the font has no `maxp` table")?;
        let hmtx = need(b"hmtx", "the font has no `hmtx` table")?;
        let cmap_table = need(b"cmap", "the font has no `cmap` table")?;
        let short = "a font table is too short";

        let head_data = &data[head.clone()];
        let units_per_em = u16_at(head_data, 18).ok_or(short)?;
        if !(16..=16384).contains(&units_per_em) {
            return Err("the font's units per em are out of range");
        }
        let bbox = [
            i16_at(head_data, 36).ok_or(short)?,
            i16_at(head_data, 38).ok_or(short)?,
            i16_at(head_data, 40).ok_or(short)?,
            i16_at(head_data, 42).ok_or(short)?,
        ];
        let long_offsets = i16_at(head_data, 50).ok_or(short)? == 1;
        let glyph_count = u16_at(&data[maxp], 4).ok_or(short)?;
        if glyph_count == 0 {
            return Err("the font has no glyphs");
        }
        let hhea_data = &data[hhea];
        let (mut ascent, mut descent) = (
            i16_at(hhea_data, 4).ok_or(short)?,
            i16_at(hhea_data, 6).ok_or(short)?,
        );
        let horizontal_metrics = u16_at(hhea_data, 34).ok_or(short)?;
        if horizontal_metrics == 0
            || horizontal_metrics > glyph_count
            || hmtx.len() < 4 * usize::from(horizontal_metrics)
        {
            return Err("the font's horizontal metrics are inconsistent");
        }

        let mut cap_height = ascent;
        let mut embeddable = true;
        if let Some(os2) = find(b"OS/2") {
            let os2 = &data[os2];
            let fs_type = u16_at(os2, 8).unwrap_or(0);
            // Restricted-licence embedding (2) or bitmap-only embedding (0x200).
            embeddable = fs_type & 0x000F != 0x0002 && fs_type & 0x0200 == 0;
            if let (Some(typo_ascent), Some(typo_descent)) = (i16_at(os2, 68), i16_at(os2, 70))
                && typo_ascent > 0
                && typo_descent < 0
                && ascent <= 0
            {
                (ascent, descent) = (typo_ascent, typo_descent);
            }
            if u16_at(os2, 0).unwrap_or(0) >= 2 {
                cap_height = i16_at(os2, 88).filter(|h| *h > 0).unwrap_or(ascent);
            }
        }
        if !embeddable {
            return Err("the font's licence does not allow embedding it in a document");
        }
        let (mut italic_angle, mut fixed_pitch) = (0.0, false);
        if let Some(post) = find(b"post") {
            let post = &data[post];
            italic_angle = u32_at(post, 4).map_or(0.0, |fixed| f64::from(fixed as i32) / 65536.0);
            fixed_pitch = u32_at(post, 12).unwrap_or(0) != 0;
        }

        let outlines = if is_cff {
            let table = find(b"CFF ")
                .ok_or("the OpenType font has no `CFF ` table (CFF2 fonts are not supported)")?;
            Outlines::Cff(Box::new(Cff::parse(&data[table], glyph_count)?))
        } else {
            let loca = need(b"loca", "the TrueType font has no `loca` table")?;
            let glyf = need(b"glyf", "the TrueType font has no `glyf` table")?;
            let loca = &data[loca];
            let mut offsets = Vec::with_capacity(usize::from(glyph_count) + 1);
            for g in 0..=usize::from(glyph_count) {
                let offset = if long_offsets {
                    u32_at(loca, 4 * g)
                } else {
                    u16_at(loca, 2 * g).map(|v| 2 * u32::from(v))
                };
                let offset = offset.ok_or("the font's glyph locations are cut short")?;
                if offsets.last().is_some_and(|last| *last > offset) || offset as usize > glyf.len()
                {
                    return Err(
                        "the font's glyph locations are out of order or outside its glyph table",
                    );
                }
                offsets.push(offset);
            }
            // From offsets in `glyf` to offsets in the file.
            let offsets = offsets
                .into_iter()
                .map(|offset| offset + glyf.start as u32)
                .collect();
            Outlines::TrueType { offsets }
        };

        let cmap = find_unicode_cmap(&data, cmap_table)
            .ok_or("the font has no Unicode character map it can be read by")?;
        let postscript_name = find(b"name")
            .map(|name| postscript_name(&data[name]))
            .unwrap_or_default();
        Ok(FontFile {
            data,
            tables,
            cmap,
            hmtx,
            horizontal_metrics,
            outlines,
            units_per_em,
            glyph_count,
            bbox,
            ascent,
            descent,
            cap_height,
            italic_angle,
            fixed_pitch,
            postscript_name,
        })
    }

    /// The whole font file.
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.data
    }

    /// The bytes of table `tag`, if the font has it.
    pub(crate) fn table(&self, tag: &[u8; 4]) -> Option<&[u8]> {
        self.tables
            .iter()
            .find(|(t, _)| t == tag)
            .and_then(|(_, range)| self.data.get(range.clone()))
    }

    /// The glyph that draws `c`, or `None` when the font has none (glyph 0, `.notdef`,
    /// counts as none).
    pub(crate) fn glyph_for(&self, c: char) -> Option<u16> {
        let c = c as u32;
        let glyph = match self.cmap {
            Cmap::Segments(at) => segments_lookup(&self.data, at, c),
            Cmap::Groups(at) => groups_lookup(&self.data, at, c),
        }?;
        (glyph != 0 && glyph < self.glyph_count).then_some(glyph)
    }

    /// The advance of `glyph` in font units.
    pub(crate) fn advance(&self, glyph: u16) -> u16 {
        let index = glyph.min(self.horizontal_metrics - 1);
        u16_at(&self.data, self.hmtx.start + 4 * usize::from(index)).unwrap_or(0)
    }

    /// The advance of `glyph` in thousandths of the font size, rounded: the value written
    /// in the PDF's `/W` array and used for line breaking, so both always agree.
    pub(crate) fn advance_per_mille(&self, glyph: u16) -> u16 {
        self.per_mille(i32::from(self.advance(glyph)))
            .clamp(0, i32::from(u16::MAX)) as u16
    }

    /// Converts font units to thousandths of the font size, rounding half away from zero.
    pub(crate) fn per_mille(&self, units: i32) -> i32 {
        let em = i32::from(self.units_per_em);
        let scaled = units * 1000;
        if scaled >= 0 {
            (scaled + em / 2) / em
        } else {
            (scaled - em / 2) / em
        }
    }

    /// The outline bytes of TrueType glyph `glyph` (empty for a glyph without outline);
    /// `None` for a CFF font or a glyph beyond the font.
    pub(crate) fn glyph_outline(&self, glyph: u16) -> Option<&[u8]> {
        let Outlines::TrueType { offsets } = &self.outlines else {
            return None;
        };
        let start = *offsets.get(usize::from(glyph))? as usize;
        let end = *offsets.get(usize::from(glyph) + 1)? as usize;
        self.data.get(start..end)
    }

    /// The horizontal metrics table and the number of full (advance, bearing) records.
    pub(crate) fn horizontal_metrics(&self) -> (&[u8], u16) {
        (&self.data[self.hmtx.clone()], self.horizontal_metrics)
    }
}

/// The tag that starts a font collection: `ttcf`.
const COLLECTION: u32 = 0x7474_6366;

/// Most tables a font may name. Real fonts have about 10 to 30; the limit keeps a hostile
/// directory from costing quadratic time (every table is checked against the others).
const MAX_TABLES: u16 = 256;

/// The number of tables of the directory at `at`, refused above [`MAX_TABLES`].
fn table_count(data: &[u8], at: usize) -> Result<u16, &'static str> {
    let count = u16_at(
        data,
        at.checked_add(4)
            .ok_or("the font's table directory is cut short")?,
    )
    .ok_or("the font's table directory is cut short")?;
    if count > MAX_TABLES {
        return Err("the font names too many tables");
    }
    Ok(count)
}

/// The first face of a font collection, as a standalone font file: its table directory is
/// read from the collection and the tables it names are copied into a new file (with
/// fresh offsets and checksums). Collection header versions 1 and 2 are read alike (the
/// digital signature fields of version 2 follow the offsets and are not needed).
fn first_face(data: &[u8]) -> Result<Vec<u8>, &'static str> {
    let cut = "the font collection's header is cut short";
    let major = u16_at(data, 4).ok_or(cut)?;
    if major != 1 && major != 2 {
        return Err("the font collection's header has an unknown version");
    }
    if u32_at(data, 8).ok_or(cut)? == 0 {
        return Err("the font collection holds no font");
    }
    let face = u32_at(data, 12).ok_or(cut)? as usize;
    let flavour =
        u32_at(data, face).ok_or("the font collection's first face lies outside the file")?;
    let count = table_count(data, face)?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(usize::from(count));
    for i in 0..usize::from(count) {
        let record = face + 12 + 16 * i;
        let tag = data
            .get(record..record + 4)
            .ok_or("the font's table directory is cut short")?;
        let tag = [tag[0], tag[1], tag[2], tag[3]];
        let offset =
            u32_at(data, record + 8).ok_or("the font's table directory is cut short")? as usize;
        let length =
            u32_at(data, record + 12).ok_or("the font's table directory is cut short")? as usize;
        let table = offset
            .checked_add(length)
            .and_then(|end| data.get(offset..end))
            .ok_or("a font table lies outside the file")?;
        if tables.iter().any(|(t, _)| *t == tag) {
            return Err("the font names a table twice");
        }
        tables.push((tag, table.to_vec()));
    }
    tables.sort_by_key(|(tag, _)| *tag);
    Ok(super::subset::write_sfnt(flavour, tables))
}

/// Picks the best Unicode subtable: a format 12 (all of Unicode) before a format 4 (BMP).
fn find_unicode_cmap(data: &[u8], table: Range<usize>) -> Option<Cmap> {
    let cmap = data.get(table.clone())?;
    let count = u16_at(cmap, 2)?;
    let mut best: Option<Cmap> = None;
    for i in 0..usize::from(count) {
        let record = 4 + 8 * i;
        let platform = u16_at(cmap, record)?;
        let encoding = u16_at(cmap, record + 2)?;
        let offset = table.start + u32_at(cmap, record + 4)? as usize;
        let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if !unicode {
            continue;
        }
        match u16_at(data, offset) {
            Some(12) if u32_at(data, offset + 12).is_some() => return Some(Cmap::Groups(offset)),
            Some(4) if best.is_none() && u16_at(data, offset + 6).is_some() => {
                best = Some(Cmap::Segments(offset))
            }
            _ => {}
        }
    }
    best
}

/// Looks `c` up in a format 4 subtable at `at`.
fn segments_lookup(data: &[u8], at: usize, c: u32) -> Option<u16> {
    let c = u16::try_from(c).ok()?;
    let segments = usize::from(u16_at(data, at + 6)? / 2);
    let ends = at + 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let range_offsets = deltas + 2 * segments;
    // Segments are sorted by end code: find the first whose end is >= c.
    let (mut low, mut high) = (0, segments);
    while low < high {
        let mid = (low + high) / 2;
        if u16_at(data, ends + 2 * mid)? < c {
            low = mid + 1
        } else {
            high = mid
        }
    }
    if low == segments {
        return None;
    }
    let start = u16_at(data, starts + 2 * low)?;
    if c < start {
        return None;
    }
    let delta = u16_at(data, deltas + 2 * low)?;
    let range_offset_at = range_offsets + 2 * low;
    let range_offset = u16_at(data, range_offset_at)?;
    if range_offset == 0 {
        return Some(c.wrapping_add(delta));
    }
    let glyph = u16_at(
        data,
        range_offset_at + usize::from(range_offset) + 2 * usize::from(c - start),
    )?;
    (glyph != 0).then(|| glyph.wrapping_add(delta))
}

/// Looks `c` up in a format 12 subtable at `at`.
fn groups_lookup(data: &[u8], at: usize, c: u32) -> Option<u16> {
    let count = u32_at(data, at + 12)? as usize;
    let groups = at + 16;
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = (low + high) / 2;
        let group = groups + 12 * mid;
        let (start, end) = (u32_at(data, group)?, u32_at(data, group + 4)?);
        if c < start {
            high = mid;
        } else if c > end {
            low = mid + 1;
        } else {
            return u16::try_from(u32_at(data, group + 8)?.checked_add(c - start)?).ok();
        }
    }
    None
}

/// The PostScript name (name id 6) from a `name` table, Windows (UTF-16) or Mac (Roman)
/// record, reduced to PDF-name-safe characters.
fn postscript_name(name: &[u8]) -> String {
    let (Some(count), Some(strings)) = (u16_at(name, 2), u16_at(name, 4)) else {
        return String::new();
    };
    for i in 0..usize::from(count) {
        let record = 6 + 12 * i;
        let (Some(platform), Some(id), Some(length), Some(offset)) = (
            u16_at(name, record),
            u16_at(name, record + 6),
            u16_at(name, record + 8),
            u16_at(name, record + 10),
        ) else {
            break;
        };
        if id != 6 {
            continue;
        }
        let start = usize::from(strings) + usize::from(offset);
        let Some(bytes) = name.get(start..start + usize::from(length)) else {
            continue;
        };
        let text: String = if platform == 3 || platform == 0 {
            char::decode_utf16(
                bytes
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]])),
            )
            .filter_map(Result::ok)
            .collect()
        } else {
            bytes.iter().map(|b| char::from(*b)).collect()
        };
        let safe = crate::pdf::objects::plain_name(&text, "");
        if !safe.is_empty() {
            return safe;
        }
    }
    String::new()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The DejaVu Sans file, when the machine has it (Debian `fonts-dejavu-core`).
    pub(crate) fn dejavu() -> Option<FontFile> {
        let bytes = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").ok()?;
        Some(FontFile::parse(bytes).expect("DejaVu Sans parses"))
    }

    #[test]
    fn garbage_and_truncated_files_are_refused_with_a_reason() {
        assert!(FontFile::parse(Vec::new()).is_err());
        assert!(FontFile::parse(b"this is not a font at all".to_vec()).is_err());
        assert!(FontFile::parse(vec![0, 1, 0, 0, 0, 9, 0, 0]).is_err());
        assert_eq!(
            FontFile::parse(b"ttcf\0\0\0\0".to_vec()).unwrap_err(),
            "the font collection's header has an unknown version"
        );
        assert_eq!(
            FontFile::parse(b"ttcf\0\x01\0\0\0".to_vec()).unwrap_err(),
            "the font collection's header is cut short"
        );
    }

    /// Found by the `pdf_font` fuzz target: a collection whose face named thousands of
    /// tables overflowed the directory arithmetic when the face was copied out.
    #[test]
    fn a_directory_naming_thousands_of_tables_is_refused_before_any_copy() {
        let mut single = vec![0, 1, 0, 0];
        single.extend_from_slice(&5000u16.to_be_bytes());
        single.resize(12 + 16 * 5000, 0);
        assert_eq!(
            FontFile::parse(single.clone()).unwrap_err(),
            "the font names too many tables"
        );
        let mut collection = b"ttcf\0\x01\0\0\0\0\0\x01\0\0\0\x10".to_vec();
        collection.extend_from_slice(&single);
        assert_eq!(
            FontFile::parse(collection).unwrap_err(),
            "the font names too many tables"
        );
        // The writer itself stays sound for any count.
        let many = (0..5000u32)
            .map(|i| (i.to_be_bytes(), vec![0u8; 4]))
            .collect();
        let file = crate::pdf::subset::write_sfnt(0x0001_0000, many);
        assert_eq!(u16_at(&file, 4), Some(5000));
    }

    /// A collection of the given faces (each a whole font file), header version 1: each
    /// face's table directory points at tables copied after all the directories.
    pub(crate) fn collection(faces: &[&[u8]]) -> Vec<u8> {
        let mut out = b"ttcf".to_vec();
        out.extend_from_slice(&0x0001_0000_u32.to_be_bytes());
        out.extend_from_slice(&(faces.len() as u32).to_be_bytes());
        let directories_at = 12 + 4 * faces.len();
        let directory_len = |face: &[u8]| 12 + 16 * usize::from(u16_at(face, 4).unwrap());
        let mut at = directories_at;
        for face in faces {
            out.extend_from_slice(&(at as u32).to_be_bytes());
            at += directory_len(face);
        }
        let mut tables_at = at;
        let mut bodies = Vec::new();
        for face in faces {
            let count = usize::from(u16_at(face, 4).unwrap());
            out.extend_from_slice(&face[..12]);
            for i in 0..count {
                let record = &face[12 + 16 * i..28 + 16 * i];
                let offset = u32_at(record, 8).unwrap() as usize;
                let length = u32_at(record, 12).unwrap() as usize;
                out.extend_from_slice(&record[..8]);
                out.extend_from_slice(&(tables_at as u32).to_be_bytes());
                out.extend_from_slice(&record[12..16]);
                bodies.extend_from_slice(&face[offset..offset + length]);
                bodies.resize(bodies.len().next_multiple_of(4), 0);
                tables_at = at + bodies.len();
            }
        }
        out.extend_from_slice(&bodies);
        out
    }

    fn dejavu_pair() -> Option<(Vec<u8>, Vec<u8>)> {
        let regular = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").ok()?;
        let bold = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf").ok()?;
        Some((regular, bold))
    }

    #[test]
    fn a_collection_gives_its_first_face() {
        let Some((regular, bold)) = dejavu_pair() else {
            return eprintln!("note: DejaVu Sans (regular and bold) absent, test skipped");
        };
        let single = FontFile::parse(regular.clone()).unwrap();
        let from_collection = FontFile::parse(collection(&[&regular, &bold])).unwrap();
        assert_eq!(from_collection.postscript_name, "DejaVuSans");
        assert_eq!(from_collection.glyph_count, single.glyph_count);
        for c in ['A', 'é', 'α', 'Ж', '→', ' ', 'W'] {
            let glyph = single.glyph_for(c);
            assert_eq!(from_collection.glyph_for(c), glyph, "U+{:04X}", c as u32);
            let glyph = glyph.unwrap();
            assert_eq!(from_collection.advance(glyph), single.advance(glyph));
            assert_eq!(
                from_collection.glyph_outline(glyph),
                single.glyph_outline(glyph)
            );
        }
        for tag in [b"head", b"glyf", b"cmap", b"hmtx"] {
            let (a, b) = (
                from_collection.table(tag).unwrap(),
                single.table(tag).unwrap(),
            );
            if tag == b"head" {
                // Only the whole-file checksum adjustment differs.
                assert_eq!((&a[..8], &a[12..]), (&b[..8], &b[12..]));
            } else {
                assert_eq!(a, b);
            }
        }
        let bold_first = FontFile::parse(collection(&[&bold, &regular])).unwrap();
        assert_eq!(bold_first.postscript_name, "DejaVuSans-Bold");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 32, ..Default::default() })]

        /// Bytes flipped in a collection's header and table directories: refused with a
        /// reason or read, never a panic.
        #[test]
        fn a_collection_with_flipped_header_bytes_is_never_a_panic(
            flips in proptest::collection::vec((0usize..600, proptest::prelude::any::<u8>()), 1..6),
        ) {
            let Some((regular, bold)) = dejavu_pair() else { return Ok(()) };
            let mut bytes = collection(&[&regular, &bold]);
            for (at, byte) in flips {
                bytes[at] = byte;
            }
            let _ = FontFile::parse(bytes);
        }
    }

    #[test]
    fn a_damaged_collection_is_refused_with_a_reason() {
        let Some((regular, bold)) = dejavu_pair() else {
            return eprintln!("note: DejaVu Sans (regular and bold) absent, test skipped");
        };
        let good = collection(&[&regular, &bold]);
        let mut bad_version = good.clone();
        bad_version[5] = 3;
        assert_eq!(
            FontFile::parse(bad_version).unwrap_err(),
            "the font collection's header has an unknown version"
        );
        let mut no_fonts = good.clone();
        no_fonts[8..12].copy_from_slice(&[0; 4]);
        assert_eq!(
            FontFile::parse(no_fonts).unwrap_err(),
            "the font collection holds no font"
        );
        let mut face_outside = good.clone();
        face_outside[12..16].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(
            FontFile::parse(face_outside).unwrap_err(),
            "the font collection's first face lies outside the file"
        );
        let mut table_outside = good.clone();
        let first_record = 12 + 4 * 2 + 12;
        table_outside[first_record + 8..first_record + 12]
            .copy_from_slice(&(good.len() as u32 - 2).to_be_bytes());
        assert_eq!(
            FontFile::parse(table_outside).unwrap_err(),
            "a font table lies outside the file"
        );
        for cut in [4, 13, 40, 1000, good.len() / 2] {
            assert!(
                FontFile::parse(good[..cut].to_vec()).is_err(),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_font_cut_in_half_is_refused_not_a_panic() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let bytes = font.bytes();
        for cut in [10, 100, 1000, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                FontFile::parse(bytes[..cut].to_vec()).is_err(),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn dejavu_maps_latin_greek_cyrillic_and_arrows_and_not_private_use() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        for c in ['A', 'é', 'α', 'Ж', '→', ' '] {
            assert!(font.glyph_for(c).is_some(), "U+{:04X}", c as u32);
        }
        assert_eq!(font.glyph_for('\u{E000}'), None);
        assert_eq!(font.glyph_for('\u{10FFFF}'), None);
        assert_eq!(font.units_per_em, 2048);
        assert_eq!(font.postscript_name, "DejaVuSans");
        assert!(matches!(font.outlines, Outlines::TrueType { .. }));
    }

    #[test]
    fn advances_are_in_thousandths_of_the_size_rounded() {
        let Some(font) = dejavu() else {
            return eprintln!("note: DejaVu Sans absent, test skipped");
        };
        let space = font.glyph_for(' ').unwrap();
        let expected = (i32::from(font.advance(space)) * 1000 + 1024) / 2048;
        assert_eq!(i32::from(font.advance_per_mille(space)), expected);
        assert!(
            font.advance_per_mille(font.glyph_for('W').unwrap())
                > font.advance_per_mille(font.glyph_for('i').unwrap())
        );
    }
}
