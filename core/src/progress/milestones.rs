//! Milestones: moments worth celebrating, each raised once.
//!
//! [`reached`] finds, from the record alone, every milestone reached and the day it was
//! reached; the `milestones` table remembers which were raised (the kind and the day are
//! sealed: "ten victories" says something about the person), so recomputing after any
//! change raises only what is new, and never again what was raised, even if the record
//! that reached it is later deleted.

use rusqlite::{Connection, params};

use super::ProgressId;
use super::growth::{DAILY_TARGET, daily_scores};
use super::history::ProgressHistory;
use super::sealed_doc::DocWriter;
use super::setback_plan::longest_ritual_run_weeks;
use crate::calendar::{date_of, date_text};
use crate::crypto::{DataKey, SealedAt, seal};
use crate::error::Result;
use crate::time::Timestamp;

pub(crate) mod rows;

/// A milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MilestoneKind {
    /// The first small victory.
    FirstVictory,
    /// Ten victories.
    TenVictories,
    /// Fifty victories.
    FiftyVictories,
    /// The first ladder step climbed.
    FirstLadderStep,
    /// Five different ladder steps climbed.
    FiveLadderSteps,
    /// One ritual kept four weeks in a row.
    RitualKeptFourWeeks,
    /// The first check-in measure answered.
    FirstCheckIn,
    /// A setback plan written.
    SetbackPlanWritten,
    /// Practice again on a day after a setback.
    BackAfterSetback,
    /// The growth score reached one half.
    GrowthHalfway,
}

const ALL: [MilestoneKind; 10] = [
    MilestoneKind::FirstVictory,
    MilestoneKind::TenVictories,
    MilestoneKind::FiftyVictories,
    MilestoneKind::FirstLadderStep,
    MilestoneKind::FiveLadderSteps,
    MilestoneKind::RitualKeptFourWeeks,
    MilestoneKind::FirstCheckIn,
    MilestoneKind::SetbackPlanWritten,
    MilestoneKind::BackAfterSetback,
    MilestoneKind::GrowthHalfway,
];

impl MilestoneKind {
    /// A stable key shells translate (`milestone.ten_victories`).
    pub fn key(self) -> &'static str {
        match self {
            MilestoneKind::FirstVictory => "milestone.first_victory",
            MilestoneKind::TenVictories => "milestone.ten_victories",
            MilestoneKind::FiftyVictories => "milestone.fifty_victories",
            MilestoneKind::FirstLadderStep => "milestone.first_ladder_step",
            MilestoneKind::FiveLadderSteps => "milestone.five_ladder_steps",
            MilestoneKind::RitualKeptFourWeeks => "milestone.ritual_kept_four_weeks",
            MilestoneKind::FirstCheckIn => "milestone.first_check_in",
            MilestoneKind::SetbackPlanWritten => "milestone.setback_plan_written",
            MilestoneKind::BackAfterSetback => "milestone.back_after_setback",
            MilestoneKind::GrowthHalfway => "milestone.growth_halfway",
        }
    }

    fn code(self) -> u8 {
        ALL.iter().position(|k| *k == self).unwrap_or(0) as u8
    }
}

/// A milestone as raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// Which one.
    pub kind: MilestoneKind,
    /// The local date it was reached, `YYYY-MM-DD`.
    pub reached_on: String,
    /// When it was raised.
    pub raised_at: Timestamp,
}

/// What a new practice event (a victory, a setback, a recommitment) can reach: the
/// victory counts, practice after a setback (a setback logged for an earlier day can turn
/// existing practice into it) and the growth score's half.
pub(crate) const REACHABLE_BY_PRACTICE: &[MilestoneKind] = &[
    MilestoneKind::FirstVictory,
    MilestoneKind::TenVictories,
    MilestoneKind::FiftyVictories,
    MilestoneKind::BackAfterSetback,
    MilestoneKind::GrowthHalfway,
];

/// What a new ladder attempt can reach: the step counts, and, as practice, practice after
/// a setback and the growth score's half.
pub(crate) const REACHABLE_BY_LADDER_ATTEMPT: &[MilestoneKind] = &[
    MilestoneKind::FirstLadderStep,
    MilestoneKind::FiveLadderSteps,
    MilestoneKind::BackAfterSetback,
    MilestoneKind::GrowthHalfway,
];

/// What a new check-in (measure response) can reach.
pub(crate) const REACHABLE_BY_CHECK_IN: &[MilestoneKind] = &[MilestoneKind::FirstCheckIn];

/// Every milestone there is, for a full check.
pub(crate) const EVERY_MILESTONE: &[MilestoneKind] = &ALL;

fn nth_day(mut days: Vec<i64>, n: usize) -> Option<i64> {
    days.sort_unstable();
    days.get(n - 1).copied()
}

