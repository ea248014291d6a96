//! Bad input is refused with `InvalidInput` naming the field, and nothing stored changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::journal::content::MAX_FIELD_BYTES;
use innermost::{EntryId, Error, KdfParams, NewEntry, Passphrase, Vault};
use support::*;

fn field(result: innermost::Result<impl std::fmt::Debug>) -> &'static str {
    match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn refused_writes_name_the_field_and_leave_the_journal_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let kept = vault
        .add_entry(&NewEntry::reflection("the original"))
        .unwrap();
    vault.checkpoint().unwrap();
    let before = std::fs::read(&path).unwrap();

    assert_eq!(
        field(vault.add_entry(&NewEntry::reflection(""))),
        "reflection.text"
    );
    assert_eq!(
        field(vault.add_entry(&NewEntry::reflection(" \n\t "))),
        "reflection.text"
    );
    assert_eq!(
        field(vault.add_entry(&NewEntry::reflection("a".repeat(MAX_FIELD_BYTES + 1)))),
        "reflection.text"
    );
    assert_eq!(
        field(vault.update_entry(kept.id, &NewEntry::reflection(""))),
        "reflection.text"
    );
    assert_eq!(field(vault.entries(0, None)), "limit");
    assert_eq!(field(vault.entries(501, None)), "limit");
    assert_eq!(field(EntryId::parse("not-a-uuid", "id")), "id");

    vault.checkpoint().unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a refused write changed the file"
    );
    assert_eq!(vault.entry(kept.id).unwrap(), kept);
    assert!(
        vault
            .add_entry(&NewEntry::reflection("a".repeat(MAX_FIELD_BYTES)))
            .is_ok(),
        "the limit itself is allowed"
    );
}

#[test]
fn weak_or_empty_secrets_are_refused_before_a_file_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.innermost");
    assert_eq!(
        field(Passphrase::new(String::new(), "passphrase")),
        "passphrase"
    );
    assert_eq!(field(KdfParams::new(19 * 1024, 1, 1)), "iterations");
    assert_eq!(field(KdfParams::new(1024, 3, 1)), "memory_kib");
    assert_eq!(field(KdfParams::new(64 * 1024, 3, 17)), "lanes");
    assert!(!path.exists());
    Vault::create(&path, &pass("fine"), fast()).unwrap();
}

/// One row per public call and kind of bad input: the call, and the field it must name.
type Case = (
    &'static str,
    &'static str,
    Box<dyn Fn(&Vault) -> innermost::Result<()>>,
);

/// A valid daily ritual with one edit applied.
fn bad_ritual(edit: fn(&mut innermost::NewRitual)) -> innermost::NewRitual {
    let mut ritual = innermost::NewRitual {
        kind: innermost::RitualKind::DailyCheckIn,
        details: innermost::rituals::RitualDetails {
            title: "check-in".into(),
            ..Default::default()
        },
        schedule: innermost::Schedule {
            cadence: "FREQ=DAILY".into(),
            times: vec!["20:00".into()],
            start_date: "2026-01-01".into(),
            zone: innermost::ZoneMode::Floating,
            lead_minutes: 0,
            exact: false,
            label: None,
        },
    };
    edit(&mut ritual);
    ritual
}

