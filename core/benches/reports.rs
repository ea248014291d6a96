//! A one-year report for therapy (DESIGN.md §8: 1,000 entries and 365 check-ins, every
//! format under 250 ms), printed as rows of the README's benchmark table.
//!
//! ```text
//! cargo bench -p innermost-benches --bench reports --profile bench-mobile   # what phones run
//! cargo bench -p innermost-benches --bench reports -- --quick               # CI smoke
//! ```
//!
//! * **The record**: a year of journal (1,000 entries: pattern logs with felt safety,
//!   triggers and emotions, reflections, thought records and conversation reflections),
//!   a felt-safety check-in every day, victories on most days and a setback a week, a
//!   ladder attempt a fortnight; written through the public API into a sealed vault.
//! * **Measured**: `innermost_reports::render_report` for the whole year (every section
//!   on, five thought records and three setbacks picked in full), once per format: the
//!   vault read and opened, aggregated, laid out and written. The PDF embeds a subset of
//!   DejaVu Sans when Debian's `fonts-dejavu-core` is installed (as a phone embeds its
//!   own fonts), else uses the standard Helvetica.
//! * **Baseline**: `innermost_reports::gather` alone on the same request — reading and
//!   opening the year's records and aggregating them — so the ratio is what writing the
//!   format adds.
//!
//! Benchmarks never assert: a figure over budget is reported as such, not failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use common::{fmt, median};

use std::time::{Duration, Instant};

use innermost::progress::{
    NewLadderStep, NewPracticeEvent, PracticeKind, Setback, Victory, measures,
};
use innermost::{EmotionRating, EntryContent, NewEntry, Response, Timestamp, Verdict};
use innermost_reports::{PdfFonts, ReportFormat, ReportRequest, gather, render_report};

/// 2025-01-06T09:00Z, a Monday: the first day of the year of record.
const START: i64 = 1_736_154_000_000;
const DAY: i64 = 86_400_000;
const ZONE: &str = "UTC";
const DEJAVU_SANS: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

fn text(i: usize, what: &str) -> String {
    format!(
        "Day {i}: {what}. We talked about the weekend and I noticed the old pull to go quiet; \
         I stayed a little longer than last time, and said one true thing about how it felt."
    )
}

