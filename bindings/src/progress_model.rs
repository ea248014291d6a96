//! The progress model as Kotlin and Swift see it: practice events, pauses, the
//! vulnerability ladder, check-in measures, the setback plan, the growth score, streaks,
//! milestones and trends. Every record and enum here is the core's own type
//! (`innermost::progress`) declared with `#[uniffi::remote]`, so the field lists are
//! checked by the compiler. Local dates cross as `YYYY-MM-DD`, instants as UTC epoch ms,
//! zones as IANA names (DESIGN.md §3); scores are between 0 and 1.

use innermost::Timestamp;
use innermost::progress::{
    DailyScore, FreezeReason, GrowthReason, GrowthReasonKind, GrowthScore, LadderAttempt,
    LadderAttemptOutcome, LadderRung, LadderStats, LadderStep, Measure, MeasureDefinition,
    MeasureItem, MeasureResponse, MeasureResponseOutcome, MeasureScore, Milestone, MilestoneKind,
    MonthComparison, NewLadderAttempt, NewLadderStep, NewPracticeEvent, PracticeEvent,
    PracticeKind, PracticeOutcome, PracticePause, ProgressId, ProgressReminders, ProgressTrends,
    ScaleChange, Scoring, Setback, SetbackPlan, SetbackSupport, StreakSettings, StreakStatus,
    SubscaleScore, TrendMetric, Victory, WeeklyProgress,
};

use crate::error::InnermostError;

uniffi::custom_type!(ProgressId, String, {
    remote,
    lower: |id| id.to_string(),
    try_lift: |text| ProgressId::parse(&text, "id").map_err(|e| InnermostError::from(e).into()),
});

/// A small victory.
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Enum)]
pub enum PracticeKind {
    /// A small victory: counts as practice.
    Victory {
        /// Which one.
        victory: Victory,
    },
    /// A setback: opens a three-day recovery window, never lowers the growth score.
    Setback {
        /// Which one.
        setback: Setback,
    },
    /// Coming back to practice after a setback: counts as practice.
    Recommitted,
}

/// A practice event as logged.
#[uniffi::remote(Record)]
pub struct NewPracticeEvent {
    /// Victory, setback or recommitting.
    pub kind: PracticeKind,
    /// When it happened (UTC epoch ms); not in the future.
    pub occurred_at: Timestamp,
    /// The situation (at most 2,000 characters; may be empty).
    pub context: String,
    /// Trigger tag keys from the journal's vocabulary (at most 10).
    pub trigger_keys: Vec<String>,
    /// What helped (at most 2,000 characters; may be empty).
    pub what_helped: String,
}

/// A stored practice event.
#[uniffi::remote(Record)]
pub struct PracticeEvent {
    /// Its id (a UUIDv7).
    pub id: ProgressId,
    /// Victory, setback or recommitting.
    pub kind: PracticeKind,
    /// When it happened (UTC epoch ms).
    pub occurred_at: Timestamp,
    /// The local date it happened on, `YYYY-MM-DD`.
    pub local_date: String,
    /// The situation.
    pub context: String,
    /// Trigger tag keys.
    pub trigger_keys: Vec<String>,
    /// What helped.
    pub what_helped: String,
    /// When it was logged (UTC epoch ms).
    pub recorded_at: Timestamp,
}

/// Dates `from` (inclusive) to `until` (exclusive) on which the growth score is frozen.
#[uniffi::remote(Record)]
pub struct PracticePause {
    /// Its id.
    pub id: ProgressId,
    /// The first paused date, `YYYY-MM-DD`.
    pub from: String,
    /// The first date practice counts again, `YYYY-MM-DD`.
    pub until: String,
}

/// A ladder step as written.
#[uniffi::remote(Record)]
pub struct NewLadderStep {
    /// What to do (1-200 characters).
    pub text: String,
    /// Expected difficulty, 0-10: orders the ladder from small to deep.
    pub expected_difficulty: u8,
}

/// A stored ladder step.
#[uniffi::remote(Record)]
pub struct LadderStep {
    /// Its id.
    pub id: ProgressId,
    /// What to do.
    pub text: String,
    /// Expected difficulty, 0-10.
    pub expected_difficulty: u8,
    /// When it was written (UTC epoch ms).
    pub created_at: Timestamp,
}

