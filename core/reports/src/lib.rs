//! # Reports for therapy
//!
//! Turns what a person chose to share from their vault into a file they can hand to a
//! therapist: HTML, PDF, Markdown, JSON or CSV (DESIGN.md §6, issue #9).
//!
//! What this crate owns: the report request and its validation, reading the chosen data
//! through the vault's public API, the report's content, and every output format. It
//! never writes to the vault and never writes files: it returns bytes, and the shells
//! decide where they go.
//!
//! Why a crate of its own: rendering (page layout, fonts, charts) is code that runs a
//! few times a month, so it is built for size (`opt-level = "z"`) while the journal's hot
//! paths in `innermost` keep their speed (docs/decisions.md).
//!
//! ```text
//!   request ──validate──▶ gathered data ──▶ content (sections) ──▶ layout::Document ──▶ html / pdf / markdown
//!                                                        └───────────────▶ json / csv
//! ```

pub mod layout;
pub mod pdf;
