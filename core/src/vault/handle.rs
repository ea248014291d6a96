//! [`Vault`]: lifecycle, key slots and the journal calls, behind one mutex.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use super::key_slots::{self, SecretKind, SecretSlot};
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
        let slot = SecretSlot::seal_new(SecretKind::Passphrase, passphrase, kdf, &data_key)?;
        let staging = store::files::staging_path(path, "creating");
        let built = build_new_vault(&staging, &slot, clock.now())
            .and_then(|()| store::files::publish_new(&staging, path));
        if built.is_err() {
            store::files::remove_with_sidecars(&staging);
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
        let slots = self.with_conn(|c| key_slots::secret_slots(c, SecretKind::Passphrase))?;
        let (_, key) = open_any(&slots, passphrase)?;
        self.install_key(key)
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
        let slots = self.with_conn(|c| key_slots::secret_slots(c, SecretKind::Passphrase))?;
        let (old, data_key) = open_any(&slots, current)?;
        let replacement = SecretSlot::seal_new(SecretKind::Passphrase, new, kdf, &data_key)?;
        let now = self.clock.now();
        self.with_conn(|conn| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            key_slots::replace_secret(&tx, &old.id, &replacement, now)?;
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
            Some(conn) => store::close(conn),
            None => Ok(()),
        }
    }

    /// Deletes the vault: crypto-shredding first, then the files.
    ///
    /// In one transaction every key slot and the automatic-backup key are deleted (with
    /// `secure_delete` on, SQLite overwrites the freed bytes), the log is checkpointed and
    /// truncated, and only then are the database and its side files removed. Once the
    /// slots are gone nothing in the file can be decrypted, even if the storage keeps old
    /// blocks the file system no longer shows. Automatic backups in `backups_directory`
    /// are removed too (they are keyed separately, by the backup secret). Works locked or
    /// unlocked; the handle is closed afterwards.
    pub fn delete_everything(&self, backups_directory: Option<&Path>) -> Result<()> {
        let conn = self.state()?.take_connection()?;
        let shredded = (|| {
            let tx = rusqlite::Transaction::new_unchecked(&conn, TransactionBehavior::Immediate)?;
            tx.execute("DELETE FROM key_slots", [])?;
            tx.execute("DELETE FROM automatic_backup", [])?;
            tx.commit()?;
            truncate_log(&conn)
        })();
        let closed = store::close(conn);
        shredded?;
        closed?;
        store::files::remove_with_sidecars(&self.path);
        store::files::sync_parent(&self.path)?;
        if let Some(dir) = backups_directory {
            for backup in super::list_automatic_backups(dir)? {
                std::fs::remove_file(backup)?;
            }
        }
        Ok(())
    }

    /// Swaps the vault file for `staging` (a checked vault file beside it): closes the
    /// connection, renames, reopens locked. If the swap cannot happen the current file is
    /// reopened unchanged.
    pub(super) fn replace_file_with(&self, staging: &Path) -> Result<()> {
        let mut inner = self.state()?;
        let conn = inner.take_connection()?;
        let closed = truncate_log(&conn).and_then(|()| store::close(conn));
        // A log left beside the file would be replayed into the new one: swap only when
        // SQLite removed it (or left it empty).
        let wal = store::files::sidecar(&self.path, "-wal");
        let wal_left = std::fs::metadata(&wal)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        let swapped = match closed {
            Ok(()) if !wal_left => std::fs::rename(staging, &self.path)
                .map_err(Error::from)
                .and_then(|()| store::files::sync_parent(&self.path)),
            Ok(()) => Err(Error::Internal(
                "the write-ahead log was not removed on close",
            )),
            Err(e) => Err(e),
        };
        inner.conn = Some(store::open_existing(&self.path)?);
        swapped
    }

    /// Runs SQLite's `integrity_check` over the whole file: `Corrupted` when it finds
    /// damage. Works while locked (it checks structure, not sealed values).
    pub fn integrity_check(&self) -> Result<()> {
        self.with_conn(|conn| {
            let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if verdict == "ok" {
                Ok(())
            } else {
                Err(Error::corrupted(
                    "the database file fails its integrity check",
                ))
            }
        })
    }

    /// Moves everything in the write-ahead log into the main file and truncates the log.
    pub fn checkpoint(&self) -> Result<()> {
        self.with_conn(truncate_log)
    }

    /// The current instant according to this vault's clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// A copy of the data key, for work that must run without the lock (Argon2id, the
    /// platform key store). `Locked` while locked.
    pub(super) fn data_key(&self) -> Result<DataKey> {
        self.state()?.key.clone().ok_or(Error::Locked)
    }

    /// The connection and the data-key slot itself, under the lock (key rotation swaps
    /// the key in the same critical section as its commit).
    pub(super) fn with_key_slot<T>(
        &self,
        f: impl FnOnce(&Connection, &mut Option<DataKey>) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.state()?;
        let inner = &mut *guard;
        let conn = inner.conn.as_ref().ok_or(Error::Closed)?;
        f(conn, &mut inner.key)
    }

    /// Keeps `key` as the unlocked data key.
    pub(super) fn install_key(&self, key: DataKey) -> Result<()> {
        self.state()?.key = Some(key);
        Ok(())
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

    /// The connection, and the data key when the vault is unlocked: for the few calls
    /// that work locked and do more when unlocked (a completion with or without a note).
    pub(super) fn with_optional_key<T>(
        &self,
        f: impl FnOnce(&Connection, Option<&DataKey>) -> Result<T>,
    ) -> Result<T> {
        let inner = self.state()?;
        let conn = inner.conn.as_ref().ok_or(Error::Closed)?;
        f(conn, inner.key.as_ref())
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

impl Inner {
    /// Wipes the key and the decrypted index and hands over the connection, leaving the
    /// handle closed until a connection is put back.
    fn take_connection(&mut self) -> Result<Connection> {
        self.key = None;
        self.index = None;
        self.conn.take().ok_or(Error::Closed)
    }
}

/// Moves the write-ahead log into the main file and truncates it.
fn truncate_log(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// The first slot `passphrase` opens, with the data key inside it.
pub(super) fn open_any<'s>(
    slots: &'s [SecretSlot],
    passphrase: &Passphrase,
) -> Result<(&'s SecretSlot, DataKey)> {
    for slot in slots {
        if let Some(key) = slot.open(passphrase)? {
            return Ok((slot, key));
        }
    }
    Err(Error::WrongPassphrase)
}

/// Builds the complete vault file at `staging`: schema, identity row, first key slot.
fn build_new_vault(staging: &Path, slot: &SecretSlot, now: Timestamp) -> Result<()> {
    let mut conn = store::create_new(staging)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO vault (id, vault_id, created_at) VALUES (1, ?1, ?2)",
        rusqlite::params![Uuid::now_v7().hyphenated().to_string(), now.as_millis()],
    )?;
    key_slots::insert_secret(&tx, slot, now)?;
    tx.commit()?;
    // Closing the last connection checkpoints and removes the WAL, leaving one file.
    store::close(conn)
}
