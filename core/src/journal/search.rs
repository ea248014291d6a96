//! Finding entries: filters and text search over decrypted entries held only in memory.
//!
//! Nothing decrypted is ever written down for search: there is no FTS table and no
//! plaintext index on disk (an FTS index would put every word a person wrote into the file
//! in the clear). Instead, the first search after unlock opens every entry in the journal
//! into a [`SearchIndex`] in memory — about 10,000 entries in well under the 60 ms budget
//! on the development machine (README) — and later searches scan that, in a few
//! milliseconds. The vault keeps the index in step with every write and drops it on lock;
//! dropping wipes every string it holds.
//!
//! Text matching is case- and accent-insensitive: text and query are decomposed (NFD),
//! combining marks are dropped and letters lower-cased, so "peur" finds "PEUR" and
//! "evite" finds "évité". Every word of the query must appear (AND). Emotion and trigger
//! labels of the words an entry names are searchable too.
//!
//! Not here: timeline pages without filters (`entries`, straight from SQLite) and
//! aggregates for reports (`insights`).

use std::collections::HashMap;

use rusqlite::Connection;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use zeroize::Zeroize;

use super::content::EntryKind;
use super::entries::{SealedEntry, sealed_journal_entries};
use super::entry::{Entry, EntryId, EntryPage, PageCursor};
use super::vocabulary::{emotion_vocabulary, trigger_vocabulary};
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// What to look for. Every condition given must hold; empty lists and `None` mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryFilter {
    /// Words that must all appear (case- and accent-insensitive), up to 200 characters.
    pub text: Option<String>,
    /// Kinds to include (any of them).
    pub kinds: Vec<EntryKind>,
    /// Tags the entry must all carry.
    pub tags: Vec<String>,
    /// Emotion keys the entry must all name.
    pub emotions: Vec<String>,
    /// Trigger keys the entry must all name.
    pub triggers: Vec<String>,
    /// Written at or after this instant.
    pub from: Option<Timestamp>,
    /// Written before this instant.
    pub until: Option<Timestamp>,
    /// Felt safety at least this (0-10); only pattern logs have it.
    pub min_safety: Option<u8>,
    /// Felt safety at most this (0-10).
    pub max_safety: Option<u8>,
}

/// Longest text query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// Lower-cases and strips accents: the form both text and queries are compared in.
///
/// Equivalent to NFD, dropping combining marks, then lower-casing; done a character at a
/// time (canonical reordering only moves combining marks, which are dropped anyway), with
/// a fast path for ASCII. Building the index folds every word of the journal, so this is
/// the hot loop of the first search after unlock.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// [`fold`], appending to `out` (saves a copy per field when building the index). Runs of
/// ASCII — most of most journals — are copied and lower-cased in bulk.
fn fold_into(out: &mut String, text: &str) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            });
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// One entry, opened, with what search compares precomputed.
struct Indexed {
    entry: Entry,
    folded: String,
    tags: Vec<String>,
}

impl Drop for Indexed {
    fn drop(&mut self) {
        self.entry.content.zeroize();
        self.entry.tags.zeroize();
        self.folded.zeroize();
        self.tags.zeroize();
    }
}

/// The journal's entries, opened, newest first. Lives only in memory, only while unlocked.
pub struct SearchIndex {
    items: Vec<Indexed>,
    labels: HashMap<String, String>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} entries)", self.items.len())
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        for label in self.labels.values_mut() {
            label.zeroize();
        }
    }
}

fn newest_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    (b.created_at, b.id).cmp(&(a.created_at, a.id))
}

impl SearchIndex {
    /// Opens every entry in the journal (not the trash).
    pub fn build(conn: &Connection, key: &DataKey) -> Result<SearchIndex> {
        let mut labels = HashMap::new();
        for word in emotion_vocabulary(conn, key)?
            .into_iter()
            .flat_map(|f| f.words)
        {
            labels.insert(word.key, word.label);
        }
        for tag in trigger_vocabulary(conn, key)? {
            labels.insert(tag.key, tag.label);
        }
        let mut index = SearchIndex {
            items: Vec::new(),
            labels,
        };
        index.items = index.open_all(conn, key)?;
        index
            .items
            .sort_unstable_by(|a, b| newest_first(&a.entry, &b.entry));
        Ok(index)
    }

    /// Reads every journal row and opens and prepares them on worker threads while the
    /// next rows are read: opening (AES-GCM), decoding (JSON) and folding are independent
    /// per entry, and this is what the first search after unlock waits for.
    fn open_all(&self, conn: &Connection, key: &DataKey) -> Result<Vec<Indexed>> {
        const BATCH: usize = 1024;
        std::thread::scope(|scope| {
            let mut workers = Vec::new();
            let mut read = || -> Result<()> {
                let mut stmt = sealed_journal_entries(conn)?;
                let mut rows = stmt.query_map([], SealedEntry::from_row)?;
                loop {
                    let batch = rows
                        .by_ref()
                        .take(BATCH)
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    if batch.is_empty() {
                        return Ok(());
                    }
                    workers.push(scope.spawn(move || {
                        batch
                            .iter()
                            .map(|row| Ok(self.prepare(row.open(key)?)))
                            .collect::<Result<Vec<_>>>()
                    }));
                }
            };
            let read_result = read();
            let mut items = Vec::new();
            for worker in workers {
                items.extend(
                    worker
                        .join()
                        .unwrap_or(Err(Error::Internal("a search index worker panicked")))?,
                );
            }
            read_result.map(|()| items)
        })
    }

