//! Fuzz target: see `innermost::fuzzing::sealed_value`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost::fuzzing::sealed_value(data));