/// An attempt of a ladder step as recorded.
#[uniffi::remote(Record)]
pub struct NewLadderAttempt {
    /// The step attempted.
    pub step_id: ProgressId,
    /// When (UTC epoch ms); not in the future.
    pub attempted_at: Timestamp,
    /// Anxiety predicted beforehand, 0-10.
    pub predicted_anxiety: u8,
    /// Anxiety just before, 0-10.
    pub anxiety_before: u8,
    /// Anxiety at its highest, 0-10.
    pub anxiety_peak: u8,
    /// Anxiety afterwards, 0-10.
    pub anxiety_after: u8,
    /// What happened (at most 2,000 characters; may be empty).
    pub outcome: String,
}

/// A stored attempt.
#[uniffi::remote(Record)]
pub struct LadderAttempt {
    /// Its id.
    pub id: ProgressId,
    /// The step, the anxieties and the outcome.
    pub attempt: NewLadderAttempt,
    /// The local date, `YYYY-MM-DD`.
    pub local_date: String,
}

/// One rung of the ladder.
#[uniffi::remote(Record)]
pub struct LadderRung {
    /// The step.
    pub step: LadderStep,
    /// Attempts recorded.
    pub attempts: u32,
    /// Whether it was attempted at least once.
    pub climbed: bool,
}

/// Predicted against actual anxiety over every attempt.
#[uniffi::remote(Record)]
pub struct LadderStats {
    /// Attempts recorded.
    pub attempts: u32,
    /// Distinct steps climbed.
    pub steps_climbed: u32,
    /// Mean predicted anxiety (0 with no attempts).
    pub mean_predicted: f64,
    /// Mean anxiety just before.
    pub mean_before: f64,
    /// Mean peak anxiety.
    pub mean_peak: f64,
    /// Mean anxiety afterwards.
    pub mean_after: f64,
    /// Attempts whose peak stayed below the prediction: fears that did not come true.
    pub predictions_above_peak: u32,
    /// Attempts whose peak exceeded the prediction.
    pub predictions_below_peak: u32,
}

/// What recording a ladder attempt returns.
#[uniffi::remote(Record)]
pub struct LadderAttemptOutcome {
    /// The attempt as stored.
    pub attempt: LadderAttempt,
    /// The next suggested step now.
    pub next_step: Option<LadderStep>,
    /// Milestones reached, raised now and never again.
    pub new_milestones: Vec<Milestone>,
}

/// How a measure is scored.
#[uniffi::remote(Enum)]
pub enum Scoring {
    /// The sum of the answers.
    Sum,
    /// The mean of the answers.
    Mean,
}

/// One item of a measure.
#[uniffi::remote(Record)]
pub struct MeasureItem {
    /// The item as shown (1-300 characters).
    pub text: String,
    /// Scored as `min + max - answer`.
    pub reverse_keyed: bool,
    /// Its subscale, if any.
    pub subscale: Option<String>,
}

/// A measure as defined by the person or their therapist.
#[uniffi::remote(Record)]
pub struct MeasureDefinition {
    /// Its name (1-300 characters).
    pub name: String,
    /// Its items (1-60).
    pub items: Vec<MeasureItem>,
    /// The lowest answer.
    pub min: u32,
    /// The highest answer (above `min`, at most 100).
    pub max: u32,
    /// Sum or mean.
    pub scoring: Scoring,
}

/// A measure the person can answer.
#[uniffi::remote(Record)]
pub struct Measure {
    /// A UUID for the person's own; `reflection.<name>` for the built-in scales.
    pub id: String,
    /// What it asks and how it is scored.
    pub definition: MeasureDefinition,
    /// Whether the project wrote it.
    pub built_in: bool,
}

/// One subscale's score.
#[uniffi::remote(Record)]
pub struct SubscaleScore {
    /// The subscale.
    pub name: String,
    /// Its score.
    pub score: f64,
}

/// A scored response.
#[uniffi::remote(Record)]
pub struct MeasureScore {
    /// The whole measure's score.
    pub total: f64,
    /// Each subscale, in order of first appearance.
    pub subscales: Vec<SubscaleScore>,
}

