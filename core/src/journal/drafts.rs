//! The `drafts` table: entries in progress, sealed like entries, so no word is lost
//! between "I started writing" and "I finished".
//!
//! A draft may leave required fields empty; every other rule (sizes, ranges) still holds.
//! Finishing a draft runs the full checks, then stores the entry under the draft's id and
//! removes the draft in one transaction.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::content::Completeness;
use super::document::{FORMAT_JSON, check, decode, encode};
use super::entries::insert_entry;
use super::entry::{Draft, Entry, EntryId, NewEntry};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

pub(super) fn content_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "drafts",
        column: "content",
        row: id,
    }
}

/// Saves a draft: a new one when `id` is `None`, else replaces draft `id`.
pub fn save_draft(
    conn: &Connection,
    key: &DataKey,
    id: Option<EntryId>,
    draft: &NewEntry,
    now: Timestamp,
) -> Result<Draft> {
    check(conn, key, draft, Completeness::Partial)?;
    let (id, created) = match id {
        Some(id) => (id, get_draft(conn, key, id)?.created_at),
        None => (EntryId::new_at(now), now),
    };
    let id_text = id.to_string();
    let blob = seal(key, &content_at(&id_text), &encode(draft)?)?;
    conn.prepare_cached(
        "INSERT INTO drafts (id, created_at, updated_at, content) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, content = excluded.content",
    )?
    .execute(params![id_text, created.as_millis(), now.as_millis(), blob])?;
    Ok(Draft {
        id,
        content: draft.content.clone(),
        tags: draft.tags.clone(),
        links: draft.links.clone(),
        created_at: created,
        updated_at: now,
    })
}

fn draft_from_row(
    key: &DataKey,
    id_text: &str,
    created: i64,
    updated: i64,
    blob: &[u8],
) -> Result<Draft> {
    let id = EntryId::parse(id_text, "id").map_err(|_| Error::corrupted("drafts.id of one row"))?;
    let plain = open(key, &content_at(id_text), blob)?;
    let doc = decode(FORMAT_JSON, &plain, "drafts.content of one row")?;
    Ok(Draft {
        id,
        content: doc.content,
        tags: doc.tags,
        links: doc.links,
        created_at: Timestamp::from_millis(created),
        updated_at: Timestamp::from_millis(updated),
    })
}

/// Reads one draft.
pub fn get_draft(conn: &Connection, key: &DataKey, id: EntryId) -> Result<Draft> {
    let id_text = id.to_string();
    let row: Option<(i64, i64, Vec<u8>)> = conn
        .prepare_cached("SELECT created_at, updated_at, content FROM drafts WHERE id = ?1")?
        .query_row([&id_text], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (created, updated, blob) = row.ok_or(Error::NotFound { what: "draft" })?;
    draft_from_row(key, &id_text, created, updated, &blob)
}

/// Every draft, most recently saved first.
pub fn drafts(conn: &Connection, key: &DataKey) -> Result<Vec<Draft>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_at, updated_at, content FROM drafts ORDER BY updated_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, created, updated, blob) = row?;
        out.push(draft_from_row(key, &id, created, updated, &blob)?);
    }
    Ok(out)
}

/// Throws a draft away.
pub fn discard_draft(conn: &Connection, id: EntryId) -> Result<()> {
    crate::store::delete_row(conn, "drafts", &id.to_string(), "draft")
}

/// Turns a draft into an entry (same id, created when the draft was started). Fails with
/// `InvalidInput` — leaving the draft as it was — if a required field is still empty.
pub fn finish_draft(
    conn: &Connection,
    key: &DataKey,
    id: EntryId,
    now: Timestamp,
) -> Result<Entry> {
    let draft = get_draft(conn, key, id)?;
    let entry = NewEntry {
        content: draft.content,
        tags: draft.tags,
        links: draft.links,
    };
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let stored = insert_entry(&tx, key, id, &entry, draft.created_at, now)?;
    tx.execute("DELETE FROM drafts WHERE id = ?1", [id.to_string()])?;
    tx.commit()?;
    Ok(stored)
}
