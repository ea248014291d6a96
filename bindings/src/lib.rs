//! # innermost-uniffi: the core as Kotlin and Swift see it
//!
//! A thin layer of small wrappers over the `innermost` crate, exported with uniffi
//! proc-macros. Apps load it through the `innermost-ffi` crate (`cdylib/`), which only
//! links it. It owns four things and nothing else:
//!
//! * **the public error** ([`InnermostError`]) and the one `match` that maps the core's
//!   rich error onto it ([`error`]);
//! * **the object apps hold** ([`Vault`], with its safety calls in [`vault_safety`] and its
//!   ritual calls in [`vault_rituals`], its progress calls in [`vault_progress`], its report call in [`vault_reports`]), an
//!   `Arc` around the core's thread-safe vault;
//! * **the two foreign traits** the shells implement: [`platform_key::PlatformKeyStore`]
//!   and [`progress::ProgressListener`];
//! * **declarations of core types to uniffi** ([`backup`], [`content`], [`entry`], [`kdf`],
//!   [`platform_key`], [`progress_model`], [`reports`], [`rituals`], [`search`], [`vocabulary`]): core records are the only
//!   definitions; this crate repeats their field lists inside `#[uniffi::remote]`, which the
//!   compiler checks against the real types, so the two can never drift.
//!
//! No domain logic lives here: if a function does more than convert arguments, call the
//! core and convert the result, it belongs in `innermost`.
//!
//! ## Threading and cost
//!
//! Every export is synchronous and thread-safe; the Kotlin and Swift shells call it off
//! the main thread and offer `suspend`/`async` wrappers. Calls are coarse (a timeline page
//! is one call) because each crossing costs microseconds through JNA: the README's
//! benchmark table has the measured figures.
//!
//! ## Panics
//!
//! `panic = "unwind"` in every profile: uniffi catches a Rust panic at the boundary and
//! raises it as an exception instead of aborting the app.

uniffi::setup_scaffolding!("innermost");

pub mod backup;
pub mod content;
pub mod entry;
pub mod error;
pub mod kdf;
pub mod platform_key;
pub mod progress;
pub mod progress_model;
pub mod reports;
pub mod rituals;
pub mod search;
pub mod vault;
pub mod vault_progress;
pub mod vault_reports;
pub mod vault_rituals;
pub mod vault_safety;
pub mod vocabulary;

pub use error::InnermostError;
pub use kdf::{KdfCalibration, KdfParams};
pub use vault::Vault;
