//! Fuzz target: see `innermost::fuzzing::cadence`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost::fuzzing::cadence(data));
