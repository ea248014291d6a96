//! The backup header and the key it describes.
//!
//! ```text
//! offset size field
//!      0    8 magic "INMOBKUP"
//!      8    2 format version, big-endian (1)
//!     10    1 secret kind: 1 passphrase, 2 recovery code
//!     11    1 reserved, 0
//!     12    4 Argon2id memory (KiB)         } big-endian
//!     16    4 Argon2id iterations           }
//!     20    4 Argon2id lanes                }
//!     24   16 Argon2id salt
//!     40    7 nonce prefix (random per file)
//!     47    4 chunk size (plaintext bytes), big-endian
//!     51   16 key check: the GCM tag of an empty message under nonce
//!             prefix | FFFFFFFF | 02 with bytes 0..51 as associated data
//!     67      first chunk
//! ```
//!
//! The key check lets a wrong secret be told apart from a damaged body: it is the only
//! thing the key opens before the chunks.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

use super::secret::{BackupSecret, KIND_PASSPHRASE, KIND_RECOVERY_CODE};
use crate::crypto::{KdfParams, WrappingKey, derive_wrapping_key, random_array};
use crate::error::{Error, Result};

/// The first eight bytes of every backup.
pub const MAGIC: [u8; 8] = *b"INMOBKUP";
/// The format version this build writes and the newest it reads.
pub const BACKUP_FORMAT_VERSION: u16 = 1;
/// Plaintext bytes per chunk.
pub const CHUNK_SIZE: u32 = 64 * 1024;
/// Length of the header in bytes.
pub const HEADER_LEN: usize = 67;

const KEY_CHECK_AT: usize = 51;
const SMALLEST_CHUNK: u32 = 1024;
const LARGEST_CHUNK: u32 = 16 * 1024 * 1024;

/// A parsed or freshly made header.
#[derive(Debug, Clone)]
pub struct Header {
    pub(crate) secret_kind: u8,
    /// The key derivation's parameters (plaintext in the file, as in every key slot).
    pub kdf: KdfParams,
    /// The key derivation's salt (plaintext in the file).
    pub salt: [u8; 16],
    pub(crate) nonce_prefix: [u8; 7],
    pub(crate) chunk_size: u32,
    pub(crate) key_check: [u8; 16],
}

/// A backup's key, with the header it belongs to (its associated data).
pub struct BackupKey {
    pub(crate) cipher: Aes256Gcm,
    pub(crate) header: Header,
    pub(crate) header_bytes: [u8; HEADER_LEN],
}

impl std::fmt::Debug for BackupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackupKey([redacted])")
    }
}

impl Header {
    /// A header for a new file keyed by `key` (already derived with `kdf` and `salt`).
    pub fn seal_new(
        secret_kind: u8,
        kdf: KdfParams,
        salt: [u8; 16],
        key: &WrappingKey,
    ) -> Result<BackupKey> {
        let mut header = Header {
            secret_kind,
            kdf,
            salt,
            nonce_prefix: random_array()?,
            chunk_size: CHUNK_SIZE,
            key_check: [0; 16],
        };
        let cipher = cipher_for(key)?;
        let unchecked = header.encode();
        let tag = cipher
            .encrypt(
                &key_check_nonce(&header.nonce_prefix),
                Payload {
                    msg: &[],
                    aad: &unchecked[..KEY_CHECK_AT],
                },
            )
            .map_err(|_| Error::Internal("AES-GCM refused the key check"))?;
        header.key_check.copy_from_slice(&tag);
        let header_bytes = header.encode();
        Ok(BackupKey {
            cipher,
            header,
            header_bytes,
        })
    }

