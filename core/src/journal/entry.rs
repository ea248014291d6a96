//! The entry types that callers see.

use std::fmt;

use uuid::Uuid;

use super::content::EntryContent;
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// An entry's id: a UUIDv7, so ids sort by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(Uuid);

impl EntryId {
    /// A fresh id for an entry created at `at`. Ids made in the same millisecond by this
    /// process still sort in the order they were made (a shared monotonic counter), so
    /// a timeline keeps the order entries were written in.
    pub fn new_at(at: Timestamp) -> Self {
        EntryId(crate::ids::uuid_v7_at(at))
    }

    /// Parses the text form; `field` names the argument in the error.
    pub fn parse(text: &str, field: &'static str) -> Result<Self> {
        crate::ids::parse_uuid(text, field).map(EntryId)
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// One journal entry, decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's id.
    pub id: EntryId,
    /// What it says.
    pub content: EntryContent,
    /// The person's own short tags.
    pub tags: Vec<String>,
    /// Ids of ritual occurrences or progress events this entry belongs to.
    pub links: Vec<String>,
    /// When it was written.
    pub created_at: Timestamp,
    /// When it was last changed (equal to `created_at` until edited).
    pub updated_at: Timestamp,
    /// When it was moved to the trash; `None` while it is in the journal.
    pub trashed_at: Option<Timestamp>,
}

/// An entry as written or edited: everything the person decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// What it says.
    pub content: EntryContent,
    /// The person's own short tags (at most 20, each 1-40 characters).
    pub tags: Vec<String>,
    /// Ids (UUIDs) of ritual occurrences or progress events it belongs to.
    pub links: Vec<String>,
}

impl NewEntry {
    /// A reflection with just a text: the simplest entry.
    pub fn reflection(text: impl Into<String>) -> Self {
        NewEntry {
            content: EntryContent::Reflection {
                title: None,
                text: text.into(),
                prompt_key: None,
            },
            tags: Vec::new(),
            links: Vec::new(),
        }
    }
}

/// An unfinished entry, saved so that no word is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The draft's id; finishing the draft keeps it as the entry's id.
    pub id: EntryId,
    /// What it says so far (required fields may still be empty).
    pub content: EntryContent,
    /// Tags so far.
    pub tags: Vec<String>,
    /// Links so far.
    pub links: Vec<String>,
    /// When the draft was started.
    pub created_at: Timestamp,
    /// When it was last saved.
    pub updated_at: Timestamp,
}

/// Where the next page of a timeline starts: just after the last entry of this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCursor {
    /// `created_at` of the last entry returned.
    pub created_at: Timestamp,
    /// Id of the last entry returned (breaks ties between equal instants).
    pub id: EntryId,
}

impl PageCursor {
    /// The cursor's opaque text form, for callers that store it.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.created_at.as_millis(), self.id)
    }

    /// Parses [`PageCursor::encode`]'s output; `field` names the argument in the error.
    pub fn decode(text: &str, field: &'static str) -> Result<Self> {
        let (ms, id) = text
            .split_once('.')
            .ok_or_else(|| Error::invalid(field, "is not a page cursor"))?;
        let ms: i64 = ms
            .parse()
            .map_err(|_| Error::invalid(field, "is not a page cursor"))?;
        Ok(PageCursor {
            created_at: Timestamp::from_millis(ms),
            id: EntryId::parse(id, field)?,
        })
    }
}

/// One page of the timeline, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPage {
    /// The entries, newest first.
    pub entries: Vec<Entry>,
    /// Where the next (older) page starts; `None` on the last page.
    pub next: Option<PageCursor>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_sort_by_creation_time() {
        let a = EntryId::new_at(Timestamp::from_millis(1_700_000_000_000));
        let b = EntryId::new_at(Timestamp::from_millis(1_700_000_000_001));
        assert!(a < b);
        assert!(a.to_string() < b.to_string());
        let same_ms: Vec<_> = (0..50)
            .map(|_| EntryId::new_at(Timestamp::from_millis(1_700_000_000_002)))
            .collect();
        assert!(
            same_ms.windows(2).all(|w| w[0] < w[1]),
            "ids within one millisecond keep their order"
        );
    }

    #[test]
    fn a_malformed_id_is_invalid_input_naming_the_field() {
        assert!(matches!(
            EntryId::parse("nope", "id"),
            Err(Error::InvalidInput { field: "id", .. })
        ));
    }

    proptest! {
        #[test]
        fn cursors_round_trip(ms in any::<i64>(), seed in 0i64..2_000_000_000_000) {
            let cursor = PageCursor { created_at: Timestamp::from_millis(ms), id: EntryId::new_at(Timestamp::from_millis(seed)) };
            prop_assert_eq!(PageCursor::decode(&cursor.encode(), "before").unwrap(), cursor);
        }

        #[test]
        fn decoding_any_text_never_panics(text in ".{0,80}") {
            let _ = PageCursor::decode(&text, "before");
        }
    }
}
