//! Pauses: stretches of dates in which a ritual sends no reminders and its occurrences
//! do not count as planned (illness, travel, a break). Kept as a history, not a flag, so
//! adherence for past weeks stays what it was after a pause ends (REFERENCE.md: pausing
//! must not cost progress). Plaintext, like the schedule: the planner reads it locked.

use jiff::civil::Date;
use rusqlite::{Connection, params};

use super::ritual::{RitualId, parse_date};
use crate::calendar::{date_text, day_number};
use crate::error::{Error, Result};

/// Dates `from` (inclusive) to `until` (exclusive), `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    /// The first paused date.
    pub from: String,
    /// The first date reminders come back.
    pub until: String,
}

/// A ritual's pauses, parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct PausedDates(Vec<(Date, Date)>);

impl PausedDates {
    /// Whether `date` falls in a pause.
    pub fn contains(&self, date: Date) -> bool {
        self.0
            .iter()
            .any(|(from, until)| *from <= date && date < *until)
    }
}

fn ritual_exists(conn: &Connection, ritual: RitualId) -> Result<()> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM rituals WHERE id = ?1")?
        .query_row([ritual.to_string()], |r| r.get(0))?;
    if n == 0 {
        return Err(Error::NotFound { what: "ritual" });
    }
    Ok(())
}

/// Pauses `ritual` from `from` until (not including) `until`.
pub fn pause(conn: &Connection, ritual: RitualId, from: &str, until: &str) -> Result<Pause> {
    let first = parse_date(from, "from")?;
    let end = parse_date(until, "until")?;
    if end <= first {
        return Err(Error::invalid("until", "must be after from"));
    }
    if day_number(end) - day_number(first) > 366 {
        return Err(Error::invalid("until", "is more than a year after from"));
    }
    ritual_exists(conn, ritual)?;
    conn.prepare_cached(
        "INSERT INTO ritual_pauses (ritual_id, from_date, until_date) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![
        ritual.to_string(),
        date_text(first),
        date_text(end)
    ])?;
    Ok(Pause {
        from: date_text(first),
        until: date_text(end),
    })
}

/// Ends every pause of `ritual` that covers `today` (it now ends today) and removes those
/// that had not begun.
pub fn resume(conn: &Connection, ritual: RitualId, today: &str) -> Result<()> {
    let today = date_text(parse_date(today, "today")?);
    ritual_exists(conn, ritual)?;
    let id = ritual.to_string();
    conn.prepare_cached("DELETE FROM ritual_pauses WHERE ritual_id = ?1 AND from_date >= ?2")?
        .execute(params![id, today])?;
    conn.prepare_cached(
        "UPDATE ritual_pauses SET until_date = ?2 WHERE ritual_id = ?1 AND until_date > ?2",
    )?
    .execute(params![id, today])?;
    Ok(())
}

/// Every pause of `ritual`, oldest first.
pub fn pauses(conn: &Connection, ritual: RitualId) -> Result<Vec<Pause>> {
    ritual_exists(conn, ritual)?;
    let mut stmt = conn.prepare_cached(
        "SELECT from_date, until_date FROM ritual_pauses WHERE ritual_id = ?1 ORDER BY from_date, until_date",
    )?;
    let rows = stmt.query_map([ritual.to_string()], |r| {
        Ok(Pause {
            from: r.get(0)?,
            until: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The pauses of `ritual` as dates.
pub(crate) fn paused_dates(conn: &Connection, ritual: RitualId) -> Result<PausedDates> {
    ritual_exists(conn, ritual)?;
    Ok(all_paused_dates(conn)?
        .remove(&ritual.to_string())
        .unwrap_or_default())
}

/// The pauses of every ritual, by ritual, in one query (what the planner reads).
pub(crate) fn all_paused_dates(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, PausedDates>> {
    let mut stmt =
        conn.prepare_cached("SELECT ritual_id, from_date, until_date FROM ritual_pauses")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out: std::collections::HashMap<String, PausedDates> = std::collections::HashMap::new();
    for row in rows {
        let (ritual, from, until) = row?;
        let damaged = |_| Error::corrupted("a ritual pause");
        let range = (
            parse_date(&from, "from").map_err(damaged)?,
            parse_date(&until, "until").map_err(damaged)?,
        );
        out.entry(ritual).or_default().0.push(range);
    }
    Ok(out)
}
