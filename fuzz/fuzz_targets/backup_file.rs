//! Fuzz target: see `innermost::fuzzing::backup_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost::fuzzing::backup_file(data));
