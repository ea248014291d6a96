//! Reading and cutting a `CFF ` table: the Compact Font Format (version 1) outlines of a
//! CFF-flavoured OpenType font, name-keyed or CID-keyed (with a Font DICT array and a
//! glyph-to-Font-DICT map, as CJK fonts are).
//!
//! Owns: checking the table's structure when a font is given ([`Cff::parse`]), so a font
//! that could not be cut is refused then, and writing a table where only the glyphs a
//! report draws keep their outlines ([`Cff::subset`]). The PDF draws by glyph id of the
//! original font. A name-keyed font keeps its glyph ids: every other glyph's charstring
//! becomes a lone `endchar`. A CID-keyed font is looked up by CID through its charset, so
//! its subset holds only glyph 0 and the drawn glyphs, in their original order, with a
//! charset giving each the CID of its original glyph id (format 0 or 2, whichever is
//! shorter), an FDSelect rebuilt for that order (format 3) and a CIDCount of at least the
//! original glyph count. Glyph 0 (`.notdef`) is always kept. The kept glyphs'
//! charstrings are run ([`super::charstring`]) to find the global and local subroutines
//! they call (local ones from each glyph's own Private DICT, by Font DICT when
//! CID-keyed); every other subroutine becomes a lone `return`, numbering and counts
//! unchanged, so no charstring changes. When a kept charstring cannot be followed (see
//! `charstring`; checking every glyph when a font is given would cost seconds on a
//! phone for a CJK font), that font's subset keeps every subroutine whole instead. A
//! kept glyph built with the deprecated `seac`-like `endchar` (an accent over a base
//! glyph, found by character code) loses the parts it borrows unless they are drawn too.
//!
//! The rewritten table copies the header, Name INDEX, String INDEX and Global Subr INDEX,
//! rewrites the Top DICT with every offset pointing at the data laid out after it
//! (charset, custom encoding, FDSelect, CharStrings, Font DICT array, Private DICTs each
//! followed by its local subroutines) and writes rewritten offsets as 5-byte integers, so
//! every size is known before any offset is.
//!
//! Does not read the rest of the font file (`sfnt` does) or choose how the table goes in
//! the PDF (`subset` does). Every read is bounds-checked: a damaged table is refused with
//! a reason, never a panic, and the reason never quotes the table.

use std::collections::BTreeSet;
use std::ops::Range;

use super::charstring::{Calls, Subrs, Walk};
use super::sfnt::u16_at;

/// The most charstring operations finding the called subroutines may take for one
/// subset (a CJK glyph takes a few hundred): a font whose subroutines loop or multiply
/// stops here, and keeps all its subroutines.
const CHARSTRING_BUDGET: usize = 20_000_000;

/// The Type 2 charstring operator that ends a subroutine: what an uncalled one becomes.
const RETURN: u8 = 11;

/// DICT operators used here; two-byte operators (`12 x`) are `0x0C00 | x`.
const CHARSET: u16 = 15;
const ENCODING: u16 = 16;
const CHARSTRINGS: u16 = 17;
const PRIVATE: u16 = 18;
const SUBRS: u16 = 19;
const CHARSTRING_TYPE: u16 = 0x0C06;
const ROS: u16 = 0x0C1E;
const FD_ARRAY: u16 = 0x0C24;
const FD_SELECT: u16 = 0x0C25;
const CID_COUNT: u16 = 0x0C22;

/// The number of CIDs a CID-keyed font has when its Top DICT does not say.
const DEFAULT_CID_COUNT: usize = 8720;

/// The Type 2 charstring operator that ends a glyph: what an unused glyph is reduced to.
const ENDCHAR: u8 = 14;

/// The most operands a DICT operator may take (the Type 2 argument stack limit).
const MAX_OPERANDS: usize = 48;

const DAMAGED: &str = "the font's CFF table is damaged";

/// An INDEX: `count` items whose data lie at `offsets[i]..offsets[i + 1]` of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Index {
    /// Where the INDEX starts and ends in the table.
    whole: Range<usize>,
    /// `count + 1` offsets into the table (none for an empty INDEX).
    offsets: Vec<usize>,
}

impl Index {
    /// Reads the INDEX at `at`: count 0 (two bytes), or offset size 1 to 4, offsets
    /// starting at 1, in order and inside the table.
    fn parse(table: &[u8], at: usize) -> Result<Index, &'static str> {
        let count = usize::from(u16_at(table, at).ok_or("a CFF INDEX is cut short")?);
        if count == 0 {
            return Ok(Index {
                whole: at..at + 2,
                offsets: Vec::new(),
            });
        }
        let off_size = usize::from(*table.get(at + 2).ok_or("a CFF INDEX is cut short")?);
        if !(1..=4).contains(&off_size) {
            return Err("a CFF INDEX has an offset size other than 1 to 4");
        }
        let offsets_at = at + 3;
        let data_start = offsets_at + (count + 1) * off_size - 1;
        let raw = table
            .get(offsets_at..data_start + 1)
            .ok_or("a CFF INDEX is cut short")?;
        let mut offsets = Vec::with_capacity(count + 1);
        for chunk in raw.chunks_exact(off_size) {
            let offset = chunk
                .iter()
                .fold(0usize, |value, byte| (value << 8) | usize::from(*byte));
            if offsets.is_empty() && offset != 1 {
                return Err("a CFF INDEX does not start at offset 1");
            }
            let offset = data_start
                .checked_add(offset)
                .filter(|offset| *offset <= table.len())
                .ok_or("a CFF INDEX's offsets are out of order or outside the table")?;
            if offsets.last().is_some_and(|last| *last > offset) {
                return Err("a CFF INDEX's offsets are out of order or outside the table");
            }
            offsets.push(offset);
        }
        let end = offsets.last().copied().ok_or(DAMAGED)?;
        Ok(Index {
            whole: at..end,
            offsets,
        })
    }

    fn count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Where item `i` lies in the table.
    fn item(&self, i: usize) -> Option<Range<usize>> {
        Some(*self.offsets.get(i)?..*self.offsets.get(i + 1)?)
    }
}

/// The items of the INDEX at `at`.
fn index_items(table: &[u8], at: usize) -> Result<Vec<&[u8]>, &'static str> {
    let index = Index::parse(table, at)?;
    (0..index.count())
        .map(|i| table.get(index.item(i).ok_or(DAMAGED)?).ok_or(DAMAGED))
        .collect()
}

/// The subroutine INDEX at `whole` of the table: as it is, or when `called` is known,
/// with every subroutine not in it reduced to `return` (numbers, and so calls, unchanged).
fn subset_subrs(
    table: &[u8],
    whole: &Range<usize>,
    called: Option<&BTreeSet<usize>>,
) -> Result<Vec<u8>, &'static str> {
    let Some(called) = called else {
        return Ok(table.get(whole.clone()).ok_or(DAMAGED)?.to_vec());
    };
    let items: Vec<&[u8]> = index_items(table, whole.start)?
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            if called.contains(&i) {
                item
            } else {
                &[RETURN][..]
            }
        })
        .collect();
    write_index(&items)
}

/// The length of an INDEX holding items of these lengths, written by [`write_index`].
fn index_len(lengths: &[usize]) -> usize {
    let data: usize = lengths.iter().sum();
    if lengths.is_empty() {
        2
    } else {
        3 + (lengths.len() + 1) * offset_size(data + 1) + data
    }
}

/// The fewest bytes that hold `largest`, an INDEX offset.
fn offset_size(largest: usize) -> usize {
    match largest {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    }
}

/// Writes an INDEX of `items` (at most 65,535, which a glyph count or a Font DICT array
/// never exceeds).
fn write_index(items: &[&[u8]]) -> Result<Vec<u8>, &'static str> {
    let count = u16::try_from(items.len()).map_err(|_| "a CFF INDEX would hold too many items")?;
    let data: usize = items.iter().map(|item| item.len()).sum();
    let mut out = Vec::with_capacity(index_len(
        &items.iter().map(|i| i.len()).collect::<Vec<_>>(),
    ));
    out.extend_from_slice(&count.to_be_bytes());
    if items.is_empty() {
        return Ok(out);
    }
    let off_size = offset_size(data + 1);
    let size = u8::try_from(off_size).map_err(|_| DAMAGED)?;
    out.push(size);
    let mut offset = 1usize;
    let push_offset = |out: &mut Vec<u8>, offset: usize| {
        let bytes = (offset as u32).to_be_bytes();
        out.extend_from_slice(bytes.get(4 - off_size..).unwrap_or(&bytes));
    };
    push_offset(&mut out, offset);
    for item in items {
        offset += item.len();
        push_offset(&mut out, offset);
    }
    for item in items {
        out.extend_from_slice(item);
    }
    Ok(out)
}

