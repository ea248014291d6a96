//! # innermost-ffi: the library apps load
//!
//! `libinnermost_ffi.so` (Android), `libinnermost_ffi.a` (iOS) and the desktop library the
//! JVM tests load are built from this crate, and it holds nothing but the link to
//! [`innermost_uniffi`], where every export, record and error lives.
//!
//! Why a crate of its own: whole-program LTO optimises the merged program at the
//! opt-level of the crate that links it. This crate is at opt-level 2, so the
//! vectorisation and unrolling the crypto crates rely on survive the final pass; the
//! uniffi glue, compiled in its own crate at the size-first release default, stays small.
//! Measured on the stripped x86-64 library: 87 KB less than building the glue at 2, and
//! Argon2id 1.6-1.8x slower if this crate were at "z" (docs/decisions.md §37).

pub use innermost_uniffi::*;
