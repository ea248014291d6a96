//! Progress and cancellation of long operations (key rotation, backups, restore,
//! export and import).
//!
//! One small trait: the operation calls [`ProgressListener::on_progress`] after each
//! batch, and stops at the next batch boundary when the listener answers `false`. A
//! stopped operation ends with [`crate::Error::Interrupted`] and has changed nothing:
//! database work is one transaction that is rolled back, files are written under a
//! temporary name that is removed.

/// Receives progress of a long operation and may stop it.
pub trait ProgressListener: Send + Sync {
    /// `done` of `total` units (rows for rotation and import, bytes for backups and
    /// restore). Return `false` to stop the operation at the next batch boundary.
    fn on_progress(&self, done: u64, total: u64) -> bool;
}

/// A listener that ignores progress and never stops anything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ProgressListener for NoProgress {
    fn on_progress(&self, _done: u64, _total: u64) -> bool {
        true
    }
}

/// Reports progress, turning a refusal into [`crate::Error::Interrupted`].
pub fn report(listener: &dyn ProgressListener, done: u64, total: u64) -> crate::Result<()> {
    if listener.on_progress(done, total) {
        Ok(())
    } else {
        Err(crate::Error::Interrupted)
    }
}