/// One DICT entry: an operator, its operands (`None` for a real number) and the bytes
/// the operands were written in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    operator: u16,
    operands: Vec<Option<i32>>,
    raw: Vec<u8>,
}

/// A DICT, its entries in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dict {
    entries: Vec<Entry>,
}

impl Dict {
    fn parse(bytes: &[u8]) -> Result<Dict, &'static str> {
        let cut = "a CFF DICT is cut short";
        let mut entries = Vec::new();
        let mut operands = Vec::new();
        let (mut start, mut at) = (0, 0);
        while let Some(&b0) = bytes.get(at) {
            let byte = |i: usize| bytes.get(at + i).copied().map(i32::from).ok_or(cut);
            match b0 {
                0..=21 => {
                    let operator = if b0 == 12 {
                        at += 1;
                        0x0C00 | u16::from(*bytes.get(at).ok_or(cut)?)
                    } else {
                        u16::from(b0)
                    };
                    let raw = bytes.get(start..at - usize::from(b0 == 12)).ok_or(cut)?;
                    entries.push(Entry {
                        operator,
                        operands: std::mem::take(&mut operands),
                        raw: raw.to_vec(),
                    });
                    at += 1;
                    start = at;
                    continue;
                }
                28 => {
                    operands.push(Some(i32::from(i16::from_be_bytes([
                        byte(1)? as u8,
                        byte(2)? as u8,
                    ]))));
                    at += 3;
                }
                29 => {
                    operands.push(Some(i32::from_be_bytes([
                        byte(1)? as u8,
                        byte(2)? as u8,
                        byte(3)? as u8,
                        byte(4)? as u8,
                    ])));
                    at += 5;
                }
                30 => {
                    // A real number: nibbles up to and including one that is 0xF.
                    at += 1;
                    loop {
                        let pair = *bytes.get(at).ok_or(cut)?;
                        at += 1;
                        if pair >> 4 == 0xF || pair & 0xF == 0xF {
                            break;
                        }
                    }
                    operands.push(None);
                }
                32..=246 => {
                    operands.push(Some(i32::from(b0) - 139));
                    at += 1;
                }
                247..=250 => {
                    operands.push(Some((i32::from(b0) - 247) * 256 + byte(1)? + 108));
                    at += 2;
                }
                251..=254 => {
                    operands.push(Some(-(i32::from(b0) - 251) * 256 - byte(1)? - 108));
                    at += 2;
                }
                _ => return Err("a CFF DICT holds a reserved byte"),
            }
            if operands.len() > MAX_OPERANDS {
                return Err("a CFF DICT operator has too many operands");
            }
        }
        if !operands.is_empty() {
            return Err("a CFF DICT ends with operands and no operator");
        }
        Ok(Dict { entries })
    }

    fn get(&self, operator: u16) -> Option<&[Option<i32>]> {
        self.entries
            .iter()
            .find(|e| e.operator == operator)
            .map(|e| e.operands.as_slice())
    }

    /// The operand of an offset operator: one integer, not negative.
    fn offset(&self, operator: u16) -> Result<Option<usize>, &'static str> {
        match self.get(operator) {
            None => Ok(None),
            Some([Some(value)]) if *value >= 0 => Ok(Some(*value as usize)),
            Some(_) => Err("a CFF DICT offset is not a single non-negative integer"),
        }
    }

    /// The Private DICT operands (size, offset), both integers, not negative.
    fn private(&self) -> Result<Option<Range<usize>>, &'static str> {
        match self.get(PRIVATE) {
            None => Ok(None),
            Some([Some(size), Some(offset)]) if *size >= 0 && *offset >= 0 => {
                let (size, offset) = (*size as usize, *offset as usize);
                let end = offset
                    .checked_add(size)
                    .ok_or("a CFF Private DICT lies outside the table")?;
                Ok(Some(offset..end))
            }
            Some(_) => Err("a CFF Private DICT's size and offset are not two integers"),
        }
    }

    /// The DICT's bytes with the operands of `replaced` operators written as 5-byte
    /// integers (and those the DICT lacks added at its end): the length depends only on
    /// which operators are replaced, never on the values.
    fn write(&self, replaced: &[(u16, Vec<usize>)]) -> Result<Vec<u8>, &'static str> {
        let mut out = Vec::new();
        let put =
            |out: &mut Vec<u8>, operator: u16, values: &[usize]| -> Result<(), &'static str> {
                for value in values {
                    let value =
                        i32::try_from(*value).map_err(|_| "the CFF table would be too large")?;
                    out.push(29);
                    out.extend_from_slice(&value.to_be_bytes());
                }
                push_operator(out, operator);
                Ok(())
            };
        for entry in &self.entries {
            if let Some((_, values)) = replaced.iter().find(|(op, _)| *op == entry.operator) {
                put(&mut out, entry.operator, values)?;
            } else {
                out.extend_from_slice(&entry.raw);
                push_operator(&mut out, entry.operator);
            }
        }
        for (operator, values) in replaced {
            if self.get(*operator).is_none() {
                put(&mut out, *operator, values)?;
            }
        }
        Ok(out)
    }
}

fn push_operator(out: &mut Vec<u8>, operator: u16) {
    if operator >> 8 == 12 {
        out.extend_from_slice(&[12, operator as u8]);
    } else {
        out.push(operator as u8);
    }
}

/// A Private DICT and, when it has them, its local subroutines (at an offset relative to
/// the Private DICT, so the two move together).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Private {
    dict: Dict,
    subrs: Option<Range<usize>>,
}

impl Private {
    fn parse(table: &[u8], at: Range<usize>) -> Result<Private, &'static str> {
        let bytes = table
            .get(at.clone())
            .ok_or("a CFF Private DICT lies outside the table")?;
        let dict = Dict::parse(bytes)?;
        let subrs = match dict.offset(SUBRS)? {
            Some(relative) => {
                let subrs_at = at
                    .start
                    .checked_add(relative)
                    .ok_or("a CFF Private DICT's Subrs lie outside the table")?;
                Some(Index::parse(table, subrs_at)?.whole)
            }
            None => None,
        };
        Ok(Private { dict, subrs })
    }

    /// The Private DICT with its Subrs offset pointing just after it, then the Subrs:
    /// all of them, or when `called` is known, those and a lone `return` for each other.
    fn write(
        &self,
        table: &[u8],
        called: Option<&BTreeSet<usize>>,
    ) -> Result<(Vec<u8>, usize), &'static str> {
        let Some(subrs) = &self.subrs else {
            let dict = self.dict.write(&[])?;
            let len = dict.len();
            return Ok((dict, len));
        };
        let len = self.dict.write(&[(SUBRS, vec![0])])?.len();
        let mut out = self.dict.write(&[(SUBRS, vec![len])])?;
        out.extend_from_slice(&subset_subrs(table, subrs, called)?);
        Ok((out, len))
    }

    /// The items of its Subrs INDEX (none when it has none).
    fn subr_items<'t>(&self, table: &'t [u8]) -> Result<Vec<&'t [u8]>, &'static str> {
        match &self.subrs {
            Some(subrs) => index_items(table, subrs.start),
            None => Ok(Vec::new()),
        }
    }
}

/// The glyph to character name or CID map.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Charset {
    /// One of the predefined charsets (0, 1 or 2), or the default.
    Predefined(usize),
    /// A charset in the table.
    Custom(Range<usize>),
}

/// What a CID-keyed font adds: its Font DICTs (each with its Private DICT) and the map
/// from glyph to Font DICT.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CidFonts {
    fd_select: Range<usize>,
    fonts: Vec<(Dict, Option<Private>)>,
}

