//! SQLite: opening a vault file safely, the pragmas every connection gets, and the
//! schema migrations.
//!
//! This module owns *how* data is stored, not *what*: it knows no domain type and never
//! sees a key. Each domain module owns its tables through its own numbered migration file
//! in `store/migrations/` (the file name says which module it belongs to).
//!
//! Two promises live here:
//!
//! * **Nothing is recreated.** Opening never creates a file; a file that is not a vault,
//!   is damaged, or comes from a newer version is reported and left byte-for-byte as it
//!   was. The foreign-file checks read the header directly, before SQLite is allowed to
//!   touch the file (even switching to WAL would write to it).
//! * **Acknowledged means durable.** `synchronous=FULL` in WAL mode: every commit is
//!   fsynced before it returns (about 12k one-row commits per second on the development
//!   machine, versus ~60k with `NORMAL`, which may lose the last commits on power loss).

mod connection;
pub mod files;
mod migrations;

/// Rows of `sql` that select a text id, an integer instant and a sealed blob, in that
/// order: how every table of sealed values is read back before each blob is opened.
pub fn id_instant_blob_rows(
    conn: &rusqlite::Connection,
    sql: &str,
) -> crate::error::Result<Vec<(String, i64, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether `table` has a row with primary key `id` (`table` is always a constant of the
/// caller, never input).
pub fn has_row(
    conn: &rusqlite::Connection,
    table: &'static str,
    id: &str,
) -> crate::error::Result<bool> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Deletes the row of `table` with primary key `id`; `NotFound { what }` when there is
/// none (`table` and `what` are always constants of the caller, never input).
pub fn delete_row(
    conn: &rusqlite::Connection,
    table: &'static str,
    id: &str,
    what: &'static str,
) -> crate::error::Result<()> {
    let n = conn
        .prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
        .execute([id])?;
    if n == 0 {
        return Err(crate::error::Error::NotFound { what });
    }
    Ok(())
}

pub use connection::{APPLICATION_ID, check_header_bytes, close, create_new, open_existing};
pub use migrations::{LATEST_VERSION, MIGRATIONS, Migration, migrate, migrate_to, schema_version};
