//! Practice events: small victories, setbacks, and recommitting after a setback, each
//! with the context, the trigger tags (shared with the journal's vocabulary) and what
//! helped, all sealed in one document per row of `practice_events`.
//!
//! Only the id, the instant and the local date stay plaintext (the date buckets days for
//! the growth score). Whether an event is a victory or a setback is sealed: it is what a
//! person recorded about themselves. Ritual completions and ladder attempts count as
//! practice too, but live in their own tables (`crate::rituals`, [`super::ladder`]).

use rusqlite::{Connection, params};

use super::ProgressId;
use super::sealed_doc::{DocReader, DocWriter};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// Longest context or what-helped text, in characters.
pub const MAX_PRACTICE_TEXT_CHARS: usize = 2000;
/// Longest label of the person's own victory or setback, in characters.
pub const MAX_OWN_LABEL_CHARS: usize = 60;
/// Most trigger tags on one event.
pub const MAX_TRIGGERS: usize = 10;

/// A small victory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Victory {
    /// Shared a difficult feeling.
    SharedDifficultFeeling,
    /// Stayed present in a hard conversation.
    StayedPresent,
    /// Chose vulnerability over withdrawal.
    ChoseVulnerability,
    /// Asked instead of assuming.
    AskedInsteadOfAssuming,
    /// Expressed a need.
    ExpressedNeed,
    /// Set a boundary.
    SetBoundary,
    /// The person's own words (1-60 characters).
    Own {
        /// What they did.
        label: String,
    },
}

/// A return to an old pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Setback {
    /// Withdrew.
    Withdrew,
    /// Shut down.
    ShutDown,
    /// Mind-read or assumed the worst.
    MindRead,
    /// Picked a fight.
    PickedFight,
    /// Went silent.
    WentSilent,
    /// The person's own words (1-60 characters).
    Own {
        /// What happened.
        label: String,
    },
}

/// What a practice event records.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PracticeKind {
    /// A small victory: counts as practice.
    Victory {
        /// Which one.
        victory: Victory,
    },
    /// A setback: opens a recovery window, never lowers the growth score.
    Setback {
        /// Which one.
        setback: Setback,
    },
    /// Coming back to practice after a setback: counts as practice.
    Recommitted,
}

const VICTORIES: [(&str, &str); 6] = [
    (
        "victory.shared_difficult_feeling",
        "shared a difficult feeling",
    ),
    (
        "victory.stayed_present",
        "stayed present in a hard conversation",
    ),
    (
        "victory.chose_vulnerability",
        "chose vulnerability over withdrawal",
    ),
    (
        "victory.asked_instead_of_assuming",
        "asked instead of assuming",
    ),
    ("victory.expressed_need", "expressed a need"),
    ("victory.set_boundary", "set a boundary"),
];

const SETBACKS: [(&str, &str); 5] = [
    ("setback.withdrew", "withdrew"),
    ("setback.shut_down", "shut down"),
    ("setback.mind_read", "mind-read or assumed the worst"),
    ("setback.picked_fight", "picked a fight"),
    ("setback.went_silent", "went silent"),
];

impl Victory {
    fn code(&self) -> u8 {
        match self {
            Victory::SharedDifficultFeeling => 0,
            Victory::StayedPresent => 1,
            Victory::ChoseVulnerability => 2,
            Victory::AskedInsteadOfAssuming => 3,
            Victory::ExpressedNeed => 4,
            Victory::SetBoundary => 5,
            Victory::Own { .. } => 6,
        }
    }

    fn from_code(code: u8, label: String) -> Option<Self> {
        Some(match code {
            0 => Victory::SharedDifficultFeeling,
            1 => Victory::StayedPresent,
            2 => Victory::ChoseVulnerability,
            3 => Victory::AskedInsteadOfAssuming,
            4 => Victory::ExpressedNeed,
            5 => Victory::SetBoundary,
            6 => Victory::Own { label },
            _ => return None,
        })
    }

    /// A stable key shells translate (`victory.set_boundary`, `victory.own`).
    pub fn label_key(&self) -> &'static str {
        VICTORIES
            .get(self.code() as usize)
            .map_or("victory.own", |v| v.0)
    }

    /// Default English wording ("shared a difficult feeling"), or the person's own.
    pub fn label(&self) -> &str {
        match self {
            Victory::Own { label } => label,
            other => VICTORIES[other.code() as usize].1,
        }
    }
}