/// The structure of a `CFF ` table, as ranges of the table's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cff {
    header: Range<usize>,
    names: Range<usize>,
    top: Dict,
    strings: Range<usize>,
    global_subrs: Range<usize>,
    charstrings: Index,
    charset: Charset,
    encoding: Option<Range<usize>>,
    private: Option<Private>,
    cid: Option<CidFonts>,
}

impl Cff {
    /// Reads the structure of `table`, a font's `CFF ` table, whose font has
    /// `glyph_count` glyphs (`maxp`); refuses what [`Cff::subset`] could not rewrite.
    pub(crate) fn parse(table: &[u8], glyph_count: u16) -> Result<Cff, &'static str> {
        let major = *table.first().ok_or("the font's CFF table is empty")?;
        if major != 1 {
            return Err("the font's CFF table is not CFF version 1");
        }
        let header_size = usize::from(*table.get(2).ok_or("the font's CFF header is cut short")?);
        if header_size < 4 || header_size > table.len() {
            return Err("the font's CFF header has a bad size");
        }
        let names = Index::parse(table, header_size)?;
        let tops = Index::parse(table, names.whole.end)?;
        let strings = Index::parse(table, tops.whole.end)?;
        let global_subrs = Index::parse(table, strings.whole.end)?;
        if tops.count() != 1 {
            return Err("the font's CFF table does not hold exactly one font");
        }
        let top = Dict::parse(table.get(tops.item(0).ok_or(DAMAGED)?).ok_or(DAMAGED)?)?;
        if top.get(CHARSTRING_TYPE).is_some_and(|t| t != [Some(2)]) {
            return Err("the font's CFF charstrings are not Type 2");
        }

        let charstrings_at = top
            .offset(CHARSTRINGS)?
            .ok_or("the font's CFF table has no CharStrings")?;
        let charstrings = Index::parse(table, charstrings_at)?;
        if charstrings.count() != usize::from(glyph_count) {
            return Err("the font's CFF table and `maxp` disagree on the number of glyphs");
        }
        let glyphs = charstrings.count();

