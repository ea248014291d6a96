//! [`ProgressHistory`]: everything the pure computations (growth score, streaks, trends,
//! milestones, reminders of progress) read, gathered in memory once per call.
//!
//! Days are day numbers (days since 1970-01-01, see `crate::calendar`) in the person's
//! local calendar. The vault fills this from its tables (`crate::vault`); tests and
//! benchmarks build it directly, so every computation runs without a vault.

use super::ProgressId;
use super::practice::Victory;

/// What counted as practice.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PracticeSource {
    /// A small victory.
    Victory {
        /// Which one.
        victory: Victory,
    },
    /// A ritual occurrence marked done.
    RitualCompletion,
    /// An attempt of a ladder step.
    LadderAttempt,
    /// Coming back to practice after a setback.
    Recommitted,
}

impl PracticeSource {
    /// A stable key shells translate.
    pub fn label_key(&self) -> &'static str {
        match self {
            PracticeSource::Victory { victory } => victory.label_key(),
            PracticeSource::RitualCompletion => "practice.ritual_completion",
            PracticeSource::LadderAttempt => "practice.ladder_attempt",
            PracticeSource::Recommitted => "practice.recommitted",
        }
    }

    /// Default English wording.
    pub fn label(&self) -> &str {
        match self {
            PracticeSource::Victory { victory } => victory.label(),
            PracticeSource::RitualCompletion => "kept a ritual",
            PracticeSource::LadderAttempt => "climbed a ladder step",
            PracticeSource::Recommitted => "recommitted after a setback",
        }
    }
}

/// One piece of practice on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedPractice {
    /// The local day number.
    pub day: i64,
    /// What it was.
    pub source: PracticeSource,
}

/// A ladder attempt, reduced to what the computations need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedAttempt {
    /// The step.
    pub step: ProgressId,
    /// The local day number.
    pub day: i64,
    /// Predicted anxiety, 0-10.
    pub predicted: u8,
    /// Peak anxiety, 0-10.
    pub peak: u8,
}

/// A scored measure response.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedScore {
    /// The measure's id.
    pub measure_id: String,
    /// The local day number.
    pub day: i64,
    /// The total score.
    pub score: f64,
}

/// Everything the progress computations read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressHistory {
    /// Practice of every kind (victories, ritual completions, ladder attempts, recommits).
    pub practice: Vec<DatedPractice>,
    /// Days a setback was logged on.
    pub setback_days: Vec<i64>,
    /// Paused stretches: `from` (inclusive) to `until` (exclusive).
    pub paused: Vec<(i64, i64)>,
    /// Ritual completions by ritual (its id) and day.
    pub ritual_completions: Vec<(String, i64)>,
    /// Ladder attempts.
    pub ladder_attempts: Vec<DatedAttempt>,
    /// Measure responses.
    pub scores: Vec<DatedScore>,
    /// The day the setback plan was first written, if it was.
    pub setback_plan_day: Option<i64>,
}

impl ProgressHistory {
    /// The first day anything was recorded.
    pub fn first_day(&self) -> Option<i64> {
        self.practice
            .iter()
            .map(|p| p.day)
            .chain(self.setback_days.iter().copied())
            .chain(self.scores.iter().map(|s| s.day))
            .min()
    }

    /// Victories recorded.
    pub fn victories(&self) -> impl Iterator<Item = &DatedPractice> {
        self.practice
            .iter()
            .filter(|p| matches!(p.source, PracticeSource::Victory { .. }))
    }

    /// The record up to local day `today`: a ritual occurrence marked done ahead of time
    /// (a reminder's Done tapped early) counts from its own date, not before.
    pub fn up_to(&self, today: i64) -> ProgressHistory {
        ProgressHistory {
            practice: self
                .practice
                .iter()
                .filter(|p| p.day <= today)
                .cloned()
                .collect(),
            setback_days: self
                .setback_days
                .iter()
                .copied()
                .filter(|d| *d <= today)
                .collect(),
            paused: self.paused.clone(),
            ritual_completions: self
                .ritual_completions
                .iter()
                .filter(|(_, d)| *d <= today)
                .cloned()
                .collect(),
            ladder_attempts: self
                .ladder_attempts
                .iter()
                .copied()
                .filter(|a| a.day <= today)
                .collect(),
            scores: self
                .scores
                .iter()
                .filter(|s| s.day <= today)
                .cloned()
                .collect(),
            setback_plan_day: self.setback_plan_day.filter(|d| *d <= today),
        }
    }

    /// Whether `day` is paused.
    pub fn is_paused(&self, day: i64) -> bool {
        self.paused
            .iter()
            .any(|(from, until)| *from <= day && day < *until)
    }
}
