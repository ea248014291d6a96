//! The growth score: an exponential moving average of daily practice that a setback never
//! pulls down.
//!
//! Each day `t`, `S_t = m * S_(t-1) + (1 - m) * c_t` with `m = 0.5^(sqrt(f) / 13)` and
//! `S = 0` before the first record: Loop Habit Tracker's habit strength, re-implemented
//! from its published formula (REFERENCE.md). `f` is the target practice per day; with
//! the daily target Innermost uses ([`DAILY_TARGET`]) a day's weight halves every 13 days.
//! `c_t`, the completion of day `t`, is the practice in the last `round(1/f)` days (one
//! day for a daily target) against the target, capped at 1.
//!
//! A day is *frozen* when practice is paused or a setback-recovery window is open (the
//! [`RECOVERY_WINDOW_DAYS`] days from a logged setback): the score does not decay on it,
//! `S_t = max(S_(t-1), update)`, so practice on a frozen day still counts. Hence a
//! logged setback can only leave the score as it was or higher, never lower (the update is
//! monotone in both `S` and `c`), and every score comes with its reasons: what counted,
//! which days were frozen and why, which days eased it (decisions §39-§41).

use super::history::ProgressHistory;
use crate::calendar::{date_of, date_text, weekday_of};

/// Practice per day the score aims at: every day, so the half-life is 13 days.
pub const DAILY_TARGET: f64 = 1.0;
/// Days a logged setback freezes the score: the day itself and the two after it.
pub const RECOVERY_WINDOW_DAYS: i64 = 3;
/// Days of reasons a score comes with: the last week.
pub const REASON_DAYS: i64 = 7;

/// Why a day is frozen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FreezeReason {
    /// The person paused practice.
    Paused,
    /// A setback-recovery window is open.
    RecoveryWindow,
}

/// What a reason says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrowthReasonKind {
    /// Practice raised the score.
    Practice,
    /// The score was frozen.
    Frozen,
    /// A day without practice eased it.
    Eased,
}

/// One reason the score moved (or did not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrowthReason {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// Practice, frozen or eased.
    pub kind: GrowthReasonKind,
    /// A stable key shells translate: a practice key (`victory.shared_difficult_feeling`,
    /// `practice.ritual_completion`, …), `frozen.paused`, `frozen.recovery_window` or
    /// `eased.no_practice`.
    pub label_key: String,
    /// Default English ("+ shared a difficult feeling on Tuesday").
    pub text: String,
}

/// The score on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyScore {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    /// The score, 0 to 1.
    pub score: f64,
}

/// The growth score today, with its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthScore {
    /// The local date it is for, `YYYY-MM-DD`.
    pub as_of: String,
    /// The score, 0 to 1.
    pub value: f64,
    /// Days after which a day's practice counts half as much.
    pub half_life_days: f64,
    /// Why today is frozen, if it is.
    pub frozen: Option<FreezeReason>,
    /// The last day of an open recovery window, if one is open.
    pub recovery_window_until: Option<String>,
    /// Reasons for the last week, newest day first.
    pub reasons: Vec<GrowthReason>,
    /// The score on each of the last seven days, oldest first.
    pub recent: Vec<DailyScore>,
}

/// `m = 0.5^(sqrt(f) / 13)`.
pub fn multiplier(frequency: f64) -> f64 {
    0.5f64.powf(frequency.sqrt() / 13.0)
}

/// Days after which a day's weight halves: `13 / sqrt(f)`.
pub fn half_life_days(frequency: f64) -> f64 {
    13.0 / frequency.sqrt()
}

/// One daily update: `m * previous + (1 - m) * completion`.
pub fn step(previous: f64, completion: f64, frequency: f64) -> f64 {
    let m = multiplier(frequency);
    m * previous + (1.0 - m) * completion
}

/// Why `day` is frozen, if it is. A pause wins over a recovery window.
pub fn freeze_reason(history: &ProgressHistory, day: i64) -> Option<FreezeReason> {
    if history.is_paused(day) {
        Some(FreezeReason::Paused)
    } else if history
        .setback_days
        .iter()
        .any(|s| *s <= day && day < s + RECOVERY_WINDOW_DAYS)
    {
        Some(FreezeReason::RecoveryWindow)
    } else {
        None
    }
}

/// Practice counted per day for days `first..=last`.
fn counts(history: &ProgressHistory, first: i64, last: i64) -> Vec<u32> {
    let mut counts = vec![0u32; (last - first + 1).max(0) as usize];
    for p in &history.practice {
        if (first..=last).contains(&p.day) {
            counts[(p.day - first) as usize] += 1;
        }
    }
    counts
}

