//! Backups, restore, the open export and key rotation, as records and free functions.
//!
//! Paths cross as strings. Secrets cross as strings too (Kotlin and Swift strings cannot
//! be wiped; the core copies them into wiping buffers at once — see docs/decisions.md).

use std::path::PathBuf;
use std::sync::Arc;

use innermost::vault::{ExportSummary, ImportSummary};
use innermost::{BackupSummary, Passphrase, RecoveryCode, Timestamp};

use crate::error::{InnermostError, Result};
use crate::progress::{Listener, ProgressListener};

/// What a backup is keyed by.
#[derive(Debug, Clone, uniffi::Enum)]
pub enum BackupSecret {
    /// A passphrase chosen for backups (it may equal the vault's passphrase).
    Passphrase {
        /// The passphrase.
        passphrase: String,
    },
    /// The vault's recovery code, as the person typed it.
    RecoveryCode {
        /// The code (groups, case and dashes do not matter).
        code: String,
    },
}

impl TryFrom<BackupSecret> for innermost::BackupSecret {
    type Error = InnermostError;

    fn try_from(s: BackupSecret) -> Result<Self> {
        Ok(match s {
            BackupSecret::Passphrase { passphrase } => {
                innermost::BackupSecret::Passphrase(Passphrase::new(passphrase, "passphrase")?)
            }
            BackupSecret::RecoveryCode { code } => {
                innermost::BackupSecret::RecoveryCode(RecoveryCode::parse(&code, "code")?)
            }
        })
    }
}

/// What a backup holds.
#[uniffi::remote(Record)]
pub struct BackupSummary {
    /// When it was made (UTC epoch ms).
    pub created_at: Timestamp,
    /// The id of the vault it came from.
    pub vault_id: String,
    /// The vault's schema version then.
    pub schema_version: i64,
    /// Entries in it (the trash included).
    pub entries: u64,
    /// Drafts in it.
    pub drafts: u64,
    /// Size of the database inside.
    pub database_bytes: u64,
    /// Size of the backup file.
    pub backup_bytes: u64,
}

/// One automatic backup.
#[derive(Debug, Clone, uniffi::Record)]
pub struct AutomaticBackup {
    /// The new file.
    pub path: String,
    /// What it holds.
    pub summary: BackupSummary,
    /// Older backups removed to keep the newest ones.
    pub removed: Vec<String>,
}

impl From<innermost::vault::AutomaticBackup> for AutomaticBackup {
    fn from(b: innermost::vault::AutomaticBackup) -> Self {
        AutomaticBackup {
            path: path_text(b.path),
            summary: b.summary,
            removed: b.removed.into_iter().map(path_text).collect(),
        }
    }
}

/// What an export wrote.
#[uniffi::remote(Record)]
pub struct ExportSummary {
    /// Entries written (the trash included).
    pub entries: u64,
    /// Drafts written.
    pub drafts: u64,
    /// Custom vocabulary words written.
    pub words: u64,
    /// Size of the file.
    pub bytes: u64,
}

/// What an import added and skipped (already present).
#[uniffi::remote(Record)]
pub struct ImportSummary {
    /// Entries added.
    pub entries_added: u64,
    /// Entries already present.
    pub entries_skipped: u64,
    /// Drafts added.
    pub drafts_added: u64,
    /// Drafts already present.
    pub drafts_skipped: u64,
    /// Words added.
    pub words_added: u64,
    /// Words already present.
    pub words_skipped: u64,
}

/// What a key rotation did.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RotationOutcome {
    /// The new recovery code when the vault had one (the old one stopped working): show
    /// it once.
    pub recovery_code: Option<String>,
    /// Platform slots removed: turn platform unlock on again.
    pub platform_slots_removed: u32,
    /// Sealed values re-encrypted.
    pub values_resealed: u64,
}

impl From<innermost::vault::RotationOutcome> for RotationOutcome {
    fn from(o: innermost::vault::RotationOutcome) -> Self {
        RotationOutcome {
            recovery_code: o.recovery_code.map(|c| c.display().to_string()),
            platform_slots_removed: o.platform_slots_removed,
            values_resealed: o.values_resealed,
        }
    }
}

pub(crate) fn path_text(p: PathBuf) -> String {
    p.to_string_lossy().into_owned()
}

/// Checks a backup end to end without writing anything. `WrongPassphrase` for a wrong
/// secret, `Corrupted` for damage, `Unsupported` for a newer format.
#[uniffi::export]
pub fn verify_backup(
    backup: String,
    secret: BackupSecret,
    listener: Option<Arc<dyn ProgressListener>>,
) -> Result<BackupSummary> {
    Ok(innermost::verify_backup(
        &crate::vault::path_arg(backup)?,
        &secret.try_into()?,
        &Listener(listener),
    )?)
}

/// Restores a backup into a new vault file at `destination` (which must not exist); it
/// opens with the passphrase or recovery code the backed-up vault had.
#[uniffi::export]
pub fn restore_backup(
    backup: String,
    secret: BackupSecret,
    destination: String,
    listener: Option<Arc<dyn ProgressListener>>,
) -> Result<BackupSummary> {
    Ok(innermost::restore_backup(
        &crate::vault::path_arg(backup)?,
        &secret.try_into()?,
        &crate::vault::path_arg(destination)?,
        &Listener(listener),
    )?)
}

/// The automatic backups in `directory`, newest first.
#[uniffi::export]
pub fn list_automatic_backups(directory: String) -> Result<Vec<String>> {
    Ok(
        innermost::vault::list_automatic_backups(&crate::vault::path_arg(directory)?)?
            .into_iter()
            .map(path_text)
            .collect(),
    )
}

/// Checks a typed recovery code's length, alphabet and check letters (no key derivation):
/// call it as the person types to catch a typo at once. `InvalidInput` on `code`.
#[uniffi::export]
pub fn check_recovery_code(code: String) -> Result<()> {
    RecoveryCode::parse(&code, "code")?;
    Ok(())
}
