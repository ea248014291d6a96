//! Secret types. Each is its own type so a data key can never be passed where a wrapping
//! key is expected; each wipes its memory when dropped and prints `[redacted]` in `Debug`.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::random::fill_random;
use crate::error::{Error, Result};

/// The vault's 256-bit data key: seals every private field. Generated once per vault from
/// the OS CSPRNG; stored only wrapped inside key slots; wiped on lock and on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; 32]);

impl DataKey {
    /// Length of the key in bytes.
    pub const LEN: usize = 32;

    /// A fresh random data key.
    pub fn generate() -> Result<Self> {
        let mut key = DataKey([0u8; 32]);
        fill_random(&mut key.0)?;
        Ok(key)
    }

    /// Rebuilds a key from unwrapped bytes; `bytes` must be exactly 32 long.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        let array: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::corrupted("unwrapped data key has the wrong length"))?;
        Ok(DataKey(array))
    }

    /// The key's bytes, for the core's own sealing, wrapping and backup code only: public
    /// because that code lives in the `innermost` crate (docs/decisions.md §47). Never
    /// exposed through the bindings; never copy them out of a zeroizing buffer.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Whether two handles hold the same key (both are in memory already, so a plain
    /// comparison leaks nothing an attacker could time).
    pub fn same_as(&self, other: &DataKey) -> bool {
        self.0 == other.0
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey([redacted])")
    }
}

/// A 256-bit key that wraps the data key inside one key slot (derived from a passphrase
/// with Argon2id, or from a recovery code).
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct WrappingKey([u8; 32]);

impl WrappingKey {
    /// An all-zero key, to be filled in place by a key derivation (so the derived bytes
    /// never exist outside this zeroizing value).
    pub fn zeroed() -> Self {
        WrappingKey([0u8; 32])
    }

    /// A fresh random key (the slot key of a platform slot).
    pub fn generate() -> Result<Self> {
        let mut key = WrappingKey::zeroed();
        fill_random(&mut key.0)?;
        Ok(key)
    }

    /// Rebuilds a key handed back by a platform key store; `None` unless 32 bytes long.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        let mut key = WrappingKey::zeroed();
        if bytes.len() != key.0.len() {
            return None;
        }
        key.0.copy_from_slice(bytes);
        Some(key)
    }

    /// The key's bytes, for the core's own wrapping code only (see [`DataKey::as_bytes`]).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key's bytes to fill in place, for the key derivation only.
    pub fn as_mut_bytes(&mut self) -> &mut [u8; 32] {
        &mut self.0
    }
}

impl fmt::Debug for WrappingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WrappingKey([redacted])")
    }
}

/// A passphrase a person typed. Wiped on drop; never printed.
///
/// The core refuses an empty passphrase; it sets no other rule, so the shells can offer
/// whatever strength guidance fits their design.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// Longest accepted passphrase, in bytes of UTF-8.
    pub const MAX_LEN: usize = 1024;

    /// Takes ownership of `text`; its buffer is wiped when the passphrase is dropped.
    /// Fails with `InvalidInput` naming `field` when empty (or only whitespace) or too long.
    pub fn new(text: String, field: &'static str) -> Result<Self> {
        let text = Zeroizing::new(text);
        if text.trim().is_empty() {
            return Err(Error::invalid(field, "must not be empty"));
        }
        if text.len() > Self::MAX_LEN {
            return Err(Error::invalid(field, "is longer than 1024 bytes"));
        }
        Ok(Passphrase(text))
    }

    /// The passphrase's UTF-8 bytes, for the key derivation only; never log or store them.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_contains_secret_bytes() {
        let pass = Passphrase::new("correct horse battery".into(), "passphrase").unwrap();
        let key = DataKey::generate().unwrap();
        let printed = format!("{pass:?} {key:?} {:?}", WrappingKey::zeroed());
        assert!(!printed.contains("horse"));
        assert!(printed.contains("redacted"));
        let hex: String = key.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert!(!printed.contains(&hex[..8]));
    }

    #[test]
    fn empty_or_blank_passphrase_is_invalid_input_naming_the_field() {
        for text in ["", "   ", "\n\t"] {
            match Passphrase::new(text.into(), "new_passphrase") {
                Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "new_passphrase"),
                other => panic!("expected InvalidInput, got {other:?}"),
            }
        }
    }

    #[test]
    fn two_generated_data_keys_differ() {
        let a = DataKey::generate().unwrap();
        let b = DataKey::generate().unwrap();
        assert_ne!(a.as_bytes(), b.as_bytes());
    }
}
