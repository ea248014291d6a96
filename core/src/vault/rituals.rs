//! The ritual calls of [`Vault`]. Writing a ritual, its details and notes needs the vault
//! unlocked; planning reminders, reading settings and marking an occurrence done or
//! skipped without a note work locked, so a phone that rebooted can re-arm its reminders
//! and take a Done from a notification before anyone types a passphrase.

use super::handle::Vault;
use crate::error::Result;
use crate::rituals::occurrence_log::{self, OccurrenceRecord, OccurrenceStatus};
use crate::rituals::pauses::{self, Pause};
use crate::rituals::planner::{self, NotificationPlan, PlanInputs, PlanRequest};
use crate::rituals::reminder_settings::{self, ReminderSettings};
use crate::rituals::ritual_table;
use crate::rituals::{NewRitual, Ritual, RitualId, WeeklyAdherence, adherence};
use crate::time::{Timestamp, Zone};

impl Vault {
    /// Stores a new ritual; everything is checked first and nothing is stored on
    /// `InvalidInput`. A weekly conversation without steps gets the default guide.
    pub fn add_ritual(&self, ritual: &NewRitual) -> Result<Ritual> {
        let now = self.now();
        self.with_unlocked(|conn, key| ritual_table::add_ritual(conn, key, ritual, now))
    }

    /// Replaces a ritual's kind, details and schedule; its log and pauses stay.
    pub fn update_ritual(&self, id: RitualId, ritual: &NewRitual) -> Result<Ritual> {
        let now = self.now();
        self.with_unlocked(|conn, key| ritual_table::update_ritual(conn, key, id, ritual, now))
    }

    /// Reads one ritual.
    pub fn ritual(&self, id: RitualId) -> Result<Ritual> {
        self.with_unlocked(|conn, key| ritual_table::get_ritual(conn, key, id))
    }

    /// Every ritual, oldest first; archived ones when `include_archived`.
    pub fn rituals(&self, include_archived: bool) -> Result<Vec<Ritual>> {
        self.with_unlocked(|conn, key| ritual_table::rituals(conn, key, include_archived))
    }

    /// Archives a ritual (`true`: no more reminders, its history stays) or brings it back.
    pub fn set_ritual_archived(&self, id: RitualId, archived: bool) -> Result<()> {
        let at = archived.then(|| self.now());
        self.with_unlocked(|conn, _| ritual_table::set_archived(conn, id, at))
    }

    /// Deletes a ritual, its pauses and its log for good.
    pub fn delete_ritual(&self, id: RitualId) -> Result<()> {
        self.with_unlocked(|conn, _| ritual_table::delete_ritual(conn, id))?;
        self.checkpoint()
    }

    /// Pauses a ritual's reminders for dates `from` up to (not including) `until`.
    pub fn pause_ritual(&self, id: RitualId, from: &str, until: &str) -> Result<Pause> {
        self.with_unlocked(|conn, _| pauses::pause(conn, id, from, until))
    }

    /// Ends a ritual's pause today (`YYYY-MM-DD`, the person's local date).
    pub fn resume_ritual(&self, id: RitualId, today: &str) -> Result<()> {
        self.with_unlocked(|conn, _| pauses::resume(conn, id, today))
    }

    /// A ritual's pauses, oldest first.
    pub fn ritual_pauses(&self, id: RitualId) -> Result<Vec<Pause>> {
        self.with_conn(|conn| pauses::pauses(conn, id))
    }

    /// The reminders to arm (see `crate::rituals::planner`). Works while locked.
    pub fn plan_reminders(&self, request: &PlanRequest) -> Result<NotificationPlan> {
        let device = planner::check_request(request)?;
        let inputs = self.with_conn(|conn| {
            let mut paused = pauses::all_paused_dates(conn)?;
            let rituals = ritual_table::active_schedules(conn)?
                .into_iter()
                .map(|(id, schedule)| {
                    let p = paused.remove(&id.to_string()).unwrap_or_default();
                    (id, schedule, p)
                })
                .collect();
            let from = Zone::utc()
                .civil(Timestamp::from_millis(
                    request.now.as_millis() - 3 * 86_400_000,
                ))?
                .date()
                .to_string();
            Ok(PlanInputs {
                rituals,
                statuses: occurrence_log::statuses_from(conn, &from)?,
                settings: Some(reminder_settings::checked_settings(conn)?),
            })
        })?;
        Ok(planner::plan(&inputs, request, &device))
    }

    /// Records what became of an occurrence: done, skipped, or snoozed. Works while
    /// locked when there is no note (a notification's Done action); a note needs the
    /// vault unlocked. `device_zone` is the phone's zone (floating rituals follow it).
    pub fn record_occurrence(
        &self,
        occurrence_id: &str,
        status: OccurrenceStatus,
        note: Option<&str>,
        device_zone: &str,
    ) -> Result<OccurrenceRecord> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        self.with_optional_key(|conn, key| {
            occurrence_log::record(conn, key, occurrence_id, status, note, &zone, now)
        })
    }

    /// Forgets what was recorded for an occurrence (a Done tapped by mistake).
    pub fn clear_occurrence(&self, occurrence_id: &str) -> Result<()> {
        self.with_unlocked(|conn, _| occurrence_log::clear(conn, occurrence_id))
    }

    /// The log of a ritual for local dates `from..=to`; notes are included when unlocked.
    pub fn occurrence_records(
        &self,
        ritual: RitualId,
        from: &str,
        to: &str,
    ) -> Result<Vec<OccurrenceRecord>> {
        self.with_optional_key(|conn, key| {
            ritual_table::schedule_of(conn, ritual)?;
            occurrence_log::records(conn, key, ritual, from, to)
        })
    }

    /// Planned, done and skipped per week for a ritual, over local dates `from..=to`.
    pub fn weekly_adherence(
        &self,
        ritual: RitualId,
        from: &str,
        to: &str,
        device_zone: &str,
    ) -> Result<Vec<WeeklyAdherence>> {
        let zone = Zone::named(device_zone, "device_zone")?;
        self.with_conn(|conn| adherence::weekly_adherence(conn, ritual, from, to, &zone))
    }

    /// Quiet hours and the catch-up grace window (defaults when never set).
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        self.with_conn(reminder_settings::reminder_settings)
    }

    /// Stores new reminder settings (checked first).
    pub fn set_reminder_settings(&self, settings: &ReminderSettings) -> Result<()> {
        self.with_unlocked(|conn, _| reminder_settings::set_reminder_settings(conn, settings))
    }
}
