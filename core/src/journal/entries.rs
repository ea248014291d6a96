//! The `entries` table: sealing on the way in, opening on the way out, and the trash.
//!
//! Deleting moves an entry to the trash (`trashed_at` set); it leaves the timeline but can
//! be restored. Purging — explicit, or for trash older than a retention period — deletes
//! the row; `secure_delete` overwrites the freed bytes and the vault checkpoints the WAL
//! so no older copy of the page lingers there.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::content::Completeness;
use super::document::{FORMAT_JSON, check, decode, encode};
use super::entry::{Entry, EntryId, EntryPage, NewEntry, PageCursor};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Page size when the caller does not choose.
pub const DEFAULT_PAGE_SIZE: u32 = 50;
/// Largest page a caller may ask for.
pub const MAX_PAGE_SIZE: u32 = 500;

pub(super) fn body_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "entries",
        column: "body",
        row: id,
    }
}

pub(super) const COLUMNS: &str = "id, created_at, updated_at, trashed_at, format, body";

/// One row of `entries` as stored: still sealed.
pub(super) struct SealedEntry {
    id: String,
    created_at: i64,
    updated_at: i64,
    trashed_at: Option<i64>,
    format: i64,
    body: Vec<u8>,
}

impl SealedEntry {
    /// Reads one row selected with [`COLUMNS`].
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(SealedEntry {
            id: row.get(0)?,
            created_at: row.get(1)?,
            updated_at: row.get(2)?,
            trashed_at: row.get(3)?,
            format: row.get(4)?,
            body: row.get(5)?,
        })
    }

    /// Opens the sealed body and decodes it. Pure computation: safe to run on any thread.
    pub(super) fn open(&self, key: &DataKey) -> Result<Entry> {
        let id = EntryId::parse(&self.id, "id")
            .map_err(|_| Error::corrupted("entries.id of one row"))?;
        let plain = open(key, &body_at(&self.id), &self.body)?;
        let doc = decode(self.format, &plain, "entries.body of one row")?;
        Ok(Entry {
            id,
            content: doc.content,
            tags: doc.tags,
            links: doc.links,
            created_at: Timestamp::from_millis(self.created_at),
            updated_at: Timestamp::from_millis(self.updated_at),
            trashed_at: self.trashed_at.map(Timestamp::from_millis),
        })
    }
}

/// Opens one row selected with [`COLUMNS`].
fn entry_from_row(key: &DataKey, row: &Row<'_>) -> Result<Entry> {
    SealedEntry::from_row(row)?.open(key)
}

/// Checks, seals and stores a new entry written at `now`.
pub fn add_entry(
    conn: &Connection,
    key: &DataKey,
    entry: &NewEntry,
    now: Timestamp,
) -> Result<Entry> {
    insert_entry(conn, key, EntryId::new_at(now), entry, now, now)
}

/// Stores `entry` under a given id and creation instant (new entries and finished drafts).
pub(super) fn insert_entry(
    conn: &Connection,
    key: &DataKey,
    id: EntryId,
    entry: &NewEntry,
    created: Timestamp,
    now: Timestamp,
) -> Result<Entry> {
    check(conn, key, entry, Completeness::Required)?;
    let id_text = id.to_string();
    let body = seal(key, &body_at(&id_text), &encode(entry)?)?;
    conn.prepare_cached(
        "INSERT INTO entries (id, created_at, updated_at, format, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id_text, created.as_millis(), now.as_millis(), FORMAT_JSON, body])?;
    Ok(Entry {
        id,
        content: entry.content.clone(),
        tags: entry.tags.clone(),
        links: entry.links.clone(),
        created_at: created,
        updated_at: now,
        trashed_at: None,
    })
}

/// Reads and opens one entry (in the journal or in the trash).
pub fn get_entry(conn: &Connection, key: &DataKey, id: EntryId) -> Result<Entry> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM entries WHERE id = ?1"))?
        .query_row([id.to_string()], |row| Ok(entry_from_row(key, row)))
        .optional()?
        .ok_or(Error::NotFound { what: "entry" })?
}

