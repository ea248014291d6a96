//! The journal calls of [`Vault`]: each takes the vault's lock for one call, checks that
//! the vault is unlocked, and hands the connection and key to `crate::journal`.

use super::handle::Vault;
use crate::error::Result;
use crate::journal::{
    self, Draft, EmotionFamily, EmotionWord, Entry, EntryFilter, EntryId, EntryPage, NewEntry,
    PageCursor, PatternInsights, SearchIndex, Shelf, TriggerTag, vocabulary,
};
use crate::time::Timestamp;

impl Vault {
    /// Writes a new entry; durable when this returns. Everything is checked first
    /// (required fields, sizes, ranges, vocabulary keys); a refused entry stores nothing.
    pub fn add_entry(&self, entry: &NewEntry) -> Result<Entry> {
        let now = self.now();
        self.with_journal(|conn, key, index| {
            let stored = journal::add_entry(conn, key, entry, now)?;
            if let Some(index) = index {
                index.upsert(stored.clone());
            }
            Ok(stored)
        })
    }

    /// Reads one entry (also one in the trash: see `trashed_at`).
    pub fn entry(&self, id: EntryId) -> Result<Entry> {
        self.with_unlocked(|conn, key| journal::get_entry(conn, key, id))
    }

    /// Replaces what an entry says; its id and creation instant stay.
    pub fn update_entry(&self, id: EntryId, entry: &NewEntry) -> Result<Entry> {
        let now = self.now();
        self.with_journal(|conn, key, index| {
            let stored = journal::update_entry(conn, key, id, entry, now)?;
            if let Some(index) = index {
                index.upsert(stored.clone());
            }
            Ok(stored)
        })
    }

    /// Moves an entry to the trash, from where it can be restored.
    pub fn delete_entry(&self, id: EntryId) -> Result<()> {
        let now = self.now();
        self.with_journal(|conn, _, index| {
            journal::trash_entry(conn, id, now)?;
            if let Some(index) = index {
                index.remove(id);
            }
            Ok(())
        })
    }

    /// Brings an entry back from the trash.
    pub fn restore_entry(&self, id: EntryId) -> Result<()> {
        self.with_journal(|conn, key, index| {
            journal::restore_entry(conn, id)?;
            if let Some(index) = index {
                index.upsert(journal::get_entry(conn, key, id)?);
            }
            Ok(())
        })
    }

    /// Deletes an entry in the trash for good, overwriting its bytes in the file and the
    /// write-ahead log.
    pub fn purge_entry(&self, id: EntryId) -> Result<()> {
        self.with_unlocked(|conn, _| journal::purge_entry(conn, id))?;
        self.checkpoint()
    }

    /// Purges what has been in the trash for longer than `retention_days`; returns how
    /// many entries went.
    pub fn purge_expired_trash(&self, retention_days: u32) -> Result<usize> {
        let cutoff =
            Timestamp::from_millis(self.now().as_millis() - i64::from(retention_days) * 86_400_000);
        let purged = self.with_unlocked(|conn, _| journal::purge_trash_before(conn, cutoff))?;
        if purged > 0 {
            self.checkpoint()?;
        }
        Ok(purged)
    }

    /// A page of the journal, newest first, after `after` (or from the newest).
    pub fn entries(&self, limit: u32, after: Option<PageCursor>) -> Result<EntryPage> {
        self.with_unlocked(|conn, key| journal::entry_page(conn, key, Shelf::Journal, limit, after))
    }

    /// A page of the trash, newest first.
    pub fn trashed_entries(&self, limit: u32, after: Option<PageCursor>) -> Result<EntryPage> {
        self.with_unlocked(|conn, key| journal::entry_page(conn, key, Shelf::Trash, limit, after))
    }

    /// Saves a draft: a new one when `id` is `None`, else replaces that draft. Required
    /// fields may still be empty; sizes and ranges are checked.
    pub fn save_draft(&self, id: Option<EntryId>, draft: &NewEntry) -> Result<Draft> {
        let now = self.now();
        self.with_unlocked(|conn, key| journal::save_draft(conn, key, id, draft, now))
    }

    /// Every draft, most recently saved first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.with_unlocked(journal::drafts)
    }

    /// Throws a draft away.
    pub fn discard_draft(&self, id: EntryId) -> Result<()> {
        self.with_unlocked(|conn, _| journal::discard_draft(conn, id))
    }

    /// Turns a draft into an entry with the same id, after the full checks.
    pub fn finish_draft(&self, id: EntryId) -> Result<Entry> {
        let now = self.now();
        self.with_journal(|conn, key, index| {
            let stored = journal::finish_draft(conn, key, id, now)?;
            if let Some(index) = index {
                index.upsert(stored.clone());
            }
            Ok(stored)
        })
    }

    /// The emotion vocabulary: built-in families with the person's own words added.
    pub fn emotion_vocabulary(&self) -> Result<Vec<EmotionFamily>> {
        self.with_unlocked(vocabulary::emotion_vocabulary)
    }

    /// The trigger/theme tags: built-in, then the person's own.
    pub fn trigger_vocabulary(&self) -> Result<Vec<TriggerTag>> {
        self.with_unlocked(vocabulary::trigger_vocabulary)
    }

    /// Adds the person's own emotion word to a family (sealed).
    pub fn add_custom_emotion(&self, family: &str, label: &str) -> Result<EmotionWord> {
        let now = self.now();
        self.with_journal(|conn, key, index| {
            let word = vocabulary::add_custom_emotion(conn, key, family, label, now)?;
            *index = None; // labels are searchable: rebuild on the next search
            Ok(word)
        })
    }

    /// Adds the person's own trigger/theme tag (sealed).
    pub fn add_custom_trigger(&self, label: &str) -> Result<TriggerTag> {
        let now = self.now();
        self.with_journal(|conn, key, index| {
            let tag = vocabulary::add_custom_trigger(conn, key, label, now)?;
            *index = None; // labels are searchable: rebuild on the next search
            Ok(tag)
        })
    }

    /// A page of journal entries matching `filter`, newest first, after `after`. The first
    /// search after unlock opens every entry into memory (see `journal::search`); later
    /// ones scan that.
    pub fn search(
        &self,
        filter: &EntryFilter,
        limit: u32,
        after: Option<PageCursor>,
    ) -> Result<EntryPage> {
        self.with_journal(|conn, key, index| built(conn, key, index)?.search(filter, limit, after))
    }

    /// Pattern insights for entries written in `[from, until)`: top triggers with average
    /// safety and urge and what followed them, and the weekly trend (weeks in `zone`).
    pub fn pattern_insights(
        &self,
        from: Timestamp,
        until: Timestamp,
        zone: &str,
    ) -> Result<PatternInsights> {
        self.with_journal(|conn, key, index| {
            journal::insights::pattern_insights(built(conn, key, index)?, from, until, zone)
        })
    }

    /// Entries written on this day of the year (`today`, `YYYY-MM-DD`, in the IANA `zone`)
    /// in earlier years, newest first.
    pub fn on_this_day(&self, today: &str, zone: &str) -> Result<Vec<Entry>> {
        self.with_journal(|conn, key, index| built(conn, key, index)?.on_this_day(today, zone))
    }
}

/// The search index, built now if this is the first search since unlock.
fn built<'i>(
    conn: &rusqlite::Connection,
    key: &crate::crypto::DataKey,
    index: &'i mut Option<SearchIndex>,
) -> Result<&'i SearchIndex> {
    if index.is_none() {
        *index = Some(SearchIndex::build(conn, key)?);
    }
    index.as_ref().ok_or(crate::error::Error::Internal(
        "the search index was just built",
    ))
}
