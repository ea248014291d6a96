//! Fuzz target: see `innermost::fuzzing::recovery_code`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost::fuzzing::recovery_code(data));
