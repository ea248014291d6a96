//! Backups of an open vault: written on request or automatically into a directory the app
//! chooses, and the current vault replaced by a backup.
//!
//! A backup starts as a snapshot (`VACUUM INTO`) written beside the vault — in the app's
//! private directory, never in the backup directory, which may be synced to a cloud — and
//! holding only what the vault file holds (sealed values). The snapshot is streamed
//! through the chunk writer into a `.partial-…` file beside the destination, synced, and
//! renamed into place; the snapshot is then removed. A killed backup leaves at most those
//! two temporary files, never a file under the backup's name that does not open.
//!
//! Automatic backups use a key derived once, when they are turned on, from a backup
//! passphrase or the recovery code; it is kept sealed under the data key, so backups run
//! without asking for the secret and without the Argon2id cost each time. Each file still
//! gets its own random nonce prefix.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};

use super::handle::Vault;
use crate::backup::{BackupKey, BackupSecret, BackupSummary, Header, Manifest, decrypt_to_staging};
use crate::crypto::{self, KdfParams, SealedAt, WrappingKey, derive_wrapping_key, random_array};
use crate::error::{Error, Result};
use crate::listener::ProgressListener;
use crate::store::{self, files};

/// The file name every automatic backup starts with.
pub const AUTOMATIC_BACKUP_PREFIX: &str = "innermost-";
/// The file name every automatic backup ends with.
pub const AUTOMATIC_BACKUP_SUFFIX: &str = ".innermost-backup";
/// Most automatic backups an app may ask to keep.
pub const MAX_KEPT_BACKUPS: u32 = 100;

const SETTINGS: SealedAt<'static> = SealedAt {
    table: "automatic_backup",
    column: "backup_key",
    row: "settings",
};

/// What one automatic backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutomaticBackup {
    /// The new backup file.
    pub path: PathBuf,
    /// What it holds.
    pub summary: BackupSummary,
    /// Older backups removed to keep the newest `keep`.
    pub removed: Vec<PathBuf>,
}

impl Vault {
    /// Writes a backup of the whole vault to `destination` (which must not exist), keyed
    /// by `secret` through Argon2id with `kdf`. Needs the vault unlocked. Progress counts
    /// database bytes.
    pub fn write_backup(
        &self,
        destination: &Path,
        secret: &BackupSecret,
        kdf: KdfParams,
        listener: &dyn ProgressListener,
    ) -> Result<BackupSummary> {
        self.with_unlocked(|_, _| Ok(()))?;
        if destination.exists() {
            return Err(Error::AlreadyExists {
                path: destination.to_owned(),
            });
        }
        let salt = random_array()?;
        let key = derive_wrapping_key(secret, &salt, &kdf)?;
        let backup_key = Header::seal_new(secret.kind_byte(), kdf, salt, &key)?;
        self.write_backup_with(&backup_key, destination, listener)
    }

    /// Turns automatic backups on (or changes their secret): derives their key from
    /// `secret` now and keeps it sealed in the vault. Needs the vault unlocked.
    pub fn configure_automatic_backups(&self, secret: &BackupSecret, kdf: KdfParams) -> Result<()> {
        let data_key = self.data_key()?;
        let salt: [u8; 16] = random_array()?;
        let key = derive_wrapping_key(secret, &salt, &kdf)?;
        let sealed = crypto::seal(&data_key, &SETTINGS, key.as_bytes())?;
        let now = self.now();
        self.write_if_key_unchanged(&data_key, |conn| {
            conn.execute(
                "INSERT OR REPLACE INTO automatic_backup
                   (id, secret_kind, kdf_memory_kib, kdf_iterations, kdf_lanes, salt, backup_key, updated_at)
                 VALUES ('settings', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    secret.kind_byte(),
                    kdf.memory_kib(),
                    kdf.iterations(),
                    kdf.lanes(),
                    salt.as_slice(),
                    sealed,
                    now.as_millis()
                ],
            )?;
            Ok(())
        })
    }

    /// Whether automatic backups are on. Works while locked.
    pub fn automatic_backups_configured(&self) -> Result<bool> {
        self.with_conn(|conn| {
            Ok(conn
                .query_row("SELECT 1 FROM automatic_backup", [], |_| Ok(()))
                .optional()?
                .is_some())
        })
    }

    /// Turns automatic backups off and forgets their key. Files already written stay.
    pub fn turn_off_automatic_backups(&self) -> Result<()> {
        self.with_conn(|conn| {
            conn.execute("DELETE FROM automatic_backup", [])?;
            Ok(())
        })
    }

    /// Writes a new automatic backup into `directory` and removes the oldest ones beyond
    /// `keep` (1 to 100). Only files named like automatic backups are ever removed.
    /// Needs the vault unlocked and automatic backups configured (`NotFound` otherwise).
    pub fn run_automatic_backup(
        &self,
        directory: &Path,
        keep: u32,
        listener: &dyn ProgressListener,
    ) -> Result<AutomaticBackup> {
        if !(1..=MAX_KEPT_BACKUPS).contains(&keep) {
            return Err(Error::invalid("keep", "must be between 1 and 100"));
        }
        if !directory.is_dir() {
            return Err(Error::invalid("directory", "is not an existing directory"));
        }
        let backup_key = self.automatic_backup_key()?;
        let path = directory.join(automatic_backup_name(self.now()));
        let summary = self.write_backup_with(&backup_key, &path, listener)?;
        let mut removed = Vec::new();
        for old in list_automatic_backups(directory)?
            .into_iter()
            .skip(keep as usize)
        {
            std::fs::remove_file(&old)?;
            removed.push(old);
        }
        if !removed.is_empty() {
            files::sync_parent(&path)?;
        }
        Ok(AutomaticBackup {
            path,
            summary,
            removed,
        })
    }

