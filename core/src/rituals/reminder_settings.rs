//! Settings every ritual's reminders share: quiet hours and the catch-up grace window.
//! One row, plaintext (the planner reads it locked), defaults when never set.

use jiff::civil::Time;
use rusqlite::{Connection, OptionalExtension, params};

use super::ritual::{parse_time, time_text};
use crate::error::{Error, Result};

/// Default grace window for catch-up reminders: two hours.
pub const DEFAULT_CATCH_UP_GRACE_MINUTES: u32 = 120;
/// Longest grace window: a day.
pub const MAX_CATCH_UP_GRACE_MINUTES: u32 = 24 * 60;

/// A nightly window in which no reminder fires; one that falls inside moves to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuietHours {
    /// When quiet begins, `HH:MM` in the phone's zone.
    pub start: String,
    /// When it ends, `HH:MM`; before `start` for a window across midnight.
    pub end: String,
}

/// Settings shared by every ritual's reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Quiet hours, if any.
    pub quiet_hours: Option<QuietHours>,
    /// How long after its time a reminder missed while the phone was off is still worth
    /// one catch-up notification (0 turns catch-ups off; at most a day).
    pub catch_up_grace_minutes: u32,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            quiet_hours: None,
            catch_up_grace_minutes: DEFAULT_CATCH_UP_GRACE_MINUTES,
        }
    }
}

/// Quiet hours, parsed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QuietWindow {
    pub start: Time,
    pub end: Time,
}

impl QuietWindow {
    /// Whether local time `t` is quiet.
    pub fn contains(self, t: Time) -> bool {
        if self.start < self.end {
            self.start <= t && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }
}

/// Checked settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CheckedSettings {
    pub quiet: Option<QuietWindow>,
    pub grace_ms: i64,
}

impl ReminderSettings {
    pub(crate) fn check(&self) -> Result<CheckedSettings> {
        let quiet = match &self.quiet_hours {
            None => None,
            Some(q) => {
                let start = parse_time(&q.start, "quiet_hours.start")?;
                let end = parse_time(&q.end, "quiet_hours.end")?;
                if start == end {
                    return Err(Error::invalid("quiet_hours.end", "must differ from start"));
                }
                Some(QuietWindow { start, end })
            }
        };
        if self.catch_up_grace_minutes > MAX_CATCH_UP_GRACE_MINUTES {
            return Err(Error::invalid(
                "catch_up_grace_minutes",
                "is longer than a day",
            ));
        }
        Ok(CheckedSettings {
            quiet,
            grace_ms: i64::from(self.catch_up_grace_minutes) * 60_000,
        })
    }
}

/// The stored settings, or the defaults.
pub fn reminder_settings(conn: &Connection) -> Result<ReminderSettings> {
    let row: Option<(Option<String>, Option<String>, u32)> = conn
        .prepare_cached(
            "SELECT quiet_start, quiet_end, catch_up_grace_minutes FROM reminder_settings",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        None => ReminderSettings::default(),
        Some((start, end, grace)) => ReminderSettings {
            quiet_hours: start.zip(end).map(|(start, end)| QuietHours { start, end }),
            catch_up_grace_minutes: grace,
        },
    })
}

/// Whether settings were ever stored (otherwise the defaults apply).
pub(crate) fn are_set(conn: &Connection) -> Result<bool> {
    crate::store::has_row(conn, "reminder_settings", "settings")
}

/// Stores new settings (checked first).
pub fn set_reminder_settings(conn: &Connection, settings: &ReminderSettings) -> Result<()> {
    let checked = settings.check()?;
    conn.prepare_cached(
        "INSERT INTO reminder_settings (id, quiet_start, quiet_end, catch_up_grace_minutes)
         VALUES ('settings', ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET quiet_start = excluded.quiet_start,
             quiet_end = excluded.quiet_end, catch_up_grace_minutes = excluded.catch_up_grace_minutes",
    )?
    .execute(params![
        checked.quiet.map(|q| time_text(q.start)),
        checked.quiet.map(|q| time_text(q.end)),
        settings.catch_up_grace_minutes,
    ])?;
    Ok(())
}

/// The stored settings, checked (damage is reported, not ignored).
pub(crate) fn checked_settings(conn: &Connection) -> Result<CheckedSettings> {
    reminder_settings(conn)?
        .check()
        .map_err(|_| Error::corrupted("reminder settings"))
}
