//! Platform unlock: the key-store trait the shells implement, its error, and the outcomes.
//!
//! The Android shell implements [`PlatformKeyStore`] with an Android Keystore AES-GCM key
//! (StrongBox when present, optionally bound to biometric authentication); the iOS shell
//! with a Keychain item under access control. The core hands the store a random 32-byte
//! slot key, never the data key, and checks what comes back itself: a store that returns
//! wrong bytes opens nothing. Every failure means "ask for the passphrase"; nothing is
//! lost, because a platform slot always sits beside the passphrase slot.

use std::sync::Arc;

use innermost::vault::{PlatformUnlock, PlatformUnlockState};
use zeroize::Zeroizing;

/// Why the platform's key store could not wrap or unwrap.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum PlatformKeyError {
    /// The key is gone for good (Android `KeyPermanentlyInvalidatedException` after a
    /// biometric change; a missing Keychain item). The slot becomes stale.
    #[error("the platform key was permanently invalidated")]
    PermanentlyInvalidated,
    /// The person dismissed the prompt.
    #[error("the person cancelled authentication")]
    Cancelled,
    /// Any other failure; `reason` is for developers and must hold no personal data.
    #[error("the platform key store failed: {reason}")]
    Unavailable {
        /// What went wrong.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for PlatformKeyError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        PlatformKeyError::Unavailable {
            reason: format!("unexpected error in the key store: {}", e.reason),
        }
    }
}

/// The phone's key store. Called on the thread that called the vault, never while the
/// vault's lock is held, so it may block on a biometric prompt.
#[uniffi::export(with_foreign)]
pub trait PlatformKeyStore: Send + Sync {
    /// Creates a key under `alias` (replacing one of that alias) and encrypts `slot_key`
    /// with it; returns an opaque blob the core stores.
    fn wrap(&self, alias: String, slot_key: Vec<u8>) -> Result<Vec<u8>, PlatformKeyError>;
    /// Decrypts a blob made by `wrap` under `alias`.
    fn unwrap(&self, alias: String, wrapped: Vec<u8>) -> Result<Vec<u8>, PlatformKeyError>;
    /// Deletes the key `alias`; deleting a missing key succeeds.
    fn remove(&self, alias: String) -> Result<(), PlatformKeyError>;
}

/// Whether platform unlock is on. Readable while locked.
#[uniffi::remote(Enum)]
pub enum PlatformUnlockState {
    /// Never turned on, or turned off.
    NotEnrolled,
    /// On and usable.
    Enrolled,
    /// The platform key was invalidated: unlock with the passphrase, then turn it on again.
    Stale,
}

/// How a platform unlock ended. Anything but `Unlocked` means "ask for the passphrase".
#[uniffi::remote(Enum)]
pub enum PlatformUnlock {
    /// The vault is unlocked.
    Unlocked,
    /// No usable platform slot.
    NotEnrolled,
    /// The key was invalidated or opened nothing; the slot is now stale.
    Stale,
    /// The person cancelled the prompt.
    Cancelled,
    /// The store failed for another reason; try again later.
    Unavailable {
        /// What the store reported, for developers.
        reason: String,
    },
}

/// The core's store trait over the foreign one.
pub(crate) struct ForeignKeyStore(pub Arc<dyn PlatformKeyStore>);

fn to_core(e: PlatformKeyError) -> innermost::vault::PlatformKeyError {
    match e {
        PlatformKeyError::PermanentlyInvalidated => {
            innermost::vault::PlatformKeyError::PermanentlyInvalidated
        }
        PlatformKeyError::Cancelled => innermost::vault::PlatformKeyError::Cancelled,
        PlatformKeyError::Unavailable { reason } => {
            innermost::vault::PlatformKeyError::Unavailable { reason }
        }
    }
}

impl innermost::vault::PlatformKeyStore for ForeignKeyStore {
    fn wrap(
        &self,
        alias: &str,
        slot_key: &[u8],
    ) -> Result<Vec<u8>, innermost::vault::PlatformKeyError> {
        let key = Zeroizing::new(slot_key.to_vec());
        self.0.wrap(alias.to_owned(), key.to_vec()).map_err(to_core)
    }

    fn unwrap(
        &self,
        alias: &str,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, innermost::vault::PlatformKeyError> {
        self.0
            .unwrap(alias.to_owned(), wrapped.to_vec())
            .map(Zeroizing::new)
            .map_err(to_core)
    }

    fn remove(&self, alias: &str) -> Result<(), innermost::vault::PlatformKeyError> {
        self.0.remove(alias.to_owned()).map_err(to_core)
    }
}
