//! The other ways in: the recovery code and platform (biometric) unlock.
//!
//! Both are key slots beside the passphrase slot (see `key_slots`). Setting one up needs
//! the vault unlocked, because the new slot wraps the data key that is in memory. Every
//! Argon2id derivation and every call into the platform's key store runs without the
//! vault's lock held; the slot rows are then written in one short transaction that first
//! checks the data key has not been rotated in the meantime.

use rusqlite::{Connection, TransactionBehavior};

use super::handle::Vault;
use super::key_slots::{self, PlatformSlot, SecretKind, SecretSlot};
use super::platform_key::{
    PlatformKeyError, PlatformKeyStore, PlatformUnlock, PlatformUnlockState,
};
use crate::crypto::{DataKey, KdfParams, Passphrase, RecoveryCode, WrappingKey};
use crate::error::{Error, Result};

impl Vault {
    /// Makes a new recovery code and returns it, to be shown once. Any earlier code stops
    /// working in the same transaction. Needs the vault unlocked.
    pub fn set_up_recovery_code(&self, kdf: KdfParams) -> Result<RecoveryCode> {
        let data_key = self.data_key()?;
        let code = RecoveryCode::generate()?;
        let slot = SecretSlot::seal_new(SecretKind::Recovery, &code, kdf, &data_key)?;
        let now = self.now();
        self.write_if_key_unchanged(&data_key, |conn| {
            key_slots::delete_secret_slots(conn, SecretKind::Recovery)?;
            key_slots::insert_secret(conn, &slot, now)
        })?;
        Ok(code)
    }

    /// Whether a recovery code was set up. Works while locked.
    pub fn has_recovery_code(&self) -> Result<bool> {
        Ok(self.with_conn(key_slots::recovery_slot)?.is_some())
    }

    /// Unlocks with the recovery code. `NotFound` if none was set up, `WrongPassphrase`
    /// if this code does not open the vault (a typo is caught earlier, when the code is
    /// parsed).
    pub fn unlock_with_recovery_code(&self, code: &RecoveryCode) -> Result<()> {
        let key = self.open_recovery_slot(code)?.1;
        self.install_key(key)
    }

    /// The forgotten-passphrase path: proves the recovery code, replaces every passphrase
    /// slot with one for `new_passphrase` in one transaction, and leaves the vault
    /// unlocked. The recovery code keeps working.
    pub fn reset_passphrase_with_recovery_code(
        &self,
        code: &RecoveryCode,
        new_passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<()> {
        let (recovery_id, data_key) = self.open_recovery_slot(code)?;
        let slot = SecretSlot::seal_new(SecretKind::Passphrase, new_passphrase, kdf, &data_key)?;
        let now = self.now();
        self.with_conn(|conn| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            if !key_slots::slot_exists(&tx, &recovery_id)? {
                // The code was regenerated while Argon2id ran: this one no longer counts.
                return Err(Error::WrongPassphrase);
            }
            key_slots::delete_secret_slots(&tx, SecretKind::Passphrase)?;
            key_slots::insert_secret(&tx, &slot, now)?;
            tx.commit()?;
            Ok(())
        })?;
        self.install_key(data_key)
    }

    /// Turns on unlocking through the platform's key store (replacing an earlier or stale
    /// platform slot). Needs the vault unlocked; the store may show a biometric prompt.
    pub fn enable_platform_unlock(&self, store: &dyn PlatformKeyStore) -> Result<()> {
        let data_key = self.data_key()?;
        let slot_key = WrappingKey::generate()?;
        let mut slot = PlatformSlot::seal_new(&slot_key, &data_key)?;
        slot.platform_wrapped_key = store
            .wrap(&slot.alias, slot_key.as_bytes())
            .map_err(refused_by_platform)?;
        let old = self.with_conn(key_slots::platform_slots)?;
        let now = self.now();
        let written = self.write_if_key_unchanged(&data_key, |conn| {
            key_slots::delete_platform_slots(conn)?;
            key_slots::insert_platform(conn, &slot, now)
        });
        if written.is_err() {
            let _ = store.remove(&slot.alias);
        }
        written?;
        for stale in old {
            // Best effort: a key left behind in the store opens nothing without its slot.
            let _ = store.remove(&stale.alias);
        }
        Ok(())
    }

