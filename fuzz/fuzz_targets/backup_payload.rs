//! Fuzz target: see `innermost::fuzzing::backup_payload`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost::fuzzing::backup_payload(data));
