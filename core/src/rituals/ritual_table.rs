//! The `rituals` table: sealed details beside a plaintext schedule.
//!
//! Reads that the planner makes ([`active_schedules`]) touch only plaintext columns and
//! need no key, so reminders can be planned while the vault is locked. Every other read
//! opens the sealed details. Writes check everything first and store nothing on
//! `InvalidInput`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::ritual::{
    CheckedSchedule, GuideStep, NewRitual, Ritual, RitualDetails, RitualId, RitualKind, Schedule,
    ZoneMode,
};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

fn details_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "rituals",
        column: "details",
        row: id,
    }
}

#[derive(Serialize, Deserialize)]
struct DetailsDoc {
    title: String,
    notes: String,
    guide: Vec<(String, String)>,
}

fn seal_details(key: &DataKey, id: &str, details: &RitualDetails) -> Result<Vec<u8>> {
    let doc = DetailsDoc {
        title: details.title.clone(),
        notes: details.notes.clone(),
        guide: details
            .guide
            .iter()
            .map(|s| (s.title.clone(), s.prompt.clone()))
            .collect(),
    };
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(&doc).map_err(|_| Error::Internal("ritual details did not encode"))?,
    );
    seal(key, &details_at(id), &plain)
}

fn open_details(key: &DataKey, id: &str, blob: &[u8]) -> Result<RitualDetails> {
    let plain = open(key, &details_at(id), blob)?;
    let doc: DetailsDoc = serde_json::from_slice(&plain)
        .map_err(|_| Error::corrupted("rituals.details of one row"))?;
    Ok(RitualDetails {
        title: doc.title,
        notes: doc.notes,
        guide: doc
            .guide
            .into_iter()
            .map(|(title, prompt)| GuideStep { title, prompt })
            .collect(),
    })
}

fn check(ritual: &NewRitual) -> Result<(RitualDetails, Schedule)> {
    let details = ritual.details.checked(ritual.kind)?;
    let schedule = ritual.schedule.check()?.canonical(&ritual.schedule.zone);
    Ok((details, schedule))
}

/// Writes a checked ritual's row: a new one, or over the row with the same id (its
/// `created_at` and `archived_at` stay as they were).
fn write_row(
    conn: &Connection,
    key: &DataKey,
    id: RitualId,
    kind: RitualKind,
    details: &RitualDetails,
    schedule: &Schedule,
    now: Timestamp,
) -> Result<()> {
    let id_text = id.to_string();
    let blob = seal_details(key, &id_text, details)?;
    conn.prepare_cached(
        "INSERT INTO rituals (id, kind, created_at, updated_at, details, cadence, times,
             start_date, zone, lead_minutes, exact, label)
         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, updated_at = excluded.updated_at,
             details = excluded.details, cadence = excluded.cadence, times = excluded.times,
             start_date = excluded.start_date, zone = excluded.zone,
             lead_minutes = excluded.lead_minutes, exact = excluded.exact, label = excluded.label",
    )?
    .execute(params![
        id_text,
        kind.code(),
        now.as_millis(),
        blob,
        schedule.cadence,
        schedule.times.join(","),
        schedule.start_date,
        zone_column(&schedule.zone),
        schedule.lead_minutes,
        schedule.exact,
        schedule.label,
    ])?;
    Ok(())
}

/// Stores a new ritual.
pub fn add_ritual(
    conn: &Connection,
    key: &DataKey,
    ritual: &NewRitual,
    now: Timestamp,
) -> Result<Ritual> {
    let (details, schedule) = check(ritual)?;
    let id = RitualId::new_at(now);
    write_row(conn, key, id, ritual.kind, &details, &schedule, now)?;
    Ok(Ritual {
        id,
        kind: ritual.kind,
        details,
        schedule,
        created_at: now,
        updated_at: now,
        archived_at: None,
    })
}

/// Stores a ritual read from an export under its own id and instants, after every check
/// [`add_ritual`] runs; `false` (nothing written) when the id is already present.
pub(crate) fn insert_as(
    conn: &Connection,
    key: &DataKey,
    id: RitualId,
    ritual: &NewRitual,
    created_at: Timestamp,
    updated_at: Timestamp,
    archived_at: Option<Timestamp>,
) -> Result<bool> {
    let (details, schedule) = check(ritual)?;
    let id_text = id.to_string();
    if crate::store::has_row(conn, "rituals", &id_text)? {
        return Ok(false);
    }
    write_row(conn, key, id, ritual.kind, &details, &schedule, created_at)?;
    conn.prepare_cached("UPDATE rituals SET updated_at = ?2, archived_at = ?3 WHERE id = ?1")?
        .execute(params![
            id_text,
            updated_at.as_millis(),
            archived_at.map(Timestamp::as_millis)
        ])?;
    Ok(true)
}

fn zone_column(zone: &ZoneMode) -> Option<&str> {
    match zone {
        ZoneMode::Floating => None,
        ZoneMode::Fixed { zone } => Some(zone),
    }
}

