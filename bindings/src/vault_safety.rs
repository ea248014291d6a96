//! The [`Vault`] calls that keep a journal from being lost or locked away: the recovery
//! code, platform unlock, key rotation, backups, the open export, and deleting
//! everything. Each is a small wrapper over the core's call of the same name.

use std::sync::Arc;

use innermost::vault::{PlatformUnlock, PlatformUnlockState};
use innermost::{BackupSummary, Passphrase, RecoveryCode};

use crate::backup::{AutomaticBackup, BackupSecret, RotationOutcome};
use crate::error::Result;
use crate::kdf::KdfParams;
use crate::platform_key::{ForeignKeyStore, PlatformKeyStore};
use crate::progress::{Listener, ProgressListener};
use crate::vault::{Vault, path_arg};
use innermost::vault::{ExportSummary, ImportSummary};

#[uniffi::export]
impl Vault {
    /// Makes a new recovery code (the old one stops working) and returns it in groups,
    /// e.g. `7KQ2-M9XD-…`. Show it once; it is not stored. Needs the vault unlocked.
    pub fn set_up_recovery_code(&self, kdf: KdfParams) -> Result<String> {
        let code = self.inner.set_up_recovery_code(kdf.try_into()?)?;
        Ok(code.display().to_string())
    }

    /// Whether a recovery code was set up. Works while locked.
    pub fn has_recovery_code(&self) -> Result<bool> {
        Ok(self.inner.has_recovery_code()?)
    }

    /// Unlocks with the recovery code. A typo is `InvalidInput` on `code` (before any key
    /// derivation); a valid code that is not this vault's is `WrongPassphrase`.
    pub fn unlock_with_recovery_code(&self, code: String) -> Result<()> {
        Ok(self
            .inner
            .unlock_with_recovery_code(&RecoveryCode::parse(&code, "code")?)?)
    }

    /// The forgotten-passphrase path: proves the recovery code and sets a new passphrase
    /// in one transaction. Leaves the vault unlocked; the recovery code keeps working.
    pub fn reset_passphrase_with_recovery_code(
        &self,
        code: String,
        new_passphrase: String,
        kdf: KdfParams,
    ) -> Result<()> {
        Ok(self.inner.reset_passphrase_with_recovery_code(
            &RecoveryCode::parse(&code, "code")?,
            &Passphrase::new(new_passphrase, "new_passphrase")?,
            kdf.try_into()?,
        )?)
    }

    /// Turns on unlocking through `store` (replacing an earlier platform slot). Needs the
    /// vault unlocked; `store` may show a biometric prompt.
    pub fn enable_platform_unlock(&self, store: Arc<dyn PlatformKeyStore>) -> Result<()> {
        Ok(self.inner.enable_platform_unlock(&ForeignKeyStore(store))?)
    }

    /// Turns platform unlock off and asks `store` to delete its key. Works while locked.
    pub fn disable_platform_unlock(&self, store: Arc<dyn PlatformKeyStore>) -> Result<()> {
        Ok(self
            .inner
            .disable_platform_unlock(&ForeignKeyStore(store))?)
    }

    /// Whether platform unlock is on, off or stale. Works while locked.
    pub fn platform_unlock_state(&self) -> Result<PlatformUnlockState> {
        Ok(self.inner.platform_unlock_state()?)
    }

    /// Tries to unlock through `store`. Every outcome but `Unlocked` means "ask for the
    /// passphrase"; failures of the store never throw.
    pub fn unlock_with_platform_key(
        &self,
        store: Arc<dyn PlatformKeyStore>,
    ) -> Result<PlatformUnlock> {
        Ok(self
            .inner
            .unlock_with_platform_key(&ForeignKeyStore(store))?)
    }

    /// Makes a new data key and re-encrypts everything in one transaction (a kill at any
    /// moment leaves the old key or the new one, never neither). `passphrase` is rewrapped
    /// under `kdf`; a recovery code is replaced (returned); platform slots are removed and,
    /// given `platform_store`, their keys deleted from it.
    pub fn rotate_data_key(
        &self,
        passphrase: String,
        kdf: KdfParams,
        platform_store: Option<Arc<dyn PlatformKeyStore>>,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<RotationOutcome> {
        let store = platform_store.map(ForeignKeyStore);
        Ok(self
            .inner
            .rotate_data_key(
                &Passphrase::new(passphrase, "passphrase")?,
                kdf.try_into()?,
                store
                    .as_ref()
                    .map(|s| s as &dyn innermost::vault::PlatformKeyStore),
                &Listener(listener),
            )?
            .into())
    }

    /// Writes an encrypted backup to `destination` (which must not exist). Needs the vault
    /// unlocked.
    pub fn write_backup(
        &self,
        destination: String,
        secret: BackupSecret,
        kdf: KdfParams,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BackupSummary> {
        Ok(self.inner.write_backup(
            &path_arg(destination)?,
            &secret.try_into()?,
            kdf.try_into()?,
            &Listener(listener),
        )?)
    }

    /// Turns automatic backups on (or changes their secret). Needs the vault unlocked.
    pub fn configure_automatic_backups(&self, secret: BackupSecret, kdf: KdfParams) -> Result<()> {
        Ok(self
            .inner
            .configure_automatic_backups(&secret.try_into()?, kdf.try_into()?)?)
    }

    /// Whether automatic backups are on. Works while locked.
    pub fn automatic_backups_configured(&self) -> Result<bool> {
        Ok(self.inner.automatic_backups_configured()?)
    }

    /// Turns automatic backups off (existing files stay).
    pub fn turn_off_automatic_backups(&self) -> Result<()> {
        Ok(self.inner.turn_off_automatic_backups()?)
    }

    /// Writes a new automatic backup into `directory` and keeps the newest `keep` (1-100).
    pub fn run_automatic_backup(
        &self,
        directory: String,
        keep: u32,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<AutomaticBackup> {
        Ok(self
            .inner
            .run_automatic_backup(&path_arg(directory)?, keep, &Listener(listener))?
            .into())
    }

    /// Replaces this vault with the one inside `backup`, only after the whole backup
    /// checked out. Afterwards the vault is locked and opens with the backed-up vault's
    /// passphrase or recovery code.
    pub fn replace_with_backup(
        &self,
        backup: String,
        secret: BackupSecret,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<BackupSummary> {
        Ok(self.inner.replace_with_backup(
            &path_arg(backup)?,
            &secret.try_into()?,
            &Listener(listener),
        )?)
    }

    /// Writes everything the person wrote as readable, **unencrypted** JSON to
    /// `destination` (which must not exist). Only on the person's explicit request.
    pub fn export_json(
        &self,
        destination: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ExportSummary> {
        Ok(self
            .inner
            .export_json(&path_arg(destination)?, &Listener(listener))?)
    }

    /// Adds what an export holds, keeping ids; items already present are skipped. The
    /// first refused item stops the import with nothing added.
    pub fn import_json(
        &self,
        source: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ImportSummary> {
        Ok(self
            .inner
            .import_json(&path_arg(source)?, &Listener(listener))?)
    }

    /// Deletes the vault: key slots first (crypto-shredding), then the files, and the
    /// automatic backups in `backups_directory` if given. The handle is closed after.
    pub fn delete_everything(&self, backups_directory: Option<String>) -> Result<()> {
        let dir = backups_directory.map(path_arg).transpose()?;
        Ok(self.inner.delete_everything(dir.as_deref())?)
    }

    /// Runs SQLite's integrity check over the file; `Corrupted` if it finds damage.
    pub fn integrity_check(&self) -> Result<()> {
        Ok(self.inner.integrity_check()?)
    }
}
