//! The `key_slots` table: each row wraps the data key under one way in.
//!
//! Three kinds of slot, one table:
//!
//! * **passphrase** — Argon2id over the passphrase. At least one always exists; a vault
//!   without one is reported as damaged.
//! * **recovery** — Argon2id over a recovery code. At most one (a unique index says so);
//!   regenerating the code replaces it, so the old code stops working.
//! * **platform** — a random slot key wraps the data key, and the phone's key store wraps
//!   the slot key ([`crate::vault::PlatformKeyStore`]). A cache for biometric unlock,
//!   never the only way in; a slot whose platform key was invalidated is marked stale.
//!
//! This module reads and writes rows and wraps keys; it decides nothing about when a slot
//! is made or removed (that is `vault::handle`'s business).

use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::crypto::{
    DataKey, KdfParams, KdfSecret, SlotBinding, SlotProtection, WrappingKey, derive_wrapping_key,
    random_array, unwrap_data_key, wrap_data_key,
};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Which secret a KDF slot opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SecretKind {
    Passphrase,
    Recovery,
}

impl SecretKind {
    fn stored(self) -> &'static str {
        match self {
            SecretKind::Passphrase => "passphrase",
            SecretKind::Recovery => "recovery",
        }
    }
}

/// A passphrase or recovery slot as stored (nothing secret: the key inside is wrapped).
#[derive(Debug, Clone)]
pub(super) struct SecretSlot {
    pub id: String,
    pub kind: SecretKind,
    pub params: KdfParams,
    pub salt: [u8; 16],
    pub wrapped_key: Vec<u8>,
}

impl SecretSlot {
    fn binding(&self) -> SlotBinding<'_> {
        SlotBinding {
            slot_id: &self.id,
            kind: self.kind.stored(),
            protection: SlotProtection::Argon2id {
                params: self.params,
                salt: &self.salt,
            },
        }
    }

    /// Wraps `data_key` under `secret` in a new slot (fresh id and salt). Runs Argon2id.
    pub fn seal_new(
        kind: SecretKind,
        secret: &(impl KdfSecret + ?Sized),
        params: KdfParams,
        data_key: &DataKey,
    ) -> Result<Self> {
        let mut slot = SecretSlot {
            id: Uuid::now_v7().hyphenated().to_string(),
            kind,
            params,
            salt: random_array()?,
            wrapped_key: Vec::new(),
        };
        let wrapping_key = derive_wrapping_key(secret, &slot.salt, &params)?;
        slot.wrapped_key = wrap_data_key(&wrapping_key, &slot.binding(), data_key)?;
        Ok(slot)
    }

    /// The data key if `secret` opens this slot. Runs Argon2id.
    pub fn open(&self, secret: &(impl KdfSecret + ?Sized)) -> Result<Option<DataKey>> {
        let wrapping_key = derive_wrapping_key(secret, &self.salt, &self.params)?;
        Ok(unwrap_data_key(
            &wrapping_key,
            &self.binding(),
            &self.wrapped_key,
        ))
    }
}

/// A platform slot as stored.
#[derive(Debug, Clone)]
pub(super) struct PlatformSlot {
    pub id: String,
    /// The alias of the platform key that wraps the slot key.
    pub alias: String,
    /// The slot key, wrapped by the platform (opaque to the core).
    pub platform_wrapped_key: Vec<u8>,
    /// The data key, wrapped under the slot key.
    pub wrapped_key: Vec<u8>,
    pub stale_since: Option<Timestamp>,
}

impl PlatformSlot {
    fn binding(&self) -> SlotBinding<'_> {
        SlotBinding {
            slot_id: &self.id,
            kind: PLATFORM,
            protection: SlotProtection::PlatformKey { alias: &self.alias },
        }
    }

    /// A new slot for `data_key` under the fresh `slot_key`; the caller has the platform
    /// wrap `slot_key` under [`PlatformSlot::alias`] and stores the result before inserting.
    pub fn seal_new(slot_key: &WrappingKey, data_key: &DataKey) -> Result<Self> {
        let id = Uuid::now_v7().hyphenated().to_string();
        let mut slot = PlatformSlot {
            alias: format!("innermost-{id}"),
            id,
            platform_wrapped_key: Vec::new(),
            wrapped_key: Vec::new(),
            stale_since: None,
        };
        slot.wrapped_key = wrap_data_key(slot_key, &slot.binding(), data_key)?;
        Ok(slot)
    }

    /// The data key if `slot_key` (as the platform returned it) opens this slot.
    pub fn open(&self, slot_key: &WrappingKey) -> Option<DataKey> {
        unwrap_data_key(slot_key, &self.binding(), &self.wrapped_key)
    }
}

const PLATFORM: &str = "platform";

