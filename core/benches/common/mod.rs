//! What every benchmark binary shares: a fresh vault on a fixed clock, the ladder attempt
//! the year-long fills log every other week, the median of timed samples and how a duration
//! is written in the table (µs below a millisecond, ms above).
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use innermost::progress::{NewLadderAttempt, ProgressId};
use innermost::{FixedClock, KdfParams, Passphrase, Timestamp, Vault};

/// A fresh vault in `dir` (test KDF parameters: benchmarks measure the vault, not Argon2id)
/// whose clock stands at `start` (UTC epoch milliseconds) and moves only when set.
pub fn vault_at(dir: &Path, start: i64) -> (Vault, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(Timestamp::from_millis(start)));
    let vault = Vault::create_with_clock(
        dir.join("bench.innermost"),
        &Passphrase::new("bench passphrase".into(), "passphrase").unwrap(),
        KdfParams::insecure_fast_for_tests(),
        clock.clone(),
    )
    .unwrap();
    (vault, clock)
}

/// Records the same attempt of `step` at `at` (predicted 7; before 6, peak 5, after 2; no
/// outcome note) in `zone`: the fills' fortnightly ladder practice.
pub fn record_attempt(vault: &Vault, step: ProgressId, at: Timestamp, zone: &str) {
    vault
        .record_ladder_attempt(
            &NewLadderAttempt {
                step_id: step,
                attempted_at: at,
                predicted_anxiety: 7,
                anxiety_before: 6,
                anxiety_peak: 5,
                anxiety_after: 2,
                outcome: String::new(),
            },
            zone,
        )
        .unwrap();
}

/// The middle sample (the upper one of the two middles for an even count).
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// `123.4 µs` or `12.3 ms`.
pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else {
        format!("{:.1} ms", us / 1000.0)
    }
}
