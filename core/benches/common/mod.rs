//! What every benchmark binary shares: the median of timed samples and how a duration is
//! written in the table (µs below a millisecond, ms above).
#![allow(dead_code)]

use std::time::Duration;

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
