//! Rituals, their schedules, the completion log and the notification plan, as Kotlin and
//! Swift see them. Every record and enum here is the core's own type (`innermost::rituals`)
//! declared with `#[uniffi::remote]`, so the field lists are checked by the compiler.
//! Local dates cross as `YYYY-MM-DD`, times of day as `HH:MM`, instants as UTC epoch ms,
//! zones as IANA names (DESIGN.md §3).

use innermost::Timestamp;
use innermost::rituals::{
    GuideStep, NewRitual, NotificationPlan, OccurrencePreview, OccurrenceRecord, OccurrenceStatus,
    Pause, PlanItem, PlanItemReason, PlanRequest, QuietHours, ReminderSettings, Ritual,
    RitualDetails, RitualId, RitualKind, Schedule, WeeklyAdherence, ZoneMode,
};

use crate::error::{InnermostError, Result};

uniffi::custom_type!(RitualId, String, {
    remote,
    lower: |id| id.to_string(),
    try_lift: |text| RitualId::parse(&text, "ritual_id").map_err(|e| InnermostError::from(e).into()),
});

/// What kind of ritual of connection.
#[uniffi::remote(Enum)]
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

/// One step of a conversation guide.
#[uniffi::remote(Record)]
pub struct GuideStep {
    /// A short heading ("Appreciations").
    pub title: String,
    /// What to talk about.
    pub prompt: String,
}

/// What the person wrote about a ritual: sealed in the vault.
#[uniffi::remote(Record)]
pub struct RitualDetails {
    /// The ritual's name (1-120 characters).
    pub title: String,
    /// Free notes (at most 4,000 characters).
    pub notes: String,
    /// Conversation steps (at most 12); a weekly conversation without steps gets the
    /// default guide (appreciations, what is working, what is hard, one request).
    pub guide: Vec<GuideStep>,
}

/// Which zone a ritual's times are read in.
#[uniffi::remote(Enum)]
pub enum ZoneMode {
    /// The phone's current zone ("8 pm wherever I am").
    Floating,
    /// One IANA zone whatever the phone's (a call with a partner abroad).
    Fixed {
        /// The IANA name, e.g. `Europe/Paris`.
        zone: String,
    },
}

/// When a ritual happens; stored in the clear so reminders can be planned while locked.
#[uniffi::remote(Record)]
pub struct Schedule {
    /// An RFC 5545 rule in the supported subset (FREQ DAILY/WEEKLY/MONTHLY, INTERVAL,
    /// BYDAY with ordinals, BYMONTHDAY, COUNT, UNTIL, WKST); returned in canonical form.
    pub cadence: String,
    /// Times of day, `HH:MM`, 1-12 distinct; returned sorted.
    pub times: Vec<String>,
    /// The first date it may happen, `YYYY-MM-DD`.
    pub start_date: String,
    /// Floating or fixed zone.
    pub zone: ZoneMode,
    /// Minutes before an occurrence that its reminder fires (0 to 10,080).
    pub lead_minutes: u32,
    /// Whether the reminder must fire on the minute (an exact alarm on Android).
    pub exact: bool,
    /// The person's own lock-screen text (1-40 characters) instead of the neutral
    /// wording. Stored unsealed: it is what they chose to let anyone see.
    pub label: Option<String>,
}

/// A ritual as written or edited.
#[uniffi::remote(Record)]
pub struct NewRitual {
    /// Its kind.
    pub kind: RitualKind,
    /// Title, notes, guide (sealed).
    pub details: RitualDetails,
    /// When it happens.
    pub schedule: Schedule,
}

/// A stored ritual.
#[uniffi::remote(Record)]
pub struct Ritual {
    /// Its id (a UUIDv7).
    pub id: RitualId,
    /// Its kind.
    pub kind: RitualKind,
    /// Title, notes, guide.
    pub details: RitualDetails,
    /// When it happens.
    pub schedule: Schedule,
    /// When it was created (UTC epoch ms).
    pub created_at: Timestamp,
    /// When it was last changed (UTC epoch ms).
    pub updated_at: Timestamp,
    /// When it was archived; `null`/`nil` while active.
    pub archived_at: Option<Timestamp>,
}

/// Dates `from` (inclusive) to `until` (exclusive) without reminders.
#[uniffi::remote(Record)]
pub struct Pause {
    /// The first paused date, `YYYY-MM-DD`.
    pub from: String,
    /// The first date reminders come back.
    pub until: String,
}

/// What became of an occurrence.
#[uniffi::remote(Enum)]
pub enum OccurrenceStatus {
    /// It happened.
    Done,
    /// Let go on purpose this time.
    Skipped,
    /// Put off; a one-off reminder fires at `until` (within a day).
    Snoozed {
        /// When to remind again (UTC epoch ms).
        until: Timestamp,
    },
}

/// One entry of the completion log.
#[uniffi::remote(Record)]
pub struct OccurrenceRecord {
    /// `<ritual id>/<YYYY-MM-DDTHH:MM>`.
    pub occurrence_id: String,
    /// Done, skipped or snoozed.
    pub status: OccurrenceStatus,
    /// When it was recorded (UTC epoch ms).
    pub recorded_at: Timestamp,
    /// The person's note; `null`/`nil` when none or when the vault is locked.
    pub note: Option<String>,
}

