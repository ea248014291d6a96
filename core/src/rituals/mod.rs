//! # Rituals of connection and their reminders
//!
//! A ritual (a daily check-in, a weekly relationship conversation, a shared activity,
//! the person's own) has sealed details in the person's words and a plaintext schedule:
//! an RFC 5545 rule ([`cadence`]), times of day, a start date, a zone mode, a lead time,
//! whether timing must be exact, and an optional lock-screen label. From the schedules,
//! pauses, completion log and reminder settings, the [`planner`] computes the reminders
//! the phone should arm; it reads no sealed column, so it works while the vault is
//! locked, after a reboot, before the first unlock.
//!
//! | file | owns |
//! |---|---|
//! | `cadence` | the RRULE subset: parse, check, canonical text, dates |
//! | `series` | occurrences (dates × times, COUNT, UNTIL) and their instants |
//! | `ritual` | the types and their checks |
//! | `ritual_table` | the `rituals` table |
//! | `pauses` | the `ritual_pauses` table |
//! | `occurrence_log` | the `ritual_occurrences` table: done, skipped, snoozed, notes |
//! | `reminder_settings` | quiet hours and the catch-up grace window |
//! | `planner` | the notification plan |
//! | `adherence` | planned vs done per ritual per week |
//! | `portable` | the rituals' records of the open export, out and back in |
//!
//! Not here: arming notifications (the Kotlin and Swift shells), locking and keys
//! (`crate::vault`, which composes these functions behind its lock).

pub mod adherence;
pub mod cadence;
pub mod occurrence_log;
pub mod pauses;
pub mod planner;
pub mod portable;
pub mod reminder_settings;
pub mod ritual;
pub mod ritual_table;
pub mod series;

pub use adherence::WeeklyAdherence;
pub use cadence::Cadence;
pub use occurrence_log::{OccurrenceRecord, OccurrenceStatus};
pub use pauses::Pause;
pub use planner::{NotificationPlan, PlanItem, PlanItemReason, PlanRequest};
pub use reminder_settings::{QuietHours, ReminderSettings};
pub use ritual::{
    GuideStep, NewRitual, Ritual, RitualDetails, RitualId, RitualKind, Schedule, ZoneMode,
    default_conversation_guide,
};
pub use series::{OccurrencePreview, preview};

/// Writes `rule` back in canonical form, or says what is wrong with it
/// (`InvalidInput { field: "cadence" }`).
pub fn canonical_cadence(rule: &str) -> crate::Result<String> {
    Cadence::parse(rule).map(|c| c.to_string())
}