fn entry(i: usize) -> NewEntry {
    let content = match i % 4 {
        0 | 1 => EntryContent::PatternLog {
            situation: text(i, "at dinner"),
            involved: Some("my partner".into()),
            felt_safety: (3 + i % 6) as u8,
            urge_to_pull_away: (7 - i % 5) as u8,
            response: if i.is_multiple_of(3) {
                Response::Withdrew
            } else {
                Response::StayedPresent
            },
            triggers: vec![["being_seen", "physical_closeness", "conflict"][i % 3].into()],
            emotions: vec![EmotionRating {
                key: "fear.exposed".into(),
                intensity: (4 + i % 5) as u8,
            }],
            body_sensations: Some("tight chest".into()),
            note: None,
        },
        2 => EntryContent::ThoughtRecord {
            situation: text(i, "a slow reply"),
            automatic_thought: "If I need them, they will leave.".into(),
            emotions_before: Vec::new(),
            evidence_for: Some("They did not answer at lunch.".into()),
            evidence_against: Some("They stayed through the hard winter.".into()),
            verdict: Verdict::BasedOnFear,
            balanced_thought: Some("Needing someone is not what makes them leave.".into()),
            belief_before: 80,
            belief_after: 40,
            emotions_after: Vec::new(),
        },
        _ => EntryContent::Reflection {
            title: None,
            text: text(i, "a walk"),
            prompt_key: None,
        },
    };
    NewEntry {
        content,
        tags: Vec::new(),
        links: Vec::new(),
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (entries, days, samples) = if quick { (200, 73, 3) } else { (1000, 365, 15) };
    let dir = tempfile::tempdir().unwrap();
    let (vault, clock) = common::vault_at(dir.path(), START);
    let step = vault
        .add_ladder_step(&NewLadderStep {
            text: "say I don't know".into(),
            expected_difficulty: 4,
        })
        .unwrap()
        .id;
    let mut picked_entries = Vec::new();
    let mut picked_practice = Vec::new();
    let fill = Instant::now();
    let mut written = 0;
    for d in 0..days {
        let at = |minute: i64| Timestamp::from_millis(START + d * DAY + minute * 60_000);
        // This day's share of the year's entries, spread evenly.
        let until = (d + 1) as usize * entries / days as usize;
        for i in written..until {
            clock.set(at(i as i64 % 600));
            let stored = vault.add_entry(&entry(i)).unwrap();
            if i % 4 == 2 && picked_entries.len() < 5 {
                picked_entries.push(stored.id);
            }
        }
        written = until;
        clock.set(at(700));
        vault
            .record_measure_response(measures::FELT_SAFETY, &[(3 + d % 7) as u32], ZONE)
            .unwrap();
        let kind = if d % 7 == 3 {
            PracticeKind::Setback {
                setback: Setback::WentSilent,
            }
        } else {
            PracticeKind::Victory {
                victory: Victory::StayedPresent,
            }
        };
        let logged = vault
            .log_practice(
                &NewPracticeEvent {
                    kind,
                    occurred_at: at(650),
                    context: text(d as usize, "after work"),
                    trigger_keys: Vec::new(),
                    what_helped: "breathing first".into(),
                },
                ZONE,
            )
            .unwrap();
        if d % 7 == 3 && picked_practice.len() < 3 {
            picked_practice.push(logged.event.id);
        }
        if d % 14 == 0 {
            common::record_attempt(&vault, step, at(660), ZONE);
        }
    }
    let fill = fill.elapsed();
    let last = Timestamp::from_millis(START + (days - 1) * DAY);
    let date = |t: Timestamp| {
        innermost::time::Zone::named(ZONE, "zone")
            .unwrap()
            .local_date(t)
            .unwrap()
            .to_string()
    };
    let request = ReportRequest {
        from: date(Timestamp::from_millis(START)),
        to: date(last),
        zone: ZONE.into(),
        template: "general".into(),
        turned_on: Vec::new(),
        turned_off: Vec::new(),
        picked_entries,
        picked_practice,
        picked_measures: Vec::new(),
        agenda: vec!["What do I do when silence feels like leaving?".into()],
        session_dates: Vec::new(),
    };
    let (fonts, font_name) = match std::fs::read(DEJAVU_SANS) {
        Ok(font) => (
            PdfFonts::from_files(vec![font]).unwrap(),
            "DejaVu Sans subset embedded",
        ),
        Err(_) => (PdfFonts::standard(), "standard Helvetica"),
    };

    let mut gathered = Vec::new();
    let mut rendered: Vec<Vec<Duration>> = vec![Vec::new(); ReportFormat::ALL.len()];
    let mut sizes = [0usize; 5];
    for round in 0..samples {
        let run_gather = |gathered: &mut Vec<Duration>| {
            let t = Instant::now();
            std::hint::black_box(gather(&vault, &request).unwrap());
            gathered.push(t.elapsed());
        };
        if round % 2 == 0 {
            run_gather(&mut gathered);
        }
        for (i, format) in ReportFormat::ALL.iter().enumerate() {
            let t = Instant::now();
            let bytes = render_report(&vault, &request, *format, &fonts).unwrap();
            rendered[i].push(t.elapsed());
            sizes[i] = bytes.len();
        }
        if round % 2 == 1 {
            run_gather(&mut gathered);
        }
    }
    let baseline = median(gathered);
    let budget = Duration::from_millis(250);
    let span = if quick { "73 days" } else { "one year" };
    for (i, format) in ReportFormat::ALL.iter().enumerate() {
        let ours = median(std::mem::take(&mut rendered[i]));
        let what = match format {
            ReportFormat::Pdf => format!("PDF, {font_name}"),
            other => format!("{other:?}").to_uppercase(),
        };
        println!(
            "| Report for therapy, {span} ({entries} entries, {days} check-ins): {what}, {} KB | < 250 ms | {} | {} reading and aggregating the same records (`gather` alone) | {:.1}x | {} |",
            sizes[i] / 1024,
            fmt(ours),
            fmt(baseline),
            ours.as_secs_f64() / baseline.as_secs_f64(),
            if ours < budget { "within" } else { "OVER" }
        );
    }
    println!(
        "\n(filling the vault through the API: {} entries, {days} check-ins, {days} practice events in {} ms)",
        entries,
        fill.as_millis()
    );
    if quick {
        println!("\n(quick smoke run: 73 days, few samples; figures are not representative)");
    }
}
