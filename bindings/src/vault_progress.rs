//! The [`Vault`] calls of the progress model. Every one needs the vault unlocked (they
//! read or write sealed values) and checks its input first: `InvalidInput` names the
//! field and nothing is stored. Each is a small wrapper over the core's call of the same
//! name; `device_zone` is the phone's IANA zone, which gives local dates.

use innermost::progress::{
    GrowthScore, LadderAttempt, LadderAttemptOutcome, LadderRung, LadderStats, LadderStep, Measure,
    MeasureDefinition, MeasureResponse, MeasureResponseOutcome, Milestone, NewLadderAttempt,
    NewLadderStep, NewPracticeEvent, PracticeEvent, PracticeOutcome, PracticePause, ProgressId,
    ProgressReminders, ProgressTrends, SetbackPlan, StreakSettings, StreakStatus,
};

use crate::error::Result;
use crate::vault::Vault;

#[uniffi::export]
impl Vault {
    /// Logs a victory, a setback or a recommitment. A setback comes back with the
    /// person's plan, reminders of progress and a step to recommit with; new milestones
    /// come back to celebrate.
    pub fn log_practice(
        &self,
        event: NewPracticeEvent,
        device_zone: String,
    ) -> Result<PracticeOutcome> {
        Ok(self.inner.log_practice(&event, &device_zone)?)
    }

