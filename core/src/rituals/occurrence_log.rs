//! The completion log: what became of each occurrence — done, skipped, or snoozed to a
//! later instant — with an optional note in the person's words, sealed.
//!
//! Marking an occurrence done or skipped needs no key when there is no note, so the Done
//! action on a notification works before the first unlock; a note needs the vault
//! unlocked. Every record names a real occurrence of its ritual: anything else is
//! `InvalidInput` on `occurrence_id`.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::ritual::RitualId;
use super::ritual_table::schedule_of;
use super::series::{Occurrence, is_occurrence, parse_occurrence_id, zone_for};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;
/// Longest snooze: a day.
pub const MAX_SNOOZE_MS: i64 = 24 * 60 * 60 * 1000;

/// What became of an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OccurrenceStatus {
    /// It happened.
    Done,
    /// The person chose to let it go this time.
    Skipped,
    /// Put off to a later instant.
    Snoozed {
        /// When to be reminded again.
        until: Timestamp,
    },
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrenceRecord {
    /// `<ritual id>/<YYYY-MM-DDTHH:MM>`.
    pub occurrence_id: String,
    /// Done, skipped or snoozed.
    pub status: OccurrenceStatus,
    /// When it was recorded.
    pub recorded_at: Timestamp,
    /// The person's note; `None` when there is none or the vault is locked.
    pub note: Option<String>,
}

fn note_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "ritual_occurrences",
        column: "note",
        row: id,
    }
}

fn status_columns(status: OccurrenceStatus) -> (i64, Option<i64>) {
    match status {
        OccurrenceStatus::Done => (1, None),
        OccurrenceStatus::Skipped => (2, None),
        OccurrenceStatus::Snoozed { until } => (3, Some(until.as_millis())),
    }
}

fn status_from(code: i64, until: Option<i64>) -> Result<OccurrenceStatus> {
    Ok(match (code, until) {
        (1, _) => OccurrenceStatus::Done,
        (2, _) => OccurrenceStatus::Skipped,
        (3, Some(ms)) => OccurrenceStatus::Snoozed {
            until: Timestamp::from_millis(ms),
        },
        _ => return Err(Error::corrupted("ritual_occurrences.status of one row")),
    })
}

/// Checks that `occurrence_id` names an occurrence of a stored ritual.
fn checked_occurrence(
    conn: &Connection,
    occurrence_id: &str,
    device_zone: &Zone,
) -> Result<(RitualId, Occurrence)> {
    let (ritual, occurrence) = parse_occurrence_id(occurrence_id, "occurrence_id")?;
    let schedule = schedule_of(conn, ritual)?;
    if !is_occurrence(&schedule, zone_for(&schedule, device_zone), occurrence) {
        return Err(Error::invalid(
            "occurrence_id",
            "is not an occurrence of its ritual's schedule",
        ));
    }
    Ok((ritual, occurrence))
}

/// The checks every record passes, at the instant `now` it is recorded: a snooze ends
/// later and within a day, a note is at most 4,000 characters.
fn check_status_and_note(
    status: OccurrenceStatus,
    note: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    if let OccurrenceStatus::Snoozed { until } = status
        && (until <= now || until.as_millis() - now.as_millis() > MAX_SNOOZE_MS)
    {
        return Err(Error::invalid(
            "until",
            "must be later than now and within a day",
        ));
    }
    if let Some(text) = note
        && text.chars().count() > MAX_NOTE_CHARS
    {
        return Err(Error::invalid("note", "is longer than 4000 characters"));
    }
    Ok(())
}

/// Stores a record read from an export as it was recorded at `recorded_at`; `false`
/// (nothing written) when the occurrence already has a record. The ritual must be stored
/// (`InvalidInput` on `occurrence_id` otherwise). The id is not matched against the
/// ritual's schedule today: a schedule edited since may no longer produce an occurrence
/// its log rightly holds.
pub(crate) fn insert_recorded(
    conn: &Connection,
    key: &DataKey,
    occurrence_id: &str,
    status: OccurrenceStatus,
    note: Option<&str>,
    recorded_at: Timestamp,
) -> Result<bool> {
    let (ritual, occurrence) = parse_occurrence_id(occurrence_id, "occurrence_id")?;
    if !crate::store::has_row(conn, "rituals", &ritual.to_string())? {
        return Err(Error::invalid(
            "occurrence_id",
            "names a ritual that is neither in the vault nor in the file",
        ));
    }
    check_status_and_note(status, note, recorded_at)?;
    let id = occurrence.id(ritual);
    if crate::store::has_row(conn, "ritual_occurrences", &id)? {
        return Ok(false);
    }
    let sealed = match note.filter(|n| !n.is_empty()) {
        None => None,
        Some(text) => Some(seal(key, &note_at(&id), text.as_bytes())?),
    };
    let (code, until) = status_columns(status);
    conn.prepare_cached(
        "INSERT INTO ritual_occurrences (id, ritual_id, local_time, status, snoozed_until, recorded_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        ritual.to_string(),
        occurrence.key(),
        code,
        until,
        recorded_at.as_millis(),
        sealed
    ])?;
    Ok(true)
}

