//! Journal entries as Kotlin and Swift see them.
//!
//! The records are the core's own types (`innermost::Entry`, `innermost::EntryPage`),
//! declared to uniffi with `#[uniffi::remote(Record)]`: the field lists below must match
//! the core's exactly or this crate does not compile. Small value types cross as
//! primitives (DESIGN.md §3): instants as UTC epoch milliseconds, ids as UUID text,
//! page cursors as opaque text.

use innermost::{Draft, Entry, EntryContent, EntryId, EntryPage, NewEntry, PageCursor, Timestamp};

use crate::error::InnermostError;

uniffi::custom_type!(Timestamp, i64, {
    remote,
    lower: |t| t.as_millis(),
    try_lift: |ms| Ok(Timestamp::from_millis(ms)),
});

uniffi::custom_type!(EntryId, String, {
    remote,
    lower: |id| id.to_string(),
    try_lift: |text| EntryId::parse(&text, "id").map_err(|e| InnermostError::from(e).into()),
});

uniffi::custom_type!(PageCursor, String, {
    remote,
    lower: |cursor| cursor.encode(),
    try_lift: |text| PageCursor::decode(&text, "after").map_err(|e| InnermostError::from(e).into()),
});

/// One journal entry, decrypted. Instants are UTC epoch milliseconds.
#[uniffi::remote(Record)]
pub struct Entry {
    /// The entry's id (a UUIDv7 in text form; sorts by creation time).
    pub id: EntryId,
    /// What it says.
    pub content: EntryContent,
    /// The person's own short tags.
    pub tags: Vec<String>,
    /// Ids of ritual occurrences or progress events it belongs to.
    pub links: Vec<String>,
    /// When it was written (UTC epoch ms).
    pub created_at: Timestamp,
    /// When it was last changed (UTC epoch ms).
    pub updated_at: Timestamp,
    /// When it went to the trash; `null`/`nil` while in the journal.
    pub trashed_at: Option<Timestamp>,
}

/// An entry as written or edited: what it says, tags (at most 20, 1-40 characters each)
/// and links (UUIDs of ritual occurrences or progress events).
#[uniffi::remote(Record)]
pub struct NewEntry {
    /// What it says.
    pub content: EntryContent,
    /// The person's own short tags.
    pub tags: Vec<String>,
    /// Linked ids.
    pub links: Vec<String>,
}

/// An unfinished entry, saved so that no word is lost. Finishing keeps its id.
#[uniffi::remote(Record)]
pub struct Draft {
    /// The draft's id (and the entry's, once finished).
    pub id: EntryId,
    /// What it says so far (required fields may still be empty).
    pub content: EntryContent,
    /// Tags so far.
    pub tags: Vec<String>,
    /// Links so far.
    pub links: Vec<String>,
    /// When the draft was started (UTC epoch ms).
    pub created_at: Timestamp,
    /// When it was last saved (UTC epoch ms).
    pub updated_at: Timestamp,
}

/// One page of the timeline, newest first.
#[uniffi::remote(Record)]
pub struct EntryPage {
    /// The entries, newest first.
    pub entries: Vec<Entry>,
    /// Pass to `entries(limit, after)` for the next (older) page; `null`/`nil` on the last.
    pub next: Option<PageCursor>,
}
