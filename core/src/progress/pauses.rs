//! Practice pauses: stretches of dates (illness, travel, a break) on which the growth
//! score is frozen rather than eased. Kept as a history in the `progress_pauses` table,
//! plaintext like the rituals' pauses: dates only, nothing the person wrote.

use rusqlite::{Connection, params};

use super::ProgressId;
use crate::calendar::parse_date;
use crate::calendar::{date_text, day_number};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Dates `from` (inclusive) to `until` (exclusive), `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticePause {
    /// Its id.
    pub id: ProgressId,
    /// The first paused date.
    pub from: String,
    /// The first date practice counts again.
    pub until: String,
}

/// Stores a pause of `from..until` (at most a year).
pub(crate) fn add(
    conn: &Connection,
    from: &str,
    until: &str,
    now: Timestamp,
) -> Result<PracticePause> {
    add_as(conn, ProgressId::new_at(now), from, until)
}

/// Stores a pause of `from..until` (at most a year) under `id` (an import keeps it).
pub(crate) fn add_as(
    conn: &Connection,
    id: ProgressId,
    from: &str,
    until: &str,
) -> Result<PracticePause> {
    let first = parse_date(from, "from")?;
    let end = parse_date(until, "until")?;
    if end <= first {
        return Err(Error::invalid("until", "must be after from"));
    }
    if day_number(end) - day_number(first) > 366 {
        return Err(Error::invalid("until", "is more than a year after from"));
    }
    let pause = PracticePause {
        id,
        from: date_text(first),
        until: date_text(end),
    };
    conn.prepare_cached(
        "INSERT INTO progress_pauses (id, from_date, until_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![pause.id.to_string(), pause.from, pause.until])?;
    Ok(pause)
}

/// Every pause, oldest first.
pub(crate) fn all(conn: &Connection) -> Result<Vec<PracticePause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, from_date, until_date FROM progress_pauses ORDER BY from_date, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, from, until) = row?;
        out.push(PracticePause {
            id: ProgressId::stored(&id, "progress_pauses.id of one row")?,
            from,
            until,
        });
    }
    Ok(out)
}

/// Deletes a pause.
pub(crate) fn delete(conn: &Connection, id: ProgressId) -> Result<()> {
    crate::store::delete_row(conn, "progress_pauses", &id.to_string(), "pause")
}
