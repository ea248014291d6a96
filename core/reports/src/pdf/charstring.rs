//! Running Type 2 charstrings (the outlines of a CFF font) just far enough to find which
//! global and local subroutines a glyph calls, so a subset can empty the others.
//!
//! Owns: reading charstring operands (integers of every encoding, 16.16 fixed numbers),
//! following `callsubr`/`callgsubr` (with the bias the subroutine count sets), `return`
//! and `endchar`, and counting stem hints so `hintmask`/`cntrmask` skip the right number
//! of mask bytes. Does not draw: path operators only clear the operand stack. A
//! charstring this walk cannot follow (arithmetic or storage operators, whose results
//! could feed a call; a call outside its INDEX; calls nested deeper than the spec's 10;
//! more than 48 operands; more operations than a budget allows, which a hostile font
//! looping through subroutines would need) gives an error, and the caller keeps every
//! subroutine of that font. Does not read the CFF table's structure (`cff` does).

use std::collections::BTreeSet;

/// How deep subroutine calls may nest (Type 2 charstring format, appendix B).
const MAX_CALL_DEPTH: usize = 10;

/// The Type 2 argument stack limit.
const MAX_OPERANDS: usize = 48;

/// Operators read.
const HSTEM: u8 = 1;
const VSTEM: u8 = 3;
const CALLSUBR: u8 = 10;
const RETURN: u8 = 11;
const ESCAPE: u8 = 12;
const ENDCHAR: u8 = 14;
const HSTEMHM: u8 = 18;
const HINTMASK: u8 = 19;
const CNTRMASK: u8 = 20;
const VSTEMHM: u8 = 23;
const SHORTINT: u8 = 28;
const CALLGSUBR: u8 = 29;
const FIXED: u8 = 255;

/// The two-byte operators that only clear the stack: `dotsection` (deprecated) and the
/// four flex operators. Every other two-byte operator is arithmetic or storage.
const ESCAPED_PATH_OPERATORS: [u8; 5] = [0, 34, 35, 36, 37];

/// The subroutines glyphs were found to call, by number in their INDEX.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Calls {
    /// Global subroutines called.
    pub(crate) global: BTreeSet<usize>,
    /// Local subroutines called, for each Private DICT (by its position in the font:
    /// the one Private DICT of a name-keyed font, or a Font DICT's).
    pub(crate) local: Vec<BTreeSet<usize>>,
}

/// The subroutines one glyph can call: the font's global subroutines and those of the
/// glyph's Private DICT (`local` is its position), each a charstring.
pub(crate) struct Subrs<'a> {
    /// The Global Subr INDEX's items.
    pub(crate) global: &'a [&'a [u8]],
    /// The glyph's Private DICT's Subrs INDEX items (empty when it has none).
    pub(crate) local: &'a [&'a [u8]],
    /// Which entry of [`Calls::local`] the local subroutines record into.
    pub(crate) private: usize,
}

/// What a walk records beside the calls: for tests, the glyph's operators and operands
/// with every subroutine call replaced by the subroutine's own (the outline itself).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    /// An operand, as read.
    Number(f64),
    /// An operator (`12 x` as `0x0C00 | x`) other than a call or `return`.
    Operator(u16),
    /// The mask bytes after `hintmask` or `cntrmask`.
    Mask(Vec<u8>),
}

/// The subroutine number bias for an INDEX of `count` subroutines.
pub(crate) fn bias(count: usize) -> i64 {
    if count < 1240 {
        107
    } else if count < 33900 {
        1131
    } else {
        32768
    }
}

/// A walk through one glyph: its operand stack and stem hints, shared by every
/// subroutine it calls, and what is left of the operation budget.
pub(crate) struct Walk<'a> {
    subrs: &'a Subrs<'a>,
    stack: Vec<f64>,
    stems: usize,
    mask_bytes: Option<usize>,
    budget: &'a mut usize,
    /// The operators and operands, subroutines inlined, when asked for.
    pub(crate) trace: Option<Vec<Token>>,
}

/// How a charstring ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// `return`, or the end of the bytes: the caller goes on.
    Return,
    /// `endchar`: the glyph is done.
    EndChar,
}

impl<'a> Walk<'a> {
    /// A walk through a glyph that may call `subrs`, taking operations from `budget`.
    pub(crate) fn new(subrs: &'a Subrs<'a>, budget: &'a mut usize) -> Walk<'a> {
        Walk {
            subrs,
            stack: Vec::new(),
            stems: 0,
            mask_bytes: None,
            budget,
            trace: None,
        }
    }

    /// Runs the glyph's `charstring`, adding the subroutines it calls to `calls`.
    pub(crate) fn run(&mut self, charstring: &[u8], calls: &mut Calls) -> Result<(), &'static str> {
        self.charstring(charstring, calls, 0).map(|_| ())
    }

    fn record(&mut self, token: Token) {
        if let Some(trace) = &mut self.trace {
            trace.push(token);
        }
    }

