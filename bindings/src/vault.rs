//! [`Vault`]: the object apps hold.
//!
//! In Kotlin it is `AutoCloseable`: `close()` (or `use { }`) releases the Rust object,
//! which closes the file and wipes the key. [`Vault::close_vault`] does the same
//! explicitly and reports errors; afterwards every call fails with `Storage`.
//! In Swift the object is released by ARC.

use std::path::PathBuf;
use std::sync::Arc;

use innermost::{
    Draft, EmotionFamily, EmotionWord, Entry, EntryFilter, EntryId, EntryPage, NewEntry,
    PageCursor, Passphrase, TriggerTag,
};

use innermost::Timestamp;
use innermost::journal::PatternInsights;

use crate::error::{InnermostError, Result};
use crate::kdf::KdfParams;

/// An encrypted Innermost journal on disk. Thread-safe; every method blocks (call it off
/// the main thread) and is durable when it returns.
#[derive(Debug, uniffi::Object)]
pub struct Vault {
    pub(crate) inner: innermost::Vault,
}

pub(crate) fn path_arg(path: String) -> Result<PathBuf> {
    if path.trim().is_empty() {
        return Err(InnermostError::InvalidInput {
            field: "path".into(),
            reason: "must not be empty".into(),
        });
    }
    Ok(PathBuf::from(path))
}

#[uniffi::export]
impl Vault {
    /// Creates a new vault file at `path` protected by `passphrase`, returned unlocked.
    /// The file appears only once complete; an existing file is never overwritten.
    #[uniffi::constructor]
    pub fn create(path: String, passphrase: String, kdf: KdfParams) -> Result<Arc<Self>> {
        let passphrase = Passphrase::new(passphrase, "passphrase")?;
        let inner = innermost::Vault::create(path_arg(path)?, &passphrase, kdf.try_into()?)?;
        Ok(Arc::new(Vault { inner }))
    }

