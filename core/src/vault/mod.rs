//! The vault: the one handle an app holds.
//!
//! A [`Vault`] is a file on disk plus, while unlocked, the data key in memory. It owns the
//! lifecycle (create, open, unlock, lock, close), the key slots that wrap the data key,
//! and the single write connection, and it hands the connection and key to the domain
//! modules (today the journal) for the duration of one call.
//!
//! It is `Send + Sync`: every call takes one mutex around the connection and key, so calls
//! from several threads are serialised rather than interleaved. Argon2id (hundreds of
//! milliseconds at default parameters) runs *outside* that mutex.

mod backups;
mod handle;
mod journal;
mod key_slots;
mod open_export;
mod platform_key;
mod progress;
mod rituals;
mod rotation;
mod sealed_columns;
mod secrets;

pub use crate::listener::{NoProgress, ProgressListener};
pub use backups::{AutomaticBackup, MAX_KEPT_BACKUPS, list_automatic_backups};
pub use handle::Vault;
pub use open_export::{ExportSummary, ImportSummary};
pub use platform_key::{PlatformKeyError, PlatformKeyStore, PlatformUnlock, PlatformUnlockState};
pub use rotation::RotationOutcome;
