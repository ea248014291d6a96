//! Journal entries as Kotlin and Swift see them.
//!
//! The records are the core's own types (`innermost::Entry`, `innermost::EntryPage`),
//! declared to uniffi with `#[uniffi::remote(Record)]`: the field lists below must match
//! the core's exactly or this crate does not compile. Small value types cross as
//! primitives (DESIGN.md §3): instants as UTC epoch milliseconds, ids as UUID text,
//! page cursors as opaque text.

use innermost::{Entry, EntryId, EntryPage, PageCursor, Timestamp};

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
    /// What the person wrote.
    pub text: String,
    /// When it was written (UTC epoch ms).
    pub created_at: Timestamp,
    /// When it was last changed (UTC epoch ms).
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
