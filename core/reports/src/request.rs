//! What a person asks for: the report request and its validation.
//!
//! Owns [`ReportRequest`] and the checks that need no vault: dates, zone, template,
//! section ids, the agenda and session dates. A refused request is
//! `innermost::Error::InvalidInput { field, reason }`: `field` is the request's field
//! name, and `reason` never contains anything the person wrote (not even the unknown id
//! they sent). Whether picked items exist and fall inside the range needs the vault and is
//! checked in `gather`.

use innermost::progress::ProgressId;
use innermost::time::Zone;
use innermost::{EntryId, Error, Result};

use crate::dates;
use crate::templates::{Section, Template, template};

/// Longest range one report covers, in days (inclusive of both ends): two years.
pub const MAX_RANGE_DAYS: i64 = 731;
/// Most agenda items.
pub const MAX_AGENDA_ITEMS: usize = 20;
/// Longest agenda item, in characters.
pub const MAX_AGENDA_CHARS: usize = 500;
/// Most session dates.
pub const MAX_SESSIONS: usize = 60;
/// Most picked items of each kind.
pub const MAX_PICKED: usize = 200;

/// A report for therapy, as the person chose it. Nothing they wrote appears in the report
/// unless it is picked here (or is the agenda, which they write for the report).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportRequest {
    /// First local date covered, `YYYY-MM-DD` (inclusive).
    pub from: String,
    /// Last local date covered, `YYYY-MM-DD` (inclusive; may equal `from`).
    pub to: String,
    /// The IANA zone the dates are read in (e.g. `Europe/Paris`).
    pub zone: String,
    /// The therapy it is for: `cbt`, `schema`, `attachment`, `couples` or `general`.
    pub template: String,
    /// Section ids to show although the template leaves them out.
    pub turned_on: Vec<String>,
    /// Section ids to leave out although the template shows them.
    pub turned_off: Vec<String>,
    /// Journal entries (any kind, thought records included) to show in full; each must
    /// have been written inside the range.
    pub picked_entries: Vec<EntryId>,
    /// Practice events (victories, setbacks, recommitments) inside the range, or ladder
    /// steps, to show in full: an event's context and what helped; a step's text and the
    /// notes of its attempts inside the range.
    pub picked_practice: Vec<ProgressId>,
    /// Ids of the person's own measures whose names may appear (built-in reflection
    /// scales always appear by name).
    pub picked_measures: Vec<String>,
    /// Questions for the next session, in the person's words (at most 20, 1-500
    /// characters each).
    pub agenda: Vec<String>,
    /// Dates of the therapy sessions the report covers, `YYYY-MM-DD`, inside the range.
    pub session_dates: Vec<String>,
}

/// A request that passed every check that needs no vault.
#[derive(Debug, Clone)]
pub(crate) struct CheckedRequest {
    pub from: i64,
    pub to: i64,
    pub zone: Zone,
    pub template: &'static Template,
    pub sections: Vec<Section>,
    pub session_dates: Vec<String>,
}

fn date(text: &str, field: &'static str) -> Result<i64> {
    if text.is_empty() {
        return Err(Error::invalid(field, "is empty"));
    }
    dates::parse(text).ok_or_else(|| Error::invalid(field, "is not a date written YYYY-MM-DD"))
}

fn sections(ids: &[String], field: &'static str) -> Result<Vec<Section>> {
    ids.iter()
        .map(|id| {
            Section::from_id(id).ok_or_else(|| Error::invalid(field, "names an unknown section"))
        })
        .collect()
}

impl ReportRequest {
    /// Checks everything that needs no vault, naming the first field that is wrong.
    pub(crate) fn checked(&self) -> Result<CheckedRequest> {
        let from = date(&self.from, "from")?;
        let to = date(&self.to, "to")?;
        if to < from {
            return Err(Error::invalid("to", "is before from"));
        }
        if to - from + 1 > MAX_RANGE_DAYS {
            return Err(Error::invalid(
                "to",
                "makes the range longer than two years",
            ));
        }
        let zone = Zone::named(&self.zone, "zone")?;
        let template = template(&self.template)
            .ok_or_else(|| Error::invalid("template", "is not a known template"))?;
        let on = sections(&self.turned_on, "turned_on")?;
        let off = sections(&self.turned_off, "turned_off")?;
        if on.iter().any(|s| off.contains(s)) {
            return Err(Error::invalid(
                "turned_off",
                "names a section that turned_on also names",
            ));
        }
        for (len, field) in [
            (self.picked_entries.len(), "picked_entries"),
            (self.picked_practice.len(), "picked_practice"),
            (self.picked_measures.len(), "picked_measures"),
        ] {
            if len > MAX_PICKED {
                return Err(Error::invalid(field, "holds more than 200 items"));
            }
        }
        if self.agenda.len() > MAX_AGENDA_ITEMS {
            return Err(Error::invalid("agenda", "holds more than 20 items"));
        }
        for item in &self.agenda {
            let n = item.chars().count();
            if item.trim().is_empty() || n > MAX_AGENDA_CHARS {
                return Err(Error::invalid(
                    "agenda",
                    "items must hold 1 to 500 characters",
                ));
            }
        }
        if self.session_dates.len() > MAX_SESSIONS {
            return Err(Error::invalid("session_dates", "holds more than 60 dates"));
        }
        let mut sessions = Vec::with_capacity(self.session_dates.len());
        for text in &self.session_dates {
            let day = date(text, "session_dates")?;
            if !(from..=to).contains(&day) {
                return Err(Error::invalid(
                    "session_dates",
                    "holds a date outside the range",
                ));
            }
            sessions.push(day);
        }
        sessions.sort_unstable();
        sessions.dedup();
        Ok(CheckedRequest {
            from,
            to,
            zone,
            template,
            sections: template.sections(&on, &off),
            session_dates: sessions.into_iter().map(dates::text).collect(),
        })
    }
}
