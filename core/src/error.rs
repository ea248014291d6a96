//! The core's rich internal error.
//!
//! Every fallible function in `innermost` returns [`Error`]. It keeps enough detail for a
//! developer to understand a failure (which table was damaged, which SQLite call failed)
//! while never carrying anything a person wrote: no entry text, no passphrase, no title.
//! Messages are built from static strings, field names and numbers only.
//!
//! This module does not decide what a phone app sees. The small, flat, PII-free error that
//! crosses the FFI boundary lives in the bindings crate (`innermost-ffi`), and the single
//! mapping from this type to that one is written there, in one `match`.

use std::path::PathBuf;

/// A `Result` whose error is the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong inside the core.
///
/// Variants are grouped by what a caller can do about them: fix the input, unlock,
/// rescue a damaged file, retry, or report a bug.
/// Deliberately not `#[non_exhaustive]`: the FFI crate's mapping is an exhaustive `match`,
/// so a new variant cannot ship without a decision about what apps see.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The operation needs the data key and the vault is locked.
    #[error("the vault is locked")]
    Locked,

    /// No key slot opened with the given passphrase. Nothing was changed.
    #[error("the passphrase does not open this vault")]
    WrongPassphrase,

    /// The vault handle was closed; open the file again to continue.
    #[error("the vault handle is closed")]
    Closed,

    /// The requested item does not exist (or was deleted).
    #[error("{what} not found")]
    NotFound {
        /// The kind of item, e.g. `"entry"`.
        what: &'static str,
    },

    /// Input was refused before anything was stored.
    #[error("invalid input for `{field}`: {reason}")]
    InvalidInput {
        /// The name of the offending field or argument, as the API spells it.
        field: &'static str,
        /// Why it was refused, in words that contain no user content.
        reason: String,
    },

    /// Sealed data or vault structure failed an integrity check: a flipped byte, a value
    /// moved between rows, a truncated file. The data is left as it is for rescue.
    #[error("damaged data: {what}")]
    Corrupted {
        /// What is damaged, e.g. `"entries.body of one entry"`.
        what: String,
    },

    /// The path exists but is not an Innermost vault (a text file, an empty file, a
    /// SQLite database of another application). The file was not modified.
    #[error("not an Innermost vault: {reason}")]
    NotAVault {
        /// Why the file was not recognised.
        reason: &'static str,
    },

    /// The vault was written by a newer version of Innermost and cannot be opened safely.
    #[error("the vault has schema version {found}; this build understands up to {supported}")]
    NewerSchema {
        /// The `user_version` found in the file.
        found: i64,
        /// The newest schema this build knows.
        supported: i64,
    },

    /// Creating a vault where a file already exists is refused: nothing is overwritten.
    #[error("a file already exists at {}", path.display())]
    AlreadyExists {
        /// The path that is taken.
        path: PathBuf,
    },

    /// The operation was interrupted before it committed; nothing changed.
    #[error("the operation was interrupted")]
    Interrupted,

    /// The platform does not offer something the operation needs.
    #[error("unsupported: {what}")]
    Unsupported {
        /// What is missing.
        what: &'static str,
    },

    /// SQLite reported an error other than damage (damage becomes [`Error::Corrupted`]).
    #[error("storage error: {0}")]
    Sqlite(rusqlite::Error),

    /// The file system reported an error.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),

    /// The operating system's random number generator failed.
    #[error("the system random number generator failed")]
    Randomness,

    /// A broken internal invariant: a bug in Innermost, never the person's fault.
    #[error("internal error: {0}")]
    Internal(&'static str),
}

impl Error {
    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Corrupted`].
    pub fn corrupted(what: impl Into<String>) -> Self {
        Error::Corrupted { what: what.into() }
    }
}

/// SQLite's own verdict that the file is damaged becomes [`Error::Corrupted`] here, in one
/// place, so every query reports damage the same way.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                Error::corrupted("the database file")
            }
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                Error::Interrupted
            }
            _ => Error::Sqlite(e),
        }
    }
}
