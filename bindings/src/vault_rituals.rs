//! The [`Vault`] calls for rituals and reminders. Planning, reading settings and pauses,
//! and marking an occurrence done or skipped without a note work while the vault is
//! locked (a phone that rebooted re-arms its reminders before the first unlock); the
//! rest needs it unlocked. Each is a small wrapper over the core's call of the same name.

use innermost::rituals::{
    NewRitual, NotificationPlan, OccurrenceRecord, OccurrenceStatus, Pause, PlanRequest,
    ReminderSettings, Ritual, RitualId, WeeklyAdherence,
};

use crate::error::Result;
use crate::vault::Vault;

#[uniffi::export]
impl Vault {
    /// Stores a new ritual; nothing is stored on `InvalidInput`.
    pub fn add_ritual(&self, ritual: NewRitual) -> Result<Ritual> {
        Ok(self.inner.add_ritual(&ritual)?)
    }

    /// Replaces a ritual's kind, details and schedule; its log and pauses stay.
    pub fn update_ritual(&self, id: RitualId, ritual: NewRitual) -> Result<Ritual> {
        Ok(self.inner.update_ritual(id, &ritual)?)
    }

    /// Reads one ritual.
    pub fn ritual(&self, id: RitualId) -> Result<Ritual> {
        Ok(self.inner.ritual(id)?)
    }

    /// Every ritual, oldest first; archived ones too when `include_archived`.
    pub fn rituals(&self, include_archived: bool) -> Result<Vec<Ritual>> {
        Ok(self.inner.rituals(include_archived)?)
    }

    /// Archives a ritual (no more reminders, history kept) or brings it back.
    pub fn set_ritual_archived(&self, id: RitualId, archived: bool) -> Result<()> {
        Ok(self.inner.set_ritual_archived(id, archived)?)
    }

    /// Deletes a ritual, its pauses and its log for good.
    pub fn delete_ritual(&self, id: RitualId) -> Result<()> {
        Ok(self.inner.delete_ritual(id)?)
    }

    /// Pauses reminders for dates `from` up to (not including) `until`, `YYYY-MM-DD`.
    pub fn pause_ritual(&self, id: RitualId, from: String, until: String) -> Result<Pause> {
        Ok(self.inner.pause_ritual(id, &from, &until)?)
    }

    /// Ends a pause today (`YYYY-MM-DD`, the person's local date).
    pub fn resume_ritual(&self, id: RitualId, today: String) -> Result<()> {
        Ok(self.inner.resume_ritual(id, &today)?)
    }

    /// A ritual's pauses, oldest first. Works while locked.
    pub fn ritual_pauses(&self, id: RitualId) -> Result<Vec<Pause>> {
        Ok(self.inner.ritual_pauses(id)?)
    }

    /// The reminders to arm and when to ask again. Works while locked; the same plan
    /// either way.
    pub fn plan_reminders(&self, request: PlanRequest) -> Result<NotificationPlan> {
        Ok(self.inner.plan_reminders(&request)?)
    }

    /// Records done, skipped or snoozed for an occurrence. Works while locked without a
    /// note (a notification's Done action); a note needs the vault unlocked.
    pub fn record_occurrence(
        &self,
        occurrence_id: String,
        status: OccurrenceStatus,
        note: Option<String>,
        device_zone: String,
    ) -> Result<OccurrenceRecord> {
        Ok(self
            .inner
            .record_occurrence(&occurrence_id, status, note.as_deref(), &device_zone)?)
    }

    /// Forgets what was recorded for an occurrence (a Done tapped by mistake).
    pub fn clear_occurrence(&self, occurrence_id: String) -> Result<()> {
        Ok(self.inner.clear_occurrence(&occurrence_id)?)
    }

    /// A ritual's log for local dates `from..=to`; notes only when unlocked.
    pub fn occurrence_records(
        &self,
        ritual: RitualId,
        from: String,
        to: String,
    ) -> Result<Vec<OccurrenceRecord>> {
        Ok(self.inner.occurrence_records(ritual, &from, &to)?)
    }

    /// Planned, done and skipped per week over local dates `from..=to`.
    pub fn weekly_adherence(
        &self,
        ritual: RitualId,
        from: String,
        to: String,
        device_zone: String,
    ) -> Result<Vec<WeeklyAdherence>> {
        Ok(self
            .inner
            .weekly_adherence(ritual, &from, &to, &device_zone)?)
    }

    /// Quiet hours and the catch-up grace window. Works while locked.
    pub fn reminder_settings(&self) -> Result<ReminderSettings> {
        Ok(self.inner.reminder_settings()?)
    }

    /// Stores new reminder settings (checked first).
    pub fn set_reminder_settings(&self, settings: ReminderSettings) -> Result<()> {
        Ok(self.inner.set_reminder_settings(&settings)?)
    }
}
