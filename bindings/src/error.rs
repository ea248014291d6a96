//! [`InnermostError`]: the flat, PII-free error every export throws, and the single
//! mapping from the core's rich error to it.
//!
//! Kotlin sees `InnermostException` with one subclass per variant (`InnermostException.
//! WrongPassphrase`, `InnermostException.InvalidInput(field, reason)`, …); Swift sees an
//! `enum InnermostError: Error`. No variant carries anything a person wrote: fields are
//! API names, fixed phrases, numbers and SQLite's own messages about our SQL.

use innermost::Error;

/// Everything that can go wrong in a call into the core.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum InnermostError {
    /// The vault is locked: unlock it, then retry.
    #[error("the vault is locked")]
    Locked,
    /// The passphrase does not open the vault. Nothing changed.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The item (or the vault file) does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. `entry` or `vault file`.
        what: String,
    },
    /// An argument was refused before anything was stored; `field` is its API name.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// The argument or field name, as the API spells it (e.g. `text`, `memory_kib`).
        field: String,
        /// Why it was refused.
        reason: String,
    },
    /// Stored data failed an integrity check. The file is left as it is for rescue.
    #[error("damaged data: {what}")]
    Corrupted {
        /// What is damaged.
        what: String,
    },
    /// The file system or SQLite failed, or the vault handle was closed.
    #[error("storage error: {detail}")]
    Storage {
        /// A developer-facing description (named `detail`: Kotlin exceptions own `message`).
        detail: String,
    },
    /// The operation was interrupted before it committed; nothing changed.
    #[error("interrupted")]
    Interrupted,
    /// This build or platform cannot do what was asked (e.g. a vault from a newer version).
    #[error("unsupported: {what}")]
    Unsupported {
        /// What is not supported.
        what: String,
    },
    /// A bug in Innermost (or an unexpected failure inside a foreign callback).
    #[error("internal error: {detail}")]
    Internal {
        /// A developer-facing description (named `detail`: Kotlin exceptions own `message`).
        detail: String,
    },
}

/// The one place where the core's rich error becomes what apps see.
impl From<Error> for InnermostError {
    fn from(e: Error) -> Self {
        match e {
            Error::Locked => InnermostError::Locked,
            Error::WrongPassphrase => InnermostError::WrongPassphrase,
            Error::Closed => InnermostError::Storage {
                detail: "the vault is closed".into(),
            },
            Error::NotFound { what } => InnermostError::NotFound { what: what.into() },
            Error::InvalidInput { field, reason } => InnermostError::InvalidInput {
                field: field.into(),
                reason,
            },
            Error::Corrupted { what } => InnermostError::Corrupted { what },
            Error::NotAVault { reason } => InnermostError::InvalidInput {
                field: "path".into(),
                reason: format!("not an Innermost vault: {reason}"),
            },
            Error::AlreadyExists { .. } => InnermostError::InvalidInput {
                field: "path".into(),
                reason: "a file already exists there".into(),
            },
            Error::NewerSchema { found, supported } => InnermostError::Unsupported {
                what: format!(
                    "a vault from a newer version (schema {found}; this build reads up to {supported})"
                ),
            },
            Error::Interrupted => InnermostError::Interrupted,
            Error::Unsupported { what } => InnermostError::Unsupported { what: what.into() },
            e @ (Error::Sqlite(_) | Error::Io(_)) => InnermostError::Storage {
                detail: e.to_string(),
            },
            e @ (Error::Randomness | Error::Internal(_)) => InnermostError::Internal {
                detail: e.to_string(),
            },
        }
    }
}

/// A foreign callback (implemented in Kotlin or Swift) threw something it did not declare.
/// uniffi finds this conversion by itself and uses it instead of panicking.
impl From<uniffi::UnexpectedUniFFICallbackError> for InnermostError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        InnermostError::Internal {
            detail: format!("unexpected error in a foreign callback: {}", e.reason),
        }
    }
}

/// Shorthand for results of exported functions.
pub type Result<T, E = InnermostError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_keeps_its_field_name() {
        let e = InnermostError::from(Error::invalid("text", "must not be empty"));
        assert!(matches!(e, InnermostError::InvalidInput { ref field, .. } if field == "text"));
    }

    #[test]
    fn files_that_are_not_vaults_point_at_the_path_argument() {
        let e = InnermostError::from(Error::NotAVault {
            reason: "the file is empty",
        });
        assert!(matches!(e, InnermostError::InvalidInput { ref field, .. } if field == "path"));
        let e = InnermostError::from(Error::AlreadyExists {
            path: "/secret/name".into(),
        });
        assert!(
            !e.to_string().contains("secret"),
            "paths are not echoed: {e}"
        );
    }

    #[test]
    fn a_newer_vault_is_unsupported_with_both_versions() {
        let e = InnermostError::from(Error::NewerSchema {
            found: 9,
            supported: 2,
        });
        assert!(
            matches!(e, InnermostError::Unsupported { ref what } if what.contains('9') && what.contains('2'))
        );
    }

    #[test]
    fn unexpected_foreign_callback_errors_become_internal() {
        let e = InnermostError::from(uniffi::UnexpectedUniFFICallbackError::new(
            "java.lang.IllegalStateException",
        ));
        assert!(
            matches!(e, InnermostError::Internal { ref detail } if detail.contains("IllegalStateException"))
        );
    }
}
