//! The `key_slots` table: each row wraps the data key under one way in.
//!
//! Only passphrase slots exist today; the schema already allows `recovery` and `platform`
//! kinds so they arrive without a table rebuild.

use rusqlite::{Connection, params};
use uuid::Uuid;

use crate::crypto::{
    DataKey, KdfParams, Passphrase, SlotBinding, derive_wrapping_key, random_array,
    unwrap_data_key, wrap_data_key,
};
use crate::error::{Error, Result};
use crate::time::Timestamp;

const PASSPHRASE: &str = "passphrase";

/// A passphrase slot as stored (nothing secret: the key inside is wrapped).
#[derive(Debug, Clone)]
pub(super) struct PassphraseSlot {
    pub id: String,
    pub params: KdfParams,
    pub salt: [u8; 16],
    pub wrapped_key: Vec<u8>,
}

impl PassphraseSlot {
    fn binding(&self) -> SlotBinding<'_> {
        SlotBinding {
            slot_id: &self.id,
            kind: PASSPHRASE,
            params: self.params,
            salt: &self.salt,
        }
    }

    /// Wraps `data_key` under `passphrase` in a new slot (fresh id and salt). Runs Argon2id.
    pub fn seal_new(
        passphrase: &Passphrase,
        params: KdfParams,
        data_key: &DataKey,
    ) -> Result<Self> {
        let mut slot = PassphraseSlot {
            id: Uuid::now_v7().hyphenated().to_string(),
            params,
            salt: random_array()?,
            wrapped_key: Vec::new(),
        };
        let wrapping_key = derive_wrapping_key(passphrase, &slot.salt, &params)?;
        slot.wrapped_key = wrap_data_key(&wrapping_key, &slot.binding(), data_key)?;
        Ok(slot)
    }

    /// The data key if `passphrase` opens this slot. Runs Argon2id.
    pub fn open(&self, passphrase: &Passphrase) -> Result<Option<DataKey>> {
        let wrapping_key = derive_wrapping_key(passphrase, &self.salt, &self.params)?;
        Ok(unwrap_data_key(
            &wrapping_key,
            &self.binding(),
            &self.wrapped_key,
        ))
    }
}

/// Every passphrase slot, oldest first.
pub(super) fn passphrase_slots(conn: &Connection) -> Result<Vec<PassphraseSlot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kdf_memory_kib, kdf_iterations, kdf_lanes, salt, wrapped_key
         FROM key_slots WHERE kind = 'passphrase' ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<Vec<u8>>>(4)?,
            r.get::<_, Vec<u8>>(5)?,
        ))
    })?;
    let mut slots = Vec::new();
    for row in rows {
        let (id, m, t, p, salt, wrapped_key) = row?;
        let damaged = || Error::corrupted("key_slots metadata of one slot");
        let params = KdfParams::from_stored(
            m.ok_or_else(damaged)?,
            t.ok_or_else(damaged)?,
            p.ok_or_else(damaged)?,
        )?;
        let salt: [u8; 16] = salt
            .ok_or_else(damaged)?
            .try_into()
            .map_err(|_| damaged())?;
        slots.push(PassphraseSlot {
            id,
            params,
            salt,
            wrapped_key,
        });
    }
    if slots.is_empty() {
        return Err(Error::corrupted(
            "key_slots: the vault has no passphrase slot",
        ));
    }
    Ok(slots)
}

/// Stores a new slot.
pub(super) fn insert(conn: &Connection, slot: &PassphraseSlot, now: Timestamp) -> Result<()> {
    conn.execute(
        "INSERT INTO key_slots (id, kind, kdf_memory_kib, kdf_iterations, kdf_lanes, salt, wrapped_key, created_at, updated_at)
         VALUES (?1, 'passphrase', ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            slot.id,
            slot.params.memory_kib(),
            slot.params.iterations(),
            slot.params.lanes(),
            slot.salt.as_slice(),
            slot.wrapped_key,
            now.as_millis()
        ],
    )?;
    Ok(())
}

/// Replaces slot `old_id` with `new` in one statement: the file holds either the old
/// wrap or the new one, never neither.
pub(super) fn replace(
    conn: &Connection,
    old_id: &str,
    new: &PassphraseSlot,
    now: Timestamp,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE key_slots SET id = ?2, kdf_memory_kib = ?3, kdf_iterations = ?4, kdf_lanes = ?5,
                salt = ?6, wrapped_key = ?7, updated_at = ?8
         WHERE id = ?1 AND kind = 'passphrase'",
        params![
            old_id,
            new.id,
            new.params.memory_kib(),
            new.params.iterations(),
            new.params.lanes(),
            new.salt.as_slice(),
            new.wrapped_key,
            now.as_millis()
        ],
    )?;
    if changed != 1 {
        return Err(Error::NotFound { what: "key slot" });
    }
    Ok(())
}
