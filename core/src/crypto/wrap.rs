//! Wrapping the data key inside a key slot.
//!
//! A wrap is a sealed value (same blob layout as [`super::seal`]) whose plaintext is the
//! 32-byte data key and whose associated data is the slot's own plaintext metadata: its
//! id, its kind, its KDF parameters and its salt. Changing any of them — to downgrade the
//! KDF, to swap salts between slots — makes the wrap fail to open.

use zeroize::Zeroizing;

use super::kdf::KdfParams;
use super::seal::{aead_open, aead_seal};
use super::secret::{DataKey, WrappingKey};
use crate::error::Result;

/// A key slot's plaintext metadata, bound into the wrap as associated data.
#[derive(Debug, Clone, Copy)]
pub struct SlotBinding<'a> {
    /// The slot's id.
    pub slot_id: &'a str,
    /// The slot's kind as stored, e.g. `"passphrase"`.
    pub kind: &'a str,
    /// Where the slot's wrapping key comes from.
    pub protection: SlotProtection<'a>,
}

/// Where a slot's wrapping key comes from, as bound into the wrap.
#[derive(Debug, Clone, Copy)]
pub enum SlotProtection<'a> {
    /// Argon2id over a passphrase or recovery code.
    Argon2id {
        /// KDF parameters of the slot.
        params: KdfParams,
        /// The slot's 16-byte salt.
        salt: &'a [u8; 16],
    },
    /// A random slot key kept wrapped by the platform's key store under `alias`.
    PlatformKey {
        /// The platform key's alias.
        alias: &'a str,
    },
}

impl SlotBinding<'_> {
    fn associated_data(&self) -> Vec<u8> {
        let protection = match self.protection {
            SlotProtection::Argon2id { params, salt } => {
                let salt_hex: String = salt.iter().map(|b| format!("{b:02x}")).collect();
                format!(
                    "argon2id:m={},t={},p={}|{}",
                    params.memory_kib(),
                    params.iterations(),
                    params.lanes(),
                    salt_hex
                )
            }
            SlotProtection::PlatformKey { alias } => format!("platform-key:{alias}"),
        };
        format!(
            "innermost/v1|key_slots|{}|{}|{protection}",
            self.slot_id, self.kind
        )
        .into_bytes()
    }
}

/// Wraps `data_key` under `wrapping_key` for the slot described by `binding`.
pub fn wrap_data_key(
    wrapping_key: &WrappingKey,
    binding: &SlotBinding<'_>,
    data_key: &DataKey,
) -> Result<Vec<u8>> {
    aead_seal(
        wrapping_key.as_bytes(),
        &binding.associated_data(),
        data_key.as_bytes(),
    )
}

/// Unwraps a data key; `None` when the wrapping key is wrong or the slot was altered
/// (the two are indistinguishable by design).
pub fn unwrap_data_key(
    wrapping_key: &WrappingKey,
    binding: &SlotBinding<'_>,
    wrapped: &[u8],
) -> Option<DataKey> {
    let bytes: Zeroizing<Vec<u8>> =
        aead_open(wrapping_key.as_bytes(), &binding.associated_data(), wrapped)?;
    DataKey::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{Passphrase, derive_wrapping_key};

    fn setup() -> (WrappingKey, KdfParams, [u8; 16], DataKey) {
        let params = KdfParams::insecure_fast_for_tests();
        let salt = [7u8; 16];
        let pass = Passphrase::new("pass".into(), "passphrase").unwrap();
        (
            derive_wrapping_key(&pass, &salt, &params).unwrap(),
            params,
            salt,
            DataKey::generate().unwrap(),
        )
    }

    #[test]
    fn wrap_round_trip_returns_the_same_key() {
        let (wk, params, salt, dek) = setup();
        let b = SlotBinding {
            slot_id: "s1",
            kind: "passphrase",
            protection: SlotProtection::Argon2id {
                params,
                salt: &salt,
            },
        };
        let wrapped = wrap_data_key(&wk, &b, &dek).unwrap();
        assert_eq!(
            unwrap_data_key(&wk, &b, &wrapped).unwrap().as_bytes(),
            dek.as_bytes()
        );
    }

    #[test]
    fn altered_slot_metadata_makes_the_wrap_fail() {
        let (wk, params, salt, dek) = setup();
        let b = SlotBinding {
            slot_id: "s1",
            kind: "passphrase",
            protection: SlotProtection::Argon2id {
                params,
                salt: &salt,
            },
        };
        let wrapped = wrap_data_key(&wk, &b, &dek).unwrap();
        let other_salt = [8u8; 16];
        let faster = KdfParams::from_stored(64, 2, 1).unwrap();
        let altered = [
            SlotBinding { slot_id: "s2", ..b },
            SlotBinding {
                kind: "recovery",
                ..b
            },
            SlotBinding {
                protection: SlotProtection::Argon2id {
                    params: faster,
                    salt: &salt,
                },
                ..b
            },
            SlotBinding {
                protection: SlotProtection::Argon2id {
                    params,
                    salt: &other_salt,
                },
                ..b
            },
            SlotBinding {
                protection: SlotProtection::PlatformKey { alias: "s1" },
                ..b
            },
        ];
        for binding in altered {
            assert!(
                unwrap_data_key(&wk, &binding, &wrapped).is_none(),
                "{binding:?} opened"
            );
        }
    }
}
