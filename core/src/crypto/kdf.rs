//! Argon2id: from a passphrase to a [`WrappingKey`].
//!
//! Defaults follow RFC 9106's second recommendation (64 MiB, t=3, p=4). Anything under the
//! OWASP floor (19 MiB, t=2) is refused when a slot is created, so a vault can never be
//! made weak by accident. Tests get fast parameters only through
//! [`KdfParams::insecure_fast_for_tests`], which exists only with the `test-support`
//! feature; production defaults are never lowered for speed.
//!
//! Parameters read back from an existing key slot are not re-checked against the floor:
//! they are bound into the slot's associated data, so tampering with them makes the wrap
//! fail to open rather than weakening it.
//!
//! The RustCrypto `argon2` crate computes lanes one after another, so `p=4` costs about
//! what `p=1` costs on one core; the benchmark compares it with the reference C tool at
//! one lane.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};

use super::recovery_code::RecoveryCode;
use super::secret::{Passphrase, WrappingKey};
use crate::error::{Error, Result};

/// Argon2id cost parameters for one key slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KdfParams {
    memory_kib: u32,
    iterations: u32,
    lanes: u32,
}

impl KdfParams {
    /// Lowest memory accepted for a new slot: 19 MiB (OWASP).
    pub const MIN_MEMORY_KIB: u32 = 19 * 1024;
    /// Lowest iteration count accepted for a new slot (OWASP).
    pub const MIN_ITERATIONS: u32 = 2;
    /// Highest memory accepted: 1 GiB is already more than a phone should spend.
    pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
    /// Highest iteration count accepted.
    pub const MAX_ITERATIONS: u32 = 64;
    /// Highest lane count accepted.
    pub const MAX_LANES: u32 = 16;

