//! A fixed report (behind the `test-support` feature): the data the golden files are
//! rendered from, and a one-year report for benchmarks. Built in code, with no vault,
//! clock or random id, so its bytes never change unless the code does.
//!
//! Its picked texts hold markup, formula and Markdown look-alikes on purpose, so the
//! goldens show each writer's escaping.

use crate::data::*;
use crate::dates;
use crate::templates::ALL_SECTIONS;

fn kc(key: &str, label: &str, count: u32) -> KindCount {
    KindCount {
        key: key.to_owned(),
        label: label.to_owned(),
        count,
    }
}

fn field(key: &str, label: &str, value: &str) -> EntryField {
    EntryField {
        key: key.to_owned(),
        label: label.to_owned(),
        value: value.to_owned(),
    }
}

/// Four weeks (2026-03-02 to 2026-03-29, the `general` template, every section) with
/// picked items of every kind.
pub fn fixture_report_data() -> ReportData {
    let weeks: Vec<String> = ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"]
        .map(str::to_owned)
        .to_vec();
    ReportData {
        from: "2026-03-02".to_owned(),
        to: "2026-03-29".to_owned(),
        zone: "Europe/Paris".to_owned(),
        template: "general".to_owned(),
        sections: ALL_SECTIONS.to_vec(),
        session_dates: vec!["2026-03-03".to_owned(), "2026-03-17".to_owned()],
        weeks,
        included: vec![
            "Counts and ratings from 14 journal entries and 9 victories, setbacks and recommitments.".to_owned(),
            "4 ladder attempts and 11 check-ins.".to_owned(),
            "Sections: Measures, Felt safety and triggers, Practice, Thought records, Setbacks and what helped, Selected journal entries, Gaps in logging, Growth score, Agenda for the next session.".to_owned(),
        ],
        withheld: vec![
            Withheld {
                key: "entry_text".to_owned(),
                count: 11,
                text: "11 journal entries not picked: their text is withheld (only counts and ratings are used).".to_owned(),
            },
            Withheld {
                key: "thought_record_text".to_owned(),
                count: 1,
                text: "1 thought record not picked: their text is withheld (only verdicts and belief ratings are used).".to_owned(),
            },
            Withheld {
                key: "ladder_step_text".to_owned(),
                count: 2,
                text: "2 ladder steps not picked: shown by position and expected difficulty only.".to_owned(),
            },
            Withheld {
                key: "ritual_text".to_owned(),
                count: 2,
                text: "2 rituals: titles, notes and guides are withheld (shown by kind).".to_owned(),
            },
            Withheld {
                key: "own_measure_names".to_owned(),
                count: 1,
                text: "1 name of the person's own measures not picked: shown by number; item wording is never included.".to_owned(),
            },
        ],
        measures: Some(vec![
            MeasureSummary {
                key: "reflection.felt_safety".to_owned(),
                name: "Felt safety this week".to_owned(),
                name_withheld: false,
                score_min: 0.0,
                score_max: 10.0,
                responses: vec![
                    DatedValue { date: "2026-03-04".to_owned(), value: 4.0 },
                    DatedValue { date: "2026-03-11".to_owned(), value: 5.0 },
                    DatedValue { date: "2026-03-25".to_owned(), value: 7.0 },
                ],
                weekly: vec![Some(4.0), Some(5.0), None, Some(7.0)],
            },
            MeasureSummary {
                key: "own.1".to_owned(),
                name: "Own measure 1".to_owned(),
                name_withheld: true,
                score_min: 5.0,
                score_max: 25.0,
                responses: vec![
                    DatedValue { date: "2026-03-05".to_owned(), value: 18.0 },
                    DatedValue { date: "2026-03-26".to_owned(), value: 12.5 },
                ],
                weekly: vec![Some(18.0), None, None, Some(12.5)],
            },
        ]),
        safety: Some(SafetySummary {
            pattern_logs: 7,
            average_safety: Some(4.0 + 4.0 / 7.0),
            average_urge: Some(6.0 + 1.0 / 7.0),
            weekly_logs: vec![3, 2, 0, 2],
            weekly_safety: vec![Some(3.0 + 2.0 / 3.0), Some(4.5), None, Some(6.0)],
            weekly_checkin: vec![Some(4.0), Some(5.0), None, Some(7.0)],
            triggers: vec![
                TriggerSummary {
                    key: "being_seen".to_owned(),
                    label: "being seen".to_owned(),
                    count: 4,
                    average_safety: 3.75,
                    average_urge: 7.25,
                    responses: vec![kc("withdrew", "withdrew", 3), kc("stayed_present", "stayed present", 1)],
                },
                TriggerSummary {
                    key: "own.1".to_owned(),
                    label: "own trigger 1".to_owned(),
                    count: 2,
                    average_safety: 5.0,
                    average_urge: 5.5,
                    responses: vec![kc("reached_out", "reached out", 2)],
                },
            ],
        }),
        practice: Some(PracticeSummary {
            rituals: vec![
                RitualSummary {
                    kind: "daily_check_in".to_owned(),
                    name: "Daily check-in".to_owned(),
                    planned: 28,
                    done: 19,
                    skipped: 3,
                    weekly_planned: vec![7, 7, 7, 7],
                    weekly_done: vec![5, 6, 2, 6],
                },
                RitualSummary {
                    kind: "weekly_conversation".to_owned(),
                    name: "Weekly conversation".to_owned(),
                    planned: 4,
                    done: 3,
                    skipped: 0,
                    weekly_planned: vec![1, 1, 1, 1],
                    weekly_done: vec![1, 1, 0, 1],
                },
            ],
            ladder: vec![
                LadderRow {
                    position: 1,
                    text: Some("Say \"I don't know\" in a meeting, <calmly>".to_owned()),
                    expected_difficulty: 2,
                    attempts: 2,
                    mean_predicted: Some(6.0),
                    mean_peak: Some(3.5),
                    picked_attempts: vec![
                        AttemptDetail {
                            date: "2026-03-06".to_owned(),
                            predicted: 6,
                            before: 5,
                            peak: 4,
                            after: 2,
                            outcome: "Nobody minded, =1+1".to_owned(),
                        },
                        AttemptDetail {
                            date: "2026-03-20".to_owned(),
                            predicted: 6,
                            before: 4,
                            peak: 3,
                            after: 1,
                            outcome: String::new(),
                        },
                    ],
                },
                LadderRow {
                    position: 2,
                    text: None,
                    expected_difficulty: 5,
                    attempts: 2,
                    mean_predicted: Some(8.0),
                    mean_peak: Some(6.5),
                    picked_attempts: Vec::new(),
                },
                LadderRow {
                    position: 3,
                    text: None,
                    expected_difficulty: 8,
                    attempts: 0,
                    mean_predicted: None,
                    mean_peak: None,
                    picked_attempts: Vec::new(),
                },
            ],
            ladder_attempts: 4,
            predictions_above_peak: 4,
            predictions_below_peak: 0,
            victories: vec![
                kc("victory.shared_difficult_feeling", "shared a difficult feeling", 3),
                kc("victory.asked_instead_of_assuming", "asked instead of assuming", 2),
                kc("victory.own", "in their own words", 1),
            ],
            picked: vec![PickedPractice {
                date: "2026-03-12".to_owned(),
                key: "victory.shared_difficult_feeling".to_owned(),
                label: "shared a difficult feeling".to_owned(),
                context: "Told A. that the silence at dinner scared me | it was *hard*".to_owned(),
                triggers: vec!["being seen".to_owned()],
                what_helped: "Breathing first; then one sentence.".to_owned(),
            }],
        }),
        thought_records: Some(ThoughtRecordSummary {
            count: 2,
            based_on_evidence: 0,
            based_on_fear: 2,
            unsure: 0,
            mean_belief_before: Some(82.5),
            mean_belief_after: Some(40.0),
            picked: vec![PickedEntry {
                date: "2026-03-10".to_owned(),
                kind: "thought_record".to_owned(),
                fields: vec![
                    field("situation", "Situation", "A. didn't answer my message for six hours."),
                    field("automatic_thought", "Automatic thought", "# They are done with me\n- for good"),
                    field("emotions_before", "Emotions before", "on guard (8/10), sad (5/10)"),
                    field("evidence_for", "Evidence for", "Short replies last week."),
                    field("evidence_against", "Evidence against", "They were on a train; they said so yesterday."),
                    field("verdict", "Verdict", "based on fear"),
                    field("balanced_thought", "Balanced thought", "Silence is not leaving."),
                    field("belief", "Belief in the thought", "85% before, 35% after"),
                    field("emotions_after", "Emotions after", "on guard (4/10)"),
                ],
            }],
        }),
        setbacks: Some(SetbackSummary {
            count: 2,
            by_kind: vec![kc("setback.withdrew", "withdrew", 1), kc("setback.went_silent", "went silent", 1)],
            recommitments: 1,
            with_what_helped: 1,
            picked: vec![PickedPractice {
                date: "2026-03-17".to_owned(),
                key: "setback.withdrew".to_owned(),
                label: "withdrew".to_owned(),
                context: "Left the party early without saying why.".to_owned(),
                triggers: vec!["being seen".to_owned(), "own word, picked".to_owned()],
                what_helped: "@ home: a walk, then texting \"I'm back\".".to_owned(),
            }],
        }),
        entries: Some(vec![PickedEntry {
            date: "2026-03-24".to_owned(),
            kind: "reflection".to_owned(),
            fields: vec![
                field("title", "Title", "A good week <b>finally</b>"),
                field("text", "Text", "We talked on Sunday & it went well.\n1. I stayed.\n2. I asked."),
            ],
        }]),
        gaps: Some(GapSummary {
            days: 28,
            days_logged: 19,
            longest_gap_days: 5,
            gaps: vec![Gap {
                from: "2026-03-16".to_owned(),
                to: "2026-03-20".to_owned(),
                days: 5,
            }],
            weekly_days_logged: vec![6, 6, 2, 5],
        }),
        growth: Some(GrowthSummary {
            half_life_days: 13.0,
            at_end: 0.4375,
            weekly: vec![0.18, 0.31, 0.29, 0.4375],
        }),
        agenda: Some(vec![
            "Why does silence feel like leaving?".to_owned(),
            "Practise asking for reassurance [without apologising]".to_owned(),
        ]),
    }
}

