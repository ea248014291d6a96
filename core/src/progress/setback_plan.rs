//! The setback plan the person writes for hard moments (warning signs, self-care steps,
//! support people and resources, self-compassion statements), and the reminders of
//! progress computed from their own record that come back with it when a setback is
//! logged: victories since they started, ladder steps climbed, the longest run of weeks a
//! ritual was kept, and how the reflection scales moved between the first month and the
//! last.
//!
//! The plan is one sealed document in `progress_documents` ([`super::documents`]); the
//! reminders are a pure function of [`ProgressHistory`].

use rusqlite::Connection;

use super::documents::{self, SETBACK_PLAN};
use super::history::ProgressHistory;
use super::ladder::LadderStep;
use super::measures::{FELT_SAFETY, URGE_TO_PULL_AWAY};
use super::practice::checked_text;
use super::sealed_doc::{DocReader, DocWriter};
use crate::calendar::{date_of, date_text, weekday_of};
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Most lines in one section of the plan.
pub const MAX_PLAN_LINES: usize = 20;
/// Longest line, in characters.
pub const MAX_PLAN_LINE_CHARS: usize = 500;
/// Days in "the first month" and "the last month".
pub const MONTH_DAYS: i64 = 30;

/// What the person wrote for hard moments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetbackPlan {
    /// Signs that an old pattern is coming back.
    pub warning_signs: Vec<String>,
    /// What they will do to look after themselves.
    pub self_care_steps: Vec<String>,
    /// People they can reach out to.
    pub support_people: Vec<String>,
    /// Resources: a therapist's line, a helpline, a book, a place.
    pub resources: Vec<String>,
    /// What they want to tell themselves.
    pub self_compassion: Vec<String>,
}

/// A reflection scale's mean in the first month and in the last.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleChange {
    /// The scale (`reflection.felt_safety`, `reflection.urge_to_pull_away`).
    pub measure_id: String,
    /// The mean of the responses in the first 30 days of the record.
    pub first_month: f64,
    /// The mean of the responses in the last 30 days.
    pub last_month: f64,
}

/// How far the person has come, from their own record.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReminders {
    /// The first day anything was recorded, `YYYY-MM-DD`.
    pub started_on: Option<String>,
    /// Victories since then.
    pub victories_since_start: u32,
    /// Distinct ladder steps climbed.
    pub ladder_steps_climbed: u32,
    /// The longest run of consecutive weeks in which one ritual was kept.
    pub longest_ritual_run_weeks: u32,
    /// Felt safety and urge to pull away, first month against last, when both months
    /// have responses.
    pub scale_changes: Vec<ScaleChange>,
}

/// What logging a setback returns.
#[derive(Debug, Clone, PartialEq)]
pub struct SetbackSupport {
    /// The person's plan, if they wrote one.
    pub plan: Option<SetbackPlan>,
    /// How far they have come.
    pub reminders: ProgressReminders,
    /// The last day of the recovery window the setback opened, `YYYY-MM-DD`: the growth
    /// score is frozen until then.
    pub recovery_window_until: String,
    /// A small step to recommit with: the next ladder step, if there is one. Logging a
    /// `Recommitted` practice event marks coming back.
    pub next_ladder_step: Option<LadderStep>,
}

impl SetbackPlan {
    pub(crate) fn checked(&self) -> Result<SetbackPlan> {
        let section = |lines: &[String], field: &'static str| -> Result<Vec<String>> {
            if lines.len() > MAX_PLAN_LINES {
                return Err(Error::invalid(field, "has more than 20 lines"));
            }
            lines
                .iter()
                .map(|l| checked_text(l, field, 1, MAX_PLAN_LINE_CHARS))
                .collect()
        };
        Ok(SetbackPlan {
            warning_signs: section(&self.warning_signs, "warning_signs")?,
            self_care_steps: section(&self.self_care_steps, "self_care_steps")?,
            support_people: section(&self.support_people, "support_people")?,
            resources: section(&self.resources, "resources")?,
            self_compassion: section(&self.self_compassion, "self_compassion")?,
        })
    }
}

/// Stores the plan, replacing the previous one.
pub(crate) fn set_plan(
    conn: &Connection,
    key: &DataKey,
    plan: &SetbackPlan,
    now: Timestamp,
) -> Result<()> {
    documents::put(conn, key, SETBACK_PLAN, encode(plan).bytes(), now)
}

/// Stores a checked plan with the instants it had elsewhere (an import) when there is
/// none yet; `false` (nothing written) when the vault has its own plan.
pub(crate) fn set_new_plan_as(
    conn: &Connection,
    key: &DataKey,
    plan: &SetbackPlan,
    created_at: Timestamp,
    updated_at: Timestamp,
) -> Result<bool> {
    documents::put_new_as(
        conn,
        key,
        SETBACK_PLAN,
        encode(plan).bytes(),
        created_at,
        updated_at,
    )
}

