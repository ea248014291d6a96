//! [`ProgressListener`]: progress and cancellation of long calls, implemented by the app.
//!
//! Key rotation, backups, restore, verify, export and import take an optional listener.
//! The core calls it after each batch, on the thread that made the call; returning
//! `false` stops the operation, which then fails with `Interrupted` having changed
//! nothing.

use std::sync::Arc;

/// Receives progress of a long call and may stop it.
#[uniffi::export(with_foreign)]
pub trait ProgressListener: Send + Sync {
    /// `done` of `total` units (values for key rotation, items for import, entries for
    /// export, bytes for backups). Return `false` to stop at the next batch.
    fn on_progress(&self, done: u64, total: u64) -> bool;
}

/// The core's listener trait over an optional foreign listener.
pub(crate) struct Listener(pub Option<Arc<dyn ProgressListener>>);

impl innermost::vault::ProgressListener for Listener {
    fn on_progress(&self, done: u64, total: u64) -> bool {
        self.0.as_ref().is_none_or(|l| l.on_progress(done, total))
    }
}