    fn push(&mut self, value: f64) -> Result<(), &'static str> {
        if self.stack.len() >= MAX_OPERANDS {
            return Err("a charstring has too many operands");
        }
        self.stack.push(value);
        self.record(Token::Number(value));
        Ok(())
    }

    fn charstring(
        &mut self,
        bytes: &[u8],
        calls: &mut Calls,
        depth: usize,
    ) -> Result<End, &'static str> {
        let cut = "a charstring is cut short";
        let mut at = 0;
        while let Some(&b0) = bytes.get(at) {
            *self.budget = self
                .budget
                .checked_sub(1)
                .ok_or("the charstrings take too many operations")?;
            let byte = |i: usize| bytes.get(at + i).copied().map(i32::from).ok_or(cut);
            match b0 {
                SHORTINT => {
                    let value = i16::from_be_bytes([byte(1)? as u8, byte(2)? as u8]);
                    self.push(f64::from(value))?;
                    at += 3;
                }
                32..=246 => {
                    self.push(f64::from(i32::from(b0) - 139))?;
                    at += 1;
                }
                247..=250 => {
                    self.push(f64::from((i32::from(b0) - 247) * 256 + byte(1)? + 108))?;
                    at += 2;
                }
                251..=254 => {
                    self.push(f64::from(-(i32::from(b0) - 251) * 256 - byte(1)? - 108))?;
                    at += 2;
                }
                FIXED => {
                    let raw = i32::from_be_bytes([
                        byte(1)? as u8,
                        byte(2)? as u8,
                        byte(3)? as u8,
                        byte(4)? as u8,
                    ]);
                    self.push(f64::from(raw) / 65536.0)?;
                    at += 5;
                }
                CALLSUBR | CALLGSUBR => {
                    at += 1;
                    let number = self.stack.pop().ok_or("a subroutine call has no number")?;
                    if let Some(trace) = &mut self.trace {
                        trace.pop();
                    }
                    if depth >= MAX_CALL_DEPTH {
                        return Err("charstring subroutine calls nest too deep");
                    }
                    let global = b0 == CALLGSUBR;
                    let subrs = if global {
                        self.subrs.global
                    } else {
                        self.subrs.local
                    };
                    if number.fract() != 0.0 || number.abs() > 65536.0 {
                        return Err("a subroutine number is not an integer");
                    }
                    let index = usize::try_from(number as i64 + bias(subrs.len()))
                        .ok()
                        .filter(|i| *i < subrs.len())
                        .ok_or("a charstring calls a subroutine the font does not have")?;
                    let subr = subrs.get(index).copied().ok_or(cut)?;
                    if global {
                        calls.global.insert(index);
                    } else {
                        let private = self.subrs.private;
                        if calls.local.len() <= private {
                            calls.local.resize(private + 1, BTreeSet::new());
                        }
                        if let Some(local) = calls.local.get_mut(private) {
                            local.insert(index);
                        }
                    }
                    if self.charstring(subr, calls, depth + 1)? == End::EndChar {
                        return Ok(End::EndChar);
                    }
                }
                RETURN => return Ok(End::Return),
                ENDCHAR => {
                    self.record(Token::Operator(u16::from(ENDCHAR)));
                    return Ok(End::EndChar);
                }
                HSTEM | VSTEM | HSTEMHM | VSTEMHM => {
                    self.stems += self.stack.len() / 2;
                    self.stack.clear();
                    self.record(Token::Operator(u16::from(b0)));
                    at += 1;
                }
                HINTMASK | CNTRMASK => {
                    let mask_bytes = match self.mask_bytes {
                        Some(n) => n,
                        None => {
                            // Stems given just before the first mask: an implicit vstem.
                            self.stems += self.stack.len() / 2;
                            let n = self.stems.div_ceil(8);
                            self.mask_bytes = Some(n);
                            n
                        }
                    };
                    self.stack.clear();
                    self.record(Token::Operator(u16::from(b0)));
                    let mask = bytes.get(at + 1..at + 1 + mask_bytes).ok_or(cut)?;
                    self.record(Token::Mask(mask.to_vec()));
                    at += 1 + mask_bytes;
                }
                ESCAPE => {
                    let second = u8::try_from(byte(1)?).map_err(|_| cut)?;
                    if !ESCAPED_PATH_OPERATORS.contains(&second) {
                        return Err("a charstring uses arithmetic or storage operators");
                    }
                    self.stack.clear();
                    self.record(Token::Operator(0x0C00 | u16::from(second)));
                    at += 2;
                }
                _ => {
                    // Path operators and reserved bytes: they use the stack up.
                    self.stack.clear();
                    self.record(Token::Operator(u16::from(b0)));
                    at += 1;
                }
            }
        }
        Ok(End::Return)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(
        charstring: &[u8],
        global: &[&[u8]],
        local: &[&[u8]],
    ) -> Result<(Calls, Vec<Token>), &'static str> {
        let subrs = Subrs {
            global,
            local,
            private: 0,
        };
        let mut budget = 10_000;
        let mut walk = Walk::new(&subrs, &mut budget);
        walk.trace = Some(Vec::new());
        let mut calls = Calls::default();
        walk.run(charstring, &mut calls)?;
        Ok((calls, walk.trace.unwrap_or_default()))
    }

    #[test]
    fn operands_of_every_encoding_are_read() {
        let (_, trace) = walk(
            &[139, 247, 0, 251, 0, 28, 0x80, 0, 255, 0, 1, 0x80, 0, 21],
            &[],
            &[],
        )
        .unwrap();
        assert_eq!(
            trace,
            vec![
                Token::Number(0.0),
                Token::Number(108.0),
                Token::Number(-108.0),
                Token::Number(-32768.0),
                Token::Number(1.5),
                Token::Operator(21),
            ]
        );
    }

    #[test]
    fn calls_use_the_bias_and_are_inlined_and_endchar_in_a_subr_ends_the_glyph() {
        // Local 0 moves, local 1 ends the glyph, local 2 calls global 1, which calls
        // local 1; with fewer than 1240 subroutines the bias is 107 (32 is -107).
        let local: Vec<&[u8]> = vec![&[139, 139, 21, 11], &[14], &[33, 29, 11]];
        let global: Vec<&[u8]> = vec![&[11], &[33, 10, 11]];
        let (calls, trace) = walk(&[32, 10, 34, 10, 139, 139, 5, 14], &global, &local).unwrap();
        assert_eq!(calls.global, BTreeSet::from([1]));
        assert_eq!(calls.local, vec![BTreeSet::from([0, 1, 2])]);
        // The line after the call is never reached: `endchar` in a subroutine ends it.
        assert_eq!(
            trace,
            vec![
                Token::Number(0.0),
                Token::Number(0.0),
                Token::Operator(21),
                Token::Operator(14),
            ]
        );
        let (calls, _) = walk(&[33, 29, 14], &global, &local).unwrap();
        assert_eq!(calls.global, BTreeSet::from([1]));
        assert_eq!(calls.local, vec![BTreeSet::from([1])]);
        assert_eq!(
            (bias(1239), bias(1240), bias(33899), bias(33900)),
            (107, 1131, 1131, 32768)
        );
    }

    #[test]
    fn hint_masks_skip_one_byte_per_eight_stems_counting_the_implicit_vstem() {
        // 9 stems: 4 from hstemhm, 5 more before hintmask: two mask bytes.
        let mut charstring = vec![];
        charstring.extend([139; 8]);
        charstring.push(HSTEMHM);
        charstring.extend([139; 10]);
        charstring.extend([HINTMASK, 0xFF, 0x80, 139, 139, 21, CNTRMASK, 0x0F, 0x00, 14]);
        let (_, trace) = walk(&charstring, &[], &[]).unwrap();
        assert!(trace.contains(&Token::Mask(vec![0xFF, 0x80])));
        assert!(trace.contains(&Token::Mask(vec![0x0F, 0x00])));
        assert_eq!(trace.last(), Some(&Token::Operator(14)));
    }

    #[test]
    fn unreadable_charstrings_are_errors_never_panics() {
        let looping: Vec<&[u8]> = vec![&[32, 10, 32, 10, 11]];
        assert_eq!(
            walk(&[32, 10, 14], &[], &looping).unwrap_err(),
            "charstring subroutine calls nest too deep"
        );
        assert_eq!(
            walk(&[139, 10, 14], &[], &[]).unwrap_err(),
            "a charstring calls a subroutine the font does not have"
        );
        assert_eq!(
            walk(&[10], &[], &[]).unwrap_err(),
            "a subroutine call has no number"
        );
        assert_eq!(
            walk(&[139, 139, 12, 10, 14], &[], &[]).unwrap_err(),
            "a charstring uses arithmetic or storage operators"
        );
        assert_eq!(
            walk(&[28, 0], &[], &[]).unwrap_err(),
            "a charstring is cut short"
        );
        assert_eq!(
            walk(&[139; 49], &[], &[]).unwrap_err(),
            "a charstring has too many operands"
        );
        assert_eq!(
            walk(&[255, 0, 1, 0x80, 0, 10], &[], &[&[11]]).unwrap_err(),
            "a subroutine number is not an integer"
        );
        // Each level calls the next twice: 2^10 calls, more than the budget allows.
        let doubling: Vec<Vec<u8>> = (0..11)
            .map(|i| {
                if i == 10 {
                    vec![11]
                } else {
                    vec![32 + i + 1, 10, 32 + i + 1, 10, 11]
                }
            })
            .collect();
        let doubling: Vec<&[u8]> = doubling.iter().map(Vec::as_slice).collect();
        let error = walk(&[32, 10, 14], &[], &doubling).unwrap_err();
        assert!(
            error == "the charstrings take too many operations"
                || error == "charstring subroutine calls nest too deep",
            "{error}"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_walk_to_an_answer(
            charstring in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
            subr in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..32),
        ) {
            let _ = walk(&charstring, &[&subr], &[&subr, &charstring]);
        }
    }
}
