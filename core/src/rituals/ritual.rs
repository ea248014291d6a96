//! What a ritual is: its kind, the sealed details the person wrote (title, notes, the
//! conversation guide), and the plaintext schedule the planner reads while locked.
//!
//! The split is the point of this module. Everything in [`RitualDetails`] is sealed under
//! the data key; everything in [`Schedule`] is stored in the clear so that reminders can
//! be planned after a reboot, before anyone unlocks the vault (DESIGN.md §4). The one
//! schedule field a person writes, `label`, is the text they chose to show on their lock
//! screen: it is public by their choice, capped at 40 characters, and documented as such
//! in `docs/threat-model.md`.

use std::fmt;

use jiff::civil::{Date, Time};
use uuid::Uuid;

use super::cadence::Cadence;
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 4000;
/// Most steps in a conversation guide.
pub const MAX_GUIDE_STEPS: usize = 12;
/// Most times of day in one ritual.
pub const MAX_TIMES: usize = 12;
/// Longest lock-screen label, in characters.
pub const MAX_LABEL_CHARS: usize = 40;
/// Longest lead time: a week, in minutes.
pub const MAX_LEAD_MINUTES: u32 = 7 * 24 * 60;

/// A ritual's id: a UUIDv7 in text form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RitualId(Uuid);

impl RitualId {
    pub(crate) fn new_at(at: Timestamp) -> Self {
        RitualId(crate::ids::uuid_v7_at(at))
    }

    /// Parses the text form; `field` names the argument in the error.
    pub fn parse(text: &str, field: &'static str) -> Result<Self> {
        crate::ids::parse_uuid(text, field).map(RitualId)
    }
}

impl fmt::Display for RitualId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// What kind of ritual of connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RitualKind {
    /// A short daily check-in about each other's day.
    DailyCheckIn,
    /// A weekly relationship conversation, following a guide.
    WeeklyConversation,
    /// A regular shared activity.
    SharedActivity,
    /// The person's own.
    Custom,
}

impl RitualKind {
    pub(crate) fn code(self) -> i64 {
        match self {
            RitualKind::DailyCheckIn => 1,
            RitualKind::WeeklyConversation => 2,
            RitualKind::SharedActivity => 3,
            RitualKind::Custom => 4,
        }
    }

    pub(crate) fn from_code(code: i64) -> Option<Self> {
        Some(match code {
            1 => RitualKind::DailyCheckIn,
            2 => RitualKind::WeeklyConversation,
            3 => RitualKind::SharedActivity,
            4 => RitualKind::Custom,
            _ => return None,
        })
    }
}

/// One step of a conversation guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideStep {
    /// A short heading ("Appreciations").
    pub title: String,
    /// What to talk about.
    pub prompt: String,
}

/// The structure a weekly relationship conversation follows when the person has not
/// written their own: appreciations, what is working, what is hard, one request.
pub fn default_conversation_guide() -> Vec<GuideStep> {
    let step = |title: &str, prompt: &str| GuideStep {
        title: title.to_owned(),
        prompt: prompt.to_owned(),
    };
    vec![
        step(
            "Appreciations",
            "Each of you names something the other did this week that you valued.",
        ),
        step(
            "What is working",
            "What felt good between you this week, and what helped it happen?",
        ),
        step(
            "What is hard",
            "One thing that was difficult, told as your own experience, without blame.",
        ),
        step(
            "One request",
            "Each of you asks for one small, concrete thing for the week ahead.",
        ),
    ]
}

/// What the person wrote about a ritual: sealed under the data key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RitualDetails {
    /// The ritual's name in the person's words (1-120 characters).
    pub title: String,
    /// Free notes (at most 4,000 characters).
    pub notes: String,
    /// The steps of the conversation (at most 12). A weekly conversation written without
    /// steps gets [`default_conversation_guide`].
    pub guide: Vec<GuideStep>,
}

/// Which zone a ritual's times are read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneMode {
    /// The phone's current zone: "8 pm wherever I am".
    Floating,
    /// One IANA zone, whatever the phone's: a call with a partner abroad.
    Fixed {
        /// The IANA name, e.g. `Europe/Paris`.
        zone: String,
    },
}

/// When a ritual happens and how its reminders behave; stored in the clear so planning
/// works while the vault is locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The RFC 5545 rule (the subset in [`Cadence`]); stored in canonical form.
    pub cadence: String,
    /// Times of day, `HH:MM` (24-hour), 1-12 distinct; stored sorted.
    pub times: Vec<String>,
    /// The first date the ritual may happen, `YYYY-MM-DD`.
    pub start_date: String,
    /// Which zone the times are in.
    pub zone: ZoneMode,
    /// Minutes before an occurrence that its reminder fires (0 to a week).
    pub lead_minutes: u32,
    /// Whether the reminder must fire on the minute (a call at a set time) or may come
    /// within the platform's inexact window.
    pub exact: bool,
    /// Text the person chose to show on the lock screen instead of the neutral wording
    /// (1-40 characters). Stored unsealed: it is what they chose to let anyone see.
    pub label: Option<String>,
}

