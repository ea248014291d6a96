//! The rituals' part of the open export: every ritual (with its pauses), every record of
//! the completion log and the reminder settings, read out in plain form and written back
//! with their own ids and instants.
//!
//! The shapes here are the export's JSON records (documented field by field in
//! `docs/formats.md`); the file around them and the import's transaction belong to
//! `crate::export` and `crate::vault`. Writing back goes through the same checks and the
//! same sealing as a normal write ([`ritual_table`], [`pauses::pause`],
//! [`occurrence_log`], [`reminder_settings::set_reminder_settings`]); an item already
//! present is skipped, so importing a file twice adds nothing the second time.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::occurrence_log::{self, OccurrenceStatus};
use super::pauses;
use super::reminder_settings::{self, QuietHours, ReminderSettings};
use super::ritual::{
    GuideStep, NewRitual, RitualDetails, RitualId, RitualKind, Schedule, ZoneMode,
};
use super::ritual_table;
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::export::{check_instants, within};
use crate::time::Timestamp;

/// A ritual, archived or not, with its details, schedule and pauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableRitual {
    /// The ritual's id (a UUID).
    pub id: String,
    /// `daily_check_in`, `weekly_conversation`, `shared_activity` or `custom`.
    pub kind: String,
    /// When it was created (UTC epoch milliseconds).
    pub created_at: i64,
    /// When it was last changed.
    pub updated_at: i64,
    /// When it was archived; `null` while active.
    #[serde(default)]
    pub archived_at: Option<i64>,
    /// Its name in the person's words (sealed in the vault).
    pub title: String,
    /// Free notes (sealed in the vault).
    #[serde(default)]
    pub notes: String,
    /// The conversation guide (sealed in the vault).
    #[serde(default)]
    pub guide: Vec<PortableGuideStep>,
    /// The RFC 5545 rule, canonical.
    pub cadence: String,
    /// Times of day, `HH:MM`.
    pub times: Vec<String>,
    /// The first date it may happen, `YYYY-MM-DD`.
    pub start_date: String,
    /// The IANA zone its times are in; `null` for the phone's zone (floating).
    #[serde(default)]
    pub zone: Option<String>,
    /// Minutes before an occurrence that its reminder fires.
    pub lead_minutes: u32,
    /// Whether the reminder must fire on the minute.
    pub exact: bool,
    /// The lock-screen label the person chose, if any.
    #[serde(default)]
    pub label: Option<String>,
    /// Its pauses, oldest first.
    #[serde(default)]
    pub pauses: Vec<PortablePause>,
}

/// One step of a conversation guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableGuideStep {
    /// A short heading.
    pub title: String,
    /// What to talk about.
    pub prompt: String,
}

/// A stretch of dates without reminders: `from` (inclusive) to `until` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortablePause {
    /// The first paused date, `YYYY-MM-DD`.
    pub from: String,
    /// The first date reminders come back.
    pub until: String,
}

/// One record of the completion log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableOccurrence {
    /// `<ritual id>/<YYYY-MM-DDTHH:MM>`: the ritual and the occurrence's local time.
    pub occurrence_id: String,
    /// `done`, `skipped` or `snoozed`.
    pub status: String,
    /// For `snoozed`, when to be reminded again (UTC epoch milliseconds); otherwise null.
    #[serde(default)]
    pub snoozed_until: Option<i64>,
    /// When it was recorded.
    pub recorded_at: i64,
    /// The person's note (sealed in the vault), if any.
    #[serde(default)]
    pub note: Option<String>,
}

/// The settings every ritual's reminders share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableReminderSettings {
    /// Quiet hours, if any.
    #[serde(default)]
    pub quiet_hours: Option<PortableQuietHours>,
    /// The catch-up grace window, in minutes.
    pub catch_up_grace_minutes: u32,
}

/// A nightly window without reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableQuietHours {
    /// When quiet begins, `HH:MM`.
    pub start: String,
    /// When it ends, `HH:MM`.
    pub end: String,
}

const KINDS: [(RitualKind, &str); 4] = [
    (RitualKind::DailyCheckIn, "daily_check_in"),
    (RitualKind::WeeklyConversation, "weekly_conversation"),
    (RitualKind::SharedActivity, "shared_activity"),
    (RitualKind::Custom, "custom"),
];

fn kind_text(kind: RitualKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("custom", |(_, text)| text)
}

/// Every ritual with its pauses, oldest first.
pub fn all_rituals(conn: &Connection, key: &DataKey) -> Result<Vec<PortableRitual>> {
    let mut out = Vec::new();
    for ritual in ritual_table::rituals(conn, key, true)? {
        let Schedule {
            cadence,
            times,
            start_date,
            zone,
            lead_minutes,
            exact,
            label,
        } = ritual.schedule;
        out.push(PortableRitual {
            id: ritual.id.to_string(),
            kind: kind_text(ritual.kind).to_owned(),
            created_at: ritual.created_at.as_millis(),
            updated_at: ritual.updated_at.as_millis(),
            archived_at: ritual.archived_at.map(Timestamp::as_millis),
            title: ritual.details.title,
            notes: ritual.details.notes,
            guide: ritual
                .details
                .guide
                .into_iter()
                .map(|s| PortableGuideStep {
                    title: s.title,
                    prompt: s.prompt,
                })
                .collect(),
            cadence,
            times,
            start_date,
            zone: match zone {
                ZoneMode::Floating => None,
                ZoneMode::Fixed { zone } => Some(zone),
            },
            lead_minutes,
            exact,
            label,
            pauses: pauses::pauses(conn, ritual.id)?
                .into_iter()
                .map(|p| PortablePause {
                    from: p.from,
                    until: p.until,
                })
                .collect(),
        });
    }
    Ok(out)
}

