//! Adherence: per ritual and per week, how many occurrences were planned and how many
//! were done or skipped. What progress and reports show; never a judgement.
//!
//! Weeks start on Monday and are counted in each occurrence's own local date. Planned
//! means an occurrence of the schedule on a date that was not paused, from the ritual's
//! start; a skipped occurrence is planned and not done, and counted apart so a report can
//! say "let go on purpose" rather than "missed".

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::occurrence_log::{OccurrenceStatus, records};
use super::pauses::paused_dates;
use super::ritual::{RitualId, parse_date};
use super::ritual_table::schedule_of;
use super::series::{occurrences, parse_occurrence_id, zone_for};
use crate::calendar::{date_of, date_text, day_number, weekday_of};
use crate::error::{Error, Result};
use crate::time::Zone;
use rusqlite::Connection;

/// Longest range one adherence call covers: about two years.
pub const MAX_ADHERENCE_DAYS: i64 = 740;

/// One ritual's week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyAdherence {
    /// The ritual.
    pub ritual_id: RitualId,
    /// The Monday that starts the week, `YYYY-MM-DD`.
    pub week_start: String,
    /// Occurrences planned that week (paused dates excluded).
    pub planned: u32,
    /// Of those, done.
    pub done: u32,
    /// Of those, skipped on purpose.
    pub skipped: u32,
}

fn monday_of(date: Date) -> Date {
    let n = day_number(date);
    date_of(n - i64::from(weekday_of(n))).unwrap_or(date)
}

/// Adherence of `ritual` for the weeks holding local dates `from..=to`, oldest first;
/// every week of the range appears, even one with nothing planned.
pub fn weekly_adherence(
    conn: &Connection,
    ritual: RitualId,
    from: &str,
    to: &str,
    device_zone: &Zone,
) -> Result<Vec<WeeklyAdherence>> {
    let first = parse_date(from, "from")?;
    let last = parse_date(to, "to")?;
    if last < first {
        return Err(Error::invalid("to", "is before from"));
    }
    if day_number(last) - day_number(first) > MAX_ADHERENCE_DAYS {
        return Err(Error::invalid("to", "is more than two years after from"));
    }
    let schedule = schedule_of(conn, ritual)?;
    let paused = paused_dates(conn, ritual)?;
    let zone = zone_for(&schedule, device_zone);
    let mut weeks: BTreeMap<Date, WeeklyAdherence> = BTreeMap::new();
    let mut monday = monday_of(first);
    while monday <= last {
        weeks.insert(
            monday,
            WeeklyAdherence {
                ritual_id: ritual,
                week_start: date_text(monday),
                planned: 0,
                done: 0,
                skipped: 0,
            },
        );
        monday = date_of(day_number(monday) + 7).ok_or(Error::invalid("to", "is out of range"))?;
    }
    for (occurrence, _) in occurrences(&schedule, zone, first) {
        if occurrence.date > last {
            break;
        }
        if paused.contains(occurrence.date) {
            continue;
        }
        if let Some(week) = weeks.get_mut(&monday_of(occurrence.date)) {
            week.planned += 1;
        }
    }
    for record in records(conn, None, ritual, from, to)? {
        let Ok((_, occurrence)) = parse_occurrence_id(&record.occurrence_id, "occurrence_id")
        else {
            continue;
        };
        let date = occurrence.date;
        if let Some(week) = weeks.get_mut(&monday_of(date)) {
            // Done on a paused day anyway: it counts, and so it was planned after all.
            if paused.contains(date) && !matches!(record.status, OccurrenceStatus::Snoozed { .. }) {
                week.planned += 1;
            }
            match record.status {
                OccurrenceStatus::Done => week.done += 1,
                OccurrenceStatus::Skipped => week.skipped += 1,
                OccurrenceStatus::Snoozed { .. } => {}
            }
        }
    }
    Ok(weeks.into_values().collect())
}
