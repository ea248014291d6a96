//! Key rotation: a new data key, every sealed value re-encrypted, every slot rewrapped,
//! all in one transaction.
//!
//! Why one transaction: SQLite commits it atomically, so a process killed at any moment —
//! halfway through the values, between the values and the slots — leaves either the old
//! key with the old slots or the new key with the new slots, and the vault opens with its
//! passphrase either way. The WAL holds the whole rotation until commit (about the size of
//! the sealed data); that is the price of never having a half-rotated vault.
//!
//! What it cannot keep: a recovery slot wraps the key under a code the core never stores,
//! so rotation issues a new recovery code (returned, to be shown once) when one existed;
//! and platform slots are removed, because the platform key store may need the person to
//! authenticate to wrap again — the app turns platform unlock back on afterwards. When the
//! caller passes its platform key store, the removed slots' keys are deleted from it too.
//!
//! Measured on the development machine: see the README's benchmark table (key rotation
//! of a 10,000-entry vault).

use rusqlite::{Connection, TransactionBehavior, params};

use super::handle::{Vault, open_any};
use super::key_slots::{self, SecretKind, SecretSlot};
use super::platform_key::PlatformKeyStore;
use super::sealed_columns::{SEALED_COLUMNS, SealedColumn};
use crate::crypto::{self, DataKey, KdfParams, Passphrase, RecoveryCode, SealedAt};
use crate::error::{Error, Result};
use crate::listener::{ProgressListener, report};

/// Rows re-encrypted between two progress reports.
const BATCH: usize = 256;

/// What a rotation did.
#[derive(Debug)]
pub struct RotationOutcome {
    /// The new recovery code when the vault had one (the old one no longer works). Show
    /// it once.
    pub recovery_code: Option<RecoveryCode>,
    /// Platform slots removed (turn platform unlock on again to restore them).
    pub platform_slots_removed: u32,
    /// Sealed values re-encrypted.
    pub values_resealed: u64,
}

impl Vault {
    /// Replaces the data key. `passphrase` proves the caller may do this and is rewrapped
    /// under `kdf` with a fresh salt. Progress counts sealed values; a listener that
    /// answers `false` stops the rotation with `Interrupted` and nothing changed. The
    /// vault stays locked or unlocked as it was (unlocked now with the new key). Platform
    /// slots are removed; given `platform_store`, their keys are deleted from it afterwards
    /// (best effort: a key left behind opens nothing).
    pub fn rotate_data_key(
        &self,
        passphrase: &Passphrase,
        kdf: KdfParams,
        platform_store: Option<&dyn PlatformKeyStore>,
        listener: &dyn ProgressListener,
    ) -> Result<RotationOutcome> {
        let slots = self.with_conn(|c| key_slots::secret_slots(c, SecretKind::Passphrase))?;
        let (_, old_key) = open_any(&slots, passphrase)?;
        let slot_ids: Vec<String> = slots.iter().map(|s| s.id.clone()).collect();
        let new_key = DataKey::generate()?;
        let passphrase_slot =
            SecretSlot::seal_new(SecretKind::Passphrase, passphrase, kdf, &new_key)?;
        let recovery = if self.has_recovery_code()? {
            let code = RecoveryCode::generate()?;
            let slot = SecretSlot::seal_new(SecretKind::Recovery, &code, kdf, &new_key)?;
            Some((code, slot))
        } else {
            None
        };
        let now = self.now();
        let (values_resealed, removed_platform_slots) = self.with_key_slot(|conn, held_key| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            // A passphrase change that committed while Argon2id ran would make `old_key`'s
            // proof stale; refuse rather than rewrap on outdated knowledge.
            let current = key_slots::secret_slots(&tx, SecretKind::Passphrase)?;
            // Likewise a recovery code set up or removed meanwhile: the new slots were made
            // for the set of ways in that existed before.
            if current.iter().map(|s| &s.id).ne(slot_ids.iter())
                || key_slots::recovery_slot(&tx)?.is_some() != recovery.is_some()
            {
                return Err(Error::Interrupted);
            }
            let resealed = reseal_all(&tx, &old_key, &new_key, listener)?;
            let platform_removed = key_slots::platform_slots(&tx)?;
            key_slots::delete_platform_slots(&tx)?;
            key_slots::delete_secret_slots(&tx, SecretKind::Recovery)?;
            key_slots::delete_secret_slots(&tx, SecretKind::Passphrase)?;
            key_slots::insert_secret(&tx, &passphrase_slot, now)?;
            if let Some((_, slot)) = &recovery {
                key_slots::insert_secret(&tx, slot, now)?;
            }
            tx.commit()?;
            if held_key.is_some() {
                *held_key = Some(new_key.clone());
            }
            Ok((resealed, platform_removed))
        })?;
        if let Some(store) = platform_store {
            for slot in &removed_platform_slots {
                let _ = store.remove(&slot.alias);
            }
        }
        Ok(RotationOutcome {
            recovery_code: recovery.map(|(code, _)| code),
            platform_slots_removed: u32::try_from(removed_platform_slots.len()).unwrap_or(u32::MAX),
            values_resealed,
        })
    }
}

/// Re-encrypts every sealed value from `old` to `new`, reporting progress per batch.
fn reseal_all(
    conn: &Connection,
    old: &DataKey,
    new: &DataKey,
    listener: &dyn ProgressListener,
) -> Result<u64> {
    let mut total = 0u64;
    for column in SEALED_COLUMNS {
        let n: i64 =
            conn.query_row(&format!("SELECT count(*) FROM {}", column.table), [], |r| {
                r.get(0)
            })?;
        total += u64::try_from(n).unwrap_or(0);
    }
    let mut done = 0u64;
    report(listener, done, total)?;
    for column in SEALED_COLUMNS {
        let mut after = String::new();
        loop {
            let batch = read_batch(conn, column, &after)?;
            let Some((last, _)) = batch.last() else {
                break;
            };
            after = last.clone();
            let mut update = conn.prepare_cached(&format!(
                "UPDATE {} SET {} = ?2 WHERE id = ?1",
                column.table, column.column
            ))?;
            for (id, blob) in &batch {
                let at = SealedAt {
                    table: column.table,
                    column: column.column,
                    row: id,
                };
                let plaintext = crypto::open(old, &at, blob)?;
                update.execute(params![id, crypto::seal(new, &at, &plaintext)?])?;
            }
            done += batch.len() as u64;
            report(listener, done, total)?;
        }
    }
    Ok(done)
}

fn read_batch(
    conn: &Connection,
    column: &SealedColumn,
    after: &str,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, {} FROM {} WHERE id > ?1 ORDER BY id LIMIT {BATCH}",
        column.column, column.table
    ))?;
    let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
