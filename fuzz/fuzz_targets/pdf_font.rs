//! Fuzz target: see `innermost_reports::fuzzing::pdf_font`. Seed it with real fonts:
//! `cargo +nightly fuzz run pdf_font corpus/pdf_font /usr/share/fonts/opentype/urw-base35`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| innermost_reports::fuzzing::pdf_font(data));