    /// RFC 9106's second recommendation: 64 MiB, three passes, four lanes.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        lanes: 4,
    };

    /// Validated parameters for a new key slot. Refuses anything below the floor or above
    /// the ceilings with `InvalidInput` naming `memory_kib`, `iterations` or `lanes`.
    pub fn new(memory_kib: u32, iterations: u32, lanes: u32) -> Result<Self> {
        if !(1..=Self::MAX_LANES).contains(&lanes) {
            return Err(Error::invalid("lanes", "must be between 1 and 16"));
        }
        if memory_kib < Self::MIN_MEMORY_KIB {
            return Err(Error::invalid(
                "memory_kib",
                "must be at least 19456 (19 MiB)",
            ));
        }
        if memory_kib > Self::MAX_MEMORY_KIB {
            return Err(Error::invalid(
                "memory_kib",
                "must be at most 1048576 (1 GiB)",
            ));
        }
        if iterations < Self::MIN_ITERATIONS {
            return Err(Error::invalid("iterations", "must be at least 2"));
        }
        if iterations > Self::MAX_ITERATIONS {
            return Err(Error::invalid("iterations", "must be at most 64"));
        }
        Ok(KdfParams {
            memory_kib,
            iterations,
            lanes,
        })
    }

    /// Tiny parameters (64 KiB, t=1, p=1) that make a derivation take microseconds.
    /// Only for tests; never compiled into an app (feature `test-support`).
    #[cfg(feature = "test-support")]
    pub const fn insecure_fast_for_tests() -> Self {
        KdfParams {
            memory_kib: 64,
            iterations: 1,
            lanes: 1,
        }
    }

    /// Parameters read back from an existing key slot. Only checked for what Argon2 itself
    /// needs, not against the floor (see the module docs).
    pub fn from_stored(memory_kib: i64, iterations: i64, lanes: i64) -> Result<Self> {
        let as_u32 =
            |v: i64| u32::try_from(v).map_err(|_| Error::corrupted("key slot KDF parameters"));
        let params = KdfParams {
            memory_kib: as_u32(memory_kib)?,
            iterations: as_u32(iterations)?,
            lanes: as_u32(lanes)?,
        };
        params
            .argon2_params()
            .map_err(|_| Error::corrupted("key slot KDF parameters"))?;
        Ok(params)
    }

    /// Memory cost in KiB.
    pub const fn memory_kib(&self) -> u32 {
        self.memory_kib
    }

    /// Number of passes over memory.
    pub const fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Degree of parallelism (lanes).
    pub const fn lanes(&self) -> u32 {
        self.lanes
    }

    fn argon2_params(&self) -> std::result::Result<Params, argon2::Error> {
        Params::new(self.memory_kib, self.iterations, self.lanes, Some(32))
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A secret a wrapping key can be derived from: a passphrase or a recovery code.
pub trait KdfSecret {
    /// The bytes that enter Argon2id.
    fn kdf_input(&self) -> &[u8];
}

impl KdfSecret for Passphrase {
    fn kdf_input(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl KdfSecret for RecoveryCode {
    fn kdf_input(&self) -> &[u8] {
        self.secret_bytes()
    }
}

/// Derives the key that wraps the data key in a passphrase or recovery slot (and the key
/// of a backup file).
pub fn derive_wrapping_key(
    secret: &(impl KdfSecret + ?Sized),
    salt: &[u8; 16],
    params: &KdfParams,
) -> Result<WrappingKey> {
    let argon = Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        params
            .argon2_params()
            .map_err(|_| Error::invalid("kdf", "parameters rejected by Argon2"))?,
    );
    let mut key = WrappingKey::zeroed();
    argon
        .hash_password_into(secret.kdf_input(), salt, key.as_mut_bytes())
        .map_err(|_| Error::Internal("Argon2id derivation failed"))?;
    Ok(key)
}

/// What [`calibrate_kdf`] chose and what it measured on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfCalibration {
    /// The parameters to use for a new slot.
    pub params: KdfParams,
    /// Wall time of the probe derivation at the floor's iteration count.
    pub measured: Duration,
    /// Iteration count of the probe.
    pub measured_iterations: u32,
    /// Expected unlock time with `params`, extrapolated from the probe.
    pub expected: Duration,
}

/// Picks the iteration count that makes a derivation at `memory_kib`/`lanes` take about
/// `target` on this device, never below the floor. Runs one probe derivation at t=2 and
/// extrapolates linearly (Argon2's cost grows linearly with the number of passes).
pub fn calibrate_kdf(target: Duration, memory_kib: u32, lanes: u32) -> Result<KdfCalibration> {
    if target.is_zero() || target > Duration::from_secs(30) {
        return Err(Error::invalid("target", "must be between 1 ms and 30 s"));
    }
    let probe = KdfParams::new(memory_kib, KdfParams::MIN_ITERATIONS, lanes)?;
    let passphrase = Passphrase::new("calibration probe".into(), "passphrase")?;
    let started = Instant::now();
    derive_wrapping_key(&passphrase, &[0x5a; 16], &probe)?;
    let measured = started.elapsed();
    let per_pass = measured / probe.iterations;
    let wanted = if per_pass.is_zero() {
        KdfParams::MAX_ITERATIONS
    } else {
        u32::try_from(target.as_nanos() / per_pass.as_nanos()).unwrap_or(KdfParams::MAX_ITERATIONS)
    };
    let iterations = wanted.clamp(KdfParams::MIN_ITERATIONS, KdfParams::MAX_ITERATIONS);
    let params = KdfParams::new(memory_kib, iterations, lanes)?;
    Ok(KdfCalibration {
        params,
        measured,
        measured_iterations: probe.iterations,
        expected: per_pass * iterations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<KdfParams>) -> &'static str {
        match result {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn defaults_are_rfc_9106_second_recommendation() {
        let d = KdfParams::default();
        assert_eq!((d.memory_kib(), d.iterations(), d.lanes()), (65536, 3, 4));
        assert_eq!(KdfParams::new(65536, 3, 4).unwrap(), d);
    }

    #[test]
    fn parameters_under_the_owasp_floor_are_refused_by_name() {
        assert_eq!(field_of(KdfParams::new(19 * 1024 - 1, 3, 1)), "memory_kib");
        assert_eq!(field_of(KdfParams::new(64 * 1024, 1, 1)), "iterations");
        assert_eq!(field_of(KdfParams::new(64 * 1024, 3, 0)), "lanes");
        assert_eq!(
            field_of(KdfParams::new(2 * 1024 * 1024, 3, 1)),
            "memory_kib"
        );
        assert!(KdfParams::new(19 * 1024, 2, 1).is_ok());
    }

    #[test]
    fn derivation_is_deterministic_and_depends_on_every_input() {
        let p = KdfParams::insecure_fast_for_tests();
        let pass = Passphrase::new("one".into(), "passphrase").unwrap();
        let other = Passphrase::new("two".into(), "passphrase").unwrap();
        let k1 = derive_wrapping_key(&pass, &[1; 16], &p).unwrap();
        assert_eq!(
            k1.as_bytes(),
            derive_wrapping_key(&pass, &[1; 16], &p).unwrap().as_bytes()
        );
        assert_ne!(
            k1.as_bytes(),
            derive_wrapping_key(&other, &[1; 16], &p)
                .unwrap()
                .as_bytes()
        );
        assert_ne!(
            k1.as_bytes(),
            derive_wrapping_key(&pass, &[2; 16], &p).unwrap().as_bytes()
        );
        let slower = KdfParams { iterations: 2, ..p };
        assert_ne!(
            k1.as_bytes(),
            derive_wrapping_key(&pass, &[1; 16], &slower)
                .unwrap()
                .as_bytes()
        );
    }

    #[test]
    fn equals_the_argon2_crate_called_directly() {
        // Guards against a wrapper that silently changes algorithm, version or output size.
        let params = KdfParams::new(19 * 1024, 2, 1).unwrap();
        let pass = Passphrase::new("password".into(), "passphrase").unwrap();
        let ours = derive_wrapping_key(&pass, b"somesaltsomesalt", &params).unwrap();
        let mut direct = [0u8; 32];
        Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(19 * 1024, 2, 1, Some(32)).unwrap(),
        )
        .hash_password_into(b"password", b"somesaltsomesalt", &mut direct)
        .unwrap();
        assert_eq!(ours.as_bytes(), &direct);
    }

    #[test]
    fn calibration_never_goes_below_the_floor_and_reports_its_probe() {
        let c = calibrate_kdf(Duration::from_millis(1), 19 * 1024, 1).unwrap();
        assert_eq!(c.params.iterations(), 2);
        assert_eq!(c.measured_iterations, 2);
        assert!(c.measured > Duration::ZERO);
        assert!(matches!(
            calibrate_kdf(Duration::ZERO, 19 * 1024, 1),
            Err(Error::InvalidInput {
                field: "target",
                ..
            })
        ));
    }

    #[test]
    fn stored_parameters_are_checked_only_for_what_argon2_needs() {
        assert!(KdfParams::from_stored(64, 1, 1).is_ok());
        assert!(matches!(
            KdfParams::from_stored(-1, 1, 1),
            Err(Error::Corrupted { .. })
        ));
        assert!(matches!(
            KdfParams::from_stored(64, 0, 1),
            Err(Error::Corrupted { .. })
        ));
    }
}
