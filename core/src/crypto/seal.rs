//! Sealing: AES-256-GCM with a fresh random nonce and associated data that names where a
//! value lives.
//!
//! A sealed value is one blob: `version (1 byte) | nonce (12) | ciphertext | tag (16)`.
//! The associated data is `innermost/v<version>|<table>|<column>|<row id>`; it is not
//! stored, it is rebuilt by whoever opens the value, so a blob copied into another row,
//! column or table fails authentication instead of decrypting in the wrong place.
//!
//! Random 96-bit nonces are safe up to 2^32 seals per key (NIST SP 800-38D §8.3); a heavy
//! journal writes about 2^21 in fifty years, and key rotation starts the count again.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::Zeroizing;

use super::random::random_array;
use super::secret::DataKey;
use crate::error::{Error, Result};

/// The format version written as the first byte of every sealed value.
pub const SEAL_VERSION: u8 = 1;

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// Bytes a sealed value adds to its plaintext: version, nonce and tag.
pub const SEAL_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// Where a sealed value lives: the associated data it is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SealedAt<'a> {
    /// Table name, e.g. `"entries"`.
    pub table: &'static str,
    /// Column name, e.g. `"body"`.
    pub column: &'static str,
    /// The row's id (a UUID in text form).
    pub row: &'a str,
}

impl SealedAt<'_> {
    fn associated_data(&self) -> Vec<u8> {
        format!(
            "innermost/v{SEAL_VERSION}|{}|{}|{}",
            self.table, self.column, self.row
        )
        .into_bytes()
    }

    fn damage(&self) -> Error {
        Error::corrupted(format!("{}.{} of one row", self.table, self.column))
    }
}

/// Seals `plaintext` for the place `at` under the data key.
pub fn seal(key: &DataKey, at: &SealedAt<'_>, plaintext: &[u8]) -> Result<Vec<u8>> {
    aead_seal(key.as_bytes(), &at.associated_data(), plaintext)
}

/// Opens a value sealed for `at`. Any damage — a flipped byte, a truncated blob, an
/// unknown version, a blob that was sealed for another place or under another key — is
/// [`Error::Corrupted`] naming the table and column; wrong plaintext is never returned.
pub fn open(key: &DataKey, at: &SealedAt<'_>, blob: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    aead_open(key.as_bytes(), &at.associated_data(), blob).ok_or_else(|| at.damage())
}

/// Seals with a raw 256-bit key and explicit associated data (shared by key wrapping).
pub(super) fn aead_seal(
    key: &[u8; 32],
    associated_data: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| Error::Internal("AES key length"))?;
    let nonce_bytes: [u8; NONCE_LEN] = random_array()?;
    let nonce = Nonce::from(nonce_bytes);
    let mut aad = Vec::with_capacity(1 + associated_data.len());
    aad.push(SEAL_VERSION);
    aad.extend_from_slice(associated_data);
    let ciphertext = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| Error::Internal("AES-GCM refused to seal"))?;
    let mut blob = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
    blob.push(SEAL_VERSION);
    blob.extend_from_slice(&nonce_bytes);
    blob.extend_from_slice(&ciphertext);
    Ok(blob)
}

/// Opens with a raw key; `None` for every kind of failure (callers name the damage).
pub(super) fn aead_open(
    key: &[u8; 32],
    associated_data: &[u8],
    blob: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    if blob.len() < SEAL_OVERHEAD || blob[0] != SEAL_VERSION {
        return None;
    }
    let cipher = Aes256Gcm::new_from_slice(key).ok()?;
    let nonce_bytes: [u8; NONCE_LEN] = blob[1..1 + NONCE_LEN].try_into().ok()?;
    let nonce = Nonce::from(nonce_bytes);
    let mut aad = Vec::with_capacity(1 + associated_data.len());
    aad.push(SEAL_VERSION);
    aad.extend_from_slice(associated_data);
    cipher
        .decrypt(
            &nonce,
            Payload {
                msg: &blob[1 + NONCE_LEN..],
                aad: &aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HERE: SealedAt<'static> = SealedAt {
        table: "entries",
        column: "body",
        row: "0190a0b0-0000-7000-8000-000000000001",
    };

    #[test]
    fn a_sealed_value_opens_where_it_was_sealed() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, &HERE, b"I wanted to leave the room").unwrap();
        assert_eq!(blob.len(), 26 + SEAL_OVERHEAD);
        assert_eq!(blob[0], SEAL_VERSION);
        assert_eq!(
            open(&key, &HERE, &blob).unwrap().as_slice(),
            b"I wanted to leave the room"
        );
    }

    #[test]
    fn sealing_twice_gives_different_blobs() {
        let key = DataKey::generate().unwrap();
        assert_ne!(
            seal(&key, &HERE, b"same").unwrap(),
            seal(&key, &HERE, b"same").unwrap()
        );
    }

    #[test]
    fn a_value_moved_to_another_row_column_or_table_does_not_open() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, &HERE, b"secret").unwrap();
        let elsewhere = [
            SealedAt {
                row: "0190a0b0-0000-7000-8000-000000000002",
                ..HERE
            },
            SealedAt {
                column: "title",
                ..HERE
            },
            SealedAt {
                table: "rituals",
                ..HERE
            },
        ];
        for at in elsewhere {
            match open(&key, &at, &blob) {
                Err(Error::Corrupted { what }) => assert!(what.contains(at.table)),
                other => panic!("expected Corrupted, got {other:?}"),
            }
        }
    }

    #[test]
    fn another_key_does_not_open() {
        let blob = seal(&DataKey::generate().unwrap(), &HERE, b"secret").unwrap();
        assert!(open(&DataKey::generate().unwrap(), &HERE, &blob).is_err());
    }

    #[test]
    fn every_single_flipped_byte_is_detected() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, &HERE, b"a short private sentence").unwrap();
        for i in 0..blob.len() {
            for bit in [0x01u8, 0x80] {
                let mut damaged = blob.clone();
                damaged[i] ^= bit;
                assert!(
                    open(&key, &HERE, &damaged).is_err(),
                    "flip at byte {i} bit {bit:#x} went unnoticed"
                );
            }
        }
    }

    #[test]
    fn every_truncation_is_detected() {
        let key = DataKey::generate().unwrap();
        let blob = seal(&key, &HERE, b"truncate me").unwrap();
        for len in 0..blob.len() {
            assert!(
                open(&key, &HERE, &blob[..len]).is_err(),
                "truncation to {len} went unnoticed"
            );
        }
    }

    proptest! {
        #[test]
        fn round_trip_for_any_plaintext(text in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let key = DataKey::generate().unwrap();
            let blob = seal(&key, &HERE, &text).unwrap();
            prop_assert_eq!(blob.len(), text.len() + SEAL_OVERHEAD);
            let opened = open(&key, &HERE, &blob).unwrap();
            prop_assert_eq!(opened.as_slice(), text.as_slice());
        }

        #[test]
        fn arbitrary_bytes_never_open_and_never_panic(blob in proptest::collection::vec(any::<u8>(), 0..256)) {
            let key = DataKey::generate().unwrap();
            prop_assert!(open(&key, &HERE, &blob).is_err());
        }
    }
}