/// A stored response.
#[uniffi::remote(Record)]
pub struct MeasureResponse {
    /// Its id.
    pub id: ProgressId,
    /// The measure answered.
    pub measure_id: String,
    /// When (UTC epoch ms).
    pub answered_at: Timestamp,
    /// The local date, `YYYY-MM-DD`.
    pub local_date: String,
    /// One answer per item.
    pub answers: Vec<u32>,
    /// The score.
    pub score: MeasureScore,
}

/// What answering a measure returns.
#[uniffi::remote(Record)]
pub struct MeasureResponseOutcome {
    /// The response, scored.
    pub response: MeasureResponse,
    /// Milestones reached.
    pub new_milestones: Vec<Milestone>,
}

/// The person's plan for hard moments.
#[uniffi::remote(Record)]
pub struct SetbackPlan {
    /// Signs an old pattern is coming back (each line 1-500 characters, at most 20).
    pub warning_signs: Vec<String>,
    /// What they will do to look after themselves.
    pub self_care_steps: Vec<String>,
    /// People they can reach out to.
    pub support_people: Vec<String>,
    /// Resources: a therapist's line, a helpline, a book.
    pub resources: Vec<String>,
    /// What they want to tell themselves.
    pub self_compassion: Vec<String>,
}

/// A reflection scale's mean in the first month and the last.
#[uniffi::remote(Record)]
pub struct ScaleChange {
    /// The scale's id.
    pub measure_id: String,
    /// Mean of the first 30 days of the record.
    pub first_month: f64,
    /// Mean of the last 30 days.
    pub last_month: f64,
}

/// How far the person has come, from their own record.
#[uniffi::remote(Record)]
pub struct ProgressReminders {
    /// The first day anything was recorded, `YYYY-MM-DD`.
    pub started_on: Option<String>,
    /// Victories since then.
    pub victories_since_start: u32,
    /// Distinct ladder steps climbed.
    pub ladder_steps_climbed: u32,
    /// The longest run of consecutive weeks one ritual was kept.
    pub longest_ritual_run_weeks: u32,
    /// Felt safety and urge to pull away, first month against last.
    pub scale_changes: Vec<ScaleChange>,
}

/// What logging a setback returns.
#[uniffi::remote(Record)]
pub struct SetbackSupport {
    /// The person's plan, if they wrote one.
    pub plan: Option<SetbackPlan>,
    /// How far they have come.
    pub reminders: ProgressReminders,
    /// The last day of the recovery window, `YYYY-MM-DD`.
    pub recovery_window_until: String,
    /// A small step to recommit with: the next ladder step, if any. Log a `Recommitted`
    /// practice event to mark coming back.
    pub next_ladder_step: Option<LadderStep>,
}

/// What logging a practice event returns.
#[uniffi::remote(Record)]
pub struct PracticeOutcome {
    /// The event as stored.
    pub event: PracticeEvent,
    /// For a setback: plan, reminders, recovery window, a step to recommit with.
    pub setback_support: Option<SetbackSupport>,
    /// Milestones reached, raised now and never again: celebrate them.
    pub new_milestones: Vec<Milestone>,
}

/// Why a day is frozen.
#[uniffi::remote(Enum)]
pub enum FreezeReason {
    /// The person paused practice.
    Paused,
    /// A setback-recovery window is open.
    RecoveryWindow,
}

/// What a reason says.
#[uniffi::remote(Enum)]
pub enum GrowthReasonKind {
    /// Practice raised the score.
    Practice,
    /// The score was frozen.
    Frozen,
    /// A day without practice eased it.
    Eased,
}

/// One reason the score moved (or did not).
#[uniffi::remote(Record)]
pub struct GrowthReason {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// Practice, frozen or eased.
    pub kind: GrowthReasonKind,
    /// A stable key to translate (`victory.shared_difficult_feeling`,
    /// `practice.ritual_completion`, `frozen.recovery_window`, `eased.no_practice`, …).
    pub label_key: String,
    /// Default English ("+ shared a difficult feeling on Tuesday").
    pub text: String,
}

/// The score on one day.
#[uniffi::remote(Record)]
pub struct DailyScore {
    /// The local date.
    pub date: String,
    /// The score, 0 to 1.
    pub score: f64,
}

