//! The `progress_documents` table: one sealed document per name for the progress model's
//! singletons (the setback plan, the streak settings). Rows are keyed by the document's
//! name, which is also the row the seal is bound to.

use rusqlite::{Connection, OptionalExtension, params};

use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::Result;
use crate::time::Timestamp;

/// The setback plan's row.
pub(crate) const SETBACK_PLAN: &str = "setback_plan";
/// The streak settings' row.
pub(crate) const STREAK_SETTINGS: &str = "streak_settings";

fn content_at(name: &str) -> SealedAt<'_> {
    SealedAt {
        table: "progress_documents",
        column: "content",
        row: name,
    }
}

/// Stores `plain` sealed under `name`, keeping the first `created_at`.
pub(crate) fn put(
    conn: &Connection,
    key: &DataKey,
    name: &'static str,
    plain: &[u8],
    now: Timestamp,
) -> Result<()> {
    let blob = seal(key, &content_at(name), plain)?;
    conn.prepare_cached(
        "INSERT INTO progress_documents (id, created_at, updated_at, content) VALUES (?1, ?2, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, content = excluded.content",
    )?
    .execute(params![name, now.as_millis(), blob])?;
    Ok(())
}

/// Stores `plain` sealed under `name` with the instants it had elsewhere (an import),
/// when no document of that name is stored; `false` (nothing written) otherwise.
pub(crate) fn put_new_as(
    conn: &Connection,
    key: &DataKey,
    name: &'static str,
    plain: &[u8],
    created_at: Timestamp,
    updated_at: Timestamp,
) -> Result<bool> {
    if crate::store::has_row(conn, "progress_documents", name)? {
        return Ok(false);
    }
    let blob = seal(key, &content_at(name), plain)?;
    conn.prepare_cached(
        "INSERT INTO progress_documents (id, created_at, updated_at, content) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        name,
        created_at.as_millis(),
        updated_at.as_millis(),
        blob
    ])?;
    Ok(true)
}

/// When the document stored under `name` was first written and last changed.
pub(crate) fn instants(
    conn: &Connection,
    name: &'static str,
) -> Result<Option<(Timestamp, Timestamp)>> {
    let row: Option<(i64, i64)> = conn
        .prepare_cached("SELECT created_at, updated_at FROM progress_documents WHERE id = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(row.map(|(c, u)| (Timestamp::from_millis(c), Timestamp::from_millis(u))))
}

/// The document stored under `name` with its first `created_at`, opened.
pub(crate) fn get(
    conn: &Connection,
    key: &DataKey,
    name: &'static str,
) -> Result<Option<(Timestamp, zeroize::Zeroizing<Vec<u8>>)>> {
    let row: Option<(i64, Vec<u8>)> = conn
        .prepare_cached("SELECT created_at, content FROM progress_documents WHERE id = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match row {
        None => Ok(None),
        Some((created, blob)) => Ok(Some((
            Timestamp::from_millis(created),
            open(key, &content_at(name), &blob)?,
        ))),
    }
}