impl Setback {
    fn code(&self) -> u8 {
        match self {
            Setback::Withdrew => 0,
            Setback::ShutDown => 1,
            Setback::MindRead => 2,
            Setback::PickedFight => 3,
            Setback::WentSilent => 4,
            Setback::Own { .. } => 5,
        }
    }

    fn from_code(code: u8, label: String) -> Option<Self> {
        Some(match code {
            0 => Setback::Withdrew,
            1 => Setback::ShutDown,
            2 => Setback::MindRead,
            3 => Setback::PickedFight,
            4 => Setback::WentSilent,
            5 => Setback::Own { label },
            _ => return None,
        })
    }

    /// A stable key shells translate (`setback.withdrew`, `setback.own`).
    pub fn label_key(&self) -> &'static str {
        SETBACKS
            .get(self.code() as usize)
            .map_or("setback.own", |v| v.0)
    }

    /// Default English wording, or the person's own.
    pub fn label(&self) -> &str {
        match self {
            Setback::Own { label } => label,
            other => SETBACKS[other.code() as usize].1,
        }
    }
}

/// A practice event as logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPracticeEvent {
    /// Victory, setback, or recommitting.
    pub kind: PracticeKind,
    /// When it happened (UTC epoch ms); not in the future.
    pub occurred_at: Timestamp,
    /// The situation, in the person's words (at most 2,000 characters; may be empty).
    pub context: String,
    /// Trigger tags from the journal's vocabulary (keys, at most 10).
    pub trigger_keys: Vec<String>,
    /// What helped, or would help next time (at most 2,000 characters; may be empty).
    pub what_helped: String,
}

/// A stored practice event, decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeEvent {
    /// Its id.
    pub id: ProgressId,
    /// Victory, setback, or recommitting.
    pub kind: PracticeKind,
    /// When it happened.
    pub occurred_at: Timestamp,
    /// The person's local date it happened on, `YYYY-MM-DD`.
    pub local_date: String,
    /// The situation.
    pub context: String,
    /// Trigger tags (journal vocabulary keys).
    pub trigger_keys: Vec<String>,
    /// What helped.
    pub what_helped: String,
    /// When it was logged.
    pub recorded_at: Timestamp,
}

fn body_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "practice_events",
        column: "body",
        row: id,
    }
}

const DAMAGE: &str = "practice_events.body of one row";

/// Checks text a person typed: at most `max` characters, trimmed.
pub(crate) fn checked_text(
    text: &str,
    field: &'static str,
    min: usize,
    max: usize,
) -> Result<String> {
    let trimmed = text.trim();
    let n = trimmed.chars().count();
    if n < min || n > max {
        return Err(Error::invalid(
            field,
            if min == 0 {
                "is too long"
            } else {
                "is empty or too long"
            },
        ));
    }
    Ok(trimmed.to_owned())
}

/// Checks a rating on the 0-10 scale.
pub(crate) fn checked_rating(value: u8, field: &'static str) -> Result<u8> {
    if value > 10 {
        return Err(Error::invalid(field, "must be 0 to 10"));
    }
    Ok(value)
}

/// The local date of `at` in `zone`, `YYYY-MM-DD`.
pub(crate) fn local_date_of(at: Timestamp, zone: &Zone) -> Result<String> {
    Ok(crate::calendar::date_text(zone.local_date(at)?))
}

impl NewPracticeEvent {
    /// Checks every field (trigger keys against `known_triggers`), naming the first one
    /// that is wrong, and returns the event as it will be stored.
    pub(crate) fn checked(
        &self,
        now: Timestamp,
        known_triggers: &dyn Fn(&str) -> bool,
    ) -> Result<NewPracticeEvent> {
        let kind = match &self.kind {
            PracticeKind::Victory {
                victory: Victory::Own { label },
            } => PracticeKind::Victory {
                victory: Victory::Own {
                    label: checked_text(label, "kind.label", 1, MAX_OWN_LABEL_CHARS)?,
                },
            },
            PracticeKind::Setback {
                setback: Setback::Own { label },
            } => PracticeKind::Setback {
                setback: Setback::Own {
                    label: checked_text(label, "kind.label", 1, MAX_OWN_LABEL_CHARS)?,
                },
            },
            other => other.clone(),
        };
        if self.occurred_at > now {
            return Err(Error::invalid("occurred_at", "is in the future"));
        }
        let context = checked_text(&self.context, "context", 0, MAX_PRACTICE_TEXT_CHARS)?;
        let what_helped =
            checked_text(&self.what_helped, "what_helped", 0, MAX_PRACTICE_TEXT_CHARS)?;
        if self.trigger_keys.len() > MAX_TRIGGERS {
            return Err(Error::invalid("trigger_keys", "has more than 10 tags"));
        }
        if let Some(_unknown) = self.trigger_keys.iter().find(|k| !known_triggers(k)) {
            return Err(Error::invalid(
                "trigger_keys",
                "names a tag that is not in the vocabulary",
            ));
        }
        Ok(NewPracticeEvent {
            kind,
            occurred_at: self.occurred_at,
            context,
            trigger_keys: self.trigger_keys.clone(),
            what_helped,
        })
    }
}