/// Every slot of `kind`, oldest first. Passphrase slots must exist: none is damage.
pub(super) fn secret_slots(conn: &Connection, kind: SecretKind) -> Result<Vec<SecretSlot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kdf_memory_kib, kdf_iterations, kdf_lanes, salt, wrapped_key
         FROM key_slots WHERE kind = ?1 ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([kind.stored()], |r| {
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
        slots.push(SecretSlot {
            id,
            kind,
            params,
            salt,
            wrapped_key,
        });
    }
    if slots.is_empty() && kind == SecretKind::Passphrase {
        return Err(Error::corrupted(
            "key_slots: the vault has no passphrase slot",
        ));
    }
    Ok(slots)
}

/// The recovery slot, if one was set up.
pub(super) fn recovery_slot(conn: &Connection) -> Result<Option<SecretSlot>> {
    Ok(secret_slots(conn, SecretKind::Recovery)?.into_iter().next())
}

/// Stores a new passphrase or recovery slot.
pub(super) fn insert_secret(conn: &Connection, slot: &SecretSlot, now: Timestamp) -> Result<()> {
    conn.execute(
        "INSERT INTO key_slots (id, kind, kdf_memory_kib, kdf_iterations, kdf_lanes, salt, wrapped_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            slot.id,
            slot.kind.stored(),
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
pub(super) fn replace_secret(
    conn: &Connection,
    old_id: &str,
    new: &SecretSlot,
    now: Timestamp,
) -> Result<()> {
    let changed = conn.execute(
        "UPDATE key_slots SET id = ?2, kdf_memory_kib = ?3, kdf_iterations = ?4, kdf_lanes = ?5,
                salt = ?6, wrapped_key = ?7, updated_at = ?8
         WHERE id = ?1 AND kind = ?9",
        params![
            old_id,
            new.id,
            new.params.memory_kib(),
            new.params.iterations(),
            new.params.lanes(),
            new.salt.as_slice(),
            new.wrapped_key,
            now.as_millis(),
            new.kind.stored()
        ],
    )?;
    if changed != 1 {
        return Err(Error::NotFound { what: "key slot" });
    }
    Ok(())
}

/// Removes every slot of `kind`; returns how many there were.
pub(super) fn delete_secret_slots(conn: &Connection, kind: SecretKind) -> Result<usize> {
    Ok(conn.execute("DELETE FROM key_slots WHERE kind = ?1", [kind.stored()])?)
}

/// Every platform slot, newest first (stale ones included).
pub(super) fn platform_slots(conn: &Connection) -> Result<Vec<PlatformSlot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, platform_key_alias, platform_wrapped_key, wrapped_key, stale_since
         FROM key_slots WHERE kind = 'platform' ORDER BY created_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<Vec<u8>>>(2)?,
            r.get::<_, Vec<u8>>(3)?,
            r.get::<_, Option<i64>>(4)?,
        ))
    })?;
    let mut slots = Vec::new();
    for row in rows {
        let (id, alias, platform_wrapped_key, wrapped_key, stale_since) = row?;
        let damaged = || Error::corrupted("key_slots metadata of one platform slot");
        slots.push(PlatformSlot {
            id,
            alias: alias.ok_or_else(damaged)?,
            platform_wrapped_key: platform_wrapped_key.ok_or_else(damaged)?,
            wrapped_key,
            stale_since: stale_since.map(Timestamp::from_millis),
        });
    }
    Ok(slots)
}

/// Stores a platform slot.
pub(super) fn insert_platform(
    conn: &Connection,
    slot: &PlatformSlot,
    now: Timestamp,
) -> Result<()> {
    conn.execute(
        "INSERT INTO key_slots (id, kind, platform_key_alias, platform_wrapped_key, wrapped_key, created_at, updated_at)
         VALUES (?1, 'platform', ?2, ?3, ?4, ?5, ?5)",
        params![
            slot.id,
            slot.alias,
            slot.platform_wrapped_key,
            slot.wrapped_key,
            now.as_millis()
        ],
    )?;
    Ok(())
}

/// Marks a platform slot as stale: its platform key can never open it again.
pub(super) fn mark_platform_stale(conn: &Connection, id: &str, now: Timestamp) -> Result<()> {
    conn.execute(
        "UPDATE key_slots SET stale_since = ?2, updated_at = ?2
         WHERE id = ?1 AND kind = 'platform' AND stale_since IS NULL",
        params![id, now.as_millis()],
    )?;
    Ok(())
}

/// Removes every platform slot; returns how many there were.
pub(super) fn delete_platform_slots(conn: &Connection) -> Result<usize> {
    Ok(conn.execute("DELETE FROM key_slots WHERE kind = 'platform'", [])?)
}

/// Whether a slot with this id still exists (used to re-check after Argon2id ran
/// outside the lock).
pub(super) fn slot_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM key_slots WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}
