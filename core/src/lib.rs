//! # Innermost's core
//!
//! Everything Innermost does that is not drawing on a screen or talking to the phone's
//! own services: an encrypted journal stored in SQLite, the keys that protect it, and (in
//! later modules) reminder planning, the progress model and reports. The Kotlin and Swift
//! apps reach it through the `innermost-ffi` crate; this crate has no FFI types.
//!
//! ## Layers
//!
//! ```text
//!   vault      the handle an app holds: create/open/unlock/lock, key slots (passphrase,
//!     │        recovery, platform), rotation, backups, export, delete-everything
//!     │
//!   journal    entries (sealed documents, plaintext instants)
//!   backup     the backup file: header, authenticated chunks, manifest, restore checks
//!   export     the open JSON export's format
//!   rituals    rituals of connection, their cadence, completion log and reminder plan
//!   progress   practice, setbacks, the ladder, measures, the growth score, milestones
//!   listener   the listener long operations report to (and that may stop them)
//!     │
//!   store      SQLite connection, pragmas, migrations, files   crypto   keys, recovery
//!                                                                       codes, Argon2id,
//!                                                                       AES-GCM
//! ```
//!
//! Data flows one way: `vault` composes the domain modules, domain modules use `store`
//! and `crypto`, and `store`/`crypto` know no domain type.
//!
//! ## Promises
//!
//! * No text a person wrote reaches the disk unsealed (see `docs/threat-model.md`).
//! * An acknowledged write is committed with `synchronous=FULL`.
//! * A file that fails to open is reported and left untouched, never recreated.
//! * A backup is restored only after every byte of it checked out; a key rotation or a
//!   restore killed at any moment leaves a vault that opens.

pub mod export;
#[cfg(feature = "test-support")]
pub mod fuzzing;
pub mod progress;
pub mod rituals;
pub mod vault;

// The speed-critical modules are compiled in `innermost-base` (built for speed while this
// crate is built for size, docs/decisions.md §47) and appear here under their usual paths.
pub(crate) use innermost_base::ids;
pub use innermost_base::{backup, calendar, crypto, error, journal, listener, store, time};

pub use backup::{BackupSecret, BackupSummary, restore_backup, verify_backup};
pub use crypto::{KdfCalibration, KdfParams, Passphrase, RecoveryCode, calibrate_kdf};
pub use error::{Error, Result};
pub use journal::{
    Draft, EmotionFamily, EmotionRating, EmotionWord, Entry, EntryContent, EntryFilter, EntryId,
    EntryKind, EntryPage, Grounding, NewEntry, PageCursor, Presence, Prompt, Response, TriggerTag,
    Verdict,
};
pub use rituals::{
    NewRitual, NotificationPlan, PlanItem, PlanItemReason, PlanRequest, Ritual, RitualId,
    RitualKind, Schedule, ZoneMode,
};
pub use time::{Clock, FixedClock, SystemClock, Timestamp};
pub use vault::Vault;
