//! Encrypted backups: one file, its own key, a body of authenticated chunks.
//!
//! A backup is the vault's database (a consistent snapshot, still sealed field by field
//! under the data key) wrapped a second time under a key derived with Argon2id from a
//! *backup secret* — a passphrase chosen for backups, or the recovery code — so a backup
//! that leaves the phone hides even the row counts and timestamps the vault file shows.
//! Restoring gives back the vault exactly as it was: it opens with the passphrase (or
//! recovery code) it had when the backup was made.
//!
//! The body is a stream of chunks (64 KiB of plaintext each) sealed with AES-256-GCM under
//! a nonce made of a random per-file prefix, the chunk's counter and a last-chunk flag,
//! with the whole header as associated data. So a truncated file, chunks reordered or
//! dropped, chunks spliced in from another backup, extra bytes after the end, or a
//! changed header all fail authentication, and memory stays at one chunk whatever the
//! vault's size. The byte-level layout is in `docs/formats.md`; the committed test vector
//! in `core/tests/vectors/` pins it.
//!
//! This module reads and writes backup files and validates what is inside them. Taking
//! the snapshot and swapping a restored file into place belong to `vault::backups`.

mod chunks;
mod header;
mod payload;
mod restore;
mod secret;

pub use header::{BACKUP_FORMAT_VERSION, CHUNK_SIZE, HEADER_LEN, MAGIC};
pub use payload::BackupSummary;
pub use restore::{restore_backup, verify_backup, verify_backup_stream};
pub use secret::BackupSecret;

// Public for the vault and the fuzz targets in the `innermost` crate (docs/decisions.md
// §47); the bindings expose none of it.
pub use chunks::ChunkWriter;
pub use header::{BackupKey, Header};
pub use payload::{Manifest, encrypt_file};
pub use restore::{decrypt_to_staging, open_backup};