/// The whole completion log of `rituals` (ids as [`all_rituals`] wrote them), by ritual
/// and then by local time, notes opened.
pub fn all_occurrences(
    conn: &Connection,
    key: &DataKey,
    rituals: &[PortableRitual],
) -> Result<Vec<PortableOccurrence>> {
    let mut out = Vec::new();
    for ritual in rituals {
        let id = RitualId::parse(&ritual.id, "id")?;
        for record in occurrence_log::records(conn, Some(key), id, "0000-01-01", "9999-12-31")? {
            let (status, snoozed_until) = match record.status {
                OccurrenceStatus::Done => ("done", None),
                OccurrenceStatus::Skipped => ("skipped", None),
                OccurrenceStatus::Snoozed { until } => ("snoozed", Some(until.as_millis())),
            };
            out.push(PortableOccurrence {
                occurrence_id: record.occurrence_id,
                status: status.to_owned(),
                snoozed_until,
                recorded_at: record.recorded_at.as_millis(),
                note: record.note,
            });
        }
    }
    Ok(out)
}

/// The reminder settings, when the person ever set them (`None`: the defaults apply).
pub fn stored_reminder_settings(conn: &Connection) -> Result<Option<PortableReminderSettings>> {
    if !reminder_settings::are_set(conn)? {
        return Ok(None);
    }
    let settings = reminder_settings::reminder_settings(conn)?;
    Ok(Some(PortableReminderSettings {
        quiet_hours: settings.quiet_hours.map(|q| PortableQuietHours {
            start: q.start,
            end: q.end,
        }),
        catch_up_grace_minutes: settings.catch_up_grace_minutes,
    }))
}

/// Writes a ritual and its pauses back with its id and instants; `false` (nothing
/// written) when the id is already present. Refusals name the field; a pause's reason
/// starts with `pauses[i]`.
pub fn import_ritual(conn: &Connection, key: &DataKey, ritual: &PortableRitual) -> Result<bool> {
    let id = RitualId::parse(&ritual.id, "id")?;
    let kind = KINDS
        .iter()
        .find(|(_, text)| *text == ritual.kind)
        .map(|(k, _)| *k)
        .ok_or_else(|| {
            Error::invalid(
                "kind",
                "must be daily_check_in, weekly_conversation, shared_activity or custom",
            )
        })?;
    check_instants(ritual.created_at, ritual.updated_at)?;
    if ritual.archived_at.is_some_and(|a| a < ritual.created_at) {
        return Err(Error::invalid(
            "archived_at",
            "must not be before created_at",
        ));
    }
    let new = NewRitual {
        kind,
        details: RitualDetails {
            title: ritual.title.clone(),
            notes: ritual.notes.clone(),
            guide: ritual
                .guide
                .iter()
                .map(|s| GuideStep {
                    title: s.title.clone(),
                    prompt: s.prompt.clone(),
                })
                .collect(),
        },
        schedule: Schedule {
            cadence: ritual.cadence.clone(),
            times: ritual.times.clone(),
            start_date: ritual.start_date.clone(),
            zone: ritual
                .zone
                .clone()
                .map_or(ZoneMode::Floating, |zone| ZoneMode::Fixed { zone }),
            lead_minutes: ritual.lead_minutes,
            exact: ritual.exact,
            label: ritual.label.clone(),
        },
    };
    let added = ritual_table::insert_as(
        conn,
        key,
        id,
        &new,
        Timestamp::from_millis(ritual.created_at),
        Timestamp::from_millis(ritual.updated_at),
        ritual.archived_at.map(Timestamp::from_millis),
    )?;
    if !added {
        return Ok(false);
    }
    for (i, pause) in ritual.pauses.iter().enumerate() {
        pauses::pause(conn, id, &pause.from, &pause.until).map_err(|e| within(e, "pauses", i))?;
    }
    Ok(true)
}

/// Writes a completion-log record back as it was recorded; `false` when its occurrence
/// already has a record. Its ritual must be in the vault (imported before).
pub fn import_occurrence(
    conn: &Connection,
    key: &DataKey,
    record: &PortableOccurrence,
) -> Result<bool> {
    let status = match (record.status.as_str(), record.snoozed_until) {
        ("done", None) => OccurrenceStatus::Done,
        ("skipped", None) => OccurrenceStatus::Skipped,
        ("snoozed", Some(until)) => OccurrenceStatus::Snoozed {
            until: Timestamp::from_millis(until),
        },
        _ => {
            return Err(Error::invalid(
                "status",
                "must be done or skipped (without snoozed_until) or snoozed (with it)",
            ));
        }
    };
    if record.recorded_at < 0 {
        return Err(Error::invalid("recorded_at", "is before 1970"));
    }
    occurrence_log::insert_recorded(
        conn,
        key,
        &record.occurrence_id,
        status,
        record.note.as_deref(),
        Timestamp::from_millis(record.recorded_at),
    )
}

/// Writes the reminder settings when the vault has none yet (`false`: it has its own,
/// which stay).
pub fn import_reminder_settings(
    conn: &Connection,
    settings: &PortableReminderSettings,
) -> Result<bool> {
    let settings = ReminderSettings {
        quiet_hours: settings.quiet_hours.as_ref().map(|q| QuietHours {
            start: q.start.clone(),
            end: q.end.clone(),
        }),
        catch_up_grace_minutes: settings.catch_up_grace_minutes,
    };
    settings.check()?;
    if reminder_settings::are_set(conn)? {
        return Ok(false);
    }
    reminder_settings::set_reminder_settings(conn, &settings)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_name_that_reads_back() {
        for (kind, text) in KINDS {
            assert_eq!(kind_text(kind), text);
        }
    }
}