    /// The header's bytes.
    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[0..8].copy_from_slice(&MAGIC);
        out[8..10].copy_from_slice(&BACKUP_FORMAT_VERSION.to_be_bytes());
        out[10] = self.secret_kind;
        out[12..16].copy_from_slice(&self.kdf.memory_kib().to_be_bytes());
        out[16..20].copy_from_slice(&self.kdf.iterations().to_be_bytes());
        out[20..24].copy_from_slice(&self.kdf.lanes().to_be_bytes());
        out[24..40].copy_from_slice(&self.salt);
        out[40..47].copy_from_slice(&self.nonce_prefix);
        out[47..51].copy_from_slice(&self.chunk_size.to_be_bytes());
        out[51..67].copy_from_slice(&self.key_check);
        out
    }

    /// Parses a header, refusing a file that is not a backup, a newer format, and
    /// impossible values. Checks no key.
    pub fn decode(bytes: &[u8]) -> Result<Header> {
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::invalid("backup", "is not an Innermost backup file"));
        }
        if bytes.len() < HEADER_LEN {
            return Err(Error::corrupted("backup: the header is truncated"));
        }
        let u32_at = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let version = u16::from_be_bytes([bytes[8], bytes[9]]);
        if version > BACKUP_FORMAT_VERSION {
            return Err(Error::Unsupported {
                what: "a backup written by a newer version of Innermost",
            });
        }
        if version == 0 {
            return Err(Error::corrupted("backup: the header's format version is 0"));
        }
        let secret_kind = bytes[10];
        if ![KIND_PASSPHRASE, KIND_RECOVERY_CODE].contains(&secret_kind) || bytes[11] != 0 {
            return Err(Error::corrupted(
                "backup: the header names an unknown secret kind",
            ));
        }
        let kdf = KdfParams::from_stored(
            i64::from(u32_at(12)),
            i64::from(u32_at(16)),
            i64::from(u32_at(20)),
        )
        .map_err(|_| Error::corrupted("backup: the header's key derivation parameters"))?;
        if kdf.memory_kib() > KdfParams::MAX_MEMORY_KIB
            || kdf.iterations() > KdfParams::MAX_ITERATIONS
            || kdf.lanes() > KdfParams::MAX_LANES
        {
            return Err(Error::corrupted(
                "backup: the header asks for more key derivation work than any backup uses",
            ));
        }
        let chunk_size = u32_at(47);
        if !(SMALLEST_CHUNK..=LARGEST_CHUNK).contains(&chunk_size) {
            return Err(Error::corrupted("backup: the header's chunk size"));
        }
        let mut header = Header {
            secret_kind,
            kdf,
            salt: [0; 16],
            nonce_prefix: [0; 7],
            chunk_size,
            key_check: [0; 16],
        };
        header.salt.copy_from_slice(&bytes[24..40]);
        header.nonce_prefix.copy_from_slice(&bytes[40..47]);
        header.key_check.copy_from_slice(&bytes[51..67]);
        Ok(header)
    }

    /// Derives the key from `secret` (Argon2id) and checks it against the key check.
    /// `WrongPassphrase` when it does not match.
    pub fn open(self, secret: &BackupSecret) -> Result<BackupKey> {
        if secret.kind_byte() != self.secret_kind {
            return Err(Error::invalid(
                "secret",
                if self.secret_kind == KIND_RECOVERY_CODE {
                    "this backup opens with a recovery code, not a passphrase"
                } else {
                    "this backup opens with a passphrase, not a recovery code"
                },
            ));
        }
        let key = derive_wrapping_key(secret, &self.salt, &self.kdf)?;
        self.open_with_key(&key)
    }

    /// Checks an already derived key against the key check.
    pub fn open_with_key(self, key: &WrappingKey) -> Result<BackupKey> {
        let cipher = cipher_for(key)?;
        let header_bytes = self.encode();
        cipher
            .decrypt(
                &key_check_nonce(&self.nonce_prefix),
                Payload {
                    msg: &self.key_check,
                    aad: &header_bytes[..KEY_CHECK_AT],
                },
            )
            .map_err(|_| Error::WrongPassphrase)?;
        Ok(BackupKey {
            cipher,
            header: self,
            header_bytes,
        })
    }
}

fn cipher_for(key: &WrappingKey) -> Result<Aes256Gcm> {
    Aes256Gcm::new_from_slice(key.as_bytes()).map_err(|_| Error::Internal("AES key length"))
}

impl BackupKey {
    /// Seals chunk `counter` (`last` for the final one). Not generic on purpose: the chunk
    /// readers and writers are generic over their streams and so are compiled in the crate
    /// that uses them, which may be built for size; the per-byte AES-GCM work stays here,
    /// in the crate built for speed (docs/decisions.md §47).
    pub(crate) fn seal_chunk(&self, counter: u32, last: bool, plain: &[u8]) -> Result<Vec<u8>> {
        let nonce = chunk_nonce(&self.header.nonce_prefix, counter, u8::from(last));
        self.cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: plain,
                    aad: &self.header_bytes,
                },
            )
            .map_err(|_| Error::Internal("AES-GCM refused a backup chunk"))
    }

    /// Opens chunk `counter`; `None` when it fails authentication (damaged, missing, out
    /// of place or the wrong key). See [`BackupKey::seal_chunk`] for why it is not generic.
    pub(crate) fn open_chunk(&self, counter: u32, last: bool, sealed: &[u8]) -> Option<Vec<u8>> {
        let nonce = chunk_nonce(&self.header.nonce_prefix, counter, u8::from(last));
        self.cipher
            .decrypt(
                &nonce,
                Payload {
                    msg: sealed,
                    aad: &self.header_bytes,
                },
            )
            .ok()
    }
}

fn key_check_nonce(prefix: &[u8; 7]) -> Nonce<aes_gcm::aead::consts::U12> {
    chunk_nonce(prefix, u32::MAX, 2)
}

/// The nonce of chunk `counter`: prefix | counter | flag (0 more follow, 1 last).
pub(crate) fn chunk_nonce(
    prefix: &[u8; 7],
    counter: u32,
    flag: u8,
) -> Nonce<aes_gcm::aead::consts::U12> {
    let mut nonce = [0u8; 12];
    nonce[..7].copy_from_slice(prefix);
    nonce[7..11].copy_from_slice(&counter.to_be_bytes());
    nonce[11] = flag;
    Nonce::from(nonce)
}