/// The growth score today, with its reasons.
#[uniffi::remote(Record)]
pub struct GrowthScore {
    /// The local date it is for.
    pub as_of: String,
    /// The score, 0 to 1.
    pub value: f64,
    /// Days after which a day's practice counts half (13).
    pub half_life_days: f64,
    /// Why today is frozen, if it is.
    pub frozen: Option<FreezeReason>,
    /// The last day of an open recovery window.
    pub recovery_window_until: Option<String>,
    /// Reasons for the last week, newest day first.
    pub reasons: Vec<GrowthReason>,
    /// The score on each of the last seven days, oldest first.
    pub recent: Vec<DailyScore>,
}

/// Whether streaks are shown and what keeps a week.
#[uniffi::remote(Record)]
pub struct StreakSettings {
    /// Off by default.
    pub enabled: bool,
    /// Days with practice that keep a week (1-7).
    pub practice_days_per_week: u8,
    /// Missed weeks in a row that do not break the streak (0-4).
    pub allowed_misses: u8,
}

/// Where the streak stands.
#[uniffi::remote(Record)]
pub struct StreakStatus {
    /// Kept weeks in the current streak.
    pub current_weeks: u32,
    /// The longest streak so far.
    pub longest_weeks: u32,
    /// Missed weeks in a row just before this one.
    pub misses_in_a_row: u32,
    /// Days with practice so far this week.
    pub practice_days_this_week: u32,
}

/// A milestone.
#[uniffi::remote(Enum)]
pub enum MilestoneKind {
    /// The first small victory.
    FirstVictory,
    /// Ten victories.
    TenVictories,
    /// Fifty victories.
    FiftyVictories,
    /// The first ladder step climbed.
    FirstLadderStep,
    /// Five ladder steps climbed.
    FiveLadderSteps,
    /// One ritual kept four weeks in a row.
    RitualKeptFourWeeks,
    /// The first check-in measure answered.
    FirstCheckIn,
    /// A setback plan written.
    SetbackPlanWritten,
    /// Practice again after a setback.
    BackAfterSetback,
    /// The growth score reached one half.
    GrowthHalfway,
}

/// A milestone as raised.
#[uniffi::remote(Record)]
pub struct Milestone {
    /// Which one.
    pub kind: MilestoneKind,
    /// The local date it was reached.
    pub reached_on: String,
    /// When it was raised (UTC epoch ms).
    pub raised_at: Timestamp,
}

/// One week's practice.
#[uniffi::remote(Record)]
pub struct WeeklyProgress {
    /// The Monday that starts it.
    pub week_start: String,
    /// Small victories.
    pub victories: u32,
    /// Setbacks.
    pub setbacks: u32,
    /// Ritual occurrences done.
    pub ritual_completions: u32,
    /// Ladder attempts.
    pub ladder_attempts: u32,
    /// Days with any practice.
    pub practice_days: u32,
    /// The growth score at the end of the week.
    pub growth_at_end: f64,
}

/// What a comparison measures.
#[uniffi::remote(Enum)]
pub enum TrendMetric {
    /// Days with practice, per week.
    PracticeDaysPerWeek,
    /// Victories per week.
    VictoriesPerWeek,
    /// Setbacks per week.
    SetbacksPerWeek,
    /// Mean peak anxiety of ladder attempts.
    LadderPeakAnxiety,
    /// Mean predicted minus peak anxiety.
    LadderOverprediction,
    /// Mean comfort with closeness.
    ComfortWithCloseness,
    /// Mean urge to pull away.
    UrgeToPullAway,
    /// Mean felt safety.
    FeltSafety,
}

/// One metric, first month against last.
#[uniffi::remote(Record)]
pub struct MonthComparison {
    /// What is compared.
    pub metric: TrendMetric,
    /// Over the first 30 days of the range.
    pub first_month: Option<f64>,
    /// Over the last 30 days of the range.
    pub last_month: Option<f64>,
}

/// Weekly aggregates and comparisons.
#[uniffi::remote(Record)]
pub struct ProgressTrends {
    /// Every week of the range, oldest first.
    pub weeks: Vec<WeeklyProgress>,
    /// First month against last.
    pub comparisons: Vec<MonthComparison>,
}

/// The three reflection scales the project wrote (comfort with closeness, urge to pull
/// away, felt safety this week): one item, 0-10 each.
#[uniffi::export]
pub fn reflection_scales() -> Vec<Measure> {
    innermost::progress::reflection_scales()
}