/// A ritual as written or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRitual {
    /// Its kind.
    pub kind: RitualKind,
    /// Title, notes and guide (sealed).
    pub details: RitualDetails,
    /// When it happens (plaintext).
    pub schedule: Schedule,
}

/// A stored ritual, decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ritual {
    /// Its id.
    pub id: RitualId,
    /// Its kind.
    pub kind: RitualKind,
    /// Title, notes and guide.
    pub details: RitualDetails,
    /// When it happens.
    pub schedule: Schedule,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it was last changed.
    pub updated_at: Timestamp,
    /// When it was archived (no more reminders; its history stays); `None` while active.
    pub archived_at: Option<Timestamp>,
}

/// A schedule once checked: the parsed forms the planner works with.
#[derive(Debug, Clone)]
pub(crate) struct CheckedSchedule {
    pub cadence: Cadence,
    pub times: Vec<Time>,
    pub start: Date,
    /// `None`: floating.
    pub zone: Option<Zone>,
    pub lead_minutes: u32,
    pub exact: bool,
    pub label: Option<String>,
}

pub(crate) use crate::calendar::parse_date;

/// Parses `HH:MM`.
pub(crate) fn parse_time(text: &str, field: &'static str) -> Result<Time> {
    const BAD: &str = "has a time that is not HH:MM (24-hour)";
    let b = text.as_bytes();
    if b.len() != 5
        || b[2] != b':'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return Err(Error::invalid(field, BAD));
    }
    let hour = (b[0] - b'0') * 10 + (b[1] - b'0');
    let minute = (b[3] - b'0') * 10 + (b[4] - b'0');
    Time::new(hour as i8, minute as i8, 0, 0).map_err(|_| Error::invalid(field, BAD))
}

/// Writes a time as `HH:MM`.
pub(crate) fn time_text(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn chars_within(text: &str, min: usize, max: usize) -> bool {
    let n = text.chars().count();
    (min..=max).contains(&n)
}

impl Schedule {
    /// Checks every field, naming the first one that is wrong.
    pub(crate) fn check(&self) -> Result<CheckedSchedule> {
        let cadence = Cadence::parse(&self.cadence)?;
        if self.times.is_empty() || self.times.len() > MAX_TIMES {
            return Err(Error::invalid("times", "must hold 1 to 12 times of day"));
        }
        let mut times = self
            .times
            .iter()
            .map(|t| parse_time(t, "times"))
            .collect::<Result<Vec<_>>>()?;
        times.sort();
        let before = times.len();
        times.dedup();
        if times.len() != before {
            return Err(Error::invalid("times", "lists the same time twice"));
        }
        let start = parse_date(&self.start_date, "start_date")?;
        cadence.check_occurs(start)?;
        let zone = match &self.zone {
            ZoneMode::Floating => None,
            ZoneMode::Fixed { zone } => Some(Zone::named(zone, "zone")?),
        };
        if self.lead_minutes > MAX_LEAD_MINUTES {
            return Err(Error::invalid("lead_minutes", "is longer than a week"));
        }
        if let Some(label) = &self.label
            && (!chars_within(label.trim(), 1, MAX_LABEL_CHARS)
                || label.chars().any(char::is_control))
        {
            return Err(Error::invalid(
                "label",
                "must be 1-40 characters without line breaks",
            ));
        }
        Ok(CheckedSchedule {
            cadence,
            times,
            start,
            zone,
            lead_minutes: self.lead_minutes,
            exact: self.exact,
            label: self.label.as_ref().map(|l| l.trim().to_owned()),
        })
    }
}

impl CheckedSchedule {
    /// The schedule as stored and returned: canonical rule, sorted times.
    pub(crate) fn canonical(&self, zone: &ZoneMode) -> Schedule {
        Schedule {
            cadence: self.cadence.to_string(),
            times: self.times.iter().map(|t| time_text(*t)).collect(),
            start_date: crate::calendar::date_text(self.start),
            zone: zone.clone(),
            lead_minutes: self.lead_minutes,
            exact: self.exact,
            label: self.label.clone(),
        }
    }
}

impl RitualDetails {
    /// Checks sizes; fills in the default guide for a weekly conversation without one.
    pub(crate) fn checked(&self, kind: RitualKind) -> Result<RitualDetails> {
        if !chars_within(self.title.trim(), 1, MAX_TITLE_CHARS) {
            return Err(Error::invalid("title", "must be 1-120 characters"));
        }
        if self.notes.chars().count() > MAX_NOTES_CHARS {
            return Err(Error::invalid("notes", "is longer than 4000 characters"));
        }
        if self.guide.len() > MAX_GUIDE_STEPS {
            return Err(Error::invalid("guide", "has more than 12 steps"));
        }
        for step in &self.guide {
            if !chars_within(step.title.trim(), 1, MAX_TITLE_CHARS)
                || step.prompt.chars().count() > MAX_NOTES_CHARS
            {
                return Err(Error::invalid(
                    "guide",
                    "has a step without a 1-120 character title or with a prompt over 4000 characters",
                ));
            }
        }
        let mut details = self.clone();
        details.title = details.title.trim().to_owned();
        if kind == RitualKind::WeeklyConversation && details.guide.is_empty() {
            details.guide = default_conversation_guide();
        }
        Ok(details)
    }
}