        let charset = match top.offset(CHARSET)?.unwrap_or(0) {
            predefined @ 0..=2 => Charset::Predefined(predefined),
            at => Charset::Custom(at..at + charset_len(table, at, glyphs)?),
        };
        let encoding = match top.offset(ENCODING)?.unwrap_or(0) {
            0 | 1 => None,
            at => Some(at..at + encoding_len(table, at)?),
        };
        let private = match top.private()? {
            Some(at) => Some(Private::parse(table, at)?),
            None => None,
        };
        let cid = if top.get(ROS).is_some() {
            let array_at = top
                .offset(FD_ARRAY)?
                .ok_or("the CID-keyed CFF font has no Font DICT array")?;
            let select_at = top
                .offset(FD_SELECT)?
                .ok_or("the CID-keyed CFF font has no FDSelect")?;
            let array = Index::parse(table, array_at)?;
            let mut fonts = Vec::with_capacity(array.count());
            for i in 0..array.count() {
                let dict = Dict::parse(table.get(array.item(i).ok_or(DAMAGED)?).ok_or(DAMAGED)?)?;
                let private = match dict.private()? {
                    Some(at) => Some(Private::parse(table, at)?),
                    None => None,
                };
                fonts.push((dict, private));
            }
            let len = fd_select_len(table, select_at, glyphs, fonts.len())?;
            Some(CidFonts {
                fd_select: select_at..select_at + len,
                fonts,
            })
        } else {
            None
        };
        Ok(Cff {
            header: 0..header_size,
            names: names.whole,
            top,
            strings: strings.whole,
            global_subrs: global_subrs.whole,
            charstrings,
            charset,
            encoding,
            private,
            cid,
        })
    }

    /// Whether the font is CID-keyed (has a Font DICT array and FDSelect).
    pub(crate) fn is_cid_keyed(&self) -> bool {
        self.cid.is_some()
    }

    /// The CID (or string id, name-keyed) of each glyph, read from a custom charset.
    #[cfg(test)]
    pub(crate) fn cids(&self, table: &[u8]) -> Vec<usize> {
        let Charset::Custom(range) = &self.charset else {
            panic!("a predefined charset");
        };
        let data = &table[range.clone()];
        let glyphs = self.charstrings.count();
        let mut cids = vec![0];
        let mut at = 1;
        while cids.len() < glyphs {
            let first = usize::from(u16_at(data, at).unwrap());
            match data[0] {
                0 => {
                    cids.push(first);
                    at += 2;
                }
                1 => {
                    cids.extend(first..=first + usize::from(data[at + 2]));
                    at += 3;
                }
                _ => {
                    cids.extend(first..=first + usize::from(u16_at(data, at + 2).unwrap()));
                    at += 4;
                }
            }
        }
        assert_eq!(cids.len(), glyphs);
        cids
    }

    /// The number of glyphs.
    #[cfg(test)]
    pub(crate) fn glyph_count(&self) -> usize {
        self.charstrings.count()
    }

    /// The charstring of `glyph`, if the font has that glyph.
    #[cfg(test)]
    pub(crate) fn charstring<'a>(&self, table: &'a [u8], glyph: u16) -> Option<&'a [u8]> {
        table.get(self.charstrings.item(usize::from(glyph))?)
    }

    /// The index of the Font DICT glyph `glyph` of a CID-keyed font uses (0 for a
    /// name-keyed font, which has one Private DICT).
    pub(crate) fn font_dict_of(&self, table: &[u8], glyph: usize) -> Result<usize, &'static str> {
        let Some(cid) = &self.cid else {
            return Ok(0);
        };
        let at = cid.fd_select.start;
        match *table.get(at).ok_or(DAMAGED)? {
            0 => Ok(usize::from(*table.get(at + 1 + glyph).ok_or(DAMAGED)?)),
            _ => {
                // Format 3, checked when read: ranges in order, the first from glyph 0.
                let ranges = usize::from(u16_at(table, at + 1).ok_or(DAMAGED)?);
                let mut fd = None;
                for i in 0..ranges {
                    let range = at + 3 + 3 * i;
                    if usize::from(u16_at(table, range).ok_or(DAMAGED)?) > glyph {
                        break;
                    }
                    fd = Some(usize::from(*table.get(range + 2).ok_or(DAMAGED)?));
                }
                fd.ok_or(DAMAGED)
            }
        }
    }

    /// The global and local subroutines the glyphs of `order` for which `keeps` holds
    /// call, found by running their charstrings (local ones recorded by Font DICT for a
    /// CID-keyed font, as entry 0 for a name-keyed one). An error when one cannot be
    /// followed.
    fn called_subrs(
        &self,
        table: &[u8],
        order: &[usize],
        keeps: &dyn Fn(usize) -> bool,
    ) -> Result<Calls, &'static str> {
        let global = index_items(table, self.global_subrs.start)?;
        let privates: Vec<Option<&Private>> = match &self.cid {
            Some(cid) => cid.fonts.iter().map(|(_, p)| p.as_ref()).collect(),
            None => vec![self.private.as_ref()],
        };
        let locals = privates
            .iter()
            .map(|p| p.map_or(Ok(Vec::new()), |p| p.subr_items(table)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut calls = Calls {
            global: BTreeSet::new(),
            local: vec![BTreeSet::new(); locals.len()],
        };
        let mut budget = CHARSTRING_BUDGET;
        for glyph in order.iter().copied().filter(|g| keeps(*g)) {
            let private = self.font_dict_of(table, glyph)?;
            let subrs = Subrs {
                global: &global,
                local: locals.get(private).ok_or(DAMAGED)?,
                private,
            };
            let charstring = table
                .get(self.charstrings.item(glyph).ok_or(DAMAGED)?)
                .ok_or(DAMAGED)?;
            Walk::new(&subrs, &mut budget).run(charstring, &mut calls)?;
        }
        Ok(calls)
    }

    /// `table` (the one this structure was read from) cut down to glyph 0 and the glyphs
    /// in `kept`, every offset rewritten. A name-keyed font keeps its glyph ids: every
    /// other glyph is reduced to `endchar`. A CID-keyed font keeps only those glyphs, in
    /// their order, with a charset giving each the CID of its original glyph id and an
    /// FDSelect (format 3) rebuilt for the new order. Subroutines no kept glyph calls
    /// become `return`; all are kept when a kept charstring cannot be followed.
    pub(crate) fn subset(
        &self,
        table: &[u8],
        kept: &BTreeSet<u16>,
    ) -> Result<Vec<u8>, &'static str> {
        let bytes = |range: &Range<usize>| table.get(range.clone()).ok_or(DAMAGED);
        let glyphs = self.charstrings.count();
        let keeps =
            |glyph: usize| glyph == 0 || u16::try_from(glyph).is_ok_and(|g| kept.contains(&g));
        // The original glyph each glyph of the subset is: all of them (name-keyed), or
        // glyph 0 and the kept ones (CID-keyed).
        let order: Vec<usize> = if self.cid.is_some() {
            (0..1)
                .chain(kept.iter().map(|g| usize::from(*g)))
                .filter(|g| *g < glyphs)
                .collect::<BTreeSet<usize>>()
                .into_iter()
                .collect()
        } else {
            (0..glyphs).collect()
        };
        let mut items: Vec<&[u8]> = Vec::with_capacity(order.len());
        for glyph in order.iter().copied() {
            items.push(if keeps(glyph) {
                bytes(&self.charstrings.item(glyph).ok_or(DAMAGED)?)?
            } else {
                &[ENDCHAR]
            });
        }
        let charstrings = write_index(&items)?;
        // The subroutines the kept glyphs call, or `None` (keep them all) when a
        // charstring cannot be followed.
        let calls = self.called_subrs(table, &order, &keeps).ok();
        let charset = match (&self.cid, &self.charset) {
            (Some(_), _) => Some(cid_charset(order.get(1..).unwrap_or(&[]))?),
            (None, Charset::Custom(range)) => Some(bytes(range)?.to_vec()),
            (None, Charset::Predefined(_)) => None,
        };
        let encoding = self.encoding.as_ref().map(bytes).transpose()?;
        let local_calls = |private: usize| {
            calls
                .as_ref()
                .map(|c| c.local.get(private).cloned().unwrap_or_default())
        };
        let private = self
            .private
            .as_ref()
            .map(|p| p.write(table, local_calls(0).as_ref()))
            .transpose()?;
        let global_subrs =
            subset_subrs(table, &self.global_subrs, calls.as_ref().map(|c| &c.global))?;
        let (fd_select, fd_privates) = match &self.cid {
            Some(cid) => (
                Some(fd_select_for(
                    &order
                        .iter()
                        .map(|g| self.font_dict_of(table, *g))
                        .collect::<Result<Vec<_>, _>>()?,
                )?),
                cid.fonts
                    .iter()
                    .enumerate()
                    .map(|(fd, (_, p))| {
                        p.as_ref()
                            .map(|p| p.write(table, local_calls(fd).as_ref()))
                            .transpose()
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => (None, Vec::new()),
        };

        // The Font DICTs and the Top DICT with placeholder offsets: their lengths.
        let font_dicts = |privates_at: &[usize]| -> Result<Vec<Vec<u8>>, &'static str> {
            let Some(cid) = &self.cid else {
                return Ok(Vec::new());
            };
            cid.fonts
                .iter()
                .zip(&fd_privates)
                .zip(privates_at)
                .map(|(((dict, _), private), at)| match private {
                    Some((_, len)) => dict.write(&[(PRIVATE, vec![*len, *at])]),
                    None => dict.write(&[]),
                })
                .collect()
        };
        let cid_count = match self.top.get(CID_COUNT) {
            Some([Some(count)]) => usize::try_from(*count).unwrap_or(0),
            _ => DEFAULT_CID_COUNT,
        }
        .max(glyphs);
        let top_dict = |at: &Layout| -> Result<Vec<u8>, &'static str> {
            let mut replaced = vec![(CHARSTRINGS, vec![at.charstrings])];
            if charset.is_some() {
                replaced.push((CHARSET, vec![at.charset]));
            }
            if encoding.is_some() {
                replaced.push((ENCODING, vec![at.encoding]));
            }
            if let Some((_, len)) = &private {
                replaced.push((PRIVATE, vec![*len, at.private]));
            }
            if self.cid.is_some() {
                replaced.push((FD_ARRAY, vec![at.fd_array]));
                replaced.push((FD_SELECT, vec![at.fd_select]));
                // Every original glyph id is a CID below CIDCount.
                replaced.push((CID_COUNT, vec![cid_count]));
            }
            self.top.write(&replaced)
        };
        let placeholder = Layout::default();
        let top_len = top_dict(&placeholder)?.len();
        let font_dict_lens: Vec<usize> = font_dicts(&vec![0; fd_privates.len()])?
            .iter()
            .map(Vec::len)
            .collect();

        // Lay out everything after the Global Subr INDEX.
        let mut at = Layout::default();
        let mut end = self.header.len()
            + self.names.len()
            + index_len(&[top_len])
            + self.strings.len()
            + global_subrs.len();
        let mut place = |len: usize| {
            let here = end;
            end += len;
            here
        };
        at.charset = place(charset.as_ref().map_or(0, Vec::len));
        at.encoding = place(encoding.map_or(0, <[u8]>::len));
        at.fd_select = place(fd_select.as_ref().map_or(0, Vec::len));
        at.charstrings = place(charstrings.len());
        at.fd_array = place(if self.cid.is_some() {
            index_len(&font_dict_lens)
        } else {
            0
        });
        at.private = place(private.as_ref().map_or(0, |(p, _)| p.len()));
        let fd_privates_at: Vec<usize> = fd_privates
            .iter()
            .map(|p| place(p.as_ref().map_or(0, |(p, _)| p.len())))
            .collect();

        let mut out = Vec::with_capacity(end);
        for range in [&self.header, &self.names] {
            out.extend_from_slice(bytes(range)?);
        }
        out.extend_from_slice(&write_index(&[&top_dict(&at)?])?);
        out.extend_from_slice(bytes(&self.strings)?);
        out.extend_from_slice(&global_subrs);
        for part in [
            charset.as_deref(),
            encoding,
            fd_select.as_deref(),
            Some(&charstrings),
        ]
        .into_iter()
        .flatten()
        {
            out.extend_from_slice(part);
        }
        if self.cid.is_some() {
            let dicts = font_dicts(&fd_privates_at)?;
            let dicts: Vec<&[u8]> = dicts.iter().map(Vec::as_slice).collect();
            out.extend_from_slice(&write_index(&dicts)?);
        }
        for (private, _) in private.iter().chain(fd_privates.iter().flatten()) {
            out.extend_from_slice(private);
        }
        if out.len() != end {
            return Err("the CFF table was laid out wrongly");
        }
        Ok(out)
    }
}

/// Where the parts after the Global Subr INDEX start in a rewritten table.
#[derive(Debug, Default)]
struct Layout {
    charset: usize,
    encoding: usize,
    fd_select: usize,
    charstrings: usize,
    fd_array: usize,
    private: usize,
}

/// A charset giving glyph 1, 2... the CIDs `cids` (in increasing order; glyph 0 is CID
/// 0 without being listed): format 0 (one CID a glyph) or format 2 (runs of consecutive
/// CIDs), whichever is shorter.
fn cid_charset(cids: &[usize]) -> Result<Vec<u8>, &'static str> {
    let too_large = "a CID is too large for a CFF charset";
    let mut format0 = vec![0];
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for cid in cids {
        let cid = u16::try_from(*cid).map_err(|_| too_large)?;
        format0.extend_from_slice(&cid.to_be_bytes());
        match runs.last_mut() {
            Some((first, left)) if u32::from(*first) + u32::from(*left) + 1 == u32::from(cid) => {
                *left += 1;
            }
            _ => runs.push((cid, 0)),
        }
    }
    if format0.len() <= 1 + 4 * runs.len() {
        return Ok(format0);
    }
    let mut format2 = vec![2];
    for (first, left) in runs {
        format2.extend_from_slice(&first.to_be_bytes());
        format2.extend_from_slice(&left.to_be_bytes());
    }
    Ok(format2)
}

