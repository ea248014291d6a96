//! The reminder planner's budget (DESIGN.md §8): a notification plan for 50 rituals,
//! budget 64, one-year horizon, under 1 ms — measured beside a baseline in the same run.
//!
//! ```text
//! cargo bench -p innermost-benches --bench reminders --profile bench-mobile
//! cargo bench -p innermost-benches --bench reminders -- --quick      # CI smoke
//! ```
//!
//! * **Measured**: `Vault::plan_reminders` end to end — reading 50 schedules, their
//!   pauses and the completion log from SQLite, walking each ritual lazily, sharing the
//!   budget, quiet hours — on a vault with a month of completions.
//! * **Baseline**: the naive planner a first version would write: expand every ritual's
//!   year of occurrences (`rituals::preview`, up to 500 each, no database), sort them all,
//!   keep the 64 soonest. Same rules for dates and zones, no fairness, no laziness.
//!
//! Benchmarks never assert; a figure over budget is printed as such.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use common::{fmt, median};

use std::time::{Duration, Instant};

use innermost::rituals::{OccurrenceStatus, QuietHours, ReminderSettings, RitualDetails, preview};
use innermost::{NewRitual, PlanRequest, RitualKind, Schedule, Timestamp, ZoneMode};

/// 2026-11-28T12:00Z.
const NOW: i64 = 1_795_867_200_000;

fn schedules() -> Vec<Schedule> {
    let zones = [
        None,
        Some("Europe/Paris"),
        Some("America/New_York"),
        Some("Australia/Lord_Howe"),
    ];
    let rules = [
        ("FREQ=DAILY", vec!["08:00", "20:30"]),
        ("FREQ=WEEKLY;BYDAY=SU", vec!["18:00"]),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", vec!["07:15"]),
        ("FREQ=MONTHLY;BYDAY=-1FR", vec!["19:00"]),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", vec!["12:00"]),
        ("FREQ=DAILY;INTERVAL=3", vec!["21:45"]),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", vec!["06:30", "22:00"]),
    ];
    (0..50)
        .map(|i| {
            let (rule, times) = &rules[i % rules.len()];
            Schedule {
                cadence: (*rule).into(),
                times: times.iter().map(|t| (*t).to_owned()).collect(),
                start_date: "2026-10-01".into(),
                zone: zones[i % zones.len()]
                    .map_or(ZoneMode::Floating, |z| ZoneMode::Fixed { zone: z.into() }),
                lead_minutes: [0, 10, 30][i % 3],
                exact: i % 2 == 0,
                label: None,
            }
        })
        .collect()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let samples = if quick { 5 } else { 301 };
    let dir = tempfile::tempdir().unwrap();
    let (vault, _clock) = common::vault_at(dir.path(), NOW);
    let schedules = schedules();
    for (i, schedule) in schedules.iter().enumerate() {
        let id = vault
            .add_ritual(&NewRitual {
                kind: RitualKind::Custom,
                details: RitualDetails {
                    title: format!("ritual {i}"),
                    ..Default::default()
                },
                schedule: schedule.clone(),
            })
            .unwrap()
            .id;
        // A month of history: most past occurrences done.
        for o in preview(schedule, "Europe/Paris", "2026-10-28", 40).unwrap() {
            if o.at.as_millis() < NOW && o.at.as_millis() % 3 != 0 {
                vault
                    .record_occurrence(
                        &format!("{id}/{}", o.local),
                        OccurrenceStatus::Done,
                        None,
                        "Europe/Paris",
                    )
                    .unwrap();
            }
        }
    }
    vault
        .set_reminder_settings(&ReminderSettings {
            quiet_hours: Some(QuietHours {
                start: "22:30".into(),
                end: "07:00".into(),
            }),
            catch_up_grace_minutes: 120,
        })
        .unwrap();
    let request = PlanRequest::new(Timestamp::from_millis(NOW), "Europe/Paris");
    assert_eq!(request.budget, 64);
    assert_eq!(request.horizon_days, 365);

    let mut ours = Vec::new();
    let mut naive = Vec::new();
    let mut items = 0;
    for round in 0..samples {
        let run_ours = |ours: &mut Vec<Duration>, items: &mut usize| {
            let t = Instant::now();
            let plan = vault.plan_reminders(&request).unwrap();
            ours.push(t.elapsed());
            *items = plan.items.len();
        };
        let run_naive = |naive: &mut Vec<Duration>| {
            let t = Instant::now();
            let mut all: Vec<_> = schedules
                .iter()
                .flat_map(|s| preview(s, "Europe/Paris", "2026-11-28", 500).unwrap())
                .filter(|o| o.at.as_millis() >= NOW && o.at.as_millis() <= NOW + 365 * 86_400_000)
                .collect();
            all.sort_by_key(|o| o.at);
            all.truncate(64);
            naive.push(t.elapsed());
            std::hint::black_box(all);
        };
        if round % 2 == 0 {
            run_ours(&mut ours, &mut items);
            run_naive(&mut naive);
        } else {
            run_naive(&mut naive);
            run_ours(&mut ours, &mut items);
        }
    }
    let (ours, naive) = (median(ours), median(naive));
    let ratio = ours.as_secs_f64() / naive.as_secs_f64();
    println!("| Figure | Budget | Measured | Baseline (same run) | Ratio | Verdict |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| Notification plan: 50 rituals, budget 64, one-year horizon ({items} items, from SQLite) | < 1 ms | {} | {} naive: expand each ritual's year, sort, keep 64 (in memory) | {ratio:.2}x | {} |",
        fmt(ours),
        fmt(naive),
        if ours < Duration::from_millis(1) {
            "within"
        } else {
            "OVER"
        }
    );
    if quick {
        println!("\n(quick smoke run: small counts, figures are not representative)");
    }
}
