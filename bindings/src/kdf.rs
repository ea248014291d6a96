//! Key-derivation parameters and calibration.
//!
//! Unlike entries, the core's `KdfParams` keeps its fields private so that every value is
//! validated against the OWASP floor; this record is the FFI-shaped form, and converting
//! it back always goes through the core's validating constructor.

use std::time::Duration;

use crate::error::{InnermostError, Result};

/// Argon2id cost parameters for a passphrase. Use [`default_kdf_params`] or
/// [`calibrate_kdf`]; values under 19 MiB or 2 iterations are refused with `InvalidInput`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct KdfParams {
    /// Memory cost in KiB (default 65536 = 64 MiB; at least 19456).
    pub memory_kib: u32,
    /// Passes over memory (default 3; at least 2).
    pub iterations: u32,
    /// Lanes (default 4; 1 to 16).
    pub lanes: u32,
}

impl From<innermost::KdfParams> for KdfParams {
    fn from(p: innermost::KdfParams) -> Self {
        KdfParams {
            memory_kib: p.memory_kib(),
            iterations: p.iterations(),
            lanes: p.lanes(),
        }
    }
}

impl TryFrom<KdfParams> for innermost::KdfParams {
    type Error = InnermostError;

    fn try_from(p: KdfParams) -> Result<Self> {
        #[cfg(feature = "test-support")]
        if p == KdfParams::from(innermost::KdfParams::insecure_fast_for_tests()) {
            return Ok(innermost::KdfParams::insecure_fast_for_tests());
        }
        Ok(innermost::KdfParams::new(
            p.memory_kib,
            p.iterations,
            p.lanes,
        )?)
    }
}

/// What [`calibrate_kdf`] chose and measured on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct KdfCalibration {
    /// The parameters to use for a new passphrase.
    pub params: KdfParams,
    /// Milliseconds the probe derivation took.
    pub measured_ms: u64,
    /// Iterations of the probe derivation.
    pub measured_iterations: u32,
    /// Expected unlock time with `params`, in milliseconds.
    pub expected_ms: u64,
}

/// RFC 9106's second recommendation: 64 MiB, 3 iterations, 4 lanes.
#[uniffi::export]
pub fn default_kdf_params() -> KdfParams {
    innermost::KdfParams::default().into()
}

/// Picks the iteration count that makes unlocking take about `target_ms` on this device at
/// the given memory and lanes (never below the floor). Takes as long as one probe
/// derivation: call it off the main thread, once, when a vault is created.
#[uniffi::export]
pub fn calibrate_kdf(target_ms: u32, memory_kib: u32, lanes: u32) -> Result<KdfCalibration> {
    let c = innermost::calibrate_kdf(
        Duration::from_millis(u64::from(target_ms)),
        memory_kib,
        lanes,
    )?;
    Ok(KdfCalibration {
        params: c.params.into(),
        measured_ms: u64::try_from(c.measured.as_millis()).unwrap_or(u64::MAX),
        measured_iterations: c.measured_iterations,
        expected_ms: u64::try_from(c.expected.as_millis()).unwrap_or(u64::MAX),
    })
}

/// Parameters that make a derivation take microseconds. Exported only by libraries built
/// with the `test-support` feature, for test suites; never present in an app's library.
#[cfg(feature = "test-support")]
#[uniffi::export]
pub fn insecure_fast_kdf_params_for_tests() -> KdfParams {
    innermost::KdfParams::insecure_fast_for_tests().into()
}