/// An FDSelect in format 3 giving glyph `g` the Font DICT `fds[g]`.
fn fd_select_for(fds: &[usize]) -> Result<Vec<u8>, &'static str> {
    let too_many = "a CFF FDSelect would be too large";
    let mut ranges: Vec<(u16, u8)> = Vec::new();
    for (glyph, fd) in fds.iter().enumerate() {
        let fd = u8::try_from(*fd).map_err(|_| too_many)?;
        if ranges.last().is_none_or(|(_, last)| *last != fd) {
            ranges.push((u16::try_from(glyph).map_err(|_| too_many)?, fd));
        }
    }
    let mut out = vec![3];
    out.extend_from_slice(
        &u16::try_from(ranges.len())
            .map_err(|_| too_many)?
            .to_be_bytes(),
    );
    for (first, fd) in ranges {
        out.extend_from_slice(&first.to_be_bytes());
        out.push(fd);
    }
    out.extend_from_slice(
        &u16::try_from(fds.len())
            .map_err(|_| too_many)?
            .to_be_bytes(),
    );
    Ok(out)
}

/// The length of the charset at `at` (formats 0, 1 and 2) of a font with `glyphs` glyphs.
fn charset_len(table: &[u8], at: usize, glyphs: usize) -> Result<usize, &'static str> {
    let cut = "the font's CFF charset is cut short";
    let named = glyphs.saturating_sub(1); // glyph 0 is not in the charset
    let len = match *table.get(at).ok_or(cut)? {
        0 => 1 + 2 * named,
        format @ (1 | 2) => {
            let range_len = if format == 1 { 3 } else { 4 };
            let (mut covered, mut len) = (0, 1);
            while covered < named {
                let left = if format == 1 {
                    table.get(at + len + 2).map(|b| usize::from(*b))
                } else {
                    u16_at(table, at + len + 2).map(usize::from)
                };
                covered += left.ok_or(cut)? + 1;
                len += range_len;
            }
            len
        }
        _ => return Err("the font's CFF charset has an unknown format"),
    };
    table.get(at..at + len).ok_or(cut)?;
    Ok(len)
}

/// The length of the custom encoding at `at` (formats 0 and 1, with supplements).
fn encoding_len(table: &[u8], at: usize) -> Result<usize, &'static str> {
    let cut = "the font's CFF encoding is cut short";
    let format = *table.get(at).ok_or(cut)?;
    let count = usize::from(*table.get(at + 1).ok_or(cut)?);
    let mut len = match format & 0x7F {
        0 => 2 + count,
        1 => 2 + 2 * count,
        _ => return Err("the font's CFF encoding has an unknown format"),
    };
    if format & 0x80 != 0 {
        len += 1 + 3 * usize::from(*table.get(at + len).ok_or(cut)?);
    }
    table.get(at..at + len).ok_or(cut)?;
    Ok(len)
}