/// Replaces what an entry says, keeping its id and creation instant. An entry in the trash
/// must be restored first.
pub fn update_entry(
    conn: &Connection,
    key: &DataKey,
    id: EntryId,
    entry: &NewEntry,
    now: Timestamp,
) -> Result<Entry> {
    // Only the plaintext columns are needed: the old body is not opened.
    let (created, trashed): (i64, Option<i64>) = conn
        .prepare_cached("SELECT created_at, trashed_at FROM entries WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound { what: "entry" })?;
    if trashed.is_some() {
        return Err(Error::invalid(
            "id",
            "the entry is in the trash; restore it first",
        ));
    }
    check(conn, key, entry, Completeness::Required)?;
    let id_text = id.to_string();
    let body = seal(key, &body_at(&id_text), &encode(entry)?)?;
    conn.prepare_cached(
        "UPDATE entries SET body = ?2, format = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id_text, body, FORMAT_JSON, now.as_millis()])?;
    Ok(Entry {
        id,
        content: entry.content.clone(),
        tags: entry.tags.clone(),
        links: entry.links.clone(),
        created_at: Timestamp::from_millis(created),
        updated_at: now,
        trashed_at: None,
    })
}

/// Moves an entry to the trash. Idempotent for an entry already there.
pub fn trash_entry(conn: &Connection, id: EntryId, now: Timestamp) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE entries SET trashed_at = coalesce(trashed_at, ?2) WHERE id = ?1")?
        .execute(params![id.to_string(), now.as_millis()])?;
    if n == 0 {
        return Err(Error::NotFound { what: "entry" });
    }
    Ok(())
}

/// Brings an entry back from the trash into the journal.
pub fn restore_entry(conn: &Connection, id: EntryId) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE entries SET trashed_at = NULL WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        return Err(Error::NotFound { what: "entry" });
    }
    Ok(())
}

/// Deletes an entry that is in the trash, for good.
pub fn purge_entry(conn: &Connection, id: EntryId) -> Result<()> {
    let trashed: Option<Option<i64>> = conn
        .prepare_cached("SELECT trashed_at FROM entries WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    match trashed {
        None => Err(Error::NotFound { what: "entry" }),
        Some(None) => Err(Error::invalid(
            "id",
            "only an entry in the trash can be purged",
        )),
        Some(Some(_)) => {
            conn.prepare_cached("DELETE FROM entries WHERE id = ?1")?
                .execute([id.to_string()])?;
            Ok(())
        }
    }
}

/// Purges every entry that went into the trash before `cutoff`; returns how many.
pub fn purge_trash_before(conn: &Connection, cutoff: Timestamp) -> Result<usize> {
    Ok(conn
        .prepare_cached("DELETE FROM entries WHERE trashed_at IS NOT NULL AND trashed_at < ?1")?
        .execute([cutoff.as_millis()])?)
}

/// The statement that lists every entry in the journal (not the trash), still sealed:
/// what the search index is built from. Rows are read with [`SealedEntry::from_row`];
/// opening them is left to the caller, which spreads it over threads.
pub(super) fn sealed_journal_entries(conn: &Connection) -> Result<rusqlite::CachedStatement<'_>> {
    Ok(conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM entries WHERE trashed_at IS NULL"
    ))?)
}

/// Which entries a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// The journal: entries not in the trash.
    Journal,
    /// The trash.
    Trash,
}

/// A page of at most `limit` entries, newest first, starting after `after` (or at the
/// newest). One damaged entry fails the page with [`Error::Corrupted`]; it is never
/// skipped silently.
pub fn entry_page(
    conn: &Connection,
    key: &DataKey,
    shelf: Shelf,
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
    let shelf_clause = match shelf {
        Shelf::Journal => "trashed_at IS NULL",
        Shelf::Trash => "trashed_at IS NOT NULL",
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM entries
         WHERE {shelf_clause} AND (created_at, id) < (?1, ?2)
         ORDER BY created_at DESC, id DESC
         LIMIT ?3"
    ))?;
    let mut rows = stmt.query(params![before_ms, before_id, i64::from(limit) + 1])?;
    let mut entries = Vec::with_capacity(limit as usize);
    let mut more = false;
    while let Some(row) = rows.next()? {
        if entries.len() == limit as usize {
            more = true;
            break;
        }
        entries.push(entry_from_row(key, row)?);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{LATEST_VERSION, migrate, migrate_to};

    #[test]
    fn an_entry_written_by_schema_2_reads_as_a_reflection_and_upgrades_when_edited() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_to(&conn, 2).unwrap();
        let key = DataKey::generate().unwrap();
        let id = EntryId::new_at(Timestamp::from_millis(1_000));
        let id_text = id.to_string();
        // Schema 2 sealed the bare text.
        let body = seal(
            &key,
            &body_at(&id_text),
            "written before entry kinds".as_bytes(),
        )
        .unwrap();
        conn.execute(
            "INSERT INTO entries (id, created_at, updated_at, body) VALUES (?1, 1000, 1000, ?2)",
            params![id_text, body],
        )
        .unwrap();
        migrate(&conn).unwrap();
        assert_eq!(crate::store::schema_version(&conn).unwrap(), LATEST_VERSION);

        let old = get_entry(&conn, &key, id).unwrap();
        assert_eq!(
            old.content,
            NewEntry::reflection("written before entry kinds").content
        );
        assert_eq!(old.trashed_at, None);
        update_entry(
            &conn,
            &key,
            id,
            &NewEntry::reflection("edited"),
            Timestamp::from_millis(2_000),
        )
        .unwrap();
        let format: i64 = conn
            .query_row("SELECT format FROM entries", [], |r| r.get(0))
            .unwrap();
        assert_eq!(format, FORMAT_JSON);
        assert_eq!(
            get_entry(&conn, &key, id).unwrap().content,
            NewEntry::reflection("edited").content
        );
    }
}
