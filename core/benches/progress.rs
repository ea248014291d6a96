//! The progress model over five years of daily data: the growth score with its reasons,
//! trends over the whole range and a milestone check, measured beside a baseline in the
//! same run.
//!
//! ```text
//! cargo bench -p innermost-benches --bench progress --profile bench-mobile
//! cargo bench -p innermost-benches --bench progress -- --quick      # CI smoke (one year)
//! ```
//!
//! * **Measured**: `Vault::growth_score`, `Vault::progress_trends` (five years) and
//!   `Vault::check_milestones` end to end on a vault holding five years of daily practice
//!   (a victory most days, a setback a week, a ladder attempt a fortnight, a reflection
//!   check-in a week): each call opens every sealed row it needs and computes in memory.
//! * **Baseline**: the same three computations (`progress::growth::growth_score`,
//!   `progress::trends::trends`, `progress::milestones::reached`) over the same record
//!   already in memory: no SQLite, no decryption. The ratio is the cost of keeping the
//!   record sealed on disk and recomputing instead of storing scores.
//!
//! Benchmarks never assert; a figure over budget is printed as such.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use common::{fmt, median};

use std::time::{Duration, Instant};

use innermost::Timestamp;
use innermost::progress::growth::{DAILY_TARGET, growth_score};
use innermost::progress::milestones::reached;
use innermost::progress::trends::trends;
use innermost::progress::{
    DatedAttempt, DatedPractice, DatedScore, NewLadderStep, NewPracticeEvent, PracticeKind,
    PracticeSource, ProgressHistory, Setback, Victory, measures,
};

/// 2021-01-04T12:00Z, a Monday: the first day of the record.
const START: i64 = 1_609_761_600_000;
const DAY: i64 = 86_400_000;
/// Day number of 2021-01-04.
const START_DAY: i64 = 18_631;
const ZONE: &str = "UTC";

fn date(day: i64) -> String {
    innermost::calendar::date_of(day)
        .map(innermost::calendar::date_text)
        .unwrap()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let days: i64 = if quick { 365 } else { 5 * 365 + 1 };
    let samples = if quick { 3 } else { 31 };
    let dir = tempfile::tempdir().unwrap();
    let (vault, clock) = common::vault_at(dir.path(), START);
    let steps: Vec<_> = (0..20)
        .map(|i| {
            vault
                .add_ladder_step(&NewLadderStep {
                    text: format!("step {i}"),
                    expected_difficulty: (i % 11) as u8,
                })
                .unwrap()
                .id
        })
        .collect();
    let mut history = ProgressHistory::default();
    let fill = Instant::now();
    for d in 0..days {
        let at = START + d * DAY;
        clock.set(Timestamp::from_millis(at));
        let day = START_DAY + d;
        let event = |kind| NewPracticeEvent {
            kind,
            occurred_at: Timestamp::from_millis(at),
            context: "a day like most".into(),
            trigger_keys: Vec::new(),
            what_helped: "breathing".into(),
        };
        if d % 7 != 3 {
            vault
                .log_practice(
                    &event(PracticeKind::Victory {
                        victory: Victory::ExpressedNeed,
                    }),
                    ZONE,
                )
                .unwrap();
            history.practice.push(DatedPractice {
                day,
                source: PracticeSource::Victory {
                    victory: Victory::ExpressedNeed,
                },
            });
        } else {
            vault
                .log_practice(
                    &event(PracticeKind::Setback {
                        setback: Setback::Withdrew,
                    }),
                    ZONE,
                )
                .unwrap();
            history.setback_days.push(day);
        }
        if d % 14 == 0 {
            let step = steps[(d / 14) as usize % steps.len()];
            common::record_attempt(&vault, step, Timestamp::from_millis(at), ZONE);
            history.practice.push(DatedPractice {
                day,
                source: PracticeSource::LadderAttempt,
            });
            history.ladder_attempts.push(DatedAttempt {
                step,
                day,
                predicted: 7,
                peak: 5,
            });
        }
        if d % 7 == 6 {
            let value = 3 + (d / 120) as u32 % 7;
            vault
                .record_measure_response(measures::FELT_SAFETY, &[value], ZONE)
                .unwrap();
            history.scores.push(DatedScore {
                measure_id: measures::FELT_SAFETY.into(),
                day,
                score: f64::from(value),
            });
        }
    }
    let fill = fill.elapsed();
    let today = START_DAY + days - 1;
    let (from, to) = (date(START_DAY), date(today));

    let mut ours = Vec::new();
    let mut baseline = Vec::new();
    let mut value = 0.0;
    for round in 0..samples {
        let run_ours = |ours: &mut Vec<Duration>, value: &mut f64| {
            let t = Instant::now();
            let score = vault.growth_score(ZONE).unwrap();
            let trends = vault.progress_trends(&from, &to, ZONE).unwrap();
            let new = vault.check_milestones(ZONE).unwrap();
            ours.push(t.elapsed());
            *value = score.value;
            std::hint::black_box((trends, new));
        };
        let run_baseline = |baseline: &mut Vec<Duration>| {
            let t = Instant::now();
            let score = growth_score(&history, DAILY_TARGET, today);
            let trends = trends(&history, START_DAY, today);
            let reached = reached(&history, today);
            baseline.push(t.elapsed());
            std::hint::black_box((score, trends, reached));
        };
        if round % 2 == 0 {
            run_ours(&mut ours, &mut value);
            run_baseline(&mut baseline);
        } else {
            run_baseline(&mut baseline);
            run_ours(&mut ours, &mut value);
        }
    }
    let (ours, baseline) = (median(ours), median(baseline));
    let ratio = ours.as_secs_f64() / baseline.as_secs_f64();
    let rows = history.practice.len() + history.setback_days.len() + history.scores.len();
    println!("| Figure | Budget | Measured | Baseline (same run) | Ratio | Verdict |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| Growth score + trends + milestone check over {} of daily data ({rows} sealed rows, score {value:.3}) | < 100 ms | {} | {} same computations on the record in memory (no SQLite, no decryption) | {ratio:.1}x | {} |",
        if quick { "one year" } else { "five years" },
        fmt(ours),
        fmt(baseline),
        if ours < Duration::from_millis(100) {
            "within"
        } else {
            "OVER"
        }
    );
    println!(
        "\n(filling the vault through the API, one call per record with its milestone check: {} ms, {:.2} ms per call)",
        fill.as_millis(),
        fill.as_secs_f64() * 1000.0 / rows as f64
    );
    if quick {
        println!("\n(quick smoke run: one year, few samples; figures are not representative)");
    }
}
