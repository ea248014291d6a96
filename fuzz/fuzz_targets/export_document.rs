//! Fuzz target: see `innermost::fuzzing::export_document`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost::fuzzing::export_document(data));
