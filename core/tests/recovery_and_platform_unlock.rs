//! The ways back in beside the passphrase: the recovery code and platform unlock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashMap;
use std::sync::Mutex;

use innermost::vault::{PlatformKeyError, PlatformKeyStore, PlatformUnlock, PlatformUnlockState};
use innermost::{Error, NewEntry, RecoveryCode, Vault};
use support::{PASSPHRASE, fast, new_vault, pass, text_of};
use zeroize::Zeroizing;

#[test]
fn a_recovery_code_unlocks_and_resets_a_forgotten_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let entry = vault
        .add_entry(&NewEntry::reflection("kept through a forgotten passphrase"))
        .unwrap();
    assert!(!vault.has_recovery_code().unwrap());
    let shown = vault
        .set_up_recovery_code(fast())
        .unwrap()
        .display()
        .to_string();
    assert!(vault.has_recovery_code().unwrap());
    vault.close().unwrap();

    let vault = Vault::open(&path).unwrap();
    let typed =
        RecoveryCode::parse(&shown.to_lowercase().replace('-', " "), "recovery_code").unwrap();
    vault.unlock_with_recovery_code(&typed).unwrap();
    assert_eq!(
        text_of(&vault.entry(entry.id).unwrap()),
        "kept through a forgotten passphrase"
    );
    vault.lock();

    vault
        .reset_passphrase_with_recovery_code(&typed, &pass("a new passphrase"), fast())
        .unwrap();
    assert!(!vault.is_locked(), "the reset leaves the vault unlocked");
    vault.lock();
    assert!(matches!(
        vault.unlock(&pass(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
    vault.unlock(&pass("a new passphrase")).unwrap();
    vault.lock();
    vault.unlock_with_recovery_code(&typed).unwrap();
}

#[test]
fn regenerating_the_recovery_code_retires_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let old = vault.set_up_recovery_code(fast()).unwrap();
    let new = vault.set_up_recovery_code(fast()).unwrap();
    vault.lock();
    assert!(matches!(
        vault.unlock_with_recovery_code(&old),
        Err(Error::WrongPassphrase)
    ));
    vault.unlock_with_recovery_code(&new).unwrap();
}

#[test]
fn recovery_code_calls_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let code = RecoveryCode::generate().unwrap();
    vault.lock();
    assert!(matches!(
        vault.unlock_with_recovery_code(&code),
        Err(Error::NotFound {
            what: "recovery code"
        })
    ));
    assert!(matches!(
        vault.set_up_recovery_code(fast()),
        Err(Error::Locked)
    ));
}

/// A platform key store in memory: "wraps" by XOR with a per-alias key, and can be told
/// to fail the way real ones do.
#[derive(Default)]
struct FakeKeyStore {
    keys: Mutex<HashMap<String, u8>>,
    next_unwrap: Mutex<Option<PlatformKeyError>>,
    garble: Mutex<bool>,
}

impl FakeKeyStore {
    fn fail_next_unwrap(&self, e: PlatformKeyError) {
        *self.next_unwrap.lock().unwrap() = Some(e);
    }
    fn aliases(&self) -> Vec<String> {
        self.keys.lock().unwrap().keys().cloned().collect()
    }
}

impl PlatformKeyStore for FakeKeyStore {
    fn wrap(&self, alias: &str, slot_key: &[u8]) -> Result<Vec<u8>, PlatformKeyError> {
        let k = 0x5a;
        self.keys.lock().unwrap().insert(alias.to_owned(), k);
        Ok(slot_key.iter().map(|b| b ^ k).collect())
    }
    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, PlatformKeyError> {
        if let Some(e) = self.next_unwrap.lock().unwrap().take() {
            return Err(e);
        }
        let k = *self
            .keys
            .lock()
            .unwrap()
            .get(alias)
            .ok_or(PlatformKeyError::PermanentlyInvalidated)?;
        let garble = u8::from(*self.garble.lock().unwrap());
        Ok(Zeroizing::new(
            wrapped.iter().map(|b| b ^ k ^ garble).collect(),
        ))
    }
    fn remove(&self, alias: &str) -> Result<(), PlatformKeyError> {
        self.keys.lock().unwrap().remove(alias);
        Ok(())
    }
}

#[test]
fn platform_unlock_opens_the_vault_and_every_failure_falls_back_to_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let store = FakeKeyStore::default();
    let entry = vault
        .add_entry(&NewEntry::reflection("opened by a fingerprint"))
        .unwrap();
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::NotEnrolled
    );
    vault.enable_platform_unlock(&store).unwrap();
    vault.close().unwrap();

    let vault = Vault::open(&path).unwrap();
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::Enrolled
    );
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::Unlocked
    );
    assert_eq!(
        text_of(&vault.entry(entry.id).unwrap()),
        "opened by a fingerprint"
    );
    vault.lock();

    store.fail_next_unwrap(PlatformKeyError::Cancelled);
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::Cancelled
    );
    store.fail_next_unwrap(PlatformKeyError::Unavailable {
        reason: "busy".into(),
    });
    assert!(matches!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::Unavailable { .. }
    ));
    assert!(vault.is_locked());
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::Enrolled,
        "transient failures keep the slot"
    );

    store.fail_next_unwrap(PlatformKeyError::PermanentlyInvalidated);
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::Stale
    );
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::Stale
    );
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::NotEnrolled
    );
    assert!(
        store.aliases().is_empty(),
        "the invalidated key was removed"
    );

    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(
        text_of(&vault.entry(entry.id).unwrap()),
        "opened by a fingerprint"
    );
    vault.enable_platform_unlock(&store).unwrap();
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::Enrolled
    );
    assert_eq!(store.aliases().len(), 1);
}

#[test]
fn a_platform_key_that_returns_the_wrong_bytes_opens_nothing_and_goes_stale() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let store = FakeKeyStore::default();
    vault.enable_platform_unlock(&store).unwrap();
    vault.lock();
    *store.garble.lock().unwrap() = true;
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::Stale
    );
    assert!(vault.is_locked());
    vault.unlock(&pass(PASSPHRASE)).unwrap();
}

#[test]
fn turning_platform_unlock_off_removes_the_slot_and_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let store = FakeKeyStore::default();
    vault.enable_platform_unlock(&store).unwrap();
    vault.enable_platform_unlock(&store).unwrap();
    assert_eq!(store.aliases().len(), 1, "re-enabling replaces the old key");
    vault.lock();
    vault.disable_platform_unlock(&store).unwrap();
    assert!(store.aliases().is_empty());
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::NotEnrolled
    );
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::NotEnrolled
    );
}

#[test]
fn key_rotation_removes_platform_slots_and_their_keys_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let store = FakeKeyStore::default();
    vault.enable_platform_unlock(&store).unwrap();
    let outcome = vault
        .rotate_data_key(
            &pass(PASSPHRASE),
            fast(),
            Some(&store),
            &innermost::vault::NoProgress,
        )
        .unwrap();
    assert_eq!(outcome.platform_slots_removed, 1);
    assert!(
        store.aliases().is_empty(),
        "the old platform key was deleted"
    );
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::NotEnrolled
    );
    vault.enable_platform_unlock(&store).unwrap();
    vault.lock();
    assert_eq!(
        vault.unlock_with_platform_key(&store).unwrap(),
        PlatformUnlock::Unlocked
    );
}
