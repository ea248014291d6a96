//! What the core asks of the phone's key store, and what a platform unlock can come to.
//!
//! The core cannot reach the Android Keystore or the iOS Keychain; the shells implement
//! [`PlatformKeyStore`] (through the bindings' foreign trait) and the core calls it. The
//! store only ever sees a random 32-byte *slot key*, never the data key: the core wraps
//! the data key under the slot key itself, with the slot's metadata as associated data,
//! so a store that returns wrong bytes opens nothing.
//!
//! Every failure of the store is a reason to fall back to the passphrase, never a reason
//! to lose anything: a platform slot is a cache beside the passphrase slot.

use zeroize::Zeroizing;

/// Why the platform's key store could not wrap or unwrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlatformKeyError {
    /// The key is gone for good (Android: `KeyPermanentlyInvalidatedException` after
    /// biometrics changed; iOS: the Keychain item no longer exists). The slot is marked
    /// stale and never tried again.
    PermanentlyInvalidated,
    /// The person dismissed the biometric or passcode prompt.
    Cancelled,
    /// Anything else (no secure hardware, the key store busy, an unexpected exception).
    /// `reason` must hold no personal data; it is for developers.
    Unavailable {
        /// What went wrong, for developers.
        reason: String,
    },
}

/// The phone's key store, as the shells provide it.
///
/// Implementations are called from whatever thread called the vault, never while the
/// vault's own lock is held, so they may block on a biometric prompt.
pub trait PlatformKeyStore: Send + Sync {
    /// Creates a platform key under `alias` (replacing any key of that alias) and
    /// encrypts `slot_key` with it. Returns an opaque blob the core stores.
    fn wrap(&self, alias: &str, slot_key: &[u8]) -> Result<Vec<u8>, PlatformKeyError>;

    /// Decrypts a blob made by [`PlatformKeyStore::wrap`] under `alias`.
    fn unwrap(&self, alias: &str, wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, PlatformKeyError>;

    /// Deletes the platform key `alias`. Deleting a key that does not exist succeeds.
    fn remove(&self, alias: &str) -> Result<(), PlatformKeyError>;
}

/// Whether this vault can be unlocked through the platform key store. Readable while
/// locked, so an app knows whether to offer the biometric button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformUnlockState {
    /// Platform unlock was never turned on, or was turned off.
    NotEnrolled,
    /// A platform slot exists and has not failed for good.
    Enrolled,
    /// The platform key was invalidated (biometrics changed): unlock with the
    /// passphrase, then turn platform unlock on again.
    Stale,
}

/// How an attempt to unlock through the platform key store ended. Only `Unlocked`
/// unlocks; every other outcome leaves the vault locked and unchanged (apart from marking
/// a slot stale) and means "ask for the passphrase".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlatformUnlock {
    /// The vault is unlocked.
    Unlocked,
    /// There is no usable platform slot.
    NotEnrolled,
    /// The platform key was permanently invalidated, or opened nothing; the slot is now
    /// stale.
    Stale,
    /// The person cancelled the prompt.
    Cancelled,
    /// The key store failed for another reason; the slot is kept for next time.
    Unavailable {
        /// What the key store reported, for developers.
        reason: String,
    },
}