fn encode(plan: &SetbackPlan) -> DocWriter {
    let mut doc = DocWriter::new();
    doc.texts(&plan.warning_signs)
        .texts(&plan.self_care_steps)
        .texts(&plan.support_people)
        .texts(&plan.resources)
        .texts(&plan.self_compassion);
    doc
}

/// The plan and when it was first written, if there is one.
pub(crate) fn plan(conn: &Connection, key: &DataKey) -> Result<Option<(Timestamp, SetbackPlan)>> {
    let Some((created, plain)) = documents::get(conn, key, SETBACK_PLAN)? else {
        return Ok(None);
    };
    let mut doc = DocReader::new(&plain, "progress_documents.content of the setback plan")?;
    let plan = SetbackPlan {
        warning_signs: doc.texts()?,
        self_care_steps: doc.texts()?,
        support_people: doc.texts()?,
        resources: doc.texts()?,
        self_compassion: doc.texts()?,
    };
    doc.finish()?;
    Ok(Some((created, plan)))
}

/// The longest run of consecutive weeks in which one ritual had a completion.
pub fn longest_ritual_run_weeks(history: &ProgressHistory) -> u32 {
    let mut weeks: Vec<(&str, i64)> = history
        .ritual_completions
        .iter()
        .map(|(ritual, day)| (ritual.as_str(), day - i64::from(weekday_of(*day))))
        .collect();
    weeks.sort_unstable();
    weeks.dedup();
    let (mut longest, mut run) = (0u32, 0u32);
    for (i, (ritual, monday)) in weeks.iter().enumerate() {
        run = match i.checked_sub(1).map(|p| weeks[p]) {
            Some((r, m)) if r == *ritual && m + 7 == *monday => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
    }
    longest
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// A measure's mean over the first and the last month of the record, when both have
/// responses and do not overlap.
pub fn first_and_last_month(
    history: &ProgressHistory,
    measure_id: &str,
    first: i64,
    today: i64,
) -> Option<(f64, f64)> {
    if today - first < MONTH_DAYS {
        return None;
    }
    let of = |from: i64, to: i64| {
        mean(
            history
                .scores
                .iter()
                .filter(|s| s.measure_id == measure_id && (from..to).contains(&s.day))
                .map(|s| s.score),
        )
    };
    Some((
        of(first, first + MONTH_DAYS)?,
        of(today - MONTH_DAYS + 1, today + 1)?,
    ))
}

/// The reminders of progress on local day `today`.
pub fn reminders(history: &ProgressHistory, today: i64) -> ProgressReminders {
    let history = &history.up_to(today);
    let first = history.first_day();
    let mut climbed: Vec<_> = history.ladder_attempts.iter().map(|a| a.step).collect();
    climbed.sort();
    climbed.dedup();
    let scale_changes = first
        .map(|first| {
            [FELT_SAFETY, URGE_TO_PULL_AWAY]
                .into_iter()
                .filter_map(|id| {
                    first_and_last_month(history, id, first, today).map(|(a, b)| ScaleChange {
                        measure_id: id.to_owned(),
                        first_month: a,
                        last_month: b,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    ProgressReminders {
        started_on: first.and_then(date_of).map(date_text),
        victories_since_start: history.victories().count() as u32,
        ladder_steps_climbed: climbed.len() as u32,
        longest_ritual_run_weeks: longest_ritual_run_weeks(history),
        scale_changes,
    }
}

impl ProgressReminders {
    /// Default English lines ("12 victories since 2026-01-04", …), for tours and tests;
    /// shells build their own from the fields.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(start) = &self.started_on {
            let n = self.victories_since_start;
            out.push(format!(
                "{n} victor{} since you started on {start}",
                if n == 1 { "y" } else { "ies" }
            ));
        }
        let plural = |n: u32| if n == 1 { "" } else { "s" };
        let steps = self.ladder_steps_climbed;
        out.push(format!("{steps} ladder step{} climbed", plural(steps)));
        let weeks = self.longest_ritual_run_weeks;
        if weeks > 0 {
            out.push(format!(
                "a ritual kept {weeks} week{} in a row",
                plural(weeks)
            ));
        }
        for change in &self.scale_changes {
            out.push(format!(
                "{}: {:.1} in your first month, {:.1} in the last",
                change.measure_id, change.first_month, change.last_month
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_counted_per_ritual_in_consecutive_weeks() {
        let history = ProgressHistory {
            // Day 4 is a Monday: weeks 0, 1, 2 for "a", weeks 0 and 2 for "b".
            ritual_completions: vec![
                ("a".into(), 4),
                ("a".into(), 6),
                ("a".into(), 12),
                ("a".into(), 20),
                ("b".into(), 5),
                ("b".into(), 19),
            ],
            ..Default::default()
        };
        assert_eq!(longest_ritual_run_weeks(&history), 3);
        assert_eq!(longest_ritual_run_weeks(&ProgressHistory::default()), 0);
    }
}
