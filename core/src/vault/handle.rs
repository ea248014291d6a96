//! [`Vault`]: lifecycle, key slots and the journal calls, behind one mutex.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use super::key_slots::{self, PassphraseSlot};
use crate::crypto::{DataKey, KdfParams, Passphrase};
use crate::error::{Error, Result};
use crate::journal::SearchIndex;
use crate::store;
use crate::time::{Clock, SystemClock, Timestamp};

/// An Innermost vault: an encrypted journal file and, while unlocked, its data key.
///
/// ```no_run
/// use innermost::{KdfParams, NewEntry, Passphrase, Vault};
/// # fn main() -> innermost::Result<()> {
/// let pass = Passphrase::new("a long walk by the river".into(), "passphrase")?;
/// let vault = Vault::create("journal.innermost", &pass, KdfParams::default())?;
/// let entry = vault.add_entry(&NewEntry::reflection("Today I said what I needed instead of going quiet."))?;
/// vault.lock();
/// vault.unlock(&pass)?;
/// assert_eq!(vault.entry(entry.id)?, entry);
/// vault.close()?;
/// # Ok(()) }
/// ```
pub struct Vault {
    path: PathBuf,
    clock: Arc<dyn Clock>,
    inner: Mutex<Inner>,
}

struct Inner {
    /// `None` once [`Vault::close`] ran.
    conn: Option<Connection>,
    /// `None` while locked. Dropping it wipes it.
    key: Option<DataKey>,
    /// Decrypted entries for search, built on first use after unlock; `None` while locked.
    /// Dropping it wipes it.
    index: Option<SearchIndex>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.path)
            .field("locked", &self.is_locked())
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a new vault at `path` protected by `passphrase`, and returns it unlocked.
    ///
    /// The file appears only once it is complete (it is built beside `path` and renamed
    /// into place), so a crash during creation never leaves a half-made vault. Fails with
    /// [`Error::AlreadyExists`] if `path` is taken.
    pub fn create(
        path: impl AsRef<Path>,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<Vault> {
        Self::create_with_clock(path, passphrase, kdf, Arc::new(SystemClock))
    }

    /// [`Vault::create`] with an explicit clock (tests, deterministic tours).
    pub fn create_with_clock(
        path: impl AsRef<Path>,
        passphrase: &Passphrase,
        kdf: KdfParams,
        clock: Arc<dyn Clock>,
    ) -> Result<Vault> {
        let path = path.as_ref();
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.to_owned(),
            });
        }
        let data_key = DataKey::generate()?;
        let slot = PassphraseSlot::seal_new(passphrase, kdf, &data_key)?;
        let staging = staging_path(path);
        let built =
            build_new_vault(&staging, &slot, clock.now()).and_then(|()| publish(&staging, path));
        if built.is_err() {
            remove_staging(&staging);
        }
        built?;
        let conn = store::open_existing(path)?;
        Ok(Vault {
            path: path.to_owned(),
            clock,
            inner: Mutex::new(Inner {
                conn: Some(conn),
                key: Some(data_key),
                index: None,
            }),
        })
    }

    /// Opens an existing vault, locked. Refuses, without modifying it, a file that is not
    /// an Innermost vault or comes from a newer version.
    pub fn open(path: impl AsRef<Path>) -> Result<Vault> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    /// [`Vault::open`] with an explicit clock.
    pub fn open_with_clock(path: impl AsRef<Path>, clock: Arc<dyn Clock>) -> Result<Vault> {
        let path = path.as_ref();
        let conn = store::open_existing(path)?;
        let identity: Option<String> = conn
            .query_row("SELECT vault_id FROM vault WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        if identity.is_none() {
            return Err(Error::corrupted("vault: the identity row is missing"));
        }
        Ok(Vault {
            path: path.to_owned(),
            clock,
            inner: Mutex::new(Inner {
                conn: Some(conn),
                key: None,
                index: None,
            }),
        })
    }

    /// The file this vault lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Unlocks with a passphrase. [`Error::WrongPassphrase`] if no slot opens; the vault
    /// is unchanged either way. Argon2id runs without holding the vault's lock.
    pub fn unlock(&self, passphrase: &Passphrase) -> Result<()> {
        let slots = self.with_conn(key_slots::passphrase_slots)?;
        let (_, key) = open_any(&slots, passphrase)?;
        self.state()?.key = Some(key);
        Ok(())
    }

    /// Forgets the data key (wiping it from memory). Idempotent.
    pub fn lock(&self) {
        let mut inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.key = None;
        inner.index = None;
    }

    /// Whether the data key is absent (a closed vault is locked too).
    pub fn is_locked(&self) -> bool {
        let inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.key.is_none()
    }

    /// Replaces the passphrase that opens the vault. The data key is rewrapped, nothing
    /// is re-encrypted, and the slot is replaced in one transaction: an interruption
    /// leaves a vault that opens with the old passphrase or the new one.
    pub fn change_passphrase(
        &self,
        current: &Passphrase,
        new: &Passphrase,
        kdf: KdfParams,
    ) -> Result<()> {
        let slots = self.with_conn(key_slots::passphrase_slots)?;
        let (old, data_key) = open_any(&slots, current)?;
        let replacement = PassphraseSlot::seal_new(new, kdf, &data_key)?;
        let now = self.clock.now();
        self.with_conn(|conn| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            key_slots::replace(&tx, &old.id, &replacement, now)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Locks and closes the file. Later calls fail with [`Error::Closed`].
    pub fn close(&self) -> Result<()> {
        let mut inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        inner.key = None;
        inner.index = None;
        match inner.conn.take() {
            Some(conn) => conn.close().map_err(|(_, e)| Error::from(e)),
            None => Ok(()),
        }
    }

    /// Moves everything in the write-ahead log into the main file and truncates the log.
    pub fn checkpoint(&self) -> Result<()> {
        self.with_conn(|conn| {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })
    }

    /// The current instant according to this vault's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    fn state(&self) -> Result<MutexGuard<'_, Inner>> {
        let inner = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if inner.conn.is_none() {
            return Err(Error::Closed);
        }
        Ok(inner)
    }

    pub(super) fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let inner = self.state()?;
        let conn = inner.conn.as_ref().ok_or(Error::Closed)?;
        f(conn)
    }

    pub(super) fn with_unlocked<T>(
        &self,
        f: impl FnOnce(&Connection, &DataKey) -> Result<T>,
    ) -> Result<T> {
        self.with_journal(|conn, key, _| f(conn, key))
    }

    /// Like `with_unlocked`, with the search index slot too: calls that write keep a
    /// built index in step; calls that search build it when it is missing.
    pub(super) fn with_journal<T>(
        &self,
        f: impl FnOnce(&Connection, &DataKey, &mut Option<SearchIndex>) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.state()?;
        let inner = &mut *guard;
        let conn = inner.conn.as_ref().ok_or(Error::Closed)?;
        let key = inner.key.as_ref().ok_or(Error::Locked)?;
        f(conn, key, &mut inner.index)
    }
}