    fn prepare(&self, entry: Entry) -> Indexed {
        let texts = entry.content.texts();
        let mut folded =
            String::with_capacity(texts.iter().map(|t| t.len() + 1).sum::<usize>() + 64);
        let mut add = |text: &str| {
            fold_into(&mut folded, text);
            folded.push('\n');
        };
        for t in texts {
            add(t);
        }
        for k in entry
            .content
            .emotion_keys()
            .into_iter()
            .chain(entry.content.trigger_keys())
        {
            if let Some(label) = self.labels.get(k) {
                add(label);
            }
        }
        for tag in &entry.tags {
            add(tag);
        }
        let tags = entry.tags.iter().map(|t| fold(t.trim())).collect();
        Indexed {
            entry,
            folded,
            tags,
        }
    }

    /// How many entries the index holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the index holds no entry.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an entry, or replaces the one with the same id.
    pub fn upsert(&mut self, entry: Entry) {
        self.remove(entry.id);
        let item = self.prepare(entry);
        let at = self
            .items
            .partition_point(|i| newest_first(&i.entry, &item.entry).is_lt());
        self.items.insert(at, item);
    }

    /// Removes an entry (moved to the trash or purged).
    pub fn remove(&mut self, id: EntryId) {
        self.items.retain(|i| i.entry.id != id);
    }

    /// A page of entries matching `filter`, newest first, after `after`.
    pub fn search(
        &self,
        filter: &EntryFilter,
        limit: u32,
        after: Option<PageCursor>,
    ) -> Result<EntryPage> {
        validate(filter, limit)?;
        let terms: Vec<String> = filter
            .text
            .as_deref()
            .map(|t| fold(t).split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        let tags: Vec<String> = filter.tags.iter().map(|t| fold(t.trim())).collect();
        let start = match after {
            Some(c) => self
                .items
                .partition_point(|i| (i.entry.created_at, i.entry.id) >= (c.created_at, c.id)),
            None => 0,
        };
        let mut entries = Vec::new();
        let mut next = None;
        for item in &self.items[start..] {
            if !matches(item, filter, &terms, &tags) {
                continue;
            }
            if entries.len() == limit as usize {
                let last: &Entry = entries.last().unwrap_or(&item.entry);
                next = Some(PageCursor {
                    created_at: last.created_at,
                    id: last.id,
                });
                break;
            }
            entries.push(item.entry.clone());
        }
        Ok(EntryPage { entries, next })
    }

    /// Entries written on this calendar day (month and day of `today`, in `zone`) in
    /// earlier years, newest first.
    pub fn on_this_day(&self, today: &str, zone: &str) -> Result<Vec<Entry>> {
        let today = crate::calendar::parse_date_text(today)
            .ok_or_else(|| Error::invalid("today", "must be a date written YYYY-MM-DD"))?;
        let zone = Zone::named(zone, "zone")?;
        let mut out = Vec::new();
        for i in &self.items {
            let d = zone.local_date(i.entry.created_at)?;
            if d.month() == today.month() && d.day() == today.day() && d.year() < today.year() {
                out.push(i.entry.clone());
            }
        }
        Ok(out)
    }

    /// Every entry in the index, newest first (for aggregates).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.items.iter().map(|i| &i.entry)
    }
}

fn validate(filter: &EntryFilter, limit: u32) -> Result<()> {
    if !(1..=super::entries::MAX_PAGE_SIZE).contains(&limit) {
        return Err(Error::invalid("limit", "must be between 1 and 500"));
    }
    if filter
        .text
        .as_deref()
        .is_some_and(|t| t.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(Error::invalid("text", "is longer than 200 characters"));
    }
    for (field, v) in [
        ("min_safety", filter.min_safety),
        ("max_safety", filter.max_safety),
    ] {
        if v.is_some_and(|v| v > 10) {
            return Err(Error::invalid(field, "must be between 0 and 10"));
        }
    }
    if let (Some(lo), Some(hi)) = (filter.min_safety, filter.max_safety)
        && lo > hi
    {
        return Err(Error::invalid("min_safety", "must not be above max_safety"));
    }
    if let (Some(from), Some(until)) = (filter.from, filter.until)
        && from >= until
    {
        return Err(Error::invalid("until", "must be after from"));
    }
    Ok(())
}

fn matches(item: &Indexed, filter: &EntryFilter, terms: &[String], tags: &[String]) -> bool {
    let e = &item.entry;
    if filter.from.is_some_and(|from| e.created_at < from)
        || filter.until.is_some_and(|until| e.created_at >= until)
    {
        return false;
    }
    if !filter.kinds.is_empty() && !filter.kinds.contains(&e.content.kind()) {
        return false;
    }
    if filter.min_safety.is_some() || filter.max_safety.is_some() {
        let Some(safety) = e.content.felt_safety() else {
            return false;
        };
        if filter.min_safety.is_some_and(|lo| safety < lo)
            || filter.max_safety.is_some_and(|hi| safety > hi)
        {
            return false;
        }
    }
    if !tags.iter().all(|t| item.tags.contains(t)) {
        return false;
    }
    if !filter.emotions.is_empty() {
        let named = e.content.emotion_keys();
        if !filter.emotions.iter().all(|k| named.contains(&k.as_str())) {
            return false;
        }
    }
    if !filter.triggers.is_empty() {
        let named = e.content.trigger_keys();
        if !filter.triggers.iter().all(|k| named.contains(&k.as_str())) {
            return false;
        }
    }
    terms.iter().all(|t| item.folded.contains(t.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    proptest! {
        #[test]
        fn folding_a_character_at_a_time_equals_nfd_then_dropping_marks(text in "\\PC{0,60}") {
            let reference: String = text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
            prop_assert_eq!(fold(&text), reference);
        }
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Évité ÇA, Straße"), "evite ca, straße");
        assert_eq!(fold("PEUR"), fold("peur"));
        assert!(fold("Je me suis senti rejeté").contains(&fold("REJETE")));
    }
}
