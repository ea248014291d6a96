//! # The speed-critical half of Innermost's core
//!
//! The crate root of `innermost-base`: the modules every journal read and write runs
//! through — keys and sealing (`crypto`), SQLite (`store`), instants and zones (`time`,
//! `calendar`), ids, the rich error, the progress listener, the journal itself with its
//! in-memory search, and the backup file (which encrypts and checks every byte of the
//! vault, so it belongs with the per-byte work). The `innermost` crate re-exports all of it under the same paths
//! (`innermost::journal::…`), so nothing outside the core knows this crate exists.
//!
//! Why a crate of its own: Cargo chooses optimisation per crate, and the library must be
//! both fast where a person waits (a sealed write, a timeline page, the first search after
//! unlock) and small on the phone (DESIGN.md §8). This half is built at opt-level 2; the
//! rest of the core (vault orchestration, rituals, progress, backups, export), which
//! runs a few times a day on little data, is built for size. Measured on the release
//! library: the whole core at opt-level "z" took the timeline page from 0.31 ms to 2.1 ms
//! and the first search from 43 ms to 211 ms; split like this, both stay within budget
//! (docs/decisions.md §47, README benchmark table).
//!
//! What it is not: a public API. Items that are `pub` here only so the rest of the core
//! can reach them (key bytes, row readers) say so in their docs; apps see the core
//! through the uniffi bindings, which expose none of them.
//!
//! The module files live in `core/src/` beside the rest of the core; this root only
//! names them.

pub mod backup;
pub mod calendar;
pub mod crypto;
pub mod error;
pub mod ids;
pub mod journal;
pub mod listener;
pub mod store;
pub mod time;

pub use error::{Error, Result};
