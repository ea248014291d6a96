//! Keys, key derivation and sealing: everything cryptographic in Innermost.
//!
//! The scheme (DESIGN.md §2, laid out byte by byte in `docs/formats.md`):
//!
//! * one random 256-bit **data key** ([`DataKey`]) per vault seals every private field with
//!   AES-256-GCM ([`seal`]/[`open`]), a fresh random 96-bit nonce each time, and associated
//!   data naming the table, column and row the value lives in ([`SealedAt`]), so a value
//!   copied elsewhere fails to open;
//! * **key slots** keep the data key wrapped ([`wrap_data_key`]/[`unwrap_data_key`]) under a
//!   key derived from a passphrase with Argon2id ([`KdfParams`], [`derive_wrapping_key`]); the
//!   slot's own metadata is the associated data of the wrap, so KDF parameters cannot be
//!   downgraded without the wrap failing.
//!
//! This module owns no storage and knows no table: callers name the place a value is
//! sealed for. It never logs, and no type here prints its secret through `Debug`.
//!
//! Cost, measured on the 2-core development machine (see the README's benchmark table):
//! sealing a 1 KiB entry takes a few microseconds, negligible next to a `synchronous=FULL`
//! commit; the Argon2id derivation at the default 64 MiB / t=3 / p=4 dominates unlock.

mod kdf;
mod random;
mod recovery_code;
mod seal;
mod secret;
mod wrap;

pub use kdf::{KdfCalibration, KdfParams, KdfSecret, calibrate_kdf, derive_wrapping_key};
pub use random::{fill_random, random_array};
pub use recovery_code::RecoveryCode;
pub use seal::{SEAL_OVERHEAD, SEAL_VERSION, SealedAt, open, seal};
pub use secret::{DataKey, Passphrase, WrappingKey};
pub use wrap::{SlotBinding, SlotProtection, unwrap_data_key, wrap_data_key};
