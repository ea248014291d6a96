//! Recovery codes: the way back in when a passphrase is forgotten.
//!
//! A recovery code is 130 random bits written as 26 symbols of Crockford's base-32
//! alphabet (digits and capital letters without `I`, `L`, `O` and `U`, so nothing can be
//! read two ways), followed by two check symbols, shown as seven groups of four:
//!
//! ```text
//!   7KQ2-M9XD-4TRA-0PZH-W6C8-N3VB-YE5K
//!   └──────────── 26 data symbols ─────────┘└┘ 2 check symbols
//! ```
//!
//! The check value is `Σ (i + 1) · symbolᵢ mod 1021` over the 26 data symbols, written as
//! two base-32 symbols. Because 1021 is prime and larger than any weight times any symbol
//! difference, it catches **every** single mistyped symbol and **every** swap of two data
//! symbols, and lets a random mistake through about once in a thousand; it runs before
//! any key derivation, so a typo is reported at once instead of after an Argon2id
//! second. Reading back is forgiving the way Crockford's alphabet intends: lower case,
//! spaces and dashes are accepted, `O` reads as `0`, `I` and `L` as `1`.
//!
//! What enters the key derivation is the 26 data symbols in canonical form, never the
//! grouping or the check symbols. This module only makes and reads codes; the recovery
//! key slot lives in `vault::key_slots`.

use std::fmt;

use zeroize::Zeroizing;

use super::random::fill_random;
use crate::error::{Error, Result};

/// Crockford's base-32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DATA_SYMBOLS: usize = 26;
const CHECK_SYMBOLS: usize = 2;
const SYMBOLS: usize = DATA_SYMBOLS + CHECK_SYMBOLS;
const GROUP: usize = 4;
const CHECK_MODULUS: u32 = 1021;

/// A recovery code. Wiped on drop; `Debug` never shows it. [`RecoveryCode::display`] gives
/// the grouped form to show the person exactly once.
#[derive(Clone)]
pub struct RecoveryCode {
    /// The 26 data symbols, canonical (upper case, Crockford alphabet).
    data: Zeroizing<String>,
}

impl RecoveryCode {
    /// The number of random bits in a code.
    pub const ENTROPY_BITS: u32 = 130;

    /// A fresh code from the OS random number generator.
    pub fn generate() -> Result<Self> {
        let mut random = Zeroizing::new([0u8; DATA_SYMBOLS]);
        fill_random(random.as_mut())?;
        let mut data = Zeroizing::new(String::with_capacity(DATA_SYMBOLS));
        for byte in random.iter() {
            data.push(char::from(ALPHABET[usize::from(byte & 31)]));
        }
        Ok(RecoveryCode { data })
    }

    /// Reads a code a person typed. `field` names the argument in errors.
    ///
    /// Refuses, before any key derivation and without echoing the code, a code of the
    /// wrong length, one with a character outside the alphabet, and one whose check
    /// symbols do not match (a typo).
    pub fn parse(typed: &str, field: &'static str) -> Result<Self> {
        let mut symbols = Zeroizing::new(Vec::with_capacity(SYMBOLS));
        for (position, c) in typed.chars().filter(|c| !is_separator(*c)).enumerate() {
            let Some(value) = symbol_value(c) else {
                return Err(Error::invalid(
                    field,
                    format!(
                        "character {} is not one of the letters and digits used in recovery codes",
                        position + 1
                    ),
                ));
            };
            if symbols.len() == SYMBOLS {
                return Err(Error::invalid(
                    field,
                    "is longer than a recovery code (28 letters and digits)",
                ));
            }
            symbols.push(value);
        }
        if symbols.len() != SYMBOLS {
            return Err(Error::invalid(
                field,
                format!(
                    "has {} letters and digits; a recovery code has 28",
                    symbols.len()
                ),
            ));
        }
        let (data, check) = symbols.split_at(DATA_SYMBOLS);
        let typed_check = u32::from(check[0]) * 32 + u32::from(check[1]);
        if typed_check != check_value(data) {
            return Err(Error::invalid(
                field,
                "does not match its check letters: a character is mistyped",
            ));
        }
        let mut canonical = Zeroizing::new(String::with_capacity(DATA_SYMBOLS));
        for &v in data {
            canonical.push(char::from(ALPHABET[usize::from(v)]));
        }
        Ok(RecoveryCode { data: canonical })
    }

