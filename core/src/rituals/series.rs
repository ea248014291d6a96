//! A ritual's series of occurrences: the rule's dates times the ritual's times of day,
//! with `COUNT` and `UNTIL` applied, each placed on the timeline of a zone.
//!
//! An occurrence is named by its local date and time (`2026-11-28T20:00`), never by its
//! instant: the same occurrence keeps its name when the phone changes zone or a zone's
//! rules change, which is what makes plan item ids stable across replans.

use jiff::civil::{Date, DateTime, Time};

use super::cadence::Until;
use super::ritual::{CheckedSchedule, RitualId};
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// One occurrence of a ritual, by its local date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    /// The local date.
    pub date: Date,
    /// The local time of day.
    pub time: Time,
}

impl Occurrence {
    /// The local date and time.
    pub fn local(self) -> DateTime {
        self.date.to_datetime(self.time)
    }

    /// `YYYY-MM-DDTHH:MM`.
    pub fn key(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.date.year(),
            self.date.month(),
            self.date.day(),
            self.time.hour(),
            self.time.minute()
        )
    }

    /// The id of this occurrence of ritual `ritual`: `<ritual id>/<YYYY-MM-DDTHH:MM>`.
    pub fn id(self, ritual: RitualId) -> String {
        format!("{ritual}/{}", self.key())
    }
}

/// Splits an occurrence id into its ritual and occurrence; `InvalidInput` on `field`.
pub fn parse_occurrence_id(text: &str, field: &'static str) -> Result<(RitualId, Occurrence)> {
    const BAD: &str = "is not an occurrence id (<ritual id>/YYYY-MM-DDTHH:MM)";
    let (ritual, local) = text.split_once('/').ok_or(Error::invalid(field, BAD))?;
    let ritual = RitualId::parse(ritual, field)?;
    let (date, time) = local.split_once('T').ok_or(Error::invalid(field, BAD))?;
    let date = super::ritual::parse_date(date, field).map_err(|_| Error::invalid(field, BAD))?;
    let time = super::ritual::parse_time(time, field).map_err(|_| Error::invalid(field, BAD))?;
    Ok((ritual, Occurrence { date, time }))
}

/// The zone a schedule's times are read in: its own, or the phone's when floating.
pub(crate) fn zone_for<'a>(schedule: &'a CheckedSchedule, device: &'a Zone) -> &'a Zone {
    schedule.zone.as_ref().unwrap_or(device)
}

/// The occurrences of `schedule` from the first on or after `from` (a local date), in
/// order, each with its instant in `zone`. Stops at `COUNT` and `UNTIL`.
pub(crate) fn occurrences<'a>(
    schedule: &'a CheckedSchedule,
    zone: &'a Zone,
    from: Date,
) -> impl Iterator<Item = (Occurrence, Timestamp)> + 'a {
    // COUNT numbers occurrences from the start, so a counted series is walked from there.
    let walk_from = if schedule.cadence.count.is_some() {
        schedule.start
    } else {
        from.max(schedule.start)
    };
    let limit = schedule.cadence.count.map_or(usize::MAX, |n| n as usize);
    let until_utc = match schedule.cadence.until {
        Some(Until::Utc(at)) => Zone::utc().instant_of(at).ok(),
        _ => None,
    };
    schedule
        .cadence
        .dates(schedule.start, walk_from)
        .flat_map(move |date| {
            schedule
                .times
                .iter()
                .map(move |&time| Occurrence { date, time })
        })
        .take(limit)
        .skip_while(move |o| o.date < from)
        .take_while(move |o| match schedule.cadence.until {
            Some(Until::Date(d)) => o.date <= d,
            Some(Until::Local(at)) => o.local() <= at,
            _ => true,
        })
        .filter_map(move |o| placed(zone, o).map(|at| (o, at)))
        .take_while(move |(_, at)| until_utc.is_none_or(|u| *at <= u))
}

/// The instant of `o` in `zone`. A time in a DST gap moves forward by the gap and still
/// counts; a whole local date the zone skipped (Pacific/Apia, 2011-12-30) is skipped like
/// the 30th of February, instead of landing on the next day's occurrence.
fn placed(zone: &Zone, o: Occurrence) -> Option<Timestamp> {
    let at = zone.instant_of(o.local()).ok()?;
    let lands_on = |at: Timestamp| zone.civil(at).ok().map(|local| local.date());
    if lands_on(at) != Some(o.date) {
        let midnight = zone.instant_of(o.date.to_datetime(Time::midnight())).ok()?;
        if lands_on(midnight) != Some(o.date) {
            return None;
        }
    }
    Some(at)
}

/// Whether `occurrence` belongs to the series of `schedule`.
pub(crate) fn is_occurrence(
    schedule: &CheckedSchedule,
    zone: &Zone,
    occurrence: Occurrence,
) -> bool {
    occurrences(schedule, zone, occurrence.date)
        .take_while(|(o, _)| o.date == occurrence.date)
        .any(|(o, _)| o == occurrence)
}

/// One upcoming occurrence of a schedule, as a preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OccurrencePreview {
    /// Local date and time, `YYYY-MM-DDTHH:MM`.
    pub local: String,
    /// The instant it happens (UTC epoch ms).
    pub at: Timestamp,
}

/// The first `limit` (at most 500) occurrences of `schedule` on or after local date
/// `from`, without storing anything: what a schedule editor shows as "next times". The
/// same rules as the planner (COUNT, UNTIL, DST), without pauses, log or quiet hours.
pub fn preview(
    schedule: &super::ritual::Schedule,
    device_zone: &str,
    from: &str,
    limit: u32,
) -> Result<Vec<OccurrencePreview>> {
    let checked = schedule.check()?;
    let device = Zone::named(device_zone, "device_zone")?;
    let from = super::ritual::parse_date(from, "from")?;
    if limit > 500 {
        return Err(Error::invalid("limit", "is more than 500"));
    }
    Ok(occurrences(&checked, zone_for(&checked, &device), from)
        .take(limit as usize)
        .map(|(o, at)| OccurrencePreview { local: o.key(), at })
        .collect())
}