/// The first slot `passphrase` opens, with the data key inside it.
fn open_any<'s>(
    slots: &'s [PassphraseSlot],
    passphrase: &Passphrase,
) -> Result<(&'s PassphraseSlot, DataKey)> {
    for slot in slots {
        if let Some(key) = slot.open(passphrase)? {
            return Ok((slot, key));
        }
    }
    Err(Error::WrongPassphrase)
}

fn staging_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".creating-{}", Uuid::now_v7().simple()));
    path.with_file_name(name)
}

/// Builds the complete vault file at `staging`: schema, identity row, first key slot.
fn build_new_vault(staging: &Path, slot: &PassphraseSlot, now: Timestamp) -> Result<()> {
    let mut conn = store::create_new(staging)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO vault (id, vault_id, created_at) VALUES (1, ?1, ?2)",
        rusqlite::params![Uuid::now_v7().hyphenated().to_string(), now.as_millis()],
    )?;
    key_slots::insert(&tx, slot, now)?;
    tx.commit()?;
    // Closing the last connection checkpoints and removes the WAL, leaving one file.
    conn.close().map_err(|(_, e)| Error::from(e))
}

/// Moves the finished file into place without overwriting anything, and makes the rename
/// itself durable.
fn publish(staging: &Path, path: &Path) -> Result<()> {
    if path.exists() {
        return Err(Error::AlreadyExists {
            path: path.to_owned(),
        });
    }
    std::fs::rename(staging, path)?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

fn remove_staging(staging: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = staging.as_os_str().to_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