/// Records `status` for an occurrence, replacing what was recorded before. A note needs
/// `key` (the vault unlocked); without a note, no key is needed.
pub fn record(
    conn: &Connection,
    key: Option<&DataKey>,
    occurrence_id: &str,
    status: OccurrenceStatus,
    note: Option<&str>,
    device_zone: &Zone,
    now: Timestamp,
) -> Result<OccurrenceRecord> {
    let (ritual, occurrence) = checked_occurrence(conn, occurrence_id, device_zone)?;
    let id = occurrence.id(ritual);
    check_status_and_note(status, note, now)?;
    if matches!(status, OccurrenceStatus::Snoozed { .. }) {
        let current: Option<i64> = conn
            .prepare_cached("SELECT status FROM ritual_occurrences WHERE id = ?1")?
            .query_row([&id], |r| r.get(0))
            .optional()?;
        if matches!(current, Some(1 | 2)) {
            return Err(Error::invalid(
                "occurrence_id",
                "is already done or skipped",
            ));
        }
    }
    let sealed = match note.filter(|n| !n.is_empty()) {
        None => None,
        Some(text) => {
            let key = key.ok_or(Error::Locked)?;
            Some(seal(key, &note_at(&id), text.as_bytes())?)
        }
    };
    let (code, until) = status_columns(status);
    conn.prepare_cached(
        "INSERT INTO ritual_occurrences (id, ritual_id, local_time, status, snoozed_until, recorded_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status,
             snoozed_until = excluded.snoozed_until, recorded_at = excluded.recorded_at,
             note = excluded.note",
    )?
    .execute(params![
        id,
        ritual.to_string(),
        occurrence.key(),
        code,
        until,
        now.as_millis(),
        sealed
    ])?;
    Ok(OccurrenceRecord {
        occurrence_id: id,
        status,
        recorded_at: now,
        note: note.filter(|n| !n.is_empty()).map(str::to_owned),
    })
}

/// Forgets what was recorded for an occurrence (a Done tapped by mistake).
pub fn clear(conn: &Connection, occurrence_id: &str) -> Result<()> {
    let (ritual, occurrence) = parse_occurrence_id(occurrence_id, "occurrence_id")?;
    let n = conn
        .prepare_cached("DELETE FROM ritual_occurrences WHERE id = ?1")?
        .execute([occurrence.id(ritual)])?;
    if n == 0 {
        return Err(Error::NotFound {
            what: "occurrence record",
        });
    }
    Ok(())
}

/// The log of `ritual` for occurrences on local dates `from..=to` (`YYYY-MM-DD`), oldest
/// first. Notes are opened when `key` is given.
pub fn records(
    conn: &Connection,
    key: Option<&DataKey>,
    ritual: RitualId,
    from: &str,
    to: &str,
) -> Result<Vec<OccurrenceRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, status, snoozed_until, recorded_at, note FROM ritual_occurrences
         WHERE ritual_id = ?1 AND local_time >= ?2 AND local_time < ?3 || 'U'
         ORDER BY local_time",
    )?;
    let rows = stmt.query_map(params![ritual.to_string(), from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Option<Vec<u8>>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, code, until, recorded, note) = row?;
        let note = match (key, note) {
            (Some(key), Some(blob)) => {
                let plain = open(key, &note_at(&id), &blob)?;
                Some(
                    String::from_utf8(plain.to_vec())
                        .map_err(|_| Error::corrupted("ritual_occurrences.note of one row"))?,
                )
            }
            _ => None,
        };
        out.push(OccurrenceRecord {
            occurrence_id: id,
            status: status_from(code, until)?,
            recorded_at: Timestamp::from_millis(recorded),
            note,
        });
    }
    Ok(out)
}

/// Statuses of every occurrence of active rituals on or after local date `from`, by
/// occurrence id: what the planner needs, read without a key.
pub(crate) fn statuses_from(
    conn: &Connection,
    from: &str,
) -> Result<HashMap<String, OccurrenceStatus>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, status, snoozed_until FROM ritual_occurrences WHERE local_time >= ?1",
    )?;
    let rows = stmt.query_map([from], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, code, until) = row?;
        out.insert(id, status_from(code, until)?);
    }
    Ok(out)
}