/// One ritual's week: planned, done and skipped occurrences.
#[uniffi::remote(Record)]
pub struct WeeklyAdherence {
    /// The ritual.
    pub ritual_id: RitualId,
    /// The Monday starting the week, `YYYY-MM-DD`.
    pub week_start: String,
    /// Occurrences planned (paused dates excluded).
    pub planned: u32,
    /// Done.
    pub done: u32,
    /// Skipped on purpose.
    pub skipped: u32,
}

/// A nightly window without reminders (in the phone's zone).
#[uniffi::remote(Record)]
pub struct QuietHours {
    /// Start, `HH:MM`.
    pub start: String,
    /// End, `HH:MM` (before `start` for a window across midnight).
    pub end: String,
}

/// Settings shared by every reminder.
#[uniffi::remote(Record)]
pub struct ReminderSettings {
    /// Quiet hours: a reminder that falls inside moves to their end.
    pub quiet_hours: Option<QuietHours>,
    /// How long a reminder missed while the phone was off is still worth one catch-up
    /// notification, in minutes (0 turns catch-ups off; at most 1,440).
    pub catch_up_grace_minutes: u32,
}

/// What a shell asks the planner for.
#[uniffi::remote(Record)]
pub struct PlanRequest {
    /// The current instant (UTC epoch ms).
    pub now: Timestamp,
    /// The phone's current IANA zone.
    pub device_zone: String,
    /// The most items the shell can arm (1-500; iOS keeps 64).
    #[uniffi(default = 64)]
    pub budget: u32,
    /// Days ahead to plan (1-730).
    #[uniffi(default = 365)]
    pub horizon_days: u32,
    /// Reminders due from this instant on may never have been shown (the phone was off,
    /// or a reboot cleared the alarms): they may get one catch-up item each.
    #[uniffi(default = None)]
    pub missed_since: Option<Timestamp>,
}

/// Why an item is in the plan.
#[uniffi::remote(Enum)]
pub enum PlanItemReason {
    /// An upcoming occurrence.
    Scheduled,
    /// A snoozed occurrence: a one-off reminder.
    Snoozed,
    /// A reminder missed while the phone was off, shown once, now.
    CatchUp,
}

/// One reminder to arm.
#[uniffi::remote(Record)]
pub struct PlanItem {
    /// Stable across replans: diff armed reminders against new plans by this id.
    pub id: String,
    /// The occurrence (what `record_occurrence` takes for Done, Skip, Snooze).
    pub occurrence_id: String,
    /// The ritual.
    pub ritual_id: RitualId,
    /// Why it is planned.
    pub reason: PlanItemReason,
    /// When to show it (UTC epoch ms).
    pub fire_at: Timestamp,
    /// When the occurrence is (UTC epoch ms).
    pub occurs_at: Timestamp,
    /// Needs an exact alarm; otherwise the platform's inexact window will do.
    pub exact: bool,
    /// Notification title: neutral, or the person's own label.
    pub title: String,
    /// Notification text: neutral, never what the ritual is about.
    pub body: String,
    /// Whether `title` is the person's label (localise only neutral wording).
    pub has_own_label: bool,
    /// A stable integer from `id` (Android `PendingIntent` request code).
    pub request_code: i32,
}

/// The reminders to arm, soonest first, and when to ask again.
#[uniffi::remote(Record)]
pub struct NotificationPlan {
    /// Sorted by `fire_at`, then `id`.
    pub items: Vec<PlanItem>,
    /// Ask for a new plan at or before this instant (UTC epoch ms).
    pub replan_by: Timestamp,
}

/// One occurrence in a schedule preview.
#[uniffi::remote(Record)]
pub struct OccurrencePreview {
    /// Local date and time, `YYYY-MM-DDTHH:MM`.
    pub local: String,
    /// When it happens (UTC epoch ms).
    pub at: Timestamp,
}

/// Writes an RFC 5545 rule back canonically, or raises `InvalidInput` on `cadence`
/// saying what is outside the subset or impossible.
#[uniffi::export]
pub fn canonical_cadence(rule: String) -> Result<String> {
    Ok(innermost::rituals::canonical_cadence(&rule)?)
}

/// The first `limit` (at most 500) occurrences of a schedule from local date `from`,
/// without storing anything: what a schedule editor shows as "next times".
#[uniffi::export]
pub fn preview_schedule(
    schedule: Schedule,
    device_zone: String,
    from: String,
    limit: u32,
) -> Result<Vec<OccurrencePreview>> {
    Ok(innermost::rituals::preview(
        &schedule,
        &device_zone,
        &from,
        limit,
    )?)
}

/// The default guide of a weekly relationship conversation: appreciations, what is
/// working, what is hard, one request.
#[uniffi::export]
pub fn default_conversation_guide() -> Vec<GuideStep> {
    innermost::rituals::default_conversation_guide()
}