/// Replaces a ritual's kind, details and schedule; its history of completions stays.
pub fn update_ritual(
    conn: &Connection,
    key: &DataKey,
    id: RitualId,
    ritual: &NewRitual,
    now: Timestamp,
) -> Result<Ritual> {
    let (details, schedule) = check(ritual)?;
    let current = get_ritual(conn, key, id)?;
    write_row(conn, key, id, ritual.kind, &details, &schedule, now)?;
    Ok(Ritual {
        id,
        kind: ritual.kind,
        details,
        schedule,
        created_at: current.created_at,
        updated_at: now,
        archived_at: current.archived_at,
    })
}

/// The plaintext schedule columns, in the order [`read_schedule`] reads them.
const SCHEDULE_COLUMNS: &str = "cadence, times, start_date, zone, lead_minutes, exact, label";
const COLUMNS: &str = "id, kind, created_at, updated_at, archived_at, details";

struct Row {
    id: String,
    kind: i64,
    created_at: i64,
    updated_at: i64,
    archived_at: Option<i64>,
    details: Vec<u8>,
    schedule: Schedule,
}

/// The schedule from [`SCHEDULE_COLUMNS`], selected from column `at` on.
fn read_schedule(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Schedule> {
    let times: String = r.get(at + 1)?;
    let zone: Option<String> = r.get(at + 3)?;
    Ok(Schedule {
        cadence: r.get(at)?,
        times: times.split(',').map(str::to_owned).collect(),
        start_date: r.get(at + 2)?,
        zone: zone.map_or(ZoneMode::Floating, |zone| ZoneMode::Fixed { zone }),
        lead_minutes: r.get(at + 4)?,
        exact: r.get(at + 5)?,
        label: r.get(at + 6)?,
    })
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        kind: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        archived_at: r.get(4)?,
        details: r.get(5)?,
        schedule: read_schedule(r, 6)?,
    })
}

fn ritual_from(key: &DataKey, row: Row) -> Result<Ritual> {
    let id =
        RitualId::parse(&row.id, "id").map_err(|_| Error::corrupted("rituals.id of one row"))?;
    let kind = RitualKind::from_code(row.kind)
        .ok_or_else(|| Error::corrupted("rituals.kind of one row"))?;
    Ok(Ritual {
        details: open_details(key, &row.id, &row.details)?,
        id,
        kind,
        schedule: row.schedule,
        created_at: Timestamp::from_millis(row.created_at),
        updated_at: Timestamp::from_millis(row.updated_at),
        archived_at: row.archived_at.map(Timestamp::from_millis),
    })
}

/// Reads one ritual (archived ones too).
pub fn get_ritual(conn: &Connection, key: &DataKey, id: RitualId) -> Result<Ritual> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, {SCHEDULE_COLUMNS} FROM rituals WHERE id = ?1"
        ))?
        .query_row([id.to_string()], read_row)
        .optional()?
        .ok_or(Error::NotFound { what: "ritual" })?;
    ritual_from(key, row)
}

/// Every ritual, oldest first; archived ones only when asked.
pub fn rituals(conn: &Connection, key: &DataKey, include_archived: bool) -> Result<Vec<Ritual>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {SCHEDULE_COLUMNS} FROM rituals WHERE ?1 OR archived_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([include_archived], read_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(ritual_from(key, row?)?);
    }
    Ok(out)
}

/// Archives a ritual (`archived` true) or brings it back.
pub fn set_archived(conn: &Connection, id: RitualId, archived: Option<Timestamp>) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE rituals SET archived_at = ?2 WHERE id = ?1")?
        .execute(params![id.to_string(), archived.map(Timestamp::as_millis)])?;
    if n == 0 {
        return Err(Error::NotFound { what: "ritual" });
    }
    Ok(())
}

/// Deletes a ritual and its log of completions for good.
pub fn delete_ritual(conn: &Connection, id: RitualId) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM rituals WHERE id = ?1")?
        .execute([id.to_string()])?;
    if n == 0 {
        return Err(Error::NotFound { what: "ritual" });
    }
    Ok(())
}

/// The schedules of every active ritual, read from plaintext columns only: what the
/// planner needs, available while the vault is locked.
pub(crate) fn active_schedules(conn: &Connection) -> Result<Vec<(RitualId, CheckedSchedule)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, {SCHEDULE_COLUMNS} FROM rituals WHERE archived_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, read_schedule(r, 1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, schedule) = row?;
        let id =
            RitualId::parse(&id, "id").map_err(|_| Error::corrupted("rituals.id of one row"))?;
        let checked = schedule
            .check()
            .map_err(|_| Error::corrupted("the schedule of one ritual"))?;
        out.push((id, checked));
    }
    Ok(out)
}

/// The schedule of one ritual (archived or not), without its details.
pub(crate) fn schedule_of(conn: &Connection, id: RitualId) -> Result<CheckedSchedule> {
    let schedule = conn
        .prepare_cached(&format!(
            "SELECT {SCHEDULE_COLUMNS} FROM rituals WHERE id = ?1"
        ))?
        .query_row([id.to_string()], |r| read_schedule(r, 0))
        .optional()?
        .ok_or(Error::NotFound { what: "ritual" })?;
    schedule
        .check()
        .map_err(|_| Error::corrupted("the schedule of one ritual"))
}
