//! The `entries` table: sealing on the way in, opening on the way out.

use rusqlite::{Connection, OptionalExtension, params};

use super::entry::{Entry, EntryId, EntryPage, PageCursor};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Largest entry text accepted, in bytes of UTF-8 (64 KiB: a long letter, not a book).
pub const MAX_ENTRY_TEXT_BYTES: usize = 64 * 1024;
/// Page size when the caller does not choose.
pub const DEFAULT_PAGE_SIZE: u32 = 50;
/// Largest page a caller may ask for.
pub const MAX_PAGE_SIZE: u32 = 500;

fn body_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "entries",
        column: "body",
        row: id,
    }
}

fn validate_text(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid("text", "must not be empty"));
    }
    if text.len() > MAX_ENTRY_TEXT_BYTES {
        return Err(Error::invalid("text", "is longer than 65536 bytes"));
    }
    Ok(())
}

/// Seals and stores a new entry written at `now`.
pub fn add_entry(conn: &Connection, key: &DataKey, text: &str, now: Timestamp) -> Result<Entry> {
    validate_text(text)?;
    let id = EntryId::new_at(now);
    let id_text = id.to_string();
    let body = seal(key, &body_at(&id_text), text.as_bytes())?;
    conn.prepare_cached(
        "INSERT INTO entries (id, created_at, updated_at, body) VALUES (?1, ?2, ?2, ?3)",
    )?
    .execute(params![id_text, now.as_millis(), body])?;
    Ok(Entry {
        id,
        text: text.to_owned(),
        created_at: now,
        updated_at: now,
    })
}

/// Reads and opens one entry.
pub fn get_entry(conn: &Connection, key: &DataKey, id: EntryId) -> Result<Entry> {
    let id_text = id.to_string();
    let row: Option<(i64, i64, Vec<u8>)> = conn
        .prepare_cached("SELECT created_at, updated_at, body FROM entries WHERE id = ?1")?
        .query_row([&id_text], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (created, updated, body) = row.ok_or(Error::NotFound { what: "entry" })?;
    Ok(Entry {
        id,
        text: open_text(key, &id_text, &body)?,
        created_at: Timestamp::from_millis(created),
        updated_at: Timestamp::from_millis(updated),
    })
}

/// Replaces an entry's text, keeping its id and creation instant.
pub fn update_entry(
    conn: &Connection,
    key: &DataKey,
    id: EntryId,
    text: &str,
    now: Timestamp,
) -> Result<Entry> {
    validate_text(text)?;
    let id_text = id.to_string();
    let body = seal(key, &body_at(&id_text), text.as_bytes())?;
    let created: Option<i64> = conn
        .prepare_cached(
            "UPDATE entries SET body = ?2, updated_at = ?3 WHERE id = ?1 RETURNING created_at",
        )?
        .query_row(params![id_text, body, now.as_millis()], |r| r.get(0))
        .optional()?;
    let created = created.ok_or(Error::NotFound { what: "entry" })?;
    Ok(Entry {
        id,
        text: text.to_owned(),
        created_at: Timestamp::from_millis(created),
        updated_at: now,
    })
}

/// Deletes an entry (`secure_delete` overwrites the freed bytes).
pub fn delete_entry(conn: &Connection, id: EntryId) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM entries WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        return Err(Error::NotFound { what: "entry" });
    }
    Ok(())
}

/// A page of at most `limit` entries, newest first, starting after `after` (or at the
/// newest entry). One damaged entry fails the page with [`Error::Corrupted`]; it is never
/// skipped silently.
pub fn entry_page(
    conn: &Connection,
    key: &DataKey,
    limit: u32,
    after: Option<PageCursor>,
) -> Result<EntryPage> {
    if !(1..=MAX_PAGE_SIZE).contains(&limit) {
        return Err(Error::invalid("limit", "must be between 1 and 500"));
    }
    let (before_ms, before_id) = match after {
        Some(c) => (c.created_at.as_millis(), c.id.to_string()),
        None => (i64::MAX, String::from("~")), // '~' sorts after every UUID's text
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_at, updated_at, body FROM entries
         WHERE (created_at, id) < (?1, ?2)
         ORDER BY created_at DESC, id DESC
         LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![before_ms, before_id, i64::from(limit) + 1], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let mut entries = Vec::with_capacity(limit as usize);
    let mut more = false;
    for row in rows {
        let (id_text, created, updated, body) = row?;
        if entries.len() == limit as usize {
            more = true;
            break;
        }
        entries.push(Entry {
            id: EntryId::parse(&id_text, "id")
                .map_err(|_| Error::corrupted("entries.id of one row"))?,
            text: open_text(key, &id_text, &body)?,
            created_at: Timestamp::from_millis(created),
            updated_at: Timestamp::from_millis(updated),
        });
    }
    let next = match (more, entries.last()) {
        (true, Some(last)) => Some(PageCursor {
            created_at: last.created_at,
            id: last.id,
        }),
        _ => None,
    };
    Ok(EntryPage { entries, next })
}

fn open_text(key: &DataKey, id_text: &str, body: &[u8]) -> Result<String> {
    let plain = open(key, &body_at(id_text), body)?;
    std::str::from_utf8(&plain)
        .map(str::to_owned)
        .map_err(|_| Error::corrupted("entries.body of one row"))
}