fn encode(event: &NewPracticeEvent) -> DocWriter {
    let mut doc = DocWriter::new();
    match &event.kind {
        PracticeKind::Victory { victory } => doc.byte(1).byte(victory.code()).text(match victory {
            Victory::Own { label } => label,
            _ => "",
        }),
        PracticeKind::Setback { setback } => doc.byte(2).byte(setback.code()).text(match setback {
            Setback::Own { label } => label,
            _ => "",
        }),
        PracticeKind::Recommitted => doc.byte(3).byte(0).text(""),
    };
    doc.text(&event.context)
        .texts(&event.trigger_keys)
        .text(&event.what_helped);
    doc
}

fn decode(bytes: &[u8]) -> Result<NewPracticeEvent> {
    let mut doc = DocReader::new(bytes, DAMAGE)?;
    let (group, code, label) = (doc.byte()?, doc.byte()?, doc.text()?);
    let kind = match group {
        1 => Victory::from_code(code, label).map(|victory| PracticeKind::Victory { victory }),
        2 => Setback::from_code(code, label).map(|setback| PracticeKind::Setback { setback }),
        3 => Some(PracticeKind::Recommitted),
        _ => None,
    }
    .ok_or_else(|| Error::corrupted(DAMAGE))?;
    let event = NewPracticeEvent {
        kind,
        occurred_at: Timestamp::from_millis(0),
        context: doc.text()?,
        trigger_keys: doc.texts()?,
        what_helped: doc.text()?,
    };
    doc.finish()?;
    Ok(event)
}

/// Stores a checked event.
pub(crate) fn insert(
    conn: &Connection,
    key: &DataKey,
    event: &NewPracticeEvent,
    local_date: String,
    now: Timestamp,
) -> Result<PracticeEvent> {
    insert_as(conn, key, ProgressId::new_at(now), event, local_date, now)
}

/// Stores a checked event under `id`, logged at `now` (an import keeps both).
pub(crate) fn insert_as(
    conn: &Connection,
    key: &DataKey,
    id: ProgressId,
    event: &NewPracticeEvent,
    local_date: String,
    now: Timestamp,
) -> Result<PracticeEvent> {
    let id_text = id.to_string();
    let blob = seal(key, &body_at(&id_text), encode(event).bytes())?;
    conn.prepare_cached(
        "INSERT INTO practice_events (id, occurred_at, local_date, recorded_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id_text,
        event.occurred_at.as_millis(),
        local_date,
        now.as_millis(),
        blob
    ])?;
    Ok(PracticeEvent {
        id,
        kind: event.kind.clone(),
        occurred_at: event.occurred_at,
        local_date,
        context: event.context.clone(),
        trigger_keys: event.trigger_keys.clone(),
        what_helped: event.what_helped.clone(),
        recorded_at: now,
    })
}

/// Events on local dates `from..=to` (`YYYY-MM-DD`; `None` for no bound), oldest first.
pub(crate) fn events(
    conn: &Connection,
    key: &DataKey,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Vec<PracticeEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, occurred_at, local_date, recorded_at, body FROM practice_events
         WHERE (?1 IS NULL OR local_date >= ?1) AND (?2 IS NULL OR local_date <= ?2)
         ORDER BY local_date, occurred_at, id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Vec<u8>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, occurred_at, local_date, recorded_at, blob) = row?;
        let plain = open(key, &body_at(&id), &blob)?;
        let doc = decode(&plain)?;
        out.push(PracticeEvent {
            id: ProgressId::stored(&id, "practice_events.id of one row")?,
            kind: doc.kind,
            occurred_at: Timestamp::from_millis(occurred_at),
            local_date,
            context: doc.context,
            trigger_keys: doc.trigger_keys,
            what_helped: doc.what_helped,
            recorded_at: Timestamp::from_millis(recorded_at),
        });
    }
    Ok(out)
}

/// Deletes one event for good.
pub(crate) fn delete(conn: &Connection, id: ProgressId) -> Result<()> {
    crate::store::delete_row(conn, "practice_events", &id.to_string(), "practice event")
}
