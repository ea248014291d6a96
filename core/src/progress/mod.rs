//! # Progress and setbacks
//!
//! Progress is not linear: people go back to old patterns under stress, and an app that
//! punishes that loses them when they need it most. This model celebrates small
//! victories, expects setbacks, and answers a setback with the person's own plan and
//! their own record of how far they have come (DESIGN.md §5).
//!
//! | file | owns |
//! |---|---|
//! | `practice` | victories, setbacks, recommitting: the `practice_events` table |
//! | `ladder` | the vulnerability ladder: `ladder_steps`, `ladder_attempts`, order, next step, prediction statistics |
//! | `measures` | check-in measures: `measures`, `measure_responses`, scoring, the built-in reflection scales |
//! | `pauses` | practice pauses: the `progress_pauses` table |
//! | `setback_plan` | the setback plan and the reminders of progress |
//! | `documents` | the `progress_documents` table (setback plan, streak settings) |
//! | `history` | the in-memory record every computation below reads |
//! | `growth` | the growth score, its freezes and its reasons |
//! | `streaks` | optional, forgiving weekly streaks |
//! | `milestones` | what was reached, and the `milestones` table of what was raised |
//! | `trends` | weekly aggregates, first month against last |
//! | `sealed_doc` | the tiny encoding of the sealed documents |
//! | `portable` | the progress model's records of the open export, out and back in |
//! | `ids` | [`ProgressId`] |
//!
//! Computations (`growth`, `streaks`, `milestones::reached`, `trends`, `ladder::stats`,
//! `measures::score`, `setback_plan::reminders`) are pure functions over in-memory data,
//! tested without a vault. Not here: locking, transactions and gathering the history
//! (`crate::vault`), ritual completions (`crate::rituals`), trigger tags (the journal's
//! vocabulary).

pub(crate) mod documents;
pub mod growth;
pub mod history;
mod ids;
pub mod ladder;
pub mod measures;
pub mod milestones;
pub mod pauses;
pub mod portable;
pub mod practice;
pub(crate) mod sealed_doc;
pub mod setback_plan;
pub mod streaks;
pub mod trends;

pub use growth::{DailyScore, FreezeReason, GrowthReason, GrowthReasonKind, GrowthScore};
pub use history::{DatedAttempt, DatedPractice, DatedScore, PracticeSource, ProgressHistory};
pub use ids::ProgressId;
pub use ladder::{
    LadderAttempt, LadderRung, LadderStats, LadderStep, NewLadderAttempt, NewLadderStep,
};
pub use measures::{
    Measure, MeasureDefinition, MeasureItem, MeasureResponse, MeasureScore, Scoring, SubscaleScore,
    reflection_scales,
};
pub use milestones::{Milestone, MilestoneKind};
pub use pauses::PracticePause;
pub use practice::{NewPracticeEvent, PracticeEvent, PracticeKind, Setback, Victory};
pub use setback_plan::{ProgressReminders, ScaleChange, SetbackPlan, SetbackSupport};
pub use streaks::{StreakSettings, StreakStatus};
pub use trends::{MonthComparison, ProgressTrends, TrendMetric, WeeklyProgress};

/// What logging a practice event returns.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeOutcome {
    /// The event as stored.
    pub event: PracticeEvent,
    /// For a setback: the plan, the reminders of progress, the recovery window and a step
    /// to recommit with. `None` for a victory or a recommitment.
    pub setback_support: Option<SetbackSupport>,
    /// Milestones this event reached, raised now and never again.
    pub new_milestones: Vec<Milestone>,
}

/// What recording a ladder attempt returns.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderAttemptOutcome {
    /// The attempt as stored.
    pub attempt: LadderAttempt,
    /// The next suggested step now.
    pub next_step: Option<LadderStep>,
    /// Milestones this attempt reached.
    pub new_milestones: Vec<Milestone>,
}

/// What answering a measure returns.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureResponseOutcome {
    /// The response, scored.
    pub response: MeasureResponse,
    /// Milestones this response reached.
    pub new_milestones: Vec<Milestone>,
}