/// The length of the FDSelect at `at` (formats 0 and 3), checking every glyph has a Font
/// DICT among the `fonts`.
fn fd_select_len(
    table: &[u8],
    at: usize,
    glyphs: usize,
    fonts: usize,
) -> Result<usize, &'static str> {
    let cut = "the font's CFF FDSelect is cut short";
    let bad = "the font's CFF FDSelect names a Font DICT the font does not have";
    match *table.get(at).ok_or(cut)? {
        0 => {
            let map = table.get(at + 1..at + 1 + glyphs).ok_or(cut)?;
            if map.iter().any(|fd| usize::from(*fd) >= fonts) {
                return Err(bad);
            }
            Ok(1 + glyphs)
        }
        3 => {
            let ranges = usize::from(u16_at(table, at + 1).ok_or(cut)?);
            let mut previous: Option<u16> = None;
            for i in 0..ranges {
                let range = at + 3 + 3 * i;
                let first = u16_at(table, range).ok_or(cut)?;
                let fd = *table.get(range + 2).ok_or(cut)?;
                let in_order = match previous {
                    None => first == 0,
                    Some(p) => first > p,
                };
                if !in_order {
                    return Err("the font's CFF FDSelect ranges are out of order");
                }
                if usize::from(fd) >= fonts {
                    return Err(bad);
                }
                previous = Some(first);
            }
            let sentinel = u16_at(table, at + 3 + 3 * ranges).ok_or(cut)?;
            if ranges == 0
                || previous.is_some_and(|p| sentinel <= p)
                || usize::from(sentinel) < glyphs
            {
                return Err("the font's CFF FDSelect does not cover every glyph");
            }
            Ok(3 + 3 * ranges + 2)
        }
        _ => Err("the font's CFF FDSelect has an unknown format"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pdf::charstring::Token;
    use proptest::prelude::*;

    /// A DICT integer in its shortest form.
    fn int(value: i32) -> Vec<u8> {
        match value {
            -107..=107 => vec![(value + 139) as u8],
            108..=1131 => {
                let v = value - 108;
                vec![(v / 256 + 247) as u8, (v % 256) as u8]
            }
            -1131..=-108 => {
                let v = -value - 108;
                vec![(v / 256 + 251) as u8, (v % 256) as u8]
            }
            _ => {
                let mut out = vec![28];
                out.extend_from_slice(&(value as i16).to_be_bytes());
                out
            }
        }
    }

    /// A DICT integer as 5 bytes (operator 29).
    fn long(value: usize) -> Vec<u8> {
        let mut out = vec![29];
        out.extend_from_slice(&(value as i32).to_be_bytes());
        out
    }

    fn op(operator: u16) -> Vec<u8> {
        let mut out = Vec::new();
        push_operator(&mut out, operator);
        out
    }

    /// A Type 2 charstring, different for each glyph: one horizontal stem, a hint mask
    /// that declares a vertical stem too (one mask byte, `0xC0`, which would be read as
    /// an operand if the stems were miscounted), a move, a line, then calls by the
    /// glyph's number (see [`expected_calls`]), then `endchar`.
    pub(crate) fn charstring(glyph: u16) -> Vec<u8> {
        let g = i32::from(glyph);
        let mut out = [int(20), int(30), vec![18]].concat(); // hstemhm
        out.extend([int(40), int(50), vec![19, 0xC0]].concat()); // hintmask
        out.extend([int(g % 200), int(-(g % 50)), vec![21]].concat()); // rmoveto
        out.extend([int(g % 300 + 10), int(2000 + g % 1000), vec![5]].concat()); // rlineto
        match glyph % 4 {
            0 => out.extend([int(-107), vec![10]].concat()), // local 0
            1 => out.extend([int(-105), vec![10]].concat()), // local 2, which calls local 1
            2 => out.extend([int(-106), vec![29]].concat()), // global 1, which calls local 0
            _ => {}
        }
        if glyph.is_multiple_of(5) {
            out.extend([int(-107), vec![29]].concat()); // global 0
        }
        if glyph.is_multiple_of(7) {
            out.extend([int(-104), vec![10]].concat()); // local 3, a hint mask inside
        }
        out.push(ENDCHAR);
        out
    }

    /// The subroutines glyph `glyph`'s charstring calls: (global, local).
    fn expected_calls(glyph: u16) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let (mut global, mut local) = (BTreeSet::new(), BTreeSet::new());
        match glyph % 4 {
            0 => {
                local.insert(0);
            }
            1 => local.extend([2, 1]),
            2 => {
                global.insert(1);
                local.insert(0);
            }
            _ => {}
        }
        if glyph.is_multiple_of(5) {
            global.insert(0);
        }
        if glyph.is_multiple_of(7) {
            local.insert(3);
        }
        (global, local)
    }

    /// The builder's global subroutines: 0 draws, 1 calls local 0, 2 is never called.
    fn global_subrs() -> Vec<Vec<u8>> {
        vec![
            [int(5), int(-5), vec![5, 11]].concat(),
            [int(-107), vec![10, 11]].concat(),
            [int(1), int(2), vec![5, 11]].concat(),
        ]
    }

    /// The builder's local subroutines: 0 draws (with a 16.16 fixed operand), 1 draws, 2
    /// calls 1, 3 changes the hint mask and draws, 4 is never called.
    fn local_subrs() -> Vec<Vec<u8>> {
        vec![
            [vec![255, 0, 10, 0x80, 0], int(10), vec![5, 11]].concat(),
            [int(-10), int(20), vec![5, 11]].concat(),
            [int(-106), vec![10, 11]].concat(),
            [vec![19, 0x40], int(1), int(1), vec![5, 11]].concat(),
            [int(7), int(7), vec![5, 11]].concat(),
        ]
    }

    fn index(items: &[Vec<u8>]) -> Vec<u8> {
        let items: Vec<&[u8]> = items.iter().map(Vec::as_slice).collect();
        write_index(&items).unwrap()
    }

    /// A Private DICT (default and nominal widths, Subrs `gap` bytes after the DICT) and
    /// its local subroutines.
    fn private_with_subrs(width: i32, gap: usize) -> (Vec<u8>, usize) {
        let subrs = index(&local_subrs());
        let mut dict = [int(width), op(20), int(width / 2), op(21)].concat();
        let len = dict.len() + 5 + 1;
        dict.extend(long(len + gap));
        dict.extend(op(SUBRS));
        assert_eq!(dict.len(), len);
        let mut out = dict;
        out.resize(len + gap, 0);
        out.extend(subrs);
        (out, len)
    }

    /// A valid CFF table with `glyphs` glyphs, name-keyed (a custom charset in format 1, a
    /// custom encoding, one Private DICT with local Subrs) or CID-keyed (ROS, a charset
    /// that is not the identity, two Font DICTs each with a Private DICT and local Subrs,
    /// FDSelect format 3). The parts are laid out in a different order than
    /// [`Cff::subset`] writes them.
    pub(crate) fn build(glyphs: u16, cid_keyed: bool) -> Vec<u8> {
        let header = vec![1, 0, 4, 4];
        let names = index(&[b"TestFont".to_vec()]);
        let strings = if cid_keyed {
            index(&[b"Adobe".to_vec(), b"Identity".to_vec()])
        } else {
            index(&[])
        };
        let global_subrs = index(&global_subrs());
        let charstrings = index(&(0..glyphs).map(charstring).collect::<Vec<_>>());
        let named = usize::from(glyphs) - 1;
        let charset = if cid_keyed {
            let mut out = vec![2, 0x03, 0xE8]; // CIDs from 1000
            out.extend_from_slice(&((named as u16).saturating_sub(1)).to_be_bytes());
            out
        } else {
            // Format 1: ranges of at most 256 names, SIDs from 1.
            let mut out = vec![1];
            let mut covered = 0;
            while covered < named {
                let left = (named - covered).min(256) - 1;
                out.extend_from_slice(&((covered + 1) as u16).to_be_bytes());
                out.push(left as u8);
                covered += left + 1;
            }
            out
        };
        let encoding = vec![0, 3, 65, 66, 67];
        let fd_select = {
            let ranges: Vec<(u16, u8)> = [(0, 0), (10, 1), (20, 0)]
                .into_iter()
                .filter(|(first, _)| *first < glyphs)
                .collect();
            let mut out = vec![3];
            out.extend_from_slice(&(ranges.len() as u16).to_be_bytes());
            for (first, fd) in ranges {
                out.extend_from_slice(&first.to_be_bytes());
                out.push(fd);
            }
            out.extend_from_slice(&glyphs.to_be_bytes());
            out
        };
        let privates = [private_with_subrs(500, 0), private_with_subrs(1000, 7)];

        // Top DICT with 5-byte offsets: its length is known before the offsets are.
        let top_dict = |at: &[usize]| -> Vec<u8> {
            if cid_keyed {
                [
                    int(391),
                    int(392),
                    int(0),
                    op(ROS),
                    int(i32::from(glyphs)),
                    op(0x0C22), // CIDCount
                    long(at[0]),
                    op(CHARSTRINGS),
                    long(at[1]),
                    op(FD_ARRAY),
                    long(at[2]),
                    op(FD_SELECT),
                    long(at[3]),
                    op(CHARSET),
                ]
                .concat()
            } else {
                [
                    vec![30, 0x1a, 0x5f], // a real number: 1.5
                    op(0x0C08),           // StrokeWidth
                    long(at[0]),
                    op(CHARSTRINGS),
                    int(privates[0].1 as i32),
                    long(at[1]),
                    op(PRIVATE),
                    long(at[2]),
                    op(ENCODING),
                    long(at[3]),
                    op(CHARSET),
                ]
                .concat()
            }
        };
        let font_dicts = |at: &[usize]| -> Vec<Vec<u8>> {
            privates
                .iter()
                .zip(at)
                .map(|((_, len), at)| [int(*len as i32), long(*at), op(PRIVATE)].concat())
                .collect()
        };
        let top_len = index(&[top_dict(&[0; 4])]).len();
        let start = header.len() + names.len() + top_len + strings.len() + global_subrs.len();
        let mut parts: Vec<Vec<u8>> = Vec::new();
        let mut at = start;
        fn place(at: &mut usize, part: Vec<u8>, parts: &mut Vec<Vec<u8>>) -> usize {
            let here = *at;
            *at += part.len();
            parts.push(part);
            here
        }
        let top = if cid_keyed {
            let first_private = place(&mut at, privates[0].0.clone(), &mut parts);
            let charstrings_at = place(&mut at, charstrings, &mut parts);
            let fd_array_at = at;
            let second_private = at + index(&font_dicts(&[0, 0])).len();
            let fd_array = index(&font_dicts(&[first_private, second_private]));
            place(&mut at, fd_array, &mut parts);
            place(&mut at, privates[1].0.clone(), &mut parts);
            let fd_select_at = place(&mut at, fd_select, &mut parts);
            let charset_at = place(&mut at, charset, &mut parts);
            top_dict(&[charstrings_at, fd_array_at, fd_select_at, charset_at])
        } else {
            let private_at = place(&mut at, privates[0].0.clone(), &mut parts);
            let charstrings_at = place(&mut at, charstrings, &mut parts);
            let charset_at = place(&mut at, charset, &mut parts);
            let encoding_at = place(&mut at, encoding, &mut parts);
            top_dict(&[charstrings_at, private_at, encoding_at, charset_at])
        };
        let table = [
            header,
            names,
            index(&[top]),
            strings,
            global_subrs,
            parts.concat(),
        ]
        .concat();
        assert_eq!(table.len(), at);
        table
    }

    /// Reads back what a subset must keep: each charstring, the local Subrs of each
    /// Private DICT, the charset bytes and decoded, and for a CID-keyed font each glyph's
    /// Font DICT.
    struct ReadBack {
        charstrings: Vec<Vec<u8>>,
        subrs: Vec<Vec<Vec<u8>>>,
        global_subrs: Vec<Vec<u8>>,
        charset: Option<Vec<u8>>,
        cids: Vec<usize>,
        font_dicts: Vec<usize>,
        encoding: Option<Vec<u8>>,
        cid_count: Option<Vec<Option<i32>>>,
    }

    /// The number of glyphs a table's CharStrings INDEX holds.
    pub(crate) fn glyphs_in(table: &[u8]) -> u16 {
        let top = Index::parse(table, 4).unwrap().whole.end;
        let top = Index::parse(table, top).unwrap();
        let dict = Dict::parse(&table[top.item(0).unwrap()]).unwrap();
        let at = dict.offset(CHARSTRINGS).unwrap().unwrap();
        Index::parse(table, at).unwrap().count() as u16
    }

    fn owned(items: Vec<&[u8]>) -> Vec<Vec<u8>> {
        items.into_iter().map(<[u8]>::to_vec).collect()
    }

    /// Glyph `glyph`'s outline: its operators and operands with every subroutine call
    /// replaced by what the subroutine does.
    fn outline(table: &[u8], glyph: usize) -> Vec<Token> {
        let cff = Cff::parse(table, glyphs_in(table)).unwrap();
        let global = index_items(table, cff.global_subrs.start).unwrap();
        let fd = cff.font_dict_of(table, glyph).unwrap();
        let private = match &cff.cid {
            Some(cid) => cid.fonts[fd].1.as_ref(),
            None => cff.private.as_ref(),
        };
        let local = private.unwrap().subr_items(table).unwrap();
        let subrs = Subrs {
            global: &global,
            local: &local,
            private: fd,
        };
        let mut budget = CHARSTRING_BUDGET;
        let mut walk = Walk::new(&subrs, &mut budget);
        walk.trace = Some(Vec::new());
        walk.run(
            cff.charstring(table, glyph as u16).unwrap(),
            &mut Calls::default(),
        )
        .unwrap();
        walk.trace.unwrap()
    }

    fn read_back(table: &[u8]) -> ReadBack {
        let glyphs = glyphs_in(table);
        let cff = Cff::parse(table, glyphs).unwrap();
        let get = |r: &Range<usize>| table[r.clone()].to_vec();
        let privates: Vec<&Private> = cff
            .private
            .iter()
            .chain(
                cff.cid
                    .iter()
                    .flat_map(|c| c.fonts.iter().filter_map(|(_, p)| p.as_ref())),
            )
            .collect();
        ReadBack {
            charstrings: (0..glyphs)
                .map(|g| cff.charstring(table, g).unwrap().to_vec())
                .collect(),
            subrs: privates
                .iter()
                .map(|p| owned(p.subr_items(table).unwrap()))
                .collect(),
            global_subrs: owned(index_items(table, cff.global_subrs.start).unwrap()),
            charset: match &cff.charset {
                Charset::Custom(r) => Some(get(r)),
                Charset::Predefined(_) => None,
            },
            cids: cff.cids(table),
            font_dicts: (0..usize::from(glyphs))
                .map(|g| cff.font_dict_of(table, g).unwrap())
                .collect(),
            encoding: cff.encoding.as_ref().map(get),
            cid_count: cff.top.get(CID_COUNT).map(<[_]>::to_vec),
        }
    }

    fn check_subset(
        glyphs: u16,
        cid_keyed: bool,
        kept: &BTreeSet<u16>,
    ) -> Result<(), TestCaseError> {
        let table = build(glyphs, cid_keyed);
        let original = read_back(&table);
        let subset = Cff::parse(&table, glyphs)
            .unwrap()
            .subset(&table, kept)
            .unwrap();
        let cut = read_back(&subset);
        prop_assert_eq!(cut.subrs.len(), if cid_keyed { 2 } else { 1 });
        prop_assert_eq!(&cut.encoding, &original.encoding);

        // The subroutines the kept glyphs call are kept byte for byte, in the same
        // place; every other one is a lone `return`.
        let font_dict = |g: u16| usize::from(cid_keyed && (10..20).contains(&g));
        let mut global = BTreeSet::new();
        let mut local = vec![BTreeSet::new(); cut.subrs.len()];
        for glyph in std::iter::once(0).chain(kept.iter().copied()) {
            let (g, l) = expected_calls(glyph);
            global.extend(g);
            local[font_dict(glyph)].extend(l);
        }
        let check = |cut: &[Vec<u8>], original: &[Vec<u8>], called: &BTreeSet<usize>| {
            prop_assert_eq!(cut.len(), original.len());
            for (i, (new, old)) in cut.iter().zip(original).enumerate() {
                if called.contains(&i) {
                    prop_assert_eq!(new, old);
                } else {
                    prop_assert_eq!(new, &vec![RETURN]);
                }
            }
            Ok(())
        };
        check(&cut.global_subrs, &original.global_subrs, &global)?;
        for (fd, called) in local.iter().enumerate() {
            check(&cut.subrs[fd], &original.subrs[fd], called)?;
        }

        // Every kept glyph draws the same outline, subroutines followed.
        let new_glyphs = if cid_keyed {
            cut.cids.clone()
        } else {
            (0..usize::from(glyphs)).collect()
        };
        for (new, old) in new_glyphs.into_iter().enumerate() {
            if old == 0 || u16::try_from(old).is_ok_and(|g| kept.contains(&g)) {
                prop_assert_eq!(outline(&subset, new), outline(&table, old));
            }
        }
        if cid_keyed {
            // Glyph 0, then the kept glyphs in order, each with its original glyph id as
            // its CID and its original Font DICT.
            let order: Vec<usize> =
                BTreeSet::from_iter(std::iter::once(0).chain(kept.iter().map(|g| usize::from(*g))))
                    .into_iter()
                    .filter(|g| *g < usize::from(glyphs))
                    .collect();
            prop_assert_eq!(&cut.cids, &order);
            prop_assert_eq!(cut.charstrings.len(), order.len());
            for (new, old) in order.iter().enumerate() {
                prop_assert_eq!(&cut.charstrings[new], &original.charstrings[*old]);
                prop_assert_eq!(cut.font_dicts[new], original.font_dicts[*old]);
            }
            prop_assert_eq!(cut.cid_count, Some(vec![Some(i32::from(glyphs))]));
        } else {
            prop_assert_eq!(cut.charstrings.len(), usize::from(glyphs));
            for glyph in 0..glyphs {
                let g = usize::from(glyph);
                if glyph == 0 || kept.contains(&glyph) {
                    prop_assert_eq!(&cut.charstrings[g], &original.charstrings[g]);
                } else {
                    prop_assert_eq!(&cut.charstrings[g], &vec![ENDCHAR]);
                }
            }
            prop_assert_eq!(cut.charset, original.charset);
            prop_assert_eq!(cut.cids, original.cids);
            prop_assert_eq!(cut.cid_count, None);
        }
        Ok(())
    }

    #[test]
    fn a_name_keyed_font_is_read() {
        let table = build(300, false);
        let cff = Cff::parse(&table, 300).unwrap();
        assert!(!cff.is_cid_keyed());
        assert_eq!(cff.charstring(&table, 7).unwrap(), charstring(7).as_slice());
        assert!(matches!(cff.charset, Charset::Custom(_)));
        assert!(cff.encoding.is_some());
        assert!(cff.private.as_ref().unwrap().subrs.is_some());
        assert_eq!(
            Cff::parse(&table, 299).unwrap_err(),
            "the font's CFF table and `maxp` disagree on the number of glyphs"
        );
    }

    #[test]
    fn a_cid_keyed_font_is_read_with_both_font_dicts_and_their_subrs() {
        let table = build(40, true);
        let cff = Cff::parse(&table, 40).unwrap();
        assert!(cff.is_cid_keyed());
        let cid = cff.cid.as_ref().unwrap();
        assert_eq!(cid.fonts.len(), 2);
        assert!(
            cid.fonts
                .iter()
                .all(|(_, p)| p.as_ref().unwrap().subrs.is_some())
        );
        assert_eq!(cid.fd_select.len(), 3 + 3 * 3 + 2);
    }

    #[test]
    fn a_subset_keeps_drawn_glyphs_and_empties_the_rest_name_keyed_and_cid_keyed() {
        for cid_keyed in [false, true] {
            check_subset(300, cid_keyed, &BTreeSet::from([3, 65, 299])).unwrap();
            check_subset(300, cid_keyed, &BTreeSet::new()).unwrap();
            check_subset(2, cid_keyed, &BTreeSet::from([1])).unwrap();
        }
    }

    #[test]
    fn a_subset_of_a_large_font_uses_wider_offsets_and_is_much_smaller() {
        let table = build(20_000, true);
        let cff = Cff::parse(&table, 20_000).unwrap();
        let kept = BTreeSet::from([5, 19_999]);
        let subset = cff.subset(&table, &kept).unwrap();
        assert!(
            subset.len() * 2 < table.len(),
            "{} of {}",
            subset.len(),
            table.len()
        );
        check_subset(20_000, true, &kept).unwrap();
    }

    #[test]
    fn a_cid_charset_takes_the_shorter_format_and_fd_select_merges_runs() {
        assert_eq!(cid_charset(&[]).unwrap(), vec![0]);
        assert_eq!(cid_charset(&[5]).unwrap(), vec![0, 0, 5]);
        assert_eq!(cid_charset(&[5, 9]).unwrap(), vec![0, 0, 5, 0, 9]);
        assert_eq!(cid_charset(&[5, 6, 7]).unwrap(), vec![2, 0, 5, 0, 2]);
        assert_eq!(
            cid_charset(&[1, 2, 3, 4, 300]).unwrap(),
            vec![2, 0, 1, 0, 3, 1, 44, 0, 0]
        );
        assert!(cid_charset(&[70_000]).is_err());
        assert_eq!(
            fd_select_for(&[0, 1, 1, 0]).unwrap(),
            vec![3, 0, 3, 0, 0, 0, 0, 1, 1, 0, 3, 0, 0, 4]
        );
        assert!(fd_select_for(&[256]).is_err());
    }

    #[test]
    fn a_cid_keyed_subset_gives_the_last_glyph_its_own_id_as_cid() {
        // CIDCount stays at least the original glyph count, so every original glyph id
        // is a valid CID.
        let table = build(300, true);
        let cff = Cff::parse(&table, 300).unwrap();
        let subset = cff.subset(&table, &BTreeSet::from([299])).unwrap();
        let cut = read_back(&subset);
        assert_eq!(cut.cids, vec![0, 299]);
        assert_eq!(cut.cid_count, Some(vec![Some(300)]));
    }

    #[test]
    fn a_font_whose_kept_charstring_cannot_be_followed_keeps_every_subroutine() {
        for cid_keyed in [false, true] {
            let mut table = build(40, cid_keyed);
            let cff = Cff::parse(&table, 40).unwrap();
            // Glyph 4's last byte, `endchar`, becomes an escape with nothing after it.
            let end = cff.charstrings.item(4).unwrap().end;
            table[end - 1] = 12;
            let cff = Cff::parse(&table, 40).unwrap();
            let original = read_back(&table);
            let cut = read_back(&cff.subset(&table, &BTreeSet::from([4])).unwrap());
            assert_eq!(cut.global_subrs, original.global_subrs);
            assert_eq!(cut.subrs, original.subrs);
            // Glyph 4 not drawn: its charstring is not run, the subroutines are cut.
            let cut = read_back(&cff.subset(&table, &BTreeSet::from([8])).unwrap());
            assert_eq!(cut.global_subrs[2], vec![RETURN]);
        }
    }

    #[test]
    fn the_builder_font_calls_what_expected_calls_says() {
        let table = build(40, true);
        let cff = Cff::parse(&table, 40).unwrap();
        for glyph in 0..40u16 {
            let calls = cff
                .called_subrs(&table, &[usize::from(glyph)], &|_| true)
                .unwrap();
            let (global, local) = expected_calls(glyph);
            let fd = usize::from((10..20).contains(&glyph));
            assert_eq!(calls.global, global, "glyph {glyph}");
            assert_eq!(calls.local[fd], local, "glyph {glyph}");
            assert!(calls.local[1 - fd].is_empty());
        }
    }

    #[test]
    fn a_subset_of_a_subset_is_the_same_table() {
        let table = build(100, false);
        let kept = BTreeSet::from([1, 2, 50]);
        let once = Cff::parse(&table, 100)
            .unwrap()
            .subset(&table, &kept)
            .unwrap();
        let twice = Cff::parse(&once, 100)
            .unwrap()
            .subset(&once, &kept)
            .unwrap();
        assert_eq!(once, twice);
    }

    #[test]
    fn indexes_with_every_offset_size_and_count_zero_are_read() {
        for off_size in 1..=4u8 {
            let mut table = vec![0, 2, off_size];
            for offset in [1u32, 3, 6] {
                table.extend_from_slice(&offset.to_be_bytes()[4 - usize::from(off_size)..]);
            }
            table.extend_from_slice(b"abcde");
            let index = Index::parse(&table, 0).unwrap();
            assert_eq!(index.count(), 2);
            assert_eq!(&table[index.item(1).unwrap()], b"cde");
            assert_eq!(index.whole.end, table.len());
        }
        let empty = Index::parse(&[0, 0], 0).unwrap();
        assert_eq!((empty.count(), empty.whole), (0, 0..2));
    }

    #[test]
    fn damaged_tables_are_refused_with_a_reason() {
        let refused = |table: &[u8]| Cff::parse(table, 300).unwrap_err();
        assert_eq!(
            refused(&[1, 0, 4, 4, 0, 1, 5]),
            "a CFF INDEX has an offset size other than 1 to 4"
        );
        assert_eq!(
            refused(&[1, 0, 4, 4, 0, 1, 1, 1, 9]),
            "a CFF INDEX's offsets are out of order or outside the table"
        );
        assert_eq!(
            refused(&[1, 0, 4, 4, 0, 1, 1, 2, 2]),
            "a CFF INDEX does not start at offset 1"
        );
        assert_eq!(
            refused(&[2, 0, 4, 4]),
            "the font's CFF table is not CFF version 1"
        );
        assert_eq!(
            refused(&[1, 0, 9, 4]),
            "the font's CFF header has a bad size"
        );
        assert_eq!(refused(&[]), "the font's CFF table is empty");
        let table = build(300, false);
        for cut in [3, 10, 40, table.len() / 2, table.len() - 1] {
            assert!(Cff::parse(&table[..cut], 300).is_err(), "cut at {cut}");
        }
        // The CharStrings offset pointing past the end.
        let cff = Cff::parse(&table, 300).unwrap();
        let mut far = cff.top.clone();
        far.entries.retain(|e| e.operator != CHARSTRINGS);
        let mut moved = table.clone();
        let top = far.write(&[(CHARSTRINGS, vec![table.len() + 10])]).unwrap();
        let old = cff.top.write(&[]).unwrap();
        assert_eq!(top.len(), old.len(), "same operators, 5-byte offsets");
        let at = moved
            .windows(old.len())
            .position(|w| w == old.as_slice())
            .unwrap();
        moved[at..at + old.len()].copy_from_slice(&top);
        assert_eq!(
            Cff::parse(&moved, 300).unwrap_err(),
            "a CFF INDEX is cut short"
        );
    }

    #[test]
    fn dict_operands_in_every_form_are_read() {
        let bytes = [
            int(0),
            int(107),
            int(-107),
            int(108),
            int(1131),
            int(-108),
            int(-1131),
            int(2000),
            int(-2000),
            long(70_000),
            vec![30, 0x1a, 0x5f],
            op(0x0C07),
        ]
        .concat();
        let dict = Dict::parse(&bytes).unwrap();
        assert_eq!(
            dict.get(0x0C07).unwrap(),
            [0, 107, -107, 108, 1131, -108, -1131, 2000, -2000, 70_000]
                .map(Some)
                .into_iter()
                .chain([None])
                .collect::<Vec<_>>()
                .as_slice()
        );
        assert_eq!(dict.write(&[]).unwrap(), bytes);
        assert_eq!(
            Dict::parse(&[139]).unwrap_err(),
            "a CFF DICT ends with operands and no operator"
        );
        assert_eq!(
            Dict::parse(&[255, 0]).unwrap_err(),
            "a CFF DICT holds a reserved byte"
        );
        assert_eq!(
            Dict::parse(&[29, 0, 0]).unwrap_err(),
            "a CFF DICT is cut short"
        );
        assert_eq!(
            Dict::parse(&[30, 0x11]).unwrap_err(),
            "a CFF DICT is cut short"
        );
        assert_eq!(Dict::parse(&[12]).unwrap_err(), "a CFF DICT is cut short");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        #[test]
        fn kept_charstrings_are_copied_exactly_and_the_rest_are_endchar(
            picks in proptest::collection::vec(0u16..400, 0..20),
            cid_keyed in any::<bool>(),
        ) {
            let kept: BTreeSet<u16> = picks.into_iter().map(|g| g % 300).collect();
            check_subset(300, cid_keyed, &kept)?;
        }

        #[test]
        fn flipped_or_cut_tables_are_refused_or_subset_never_a_panic(
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
            cut in any::<usize>(),
            cid_keyed in any::<bool>(),
        ) {
            let mut table = build(60, cid_keyed);
            for (at, byte) in flips {
                let at = at % table.len();
                table[at] = byte;
            }
            table.truncate(table.len() - cut % 8);
            if let Ok(cff) = Cff::parse(&table, 60) {
                // Whatever was accepted can be cut, and the cut reads back.
                if let Ok(subset) = cff.subset(&table, &BTreeSet::from([1, 2, 30])) {
                    prop_assert!(Cff::parse(&subset, glyphs_in(&subset)).is_ok());
                }
            }
        }
    }
}
