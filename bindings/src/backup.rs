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
    /// Rituals written (archived ones included; their pauses ride with them).
    pub rituals: u64,
    /// Records of the rituals' completion log written.
    pub ritual_occurrences: u64,
    /// 1 when the reminder settings were written, else 0.
    pub reminder_settings: u64,
    /// Practice events written.
    pub practice_events: u64,
    /// Practice pauses written.
    pub practice_pauses: u64,
    /// Ladder steps written.
    pub ladder_steps: u64,
    /// Ladder attempts written.
    pub ladder_attempts: u64,
    /// The person's own measures written (never the built-in scales).
    pub measures: u64,
    /// Measure responses written.
    pub measure_responses: u64,
    /// 1 when the setback plan was written, else 0.
    pub setback_plan: u64,
    /// 1 when the streak settings were written, else 0.
    pub streak_settings: u64,
    /// Milestones raised, written.
    pub milestones: u64,
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
    /// Rituals added, with their pauses.
    pub rituals_added: u64,
    /// Rituals already present.
    pub rituals_skipped: u64,
    /// Completion-log records added.
    pub ritual_occurrences_added: u64,
    /// Completion-log records whose occurrence already had one.
    pub ritual_occurrences_skipped: u64,
    /// 1 when the reminder settings were added, else 0.
    pub reminder_settings_added: u64,
    /// 1 when the vault kept its own reminder settings, else 0.
    pub reminder_settings_skipped: u64,
    /// Practice events added.
    pub practice_events_added: u64,
    /// Practice events already present.
    pub practice_events_skipped: u64,
    /// Practice pauses added.
    pub practice_pauses_added: u64,
    /// Practice pauses already present.
    pub practice_pauses_skipped: u64,
    /// Ladder steps added.
    pub ladder_steps_added: u64,
    /// Ladder steps already present.
    pub ladder_steps_skipped: u64,
    /// Ladder attempts added.
    pub ladder_attempts_added: u64,
    /// Ladder attempts already present.
    pub ladder_attempts_skipped: u64,
    /// Measures added.
    pub measures_added: u64,
    /// Measures already present.
    pub measures_skipped: u64,
    /// Measure responses added.
    pub measure_responses_added: u64,
    /// Measure responses already present.
    pub measure_responses_skipped: u64,
    /// 1 when the setback plan was added, else 0.
    pub setback_plan_added: u64,
    /// 1 when the vault kept its own setback plan, else 0.
    pub setback_plan_skipped: u64,
    /// 1 when the streak settings were added, else 0.
    pub streak_settings_added: u64,
    /// 1 when the vault kept its own streak settings, else 0.
    pub streak_settings_skipped: u64,
    /// Milestones added, as raised where the file came from.
    pub milestones_added: u64,
    /// Milestones whose id or kind was already raised here (raised once per vault).
    pub milestones_skipped: u64,
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