/// Every milestone the record has reached up to local day `today`, with the day.
pub fn reached(history: &ProgressHistory, today: i64) -> Vec<(MilestoneKind, i64)> {
    let history = &history.up_to(today);
    let victories: Vec<i64> = history.victories().map(|p| p.day).collect();
    let mut out = Vec::new();
    let mut push = |kind, day: Option<i64>| {
        if let Some(day) = day {
            out.push((kind, day));
        }
    };
    push(MilestoneKind::FirstVictory, nth_day(victories.clone(), 1));
    push(MilestoneKind::TenVictories, nth_day(victories.clone(), 10));
    push(MilestoneKind::FiftyVictories, nth_day(victories, 50));
    let mut first_per_step: Vec<(super::ProgressId, i64)> = Vec::new();
    for a in &history.ladder_attempts {
        match first_per_step.iter_mut().find(|(s, _)| *s == a.step) {
            Some((_, d)) => *d = (*d).min(a.day),
            None => first_per_step.push((a.step, a.day)),
        }
    }
    let step_days: Vec<i64> = first_per_step.iter().map(|(_, d)| *d).collect();
    push(
        MilestoneKind::FirstLadderStep,
        nth_day(step_days.clone(), 1),
    );
    push(MilestoneKind::FiveLadderSteps, nth_day(step_days, 5));
    push(
        MilestoneKind::RitualKeptFourWeeks,
        ritual_four_weeks(history),
    );
    push(
        MilestoneKind::FirstCheckIn,
        history.scores.iter().map(|s| s.day).min(),
    );
    push(MilestoneKind::SetbackPlanWritten, history.setback_plan_day);
    push(
        MilestoneKind::BackAfterSetback,
        history.setback_days.iter().min().and_then(|first_setback| {
            history
                .practice
                .iter()
                .map(|p| p.day)
                .filter(|d| d > first_setback)
                .min()
        }),
    );
    if let Some(first) = history.first_day().filter(|f| *f <= today) {
        let scores = daily_scores(history, DAILY_TARGET, first, today);
        push(
            MilestoneKind::GrowthHalfway,
            scores
                .iter()
                .position(|s| *s >= 0.5)
                .map(|i| first + i as i64),
        );
    }
    out
}

/// The day some ritual completed its fourth consecutive kept week.
fn ritual_four_weeks(history: &ProgressHistory) -> Option<i64> {
    if longest_ritual_run_weeks(history) < 4 {
        return None;
    }
    // Walk forward in time until a prefix of the record holds a four-week run.
    let mut days: Vec<i64> = history.ritual_completions.iter().map(|(_, d)| *d).collect();
    days.sort_unstable();
    days.dedup();
    let candidate = |upto: i64| {
        let prefix = ProgressHistory {
            ritual_completions: history
                .ritual_completions
                .iter()
                .filter(|(_, d)| *d <= upto)
                .cloned()
                .collect(),
            ..Default::default()
        };
        longest_ritual_run_weeks(&prefix) >= 4
    };
    // Binary search: "has a four-week run by day d" is monotone in d.
    let i = days.partition_point(|d| !candidate(*d));
    days.get(i).copied()
}

fn content_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "milestones",
        column: "content",
        row: id,
    }
}

const DAMAGE: &str = "milestones.content of one row";

/// Every milestone raised, oldest first.
pub(crate) fn raised(conn: &Connection, key: &DataKey) -> Result<Vec<Milestone>> {
    Ok(rows::raised_with_ids(conn, key)?
        .into_iter()
        .map(|(_, m)| m)
        .collect())
}

/// The kinds already raised (a read of at most ten small rows).
pub(crate) fn raised_kinds(conn: &Connection, key: &DataKey) -> Result<Vec<MilestoneKind>> {
    Ok(raised(conn, key)?.into_iter().map(|m| m.kind).collect())
}

/// Whether any of `reachable` is still to be raised: when none is, a write need not read
/// the person's whole record to look for milestones (the check's cost grows with the
/// record, ~3.7 ms a write at five years of daily data, while this read does not).
pub(crate) fn any_open(reachable: &[MilestoneKind], already: &[MilestoneKind]) -> bool {
    reachable.iter().any(|k| !already.contains(k))
}

/// Raises every milestone the record reaches that is not in `already` (the kinds raised
/// before, from [`raised_kinds`]); returns the new ones.
pub(crate) fn raise_new(
    conn: &Connection,
    key: &DataKey,
    history: &ProgressHistory,
    already: &[MilestoneKind],
    today: i64,
    now: Timestamp,
) -> Result<Vec<Milestone>> {
    let mut new = Vec::new();
    for (kind, day) in reached(history, today) {
        if already.contains(&kind) {
            continue;
        }
        let id = ProgressId::new_at(now).to_string();
        let reached_on = date_of(day).map(date_text).unwrap_or_default();
        let mut doc = DocWriter::new();
        doc.byte(kind.code()).text(&reached_on);
        let blob = seal(key, &content_at(&id), doc.bytes())?;
        conn.prepare_cached("INSERT INTO milestones (id, raised_at, content) VALUES (?1, ?2, ?3)")?
            .execute(params![id, now.as_millis(), blob])?;
        new.push(Milestone {
            kind,
            reached_on,
            raised_at: now,
        });
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::history::{DatedPractice, PracticeSource};
    use crate::progress::practice::Victory;

    #[test]
    fn milestones_are_found_on_the_day_they_were_reached() {
        let history = ProgressHistory {
            practice: (0..12)
                .map(|day| DatedPractice {
                    day,
                    source: PracticeSource::Victory {
                        victory: Victory::ExpressedNeed,
                    },
                })
                .collect(),
            setback_days: vec![5],
            ritual_completions: (0..5).map(|w| ("r".to_owned(), 4 + 7 * w)).collect(),
            ..Default::default()
        };
        let found = reached(&history, 40);
        let day_of = |k| found.iter().find(|(kind, _)| *kind == k).map(|(_, d)| *d);
        assert_eq!(day_of(MilestoneKind::FirstVictory), Some(0));
        assert_eq!(day_of(MilestoneKind::TenVictories), Some(9));
        assert_eq!(day_of(MilestoneKind::FiftyVictories), None);
        assert_eq!(day_of(MilestoneKind::BackAfterSetback), Some(6));
        assert_eq!(day_of(MilestoneKind::RitualKeptFourWeeks), Some(25));
        assert_eq!(day_of(MilestoneKind::FirstLadderStep), None);
    }
}