    /// Practice events on local dates `from..=to` (either bound optional), oldest first.
    pub fn practice_events(
        &self,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<PracticeEvent>> {
        Ok(self.inner.practice_events(from.as_deref(), to.as_deref())?)
    }

    /// Deletes a practice event for good.
    pub fn delete_practice_event(&self, id: ProgressId) -> Result<()> {
        Ok(self.inner.delete_practice_event(id)?)
    }

    /// Pauses practice for dates `from` up to (not including) `until`: the score is frozen.
    pub fn pause_practice(&self, from: String, until: String) -> Result<PracticePause> {
        Ok(self.inner.pause_practice(&from, &until)?)
    }

    /// Every practice pause, oldest first.
    pub fn practice_pauses(&self) -> Result<Vec<PracticePause>> {
        Ok(self.inner.practice_pauses()?)
    }

    /// Removes a practice pause.
    pub fn delete_practice_pause(&self, id: ProgressId) -> Result<()> {
        Ok(self.inner.delete_practice_pause(id)?)
    }

    /// Adds a step to the vulnerability ladder.
    pub fn add_ladder_step(&self, step: NewLadderStep) -> Result<LadderStep> {
        Ok(self.inner.add_ladder_step(&step)?)
    }

    /// The ladder from small to deep, with attempts per step.
    pub fn ladder(&self) -> Result<Vec<LadderRung>> {
        Ok(self.inner.ladder()?)
    }

    /// The smallest step not yet climbed.
    pub fn next_ladder_step(&self) -> Result<Option<LadderStep>> {
        Ok(self.inner.next_ladder_step()?)
    }

    /// Deletes a ladder step and its attempts.
    pub fn delete_ladder_step(&self, id: ProgressId) -> Result<()> {
        Ok(self.inner.delete_ladder_step(id)?)
    }

    /// Records an attempt; an unknown step is `InvalidInput` on `step_id`.
    pub fn record_ladder_attempt(
        &self,
        attempt: NewLadderAttempt,
        device_zone: String,
    ) -> Result<LadderAttemptOutcome> {
        Ok(self.inner.record_ladder_attempt(&attempt, &device_zone)?)
    }

    /// Attempts of one step (or all when `step` is null/nil), oldest first.
    pub fn ladder_attempts(&self, step: Option<ProgressId>) -> Result<Vec<LadderAttempt>> {
        Ok(self.inner.ladder_attempts(step)?)
    }

    /// Deletes one attempt for good, say one logged against the wrong step; the step and
    /// its other attempts stay. `NotFound` for an unknown id.
    pub fn delete_ladder_attempt(&self, id: ProgressId) -> Result<()> {
        Ok(self.inner.delete_ladder_attempt(id)?)
    }

    /// Predicted against actual anxiety over every attempt.
    pub fn ladder_stats(&self) -> Result<LadderStats> {
        Ok(self.inner.ladder_stats()?)
    }

    /// The built-in reflection scales, then the person's own measures.
    pub fn measures(&self) -> Result<Vec<Measure>> {
        Ok(self.inner.measures()?)
    }

    /// Stores a measure the person or their therapist defined.
    pub fn add_measure(&self, definition: MeasureDefinition) -> Result<Measure> {
        Ok(self.inner.add_measure(&definition)?)
    }

    /// Answers a measure now, one answer per item within its range.
    pub fn record_measure_response(
        &self,
        measure_id: String,
        answers: Vec<u32>,
        device_zone: String,
    ) -> Result<MeasureResponseOutcome> {
        Ok(self
            .inner
            .record_measure_response(&measure_id, &answers, &device_zone)?)
    }

    /// Responses to one measure, oldest first, scored.
    pub fn measure_responses(&self, measure_id: String) -> Result<Vec<MeasureResponse>> {
        Ok(self.inner.measure_responses(&measure_id)?)
    }

    /// Deletes one response for good, to any measure including the built-in scales.
    /// `NotFound` for an unknown id.
    pub fn delete_measure_response(&self, id: ProgressId) -> Result<()> {
        Ok(self.inner.delete_measure_response(id)?)
    }

    /// Deletes one of the person's own measures together with every response to it, in
    /// one transaction, and returns how many responses went (say so before calling it).
    /// A built-in scale is `InvalidInput` on `measure_id`; an unknown id `NotFound`.
    pub fn delete_measure(&self, measure_id: String) -> Result<u32> {
        Ok(self.inner.delete_measure(&measure_id)?)
    }

    /// Stores the setback plan, replacing the previous one.
    pub fn set_setback_plan(&self, plan: SetbackPlan) -> Result<()> {
        Ok(self.inner.set_setback_plan(&plan)?)
    }

    /// The setback plan, if one was written.
    pub fn setback_plan(&self) -> Result<Option<SetbackPlan>> {
        Ok(self.inner.setback_plan()?)
    }

    /// How far the person has come, from their own record.
    pub fn progress_reminders(&self, device_zone: String) -> Result<ProgressReminders> {
        Ok(self.inner.progress_reminders(&device_zone)?)
    }

    /// Stores the streak settings.
    pub fn set_streak_settings(&self, settings: StreakSettings) -> Result<()> {
        Ok(self.inner.set_streak_settings(&settings)?)
    }

    /// The streak settings (off by default).
    pub fn streak_settings(&self) -> Result<StreakSettings> {
        Ok(self.inner.streak_settings()?)
    }

    /// The streak today; null/nil while streaks are off.
    pub fn streak(&self, device_zone: String) -> Result<Option<StreakStatus>> {
        Ok(self.inner.streak(&device_zone)?)
    }

    /// The growth score today with its reasons.
    pub fn growth_score(&self, device_zone: String) -> Result<GrowthScore> {
        Ok(self.inner.growth_score(&device_zone)?)
    }

    /// Every milestone raised so far, oldest first.
    pub fn milestones(&self) -> Result<Vec<Milestone>> {
        Ok(self.inner.milestones()?)
    }

    /// Raises milestones the record reached; returns only new ones. Progress writes raise
    /// only the milestones of their own kind: call this after unlocking, after marking a
    /// ritual done, saving the setback plan or importing.
    pub fn check_milestones(&self, device_zone: String) -> Result<Vec<Milestone>> {
        Ok(self.inner.check_milestones(&device_zone)?)
    }

    /// Weekly aggregates and first-month-against-last comparisons for `from..=to`.
    pub fn progress_trends(
        &self,
        from: String,
        to: String,
        device_zone: String,
    ) -> Result<ProgressTrends> {
        Ok(self.inner.progress_trends(&from, &to, &device_zone)?)
    }
}