    /// The code as a person writes it down: seven groups of four joined by dashes.
    /// Show it once; it is never stored.
    pub fn display(&self) -> Zeroizing<String> {
        let mut symbols: Zeroizing<Vec<u8>> =
            Zeroizing::new(self.data.bytes().filter_map(byte_value).collect());
        let check = check_value(&symbols);
        symbols.push(u8::try_from(check / 32).unwrap_or(0));
        symbols.push(u8::try_from(check % 32).unwrap_or(0));
        let mut out = Zeroizing::new(String::with_capacity(SYMBOLS + SYMBOLS / GROUP));
        for (i, &v) in symbols.iter().enumerate() {
            if i > 0 && i % GROUP == 0 {
                out.push('-');
            }
            out.push(char::from(ALPHABET[usize::from(v)]));
        }
        out
    }

    /// The bytes that enter the key derivation: the canonical data symbols.
    pub fn secret_bytes(&self) -> &[u8] {
        self.data.as_bytes()
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode([redacted])")
    }
}

fn is_separator(c: char) -> bool {
    c == '-' || c.is_whitespace()
}

/// The value of a typed character, with Crockford's forgiving readings.
fn symbol_value(c: char) -> Option<u8> {
    let upper = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    u8::try_from(upper).ok().and_then(byte_value)
}

fn byte_value(b: u8) -> Option<u8> {
    ALPHABET
        .iter()
        .position(|&a| a == b)
        .and_then(|p| u8::try_from(p).ok())
}

fn check_value(data: &[u8]) -> u32 {
    data.iter()
        .zip(1u32..)
        .map(|(&v, weight)| weight * u32::from(v))
        .sum::<u32>()
        % CHECK_MODULUS
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code() -> RecoveryCode {
        RecoveryCode::generate().unwrap()
    }

    fn reason_of(result: Result<RecoveryCode>) -> String {
        match result {
            Err(Error::InvalidInput { field, reason }) => {
                assert_eq!(field, "recovery_code");
                reason
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn a_code_is_seven_groups_of_four_from_the_unambiguous_alphabet() {
        let shown = code().display();
        let groups: Vec<&str> = shown.split('-').collect();
        assert_eq!(groups.len(), 7);
        for g in groups {
            assert_eq!(g.len(), 4);
            assert!(g.bytes().all(|b| ALPHABET.contains(&b)), "{g}");
            assert!(!g.contains(['I', 'L', 'O', 'U']));
        }
    }

    #[test]
    fn two_codes_differ() {
        assert_ne!(*code().display(), *code().display());
    }

    #[test]
    fn a_code_reads_back_from_how_people_retype_it() {
        let c = code();
        let shown = c.display().to_string();
        let sloppy = shown
            .replace('-', " ")
            .to_lowercase()
            .replace('0', "o")
            .replace('1', "l");
        for typed in [shown.clone(), shown.replace('-', ""), sloppy] {
            let back = RecoveryCode::parse(&typed, "recovery_code").unwrap();
            assert_eq!(back.secret_bytes(), c.secret_bytes());
        }
    }

    #[test]
    fn the_wrong_length_is_refused_with_a_count() {
        let shown = code().display().to_string();
        assert!(reason_of(RecoveryCode::parse(&shown[..30], "recovery_code")).contains("has 24"));
        let longer = format!("{shown}-A");
        assert!(reason_of(RecoveryCode::parse(&longer, "recovery_code")).contains("longer"));
    }

    #[test]
    fn a_character_outside_the_alphabet_is_refused_without_echoing_it() {
        let shown = code().display().to_string();
        let with_u = format!("U{}", &shown[1..]);
        let reason = reason_of(RecoveryCode::parse(&with_u, "recovery_code"));
        assert!(reason.contains("character 1"), "{reason}");
        assert!(!reason.contains(&shown[1..5]));
    }

    proptest! {
        #[test]
        fn every_single_mistyped_symbol_is_caught(position in 0usize..SYMBOLS, delta in 1u8..32) {
            let shown = code().display().to_string();
            let mut symbols: Vec<u8> = shown.bytes().filter(|&b| b != b'-').collect();
            let old = byte_value(symbols[position]).unwrap();
            symbols[position] = ALPHABET[usize::from((old + delta) % 32)];
            let typed = String::from_utf8(symbols).unwrap();
            let reason = reason_of(RecoveryCode::parse(&typed, "recovery_code"));
            prop_assert!(reason.contains("mistyped"));
        }

        #[test]
        fn every_swap_of_two_different_data_symbols_is_caught(a in 0usize..DATA_SYMBOLS, b in 0usize..DATA_SYMBOLS) {
            let shown = code().display().to_string();
            let mut symbols: Vec<u8> = shown.bytes().filter(|&x| x != b'-').collect();
            prop_assume!(symbols[a] != symbols[b]);
            symbols.swap(a, b);
            let typed = String::from_utf8(symbols).unwrap();
            prop_assert!(RecoveryCode::parse(&typed, "recovery_code").is_err());
        }

        #[test]
        fn parsing_never_panics(typed in "\\PC{0,64}") {
            let _ = RecoveryCode::parse(&typed, "recovery_code");
        }
    }
}
