//! Trends for reports: practice per week, and the first month of the record against the
//! last. Pure functions of [`ProgressHistory`]; the vault gathers it.

use super::growth::{DAILY_TARGET, daily_scores};
use super::history::{PracticeSource, ProgressHistory};
use super::measures::{COMFORT_WITH_CLOSENESS, FELT_SAFETY, URGE_TO_PULL_AWAY};
use super::setback_plan::MONTH_DAYS;
use crate::calendar::{date_of, date_text, weekday_of};

/// One week's practice (Monday to Sunday).
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyProgress {
    /// The Monday that starts it, `YYYY-MM-DD`.
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
    /// The growth score at the end of the week (or of the range).
    pub growth_at_end: f64,
}

/// What a comparison measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrendMetric {
    /// Days with practice, per week.
    PracticeDaysPerWeek,
    /// Victories per week.
    VictoriesPerWeek,
    /// Setbacks per week.
    SetbacksPerWeek,
    /// Mean peak anxiety of ladder attempts.
    LadderPeakAnxiety,
    /// Mean predicted minus peak anxiety: how much worse fear expected than happened.
    LadderOverprediction,
    /// Mean "comfort with closeness".
    ComfortWithCloseness,
    /// Mean "urge to pull away".
    UrgeToPullAway,
    /// Mean "felt safety this week".
    FeltSafety,
}

/// One metric, first month against last.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthComparison {
    /// What is compared.
    pub metric: TrendMetric,
    /// Over the first 30 days of the range; `None` without data.
    pub first_month: Option<f64>,
    /// Over the last 30 days of the range; `None` without data.
    pub last_month: Option<f64>,
}

/// Weekly aggregates and comparisons over a range of days.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressTrends {
    /// Every week holding a day of the range, oldest first.
    pub weeks: Vec<WeeklyProgress>,
    /// First month against last month.
    pub comparisons: Vec<MonthComparison>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// Trends over local days `from..=to`.
pub fn trends(history: &ProgressHistory, from: i64, to: i64) -> ProgressTrends {
    let first_monday = from - i64::from(weekday_of(from));
    let n_weeks = ((to - first_monday) / 7 + 1).max(0) as usize;
    let origin = history.first_day().unwrap_or(from).min(from);
    let scores = daily_scores(history, DAILY_TARGET, origin, to);
    let mut weeks: Vec<WeeklyProgress> = (0..n_weeks)
        .map(|w| {
            let start = first_monday + 7 * w as i64;
            let end = (start + 6).min(to);
            WeeklyProgress {
                week_start: date_of(start).map(date_text).unwrap_or_default(),
                victories: 0,
                setbacks: 0,
                ritual_completions: 0,
                ladder_attempts: 0,
                practice_days: 0,
                growth_at_end: if end >= origin {
                    scores[(end - origin) as usize]
                } else {
                    0.0
                },
            }
        })
        .collect();
    let week_of = |day: i64| -> Option<usize> {
        (from..=to)
            .contains(&day)
            .then(|| ((day - first_monday) / 7) as usize)
    };
    let mut practice_days: Vec<i64> = Vec::new();
    for p in &history.practice {
        let Some(w) = week_of(p.day) else { continue };
        match p.source {
            PracticeSource::Victory { .. } => weeks[w].victories += 1,
            PracticeSource::RitualCompletion => weeks[w].ritual_completions += 1,
            PracticeSource::LadderAttempt => weeks[w].ladder_attempts += 1,
            PracticeSource::Recommitted => {}
        }
        practice_days.push(p.day);
    }
    practice_days.sort_unstable();
    practice_days.dedup();
    for d in &practice_days {
        if let Some(w) = week_of(*d) {
            weeks[w].practice_days += 1;
        }
    }
    for d in &history.setback_days {
        if let Some(w) = week_of(*d) {
            weeks[w].setbacks += 1;
        }
    }
    let first = (from, (from + MONTH_DAYS).min(to + 1));
    let last = ((to - MONTH_DAYS + 1).max(from), to + 1);
    let per_week = |days: &[i64], (a, b): (i64, i64)| -> Option<f64> {
        (b > a).then(|| {
            days.iter().filter(|d| (a..b).contains(*d)).count() as f64 * 7.0 / (b - a) as f64
        })
    };
    let victories: Vec<i64> = history.victories().map(|p| p.day).collect();
    let scale = |id: &str, (a, b): (i64, i64)| {
        mean(
            history
                .scores
                .iter()
                .filter(|s| s.measure_id == id && (a..b).contains(&s.day))
                .map(|s| s.score),
        )
    };
    let ladder = |f: fn(u8, u8) -> f64, (a, b): (i64, i64)| {
        mean(
            history
                .ladder_attempts
                .iter()
                .filter(|l| (a..b).contains(&l.day))
                .map(|l| f(l.predicted, l.peak)),
        )
    };
    let both = |metric, f: &dyn Fn((i64, i64)) -> Option<f64>| MonthComparison {
        metric,
        first_month: f(first),
        last_month: f(last),
    };
    let comparisons = vec![
        both(TrendMetric::PracticeDaysPerWeek, &|r| {
            per_week(&practice_days, r)
        }),
        both(TrendMetric::VictoriesPerWeek, &|r| per_week(&victories, r)),
        both(TrendMetric::SetbacksPerWeek, &|r| {
            per_week(&history.setback_days, r)
        }),
        both(TrendMetric::LadderPeakAnxiety, &|r| {
            ladder(|_, peak| f64::from(peak), r)
        }),
        both(TrendMetric::LadderOverprediction, &|r| {
            ladder(|p, peak| f64::from(p) - f64::from(peak), r)
        }),
        both(TrendMetric::ComfortWithCloseness, &|r| {
            scale(COMFORT_WITH_CLOSENESS, r)
        }),
        both(TrendMetric::UrgeToPullAway, &|r| {
            scale(URGE_TO_PULL_AWAY, r)
        }),
        both(TrendMetric::FeltSafety, &|r| scale(FELT_SAFETY, r)),
    ];
    ProgressTrends { weeks, comparisons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::history::DatedPractice;

    #[test]
    fn weeks_count_practice_and_months_compare_rates() {
        // Day 4 is a Monday; practice every day of the first two weeks, then only Mondays.
        let days: Vec<i64> = (4..18)
            .chain((18..4 + 7 * 12).filter(|d| (d - 4) % 7 == 0))
            .collect();
        let history = ProgressHistory {
            practice: days
                .iter()
                .map(|d| DatedPractice {
                    day: *d,
                    source: PracticeSource::RitualCompletion,
                })
                .collect(),
            setback_days: vec![20],
            ..Default::default()
        };
        let t = trends(&history, 4, 4 + 7 * 12 - 1);
        assert_eq!(t.weeks.len(), 12);
        assert_eq!(t.weeks[0].week_start, "1970-01-05");
        assert_eq!(t.weeks[0].practice_days, 7);
        assert_eq!(t.weeks[2].practice_days, 1);
        assert_eq!(t.weeks[2].setbacks, 1);
        assert!(t.weeks[1].growth_at_end > t.weeks[0].growth_at_end);
        let practice = &t.comparisons[0];
        assert_eq!(practice.metric, TrendMetric::PracticeDaysPerWeek);
        assert!(practice.first_month.unwrap() > practice.last_month.unwrap());
        assert_eq!(t.comparisons[7].first_month, None);
    }
}