    /// Replaces this vault's file with the vault inside `backup`. The whole backup is
    /// verified and written to a staging file that is checked as a vault first; the
    /// current file is swapped only after all of that succeeded, and is untouched
    /// otherwise. Afterwards the vault is locked: it opens with the passphrase (or
    /// recovery code) the backed-up vault had.
    pub fn replace_with_backup(
        &self,
        backup: &Path,
        secret: &BackupSecret,
        listener: &dyn ProgressListener,
    ) -> Result<BackupSummary> {
        let key = crate::backup::open_backup(backup, secret)?;
        let (staging, manifest) = decrypt_to_staging(backup, &key, self.path(), listener)?;
        let swapped = self.replace_file_with(&staging);
        if swapped.is_err() {
            files::remove_with_sidecars(&staging);
        }
        swapped?;
        Ok(BackupSummary::from_manifest(
            &manifest,
            std::fs::metadata(backup)?.len(),
        ))
    }

    fn automatic_backup_key(&self) -> Result<BackupKey> {
        let (kind, kdf, salt, key) = self.with_unlocked(|conn, data_key| {
            let row = conn
                .query_row(
                    "SELECT secret_kind, kdf_memory_kib, kdf_iterations, kdf_lanes, salt, backup_key
                     FROM automatic_backup WHERE id = 'settings'",
                    [],
                    |r| {
                        Ok((
                            r.get::<_, u8>(0)?,
                            r.get::<_, i64>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, Vec<u8>>(4)?,
                            r.get::<_, Vec<u8>>(5)?,
                        ))
                    },
                )
                .optional()?
                .ok_or(Error::NotFound {
                    what: "automatic backup settings",
                })?;
            let damaged = || Error::corrupted("automatic_backup settings");
            let kdf = KdfParams::from_stored(row.1, row.2, row.3)?;
            let salt: [u8; 16] = row.4.try_into().map_err(|_| damaged())?;
            let opened = crypto::open(data_key, &SETTINGS, &row.5)?;
            let key = WrappingKey::from_slice(&opened).ok_or_else(damaged)?;
            Ok((row.0, kdf, salt, key))
        })?;
        Header::seal_new(kind, kdf, salt, &key)
    }

    fn write_backup_with(
        &self,
        key: &BackupKey,
        destination: &Path,
        listener: &dyn ProgressListener,
    ) -> Result<BackupSummary> {
        let snapshot = files::staging_path(self.path(), "snapshot");
        let result = self.snapshot_into(&snapshot).and_then(|manifest| {
            crate::backup::encrypt_file(key, &manifest, &snapshot, destination, listener)
                .map(|bytes| (manifest, bytes))
        });
        files::remove_with_sidecars(&snapshot);
        let (manifest, bytes) = result?;
        Ok(BackupSummary::from_manifest(&manifest, bytes))
    }

    /// A consistent copy of the database at `path`, and its manifest.
    fn snapshot_into(&self, path: &Path) -> Result<Manifest> {
        let target = path
            .to_str()
            .ok_or_else(|| Error::invalid("path", "the vault's directory is not valid UTF-8"))?;
        let now = self.now();
        self.with_conn(|conn| {
            conn.execute("VACUUM INTO ?1", [target])?;
            let vault_id: String =
                conn.query_row("SELECT vault_id FROM vault WHERE id = 1", [], |r| r.get(0))?;
            let count = |table: &str| -> Result<u64> {
                let n: i64 =
                    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
                Ok(u64::try_from(n).unwrap_or(0))
            };
            Ok(Manifest::new(
                now,
                vault_id,
                store::schema_version(conn)?,
                count("entries")?,
                count("drafts")?,
                std::fs::metadata(path)?.len(),
            ))
        })
    }
}

/// The automatic backups in `directory`, newest first (by the instant in their names).
pub fn list_automatic_backups(directory: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_automatic_backup_name(name) && entry.file_type()?.is_file() {
            found.push(entry.path());
        }
    }
    found.sort_unstable();
    found.reverse();
    Ok(found)
}

/// `innermost-20261128T091254123Z.innermost-backup`: UTC, sortable by name.
fn automatic_backup_name(now: crate::time::Timestamp) -> String {
    let stamp = match crate::time::Zone::utc().civil(now) {
        Ok(t) => format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}{:03}Z",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            now.as_millis().rem_euclid(1000)
        ),
        Err(_) => format!("{:020}", now.as_millis()),
    };
    format!("{AUTOMATIC_BACKUP_PREFIX}{stamp}{AUTOMATIC_BACKUP_SUFFIX}")
}

fn is_automatic_backup_name(name: &str) -> bool {
    name.strip_prefix(AUTOMATIC_BACKUP_PREFIX)
        .and_then(|rest| rest.strip_suffix(AUTOMATIC_BACKUP_SUFFIX))
        .is_some_and(|stamp| {
            stamp.len() == 19 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T'
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Timestamp;

    #[test]
    fn automatic_backup_names_sort_by_time_and_are_recognised() {
        let a = automatic_backup_name(Timestamp::from_millis(1_795_000_000_000));
        let b = automatic_backup_name(Timestamp::from_millis(1_795_000_000_001));
        assert_eq!(a, "innermost-20261118T110640000Z.innermost-backup");
        assert!(a < b);
        assert!(is_automatic_backup_name(&a));
        for other in [
            "innermost-notes.txt",
            "innermost-2026.innermost-backup",
            "journal.innermost",
        ] {
            assert!(!is_automatic_backup_name(other), "{other}");
        }
    }
}