    /// Turns platform unlock off: removes the slot first, then asks the store to delete
    /// its key. Works while locked.
    pub fn disable_platform_unlock(&self, store: &dyn PlatformKeyStore) -> Result<()> {
        let old = self.with_conn(|conn| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            let old = key_slots::platform_slots(&tx)?;
            key_slots::delete_platform_slots(&tx)?;
            tx.commit()?;
            Ok(old)
        })?;
        for slot in old {
            let _ = store.remove(&slot.alias);
        }
        Ok(())
    }

    /// Whether platform unlock is on, off, or needs renewing. Works while locked.
    pub fn platform_unlock_state(&self) -> Result<PlatformUnlockState> {
        let slots = self.with_conn(key_slots::platform_slots)?;
        Ok(if slots.iter().any(|s| s.stale_since.is_none()) {
            PlatformUnlockState::Enrolled
        } else if slots.is_empty() {
            PlatformUnlockState::NotEnrolled
        } else {
            PlatformUnlockState::Stale
        })
    }

    /// Tries to unlock through the platform's key store. Never fails because of the
    /// store: every outcome other than [`PlatformUnlock::Unlocked`] means "ask for the
    /// passphrase". A permanently invalidated key, or one that returns bytes that open
    /// nothing, marks the slot stale.
    pub fn unlock_with_platform_key(&self, store: &dyn PlatformKeyStore) -> Result<PlatformUnlock> {
        let slots = self.with_conn(key_slots::platform_slots)?;
        let Some(slot) = slots.into_iter().find(|s| s.stale_since.is_none()) else {
            return Ok(PlatformUnlock::NotEnrolled);
        };
        let opened = match store.unwrap(&slot.alias, &slot.platform_wrapped_key) {
            Ok(bytes) => WrappingKey::from_slice(&bytes).and_then(|k| slot.open(&k)),
            Err(PlatformKeyError::PermanentlyInvalidated) => None,
            Err(PlatformKeyError::Cancelled) => return Ok(PlatformUnlock::Cancelled),
            Err(PlatformKeyError::Unavailable { reason }) => {
                return Ok(PlatformUnlock::Unavailable { reason });
            }
        };
        match opened {
            Some(key) => {
                self.install_key(key)?;
                Ok(PlatformUnlock::Unlocked)
            }
            None => {
                let now = self.now();
                self.with_conn(|conn| key_slots::mark_platform_stale(conn, &slot.id, now))?;
                let _ = store.remove(&slot.alias);
                Ok(PlatformUnlock::Stale)
            }
        }
    }

    /// Opens the recovery slot with `code`: its id and the data key.
    fn open_recovery_slot(&self, code: &RecoveryCode) -> Result<(String, DataKey)> {
        let slot = self
            .with_conn(key_slots::recovery_slot)?
            .ok_or(Error::NotFound {
                what: "recovery code",
            })?;
        let key = slot.open(code)?.ok_or(Error::WrongPassphrase)?;
        Ok((slot.id, key))
    }

    /// Runs `write` in one immediate transaction, if the vault is still unlocked with
    /// `expected` (a rotation between reading the key and writing would otherwise leave a
    /// slot wrapping the old key).
    pub(super) fn write_if_key_unchanged(
        &self,
        expected: &DataKey,
        write: impl FnOnce(&Connection) -> Result<()>,
    ) -> Result<()> {
        self.with_unlocked(|conn, key| {
            if !key.same_as(expected) {
                return Err(Error::Interrupted);
            }
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            write(&tx)?;
            tx.commit()?;
            Ok(())
        })
    }
}

/// The store refused to wrap: nothing was written.
fn refused_by_platform(e: PlatformKeyError) -> Error {
    match e {
        PlatformKeyError::Cancelled => Error::Interrupted,
        PlatformKeyError::PermanentlyInvalidated | PlatformKeyError::Unavailable { .. } => {
            Error::Unsupported {
                what: "the platform key store could not protect the key",
            }
        }
    }
}