/// The score at the end of every day `first..=last`, from `S = 0` before `first`.
pub fn daily_scores(history: &ProgressHistory, frequency: f64, first: i64, last: i64) -> Vec<f64> {
    let counts = counts(history, first, last);
    let window = if frequency >= 1.0 {
        1
    } else {
        (1.0 / frequency).round().max(1.0) as usize
    };
    let target = frequency * window as f64;
    let mut frozen: Vec<bool> = (first..=last).map(|d| history.is_paused(d)).collect();
    for s in &history.setback_days {
        for d in *s..s + RECOVERY_WINDOW_DAYS {
            if (first..=last).contains(&d) {
                frozen[(d - first) as usize] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(counts.len());
    let (mut score, mut in_window) = (0.0f64, 0u32);
    for (i, count) in counts.iter().enumerate() {
        in_window += count;
        if i >= window {
            in_window -= counts[i - window];
        }
        let completion = (f64::from(in_window) / target).min(1.0);
        let next = step(score, completion, frequency);
        score = if frozen[i] { score.max(next) } else { next }.clamp(0.0, 1.0);
        out.push(score);
    }
    out
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn text_of(day: i64) -> String {
    date_of(day).map(date_text).unwrap_or_default()
}

/// The growth score on local day `today` with its reasons.
pub fn growth_score(history: &ProgressHistory, frequency: f64, today: i64) -> GrowthScore {
    let first = history.first_day().unwrap_or(today).min(today);
    let scores = daily_scores(history, frequency, first, today);
    let score_on = |day: i64| {
        if day < first {
            0.0
        } else {
            scores[(day - first) as usize]
        }
    };
    let mut reasons = Vec::new();
    for day in (today - REASON_DAYS + 1..=today).rev() {
        if day < first {
            break;
        }
        let weekday = WEEKDAYS[weekday_of(day) as usize];
        let mut any = false;
        for p in history.practice.iter().filter(|p| p.day == day) {
            any = true;
            reasons.push(GrowthReason {
                date: text_of(day),
                kind: GrowthReasonKind::Practice,
                label_key: p.source.label_key().to_owned(),
                text: format!("+ {} on {weekday}", p.source.label()),
            });
        }
        match freeze_reason(history, day) {
            Some(reason) => {
                let (key, words) = match reason {
                    FreezeReason::Paused => ("frozen.paused", "paused"),
                    FreezeReason::RecoveryWindow => ("frozen.recovery_window", "recovery window"),
                };
                reasons.push(GrowthReason {
                    date: text_of(day),
                    kind: GrowthReasonKind::Frozen,
                    label_key: key.to_owned(),
                    text: format!("frozen: {words} on {weekday}"),
                });
            }
            None if !any && score_on(day) < score_on(day - 1) => reasons.push(GrowthReason {
                date: text_of(day),
                kind: GrowthReasonKind::Eased,
                label_key: "eased.no_practice".to_owned(),
                text: format!("eased: no practice on {weekday}"),
            }),
            None => {}
        }
    }
    let window_end = history
        .setback_days
        .iter()
        .map(|s| s + RECOVERY_WINDOW_DAYS - 1)
        .filter(|end| *end >= today)
        .filter(|end| end - RECOVERY_WINDOW_DAYS < today)
        .max();
    GrowthScore {
        as_of: text_of(today),
        value: score_on(today),
        half_life_days: half_life_days(frequency),
        frozen: freeze_reason(history, today),
        recovery_window_until: window_end.map(text_of),
        reasons,
        recent: (today - REASON_DAYS + 1..=today)
            .map(|day| DailyScore {
                date: text_of(day),
                score: score_on(day),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::history::{DatedPractice, PracticeSource};
    use crate::progress::practice::Victory;
    use proptest::prelude::*;

    fn round6(x: f64) -> f64 {
        (x * 1e6).round() / 1e6
    }

    /// Loop's own tests compare within 1e-6 (its 0.030314 is 0.0303147… truncated).
    fn assert_within_a_millionth(actual: f64, published: f64) {
        assert!(
            (actual - published).abs() < 1e-6,
            "{actual} is not {published} to 6 decimals"
        );
    }

    #[test]
    fn loop_habit_tracker_s_published_values() {
        assert_within_a_millionth(step(0.0, 1.0, 1.0), 0.051922);
        assert_within_a_millionth(step(0.5, 1.0, 1.0), 0.525961);
        assert_within_a_millionth(step(0.75, 0.0, 1.0), 0.711058);
        assert_within_a_millionth(step(0.0, 1.0, 1.0 / 3.0), 0.030314);
        assert_within_a_millionth(step(0.5, 0.0, 1.0 / 3.0), 0.484842);
        assert_eq!(half_life_days(1.0), 13.0);
    }

    #[test]
    fn a_daily_practice_reproduces_the_daily_update() {
        let history = ProgressHistory {
            practice: (0..3)
                .map(|day| DatedPractice {
                    day,
                    source: PracticeSource::RitualCompletion,
                })
                .collect(),
            ..Default::default()
        };
        let scores = daily_scores(&history, 1.0, 0, 3);
        assert_eq!(round6(scores[0]), 0.051922);
        assert_eq!(scores[1], step(scores[0], 1.0, 1.0));
        assert_eq!(scores[3], step(scores[2], 0.0, 1.0));
    }

    #[test]
    fn reasons_name_the_practice_the_freeze_and_the_eased_days() {
        // 2026-01-13 is a Tuesday: day 20_466.
        let tuesday = 20_466;
        let history = ProgressHistory {
            practice: vec![DatedPractice {
                day: tuesday,
                source: PracticeSource::Victory {
                    victory: Victory::SharedDifficultFeeling,
                },
            }],
            setback_days: vec![tuesday + 2],
            ..Default::default()
        };
        let score = growth_score(&history, DAILY_TARGET, tuesday + 5);
        let texts: Vec<&str> = score.reasons.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "eased: no practice on Sunday",
                "frozen: recovery window on Saturday",
                "frozen: recovery window on Friday",
                "frozen: recovery window on Thursday",
                "eased: no practice on Wednesday",
                "+ shared a difficult feeling on Tuesday",
            ]
        );
        assert_eq!(
            score.reasons[5].label_key,
            "victory.shared_difficult_feeling"
        );
        assert_eq!(score.frozen, None);
        let during = growth_score(&history, DAILY_TARGET, tuesday + 3);
        assert_eq!(during.frozen, Some(FreezeReason::RecoveryWindow));
        assert_eq!(during.recovery_window_until.as_deref(), Some("2026-01-17"));
    }

    fn history_strategy() -> impl Strategy<Value = ProgressHistory> {
        (
            proptest::collection::vec(0i64..120, 0..80),
            proptest::collection::vec(0i64..120, 0..6),
            proptest::collection::vec((0i64..120, 1i64..20), 0..4),
        )
            .prop_map(|(practice, setbacks, pauses)| ProgressHistory {
                practice: practice
                    .into_iter()
                    .map(|day| DatedPractice {
                        day,
                        source: PracticeSource::LadderAttempt,
                    })
                    .collect(),
                setback_days: setbacks,
                paused: pauses.into_iter().map(|(f, n)| (f, f + n)).collect(),
                ..Default::default()
            })
    }

    proptest! {
        #[test]
        fn the_score_stays_between_0_and_1(h in history_strategy(), f in prop::sample::select(vec![1.0, 0.5, 1.0 / 3.0, 1.0 / 7.0, 2.0])) {
            for s in daily_scores(&h, f, 0, 130) {
                prop_assert!((0.0..=1.0).contains(&s));
            }
        }

        #[test]
        fn frozen_days_without_practice_leave_the_score_unchanged(h in history_strategy()) {
            let scores = daily_scores(&h, 1.0, 0, 130);
            for day in 1..=130i64 {
                let practised = h.practice.iter().any(|p| p.day == day);
                if freeze_reason(&h, day).is_some() && !practised {
                    prop_assert_eq!(scores[day as usize], scores[day as usize - 1]);
                }
            }
        }

        #[test]
        fn logging_a_setback_never_lowers_the_score(h in history_strategy(), setback in 0i64..130) {
            let before = daily_scores(&h, 1.0, 0, 130);
            let mut with = h.clone();
            with.setback_days.push(setback);
            let after = daily_scores(&with, 1.0, 0, 130);
            for (a, b) in after.iter().zip(&before) {
                prop_assert!(a >= b, "{a} < {b}");
            }
        }

        #[test]
        fn added_practice_never_lowers_and_on_a_plain_day_raises_it(h in history_strategy(), day in 0i64..130) {
            let before = daily_scores(&h, 1.0, 0, 130);
            let mut with = h.clone();
            with.practice.push(DatedPractice { day, source: PracticeSource::Recommitted });
            let after = daily_scores(&with, 1.0, 0, 130);
            for (a, b) in after.iter().zip(&before) {
                prop_assert!(a >= b);
            }
            if !h.practice.iter().any(|p| p.day == day) && before[day as usize] < 1.0 {
                prop_assert!(after[day as usize] > before[day as usize]);
            }
        }
    }
}