/// A one-year report (52 weeks, every section) sized like the benchmark's vault: 1,000
/// entries and 365 check-ins, for measuring the writers apart from the vault.
pub fn fixture_year_report_data() -> ReportData {
    let mut d = fixture_report_data();
    let from = dates::parse("2025-03-31").unwrap_or(0);
    let to = from + 363;
    let mondays = dates::week_starts(from, to);
    let n = mondays.len();
    d.from = dates::text(from);
    d.to = dates::text(to);
    d.weeks = mondays.iter().map(|m| dates::text(*m)).collect();
    let wave = |i: usize, lo: f64, span: f64| lo + span * ((i * 7 % 11) as f64 / 10.0);
    if let Some(ms) = d.measures.as_mut() {
        for m in ms.iter_mut() {
            m.responses = (0..365)
                .map(|i| DatedValue {
                    date: dates::text(from + i as i64 % 364),
                    value: wave(i, m.score_min, (m.score_max - m.score_min) * 0.8),
                })
                .collect();
            m.weekly = (0..n)
                .map(|i| Some(wave(i, m.score_min, m.score_max - m.score_min)))
                .collect();
        }
    }
    if let Some(s) = d.safety.as_mut() {
        s.weekly_logs = (0..n).map(|i| (i % 5) as u32).collect();
        s.weekly_safety = (0..n)
            .map(|i| (i % 5 != 0).then(|| wave(i, 2.0, 7.0)))
            .collect();
        s.weekly_checkin = (0..n).map(|i| Some(wave(i + 3, 3.0, 6.0))).collect();
    }
    if let Some(p) = d.practice.as_mut() {
        for r in p.rituals.iter_mut() {
            r.weekly_planned = vec![7; n];
            r.weekly_done = (0..n).map(|i| (i % 8) as u32).collect();
        }
    }
    if let Some(g) = d.gaps.as_mut() {
        g.days = 364;
        g.weekly_days_logged = (0..n).map(|i| (i % 8) as u32).collect();
    }
    if let Some(g) = d.growth.as_mut() {
        g.weekly = (0..n).map(|i| wave(i, 0.1, 0.8)).collect();
    }
    d
}