#[test]
fn every_public_call_refuses_bad_input_by_field_and_changes_nothing() {
    use innermost::vault::NoProgress;
    use innermost::{BackupSecret, EntryContent, EntryFilter, RecoveryCode, Response, Timestamp};

    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let kept = vault
        .add_entry(&NewEntry::reflection("kept as it was"))
        .unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let not_a_dir = dir.path().join("a-file");
    std::fs::write(&not_a_dir, b"x").unwrap();
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, b"{ not json").unwrap();
    let pattern_log = |safety: u8, trigger: &str| NewEntry {
        content: EntryContent::PatternLog {
            situation: "at dinner".into(),
            involved: None,
            felt_safety: safety,
            urge_to_pull_away: 3,
            response: Response::StayedPresent,
            triggers: vec![trigger.into()],
            emotions: Vec::new(),
            body_sensations: None,
            note: None,
        },
        tags: Vec::new(),
        links: Vec::new(),
    };
    let typed_code = RecoveryCode::generate().unwrap().display().to_string();
    let typo = format!(
        "{}{}",
        if typed_code.starts_with('A') {
            "B"
        } else {
            "A"
        },
        &typed_code[1..]
    );
    let backup_secret = BackupSecret::Passphrase(pass("backup secret"));
    vault
        .configure_automatic_backups(&backup_secret, fast())
        .unwrap();
    let made = vault
        .run_automatic_backup(&backups, 3, &NoProgress)
        .unwrap();
    let ritual_id = vault.add_ritual(&bad_ritual(|_| {})).unwrap().id;
    let step_id = vault
        .add_ladder_step(&innermost::progress::NewLadderStep {
            text: "share a minor worry".into(),
            expected_difficulty: 2,
        })
        .unwrap()
        .id;
    let own_measure = vault
        .add_measure(&innermost::progress::MeasureDefinition {
            name: "closeness".into(),
            items: vec![
                innermost::progress::MeasureItem {
                    text: "one".into(),
                    reverse_keyed: false,
                    subscale: None,
                },
                innermost::progress::MeasureItem {
                    text: "two".into(),
                    reverse_keyed: true,
                    subscale: None,
                },
            ],
            min: 1,
            max: 5,
            scoring: innermost::progress::Scoring::Sum,
        })
        .unwrap()
        .id;
    vault.checkpoint().unwrap();

    let mut ritual_cases: Vec<Case> = vec![
        (
            "a yearly cadence",
            "cadence",
            Box::new(move |v| {
                v.add_ritual(&bad_ritual(|r| r.schedule.cadence = "FREQ=YEARLY".into()))
                    .map(|_| ())
            }),
        ),
        (
            "25:00",
            "times",
            Box::new(move |v| {
                v.add_ritual(&bad_ritual(|r| r.schedule.times = vec!["25:00".into()]))
                    .map(|_| ())
            }),
        ),
        (
            "a start date that does not exist",
            "start_date",
            Box::new(move |v| {
                v.add_ritual(&bad_ritual(|r| r.schedule.start_date = "2026-02-30".into()))
                    .map(|_| ())
            }),
        ),
        (
            "an unknown ritual zone",
            "zone",
            Box::new(move |v| {
                v.add_ritual(&bad_ritual(|r| {
                    r.schedule.zone = innermost::ZoneMode::Fixed {
                        zone: "Mars/Olympus".into(),
                    }
                }))
                .map(|_| ())
            }),
        ),
        (
            "a 41-character label",
            "label",
            Box::new(move |v| {
                v.add_ritual(&bad_ritual(|r| r.schedule.label = Some("x".repeat(41))))
                    .map(|_| ())
            }),
        ),
        (
            "a lead time over a week",
            "lead_minutes",
            Box::new(move |v| {
                v.add_ritual(&bad_ritual(|r| r.schedule.lead_minutes = 10_081))
                    .map(|_| ())
            }),
        ),
        (
            "an empty ritual title",
            "title",
            Box::new(move |v| {
                v.update_ritual(ritual_id, &bad_ritual(|r| r.details.title = " ".into()))
                    .map(|_| ())
            }),
        ),
        (
            "a pause that ends before it starts",
            "until",
            Box::new(move |v| {
                v.pause_ritual(ritual_id, "2026-02-10", "2026-02-01")
                    .map(|_| ())
            }),
        ),
        (
            "a time the ritual does not have",
            "occurrence_id",
            Box::new(move |v| {
                v.record_occurrence(
                    &format!("{ritual_id}/2026-01-14T09:00"),
                    innermost::rituals::OccurrenceStatus::Done,
                    None,
                    "Europe/Paris",
                )
                .map(|_| ())
            }),
        ),
        (
            "a snooze of two days",
            "until",
            Box::new(move |v| {
                v.record_occurrence(
                    &format!("{ritual_id}/2026-01-15T20:00"),
                    innermost::rituals::OccurrenceStatus::Snoozed {
                        until: Timestamp::from_millis(T0 + 2 * 86_400_000),
                    },
                    None,
                    "Europe/Paris",
                )
                .map(|_| ())
            }),
        ),
        (
            "a plan budget of 0",
            "budget",
            Box::new(|v| {
                let mut r = innermost::PlanRequest::new(Timestamp::from_millis(T0), "UTC");
                r.budget = 0;
                v.plan_reminders(&r).map(|_| ())
            }),
        ),
        (
            "quiet hours that start when they end",
            "quiet_hours.end",
            Box::new(|v| {
                v.set_reminder_settings(&innermost::rituals::ReminderSettings {
                    quiet_hours: Some(innermost::rituals::QuietHours {
                        start: "22:00".into(),
                        end: "22:00".into(),
                    }),
                    catch_up_grace_minutes: 60,
                })
            }),
        ),
        (
            "adherence over an inverted range",
            "to",
            Box::new(move |v| {
                v.weekly_adherence(ritual_id, "2026-02-01", "2026-01-01", "UTC")
                    .map(|_| ())
            }),
        ),
    ];

    let victory = |edit: fn(&mut innermost::progress::NewPracticeEvent)| {
        let mut e = innermost::progress::NewPracticeEvent {
            kind: innermost::progress::PracticeKind::Victory {
                victory: innermost::progress::Victory::ExpressedNeed,
            },
            occurred_at: Timestamp::from_millis(T0),
            context: String::new(),
            trigger_keys: Vec::new(),
            what_helped: String::new(),
        };
        edit(&mut e);
        e
    };
    let attempt = move |edit: fn(&mut innermost::progress::NewLadderAttempt)| {
        let mut a = innermost::progress::NewLadderAttempt {
            step_id,
            attempted_at: Timestamp::from_millis(T0),
            predicted_anxiety: 5,
            anxiety_before: 5,
            anxiety_peak: 5,
            anxiety_after: 5,
            outcome: String::new(),
        };
        edit(&mut a);
        a
    };
    let measure = own_measure.clone();
    let measure_again = own_measure.clone();
    let mut progress_cases: Vec<Case> = vec![
        (
            "an unknown trigger tag",
            "trigger_keys",
            Box::new(move |v| {
                v.log_practice(&victory(|e| e.trigger_keys = vec!["no.such".into()]), "UTC")
                    .map(|_| ())
            }),
        ),
        (
            "an empty own victory",
            "kind.label",
            Box::new(move |v| {
                v.log_practice(
                    &victory(|e| {
                        e.kind = innermost::progress::PracticeKind::Victory {
                            victory: innermost::progress::Victory::Own { label: " ".into() },
                        }
                    }),
                    "UTC",
                )
                .map(|_| ())
            }),
        ),
        (
            "a victory in the future",
            "occurred_at",
            Box::new(move |v| {
                v.log_practice(
                    &victory(|e| e.occurred_at = Timestamp::from_millis(T0 + 1)),
                    "UTC",
                )
                .map(|_| ())
            }),
        ),
        (
            "a practice event in an unknown zone",
            "device_zone",
            Box::new(move |v| v.log_practice(&victory(|_| {}), "Mars/Olympus").map(|_| ())),
        ),
        (
            "an expected difficulty of 11",
            "expected_difficulty",
            Box::new(|v| {
                v.add_ladder_step(&innermost::progress::NewLadderStep {
                    text: "share a fear".into(),
                    expected_difficulty: 11,
                })
                .map(|_| ())
            }),
        ),
        (
            "a peak anxiety of 11",
            "anxiety_peak",
            Box::new(move |v| {
                v.record_ladder_attempt(&attempt(|a| a.anxiety_peak = 11), "UTC")
                    .map(|_| ())
            }),
        ),
        (
            "a predicted anxiety of 12",
            "predicted_anxiety",
            Box::new(move |v| {
                v.record_ladder_attempt(&attempt(|a| a.predicted_anxiety = 12), "UTC")
                    .map(|_| ())
            }),
        ),
        (
            "an attempt of an unknown step",
            "step_id",
            Box::new(move |v| {
                v.record_ladder_attempt(
                    &attempt(|a| {
                        a.step_id = innermost::progress::ProgressId::parse(
                            "01900000-0000-7000-8000-000000000000",
                            "step_id",
                        )
                        .unwrap()
                    }),
                    "UTC",
                )
                .map(|_| ())
            }),
        ),
        (
            "a measure answered with a missing item",
            "answers",
            Box::new(move |v| v.record_measure_response(&measure, &[3], "UTC").map(|_| ())),
        ),
        (
            "a measure answer outside its scale",
            "answers",
            Box::new(move |v| {
                v.record_measure_response(&measure_again, &[3, 6], "UTC")
                    .map(|_| ())
            }),
        ),
        (
            "a reflection scale answered 11",
            "answers",
            Box::new(|v| {
                v.record_measure_response(innermost::progress::measures::FELT_SAFETY, &[11], "UTC")
                    .map(|_| ())
            }),
        ),
        (
            "an unknown measure",
            "measure_id",
            Box::new(|v| {
                v.record_measure_response("reflection.nothing", &[1], "UTC")
                    .map(|_| ())
            }),
        ),
        (
            "deleting a built-in reflection scale",
            "measure_id",
            Box::new(|v| {
                v.delete_measure(innermost::progress::measures::FELT_SAFETY)
                    .map(|_| ())
            }),
        ),
        (
            "a measure without items",
            "items",
            Box::new(|v| {
                v.add_measure(&innermost::progress::MeasureDefinition {
                    name: "empty".into(),
                    items: Vec::new(),
                    min: 0,
                    max: 4,
                    scoring: innermost::progress::Scoring::Mean,
                })
                .map(|_| ())
            }),
        ),
        (
            "a setback plan with an empty line",
            "warning_signs",
            Box::new(|v| {
                v.set_setback_plan(&innermost::progress::SetbackPlan {
                    warning_signs: vec!["  ".into()],
                    ..Default::default()
                })
            }),
        ),
        (
            "a streak of eight days a week",
            "practice_days_per_week",
            Box::new(|v| {
                v.set_streak_settings(&innermost::progress::StreakSettings {
                    enabled: true,
                    practice_days_per_week: 8,
                    allowed_misses: 1,
                })
            }),
        ),
        (
            "an inverted practice pause",
            "until",
            Box::new(|v| v.pause_practice("2026-02-10", "2026-02-01").map(|_| ())),
        ),
        (
            "trends over an inverted range",
            "to",
            Box::new(|v| {
                v.progress_trends("2026-02-10", "2026-02-01", "UTC")
                    .map(|_| ())
            }),
        ),
    ];

    let mut cases: Vec<Case> = vec![
        (
            "empty text",
            "reflection.text",
            Box::new(|v| v.add_entry(&NewEntry::reflection("")).map(|_| ())),
        ),
        (
            "safety 11",
            "pattern_log.felt_safety",
            Box::new(move |v| v.add_entry(&pattern_log(11, "being_seen")).map(|_| ())),
        ),
        (
            "unknown trigger",
            "pattern_log.triggers",
            Box::new(move |v| v.add_entry(&pattern_log(5, "no.such.trigger")).map(|_| ())),
        ),
        (
            "edit to empty",
            "reflection.text",
            Box::new(move |v| {
                v.update_entry(kept.id, &NewEntry::reflection(" "))
                    .map(|_| ())
            }),
        ),
        (
            "21 tags on a draft",
            "tags",
            Box::new(|v| {
                let mut d = NewEntry::reflection("draft");
                d.tags = (0..21).map(|i| format!("t{i}")).collect();
                v.save_draft(None, &d).map(|_| ())
            }),
        ),
        (
            "a link that is no UUID",
            "links",
            Box::new(|v| {
                let mut e = NewEntry::reflection("linked");
                e.links = vec!["yesterday".into()];
                v.add_entry(&e).map(|_| ())
            }),
        ),
        (
            "unknown emotion family",
            "family",
            Box::new(|v| v.add_custom_emotion("no_such_family", "word").map(|_| ())),
        ),
        (
            "empty custom word",
            "label",
            Box::new(|v| v.add_custom_trigger("  ").map(|_| ())),
        ),
        (
            "page of 0",
            "limit",
            Box::new(|v| v.entries(0, None).map(|_| ())),
        ),
        (
            "search text over 200 characters",
            "text",
            Box::new(|v| {
                let f = EntryFilter {
                    text: Some("x".repeat(201)),
                    ..Default::default()
                };
                v.search(&f, 10, None).map(|_| ())
            }),
        ),
        (
            "min above max safety",
            "min_safety",
            Box::new(|v| {
                let f = EntryFilter {
                    min_safety: Some(8),
                    max_safety: Some(2),
                    ..Default::default()
                };
                v.search(&f, 10, None).map(|_| ())
            }),
        ),
        (
            "a date that does not exist",
            "today",
            Box::new(|v| v.on_this_day("2026-02-30", "Europe/Paris").map(|_| ())),
        ),
        (
            "an unknown zone",
            "zone",
            Box::new(|v| v.on_this_day("2026-02-03", "Mars/Olympus").map(|_| ())),
        ),
        (
            "an inverted range",
            "until",
            Box::new(|v| {
                v.pattern_insights(
                    Timestamp::from_millis(T0),
                    Timestamp::from_millis(T0 - 1),
                    "UTC",
                )
                .map(|_| ())
            }),
        ),
        (
            "a recovery code with a typo",
            "recovery_code",
            Box::new(move |v| {
                let code = RecoveryCode::parse(&typo, "recovery_code")?;
                v.unlock_with_recovery_code(&code)
            }),
        ),
        (
            "keep 0 backups",
            "keep",
            Box::new(move |v| v.run_automatic_backup(&backups, 0, &NoProgress).map(|_| ())),
        ),
        (
            "backups into a file",
            "directory",
            Box::new(move |v| {
                v.run_automatic_backup(&not_a_dir, 3, &NoProgress)
                    .map(|_| ())
            }),
        ),
        (
            "importing something else",
            "file",
            Box::new(move |v| v.import_json(&garbage, &NoProgress).map(|_| ())),
        ),
        (
            "the wrong kind of backup secret",
            "secret",
            Box::new(move |v| {
                let code = RecoveryCode::generate().unwrap();
                v.replace_with_backup(&made.path, &BackupSecret::RecoveryCode(code), &NoProgress)
                    .map(|_| ())
            }),
        ),
        (
            "an empty new passphrase",
            "new_passphrase",
            Box::new(|v| {
                v.change_passphrase(
                    &pass(PASSPHRASE),
                    &Passphrase::new(String::new(), "new_passphrase")?,
                    fast(),
                )
            }),
        ),
    ];

    cases.append(&mut ritual_cases);
    cases.append(&mut progress_cases);
    let before = std::fs::read(&path).unwrap();
    for (case, expected, call) in &cases {
        match call(&vault) {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, *expected, "{case}"),
            other => panic!("{case}: expected InvalidInput on {expected}, got {other:?}"),
        }
    }
    vault.checkpoint().unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a refused call changed the file"
    );
    assert_eq!(vault.entry(kept.id).unwrap(), kept);
    eprintln!(
        "bad input: {} calls refused by field, file unchanged",
        cases.len()
    );
}