    /// Opens an existing vault file, locked. A file that is not a vault, is damaged or is
    /// from a newer version is reported and never modified.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Vault {
            inner: innermost::Vault::open(path_arg(path)?)?,
        }))
    }

    /// Unlocks with the passphrase; `WrongPassphrase` if it does not open the vault.
    pub fn unlock(&self, passphrase: String) -> Result<()> {
        Ok(self
            .inner
            .unlock(&Passphrase::new(passphrase, "passphrase")?)?)
    }

    /// Wipes the data key from memory. Reminder planning (later) still works while locked.
    pub fn lock(&self) {
        self.inner.lock();
    }

    /// Whether the vault is locked.
    pub fn is_locked(&self) -> bool {
        self.inner.is_locked()
    }

    /// Replaces the passphrase (nothing is re-encrypted; one transaction).
    pub fn change_passphrase(
        &self,
        current: String,
        new_passphrase: String,
        kdf: KdfParams,
    ) -> Result<()> {
        let current = Passphrase::new(current, "current")?;
        let new_passphrase = Passphrase::new(new_passphrase, "new_passphrase")?;
        Ok(self
            .inner
            .change_passphrase(&current, &new_passphrase, kdf.try_into()?)?)
    }

    /// Locks and closes the file now, reporting any error. Later calls fail with `Storage`.
    pub fn close_vault(&self) -> Result<()> {
        Ok(self.inner.close()?)
    }

    /// The vault file's path.
    pub fn path(&self) -> String {
        self.inner.path().to_string_lossy().into_owned()
    }

    /// Folds the write-ahead log into the main file (before a backup or on backgrounding).
    pub fn checkpoint(&self) -> Result<()> {
        Ok(self.inner.checkpoint()?)
    }

    /// Writes a new entry; durable when it returns. Everything is checked first (required
    /// fields, sizes, ranges, vocabulary keys); a refused entry stores nothing.
    pub fn add_entry(&self, entry: NewEntry) -> Result<Entry> {
        Ok(self.inner.add_entry(&entry)?)
    }

    /// Reads one entry (also one in the trash: see `trashed_at`).
    pub fn entry(&self, id: EntryId) -> Result<Entry> {
        Ok(self.inner.entry(id)?)
    }

    /// Replaces what an entry says; its id and creation instant stay. An entry in the
    /// trash must be restored first.
    pub fn update_entry(&self, id: EntryId, entry: NewEntry) -> Result<Entry> {
        Ok(self.inner.update_entry(id, &entry)?)
    }

    /// Moves an entry to the trash, from where it can be restored.
    pub fn delete_entry(&self, id: EntryId) -> Result<()> {
        Ok(self.inner.delete_entry(id)?)
    }

    /// Brings an entry back from the trash.
    pub fn restore_entry(&self, id: EntryId) -> Result<()> {
        Ok(self.inner.restore_entry(id)?)
    }

    /// Deletes an entry that is in the trash, for good (its bytes are overwritten).
    pub fn purge_entry(&self, id: EntryId) -> Result<()> {
        Ok(self.inner.purge_entry(id)?)
    }

    /// Purges what has been in the trash for more than `retention_days`; returns how many
    /// entries went. Shells call it now and then, e.g. on unlock.
    pub fn purge_expired_trash(&self, retention_days: u32) -> Result<u64> {
        Ok(self.inner.purge_expired_trash(retention_days)? as u64)
    }

    /// A page of up to `limit` (1 to 500) entries, newest first, after the cursor `after`
    /// (from the previous page's `next`), or from the newest entry when `after` is absent.
    /// Entries in the trash are not listed.
    pub fn entries(&self, limit: u32, after: Option<PageCursor>) -> Result<EntryPage> {
        Ok(self.inner.entries(limit, after)?)
    }

    /// A page of the trash, newest first.
    pub fn trashed_entries(&self, limit: u32, after: Option<PageCursor>) -> Result<EntryPage> {
        Ok(self.inner.trashed_entries(limit, after)?)
    }

    /// A page of journal entries matching `filter`, newest first, after `after`. The first
    /// search after unlock opens every entry into memory (tens of milliseconds for 10,000
    /// entries); later ones take a few milliseconds. Nothing decrypted touches the disk.
    pub fn search(
        &self,
        filter: EntryFilter,
        limit: u32,
        after: Option<PageCursor>,
    ) -> Result<EntryPage> {
        Ok(self.inner.search(&filter, limit, after)?)
    }

    /// Pattern insights for entries written in `[from, until)` (UTC epoch ms): top triggers
    /// with average safety and urge and what followed them, and the weekly trend with
    /// weeks starting on Monday in the IANA `zone`.
    pub fn pattern_insights(
        &self,
        from: Timestamp,
        until: Timestamp,
        zone: String,
    ) -> Result<PatternInsights> {
        Ok(self.inner.pattern_insights(from, until, &zone)?)
    }

    /// Entries written on this day of the year in earlier years, newest first. `today` is
    /// the person's date (`YYYY-MM-DD`) and `zone` their IANA time zone (e.g. `Europe/Paris`).
    pub fn on_this_day(&self, today: String, zone: String) -> Result<Vec<Entry>> {
        Ok(self.inner.on_this_day(&today, &zone)?)
    }

    /// Saves a draft: a new one when `id` is absent, else replaces that draft. Required
    /// fields may be empty; sizes and ranges are checked.
    pub fn save_draft(&self, id: Option<EntryId>, draft: NewEntry) -> Result<Draft> {
        Ok(self.inner.save_draft(id, &draft)?)
    }

    /// Every draft, most recently saved first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        Ok(self.inner.drafts()?)
    }

    /// Throws a draft away.
    pub fn discard_draft(&self, id: EntryId) -> Result<()> {
        Ok(self.inner.discard_draft(id)?)
    }

    /// Turns a draft into an entry with the same id, after the full checks (a refused
    /// finish leaves the draft as it was).
    pub fn finish_draft(&self, id: EntryId) -> Result<Entry> {
        Ok(self.inner.finish_draft(id)?)
    }

    /// The emotion vocabulary: built-in families with the person's own words added.
    pub fn emotion_vocabulary(&self) -> Result<Vec<EmotionFamily>> {
        Ok(self.inner.emotion_vocabulary()?)
    }

    /// The trigger/theme tags: built-in, then the person's own.
    pub fn trigger_vocabulary(&self) -> Result<Vec<TriggerTag>> {
        Ok(self.inner.trigger_vocabulary()?)
    }

    /// Adds the person's own emotion word (1 to 40 characters) to the family `family`
    /// (a family key such as `fear`). Stored sealed.
    pub fn add_custom_emotion(&self, family: String, label: String) -> Result<EmotionWord> {
        Ok(self.inner.add_custom_emotion(&family, &label)?)
    }

    /// Adds the person's own trigger/theme tag (1 to 40 characters). Stored sealed.
    pub fn add_custom_trigger(&self, label: String) -> Result<TriggerTag> {
        Ok(self.inner.add_custom_trigger(&label)?)
    }
}
