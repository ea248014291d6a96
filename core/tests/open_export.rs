//! The open JSON export: everything out, everything back in, nothing duplicated, and a
//! refused import adds nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::vault::NoProgress;
use innermost::{EmotionRating, EntryContent, Error, NewEntry, Response, Vault};
use support::*;

fn pattern_log_with_custom_words(emotion: &str, trigger: &str) -> NewEntry {
    NewEntry {
        content: EntryContent::PatternLog {
            situation: "He asked how I really was.".into(),
            involved: Some("my partner".into()),
            felt_safety: 5,
            urge_to_pull_away: 6,
            response: Response::Withdrew,
            triggers: vec![trigger.into(), "being_seen".into()],
            emotions: vec![EmotionRating {
                key: emotion.into(),
                intensity: 6,
            }],
            body_sensations: None,
            note: Some("noticed it and stayed".into()),
        },
        tags: vec!["evening".into()],
        links: Vec::new(),
    }
}

/// A vault with one of everything an export carries.
fn filled_vault(dir: &std::path::Path) -> (Vault, std::path::PathBuf) {
    let (vault, path, clock) = new_vault(dir);
    let emotion = vault.add_custom_emotion("fear", "seen-through").unwrap();
    let trigger = vault.add_custom_trigger("his mother's visits").unwrap();
    vault
        .add_entry(&NewEntry::reflection(
            "Ünïcödé and a quote \" and a newline\nhere",
        ))
        .unwrap();
    clock.advance(60_000);
    vault
        .add_entry(&pattern_log_with_custom_words(&emotion.key, &trigger.key))
        .unwrap();
    clock.advance(60_000);
    let trashed = vault
        .add_entry(&NewEntry::reflection("in the trash"))
        .unwrap();
    vault.delete_entry(trashed.id).unwrap();
    vault
        .save_draft(None, &NewEntry::reflection("half a thought"))
        .unwrap();
    (vault, path)
}

fn everything(
    vault: &Vault,
) -> (
    Vec<innermost::Entry>,
    Vec<innermost::Entry>,
    Vec<innermost::Draft>,
    usize,
) {
    let custom = vault
        .emotion_vocabulary()
        .unwrap()
        .iter()
        .flat_map(|f| f.words.clone())
        .filter(|w| w.custom)
        .count()
        + vault
            .trigger_vocabulary()
            .unwrap()
            .iter()
            .filter(|t| t.custom)
            .count();
    (
        vault.entries(100, None).unwrap().entries,
        vault.trashed_entries(100, None).unwrap().entries,
        vault.drafts().unwrap(),
        custom,
    )
}

#[test]
fn an_export_imported_into_a_new_vault_gives_back_everything_with_its_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = filled_vault(dir.path());
    let export = dir.path().join("export.json");
    let summary = vault.export_json(&export, &NoProgress).unwrap();
    assert_eq!((summary.entries, summary.drafts, summary.words), (3, 1, 2));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(json["format"], "innermost-export");
    assert_eq!(json["version"], 2);

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    let nothing_yet = innermost::EntryFilter::default();
    assert!(
        other
            .search(&nothing_yet, 10, None)
            .unwrap()
            .entries
            .is_empty(),
        "builds the index"
    );
    let imported = other.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            imported.entries_added,
            imported.drafts_added,
            imported.words_added
        ),
        (3, 1, 2)
    );
    assert_eq!(everything(&other), everything(&vault));

    let again = other.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            again.entries_added,
            again.entries_skipped,
            again.drafts_skipped,
            again.words_skipped
        ),
        (0, 3, 1, 2),
        "importing twice adds nothing"
    );
    let quote = innermost::EntryFilter {
        text: Some("quote".into()),
        ..Default::default()
    };
    assert_eq!(
        other.search(&quote, 10, None).unwrap().entries.len(),
        1,
        "imported entries are searchable"
    );
}

#[test]
fn a_refused_item_stops_the_import_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = filled_vault(dir.path());
    let export = dir.path().join("export.json");
    vault.export_json(&export, &NoProgress).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    json["entries"][0]["content"]["text"] = "   ".into();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec(&json).unwrap()).unwrap();

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    match other.import_json(&broken, &NoProgress) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "reflection.text");
            assert!(reason.starts_with("entries[0]"), "{reason}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(everything(&other).0.len(), 0);
    assert_eq!(
        everything(&other).3,
        0,
        "the words before the bad entry were rolled back"
    );
}

#[test]
fn files_that_are_not_exports_are_refused_without_quoting_them() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let cases = [
        (write("a", "my secret diary, not json"), "file"),
        (
            write("b", r#"{"format":"something-else","version":1}"#),
            "file",
        ),
        (write("c", r#"{"format":"innermost-export"}"#), "file"),
    ];
    for (p, field) in cases {
        match vault.import_json(&p, &NoProgress) {
            Err(Error::InvalidInput { field: f, reason }) => {
                assert_eq!(f, field);
                assert!(!reason.contains("secret"), "{reason}");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    let newer = write(
        "d",
        r#"{"format":"innermost-export","version":3,"exported_at":0,"vault_id":"x","schema_version":9}"#,
    );
    assert!(matches!(
        vault.import_json(&newer, &NoProgress),
        Err(Error::Unsupported { .. })
    ));
    assert!(matches!(
        vault.import_json(&dir.path().join("missing.json"), &NoProgress),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        vault.export_json(&path, &NoProgress),
        Err(Error::AlreadyExists { .. })
    ));
    vault.lock();
    assert!(matches!(
        vault.export_json(&dir.path().join("e.json"), &NoProgress),
        Err(Error::Locked)
    ));
    assert!(!dir.path().join("e.json").exists());
}

// ---- Rituals and the progress model (format version 2) ----

use innermost::progress::{
    GrowthScore, LadderAttempt, LadderRung, Measure, MeasureDefinition, MeasureItem,
    MeasureResponse, Milestone, NewLadderAttempt, NewLadderStep, NewPracticeEvent, PracticeEvent,
    PracticeKind, PracticePause, Scoring, Setback, SetbackPlan, StreakSettings, StreakStatus,
    Victory,
};
use innermost::rituals::{
    GuideStep, OccurrenceRecord, OccurrenceStatus, Pause, QuietHours, ReminderSettings, Ritual,
    RitualDetails,
};
use innermost::{NewRitual, RitualKind, Schedule, Timestamp, ZoneMode};

const ZONE: &str = "Europe/Paris";

fn ritual(
    kind: RitualKind,
    title: &str,
    cadence: &str,
    times: &[&str],
    zone: ZoneMode,
) -> NewRitual {
    NewRitual {
        kind,
        details: RitualDetails {
            title: title.into(),
            notes: "we sit on the balcony".into(),
            guide: vec![GuideStep {
                title: "Appreciations".into(),
                prompt: "one thing each".into(),
            }],
        },
        schedule: Schedule {
            cadence: cadence.into(),
            times: times.iter().map(|t| (*t).to_owned()).collect(),
            start_date: "2026-01-01".into(),
            zone,
            lead_minutes: 15,
            exact: false,
            label: None,
        },
    }
}

/// Adds one of every ritual and progress item to a vault that already has the journal
/// items of [`filled_vault`]: two rituals (one archived, one in a fixed zone with a
/// label and a pause), done, skipped and snoozed occurrences with and without notes,
/// reminder settings, every kind of practice event, a practice pause, a ladder with an
/// attempt, an own measure and responses to it and to a built-in scale, a setback plan,
/// streak settings and the milestones all of that raised.
fn add_rituals_and_progress(vault: &Vault, trigger_key: &str) {
    let at = |minutes: i64| Timestamp::from_millis(T0 + minutes * 60_000);
    let mut sunday = ritual(
        RitualKind::WeeklyConversation,
        "Sunday talk",
        "FREQ=WEEKLY;BYDAY=SU",
        &["18:00"],
        ZoneMode::Fixed {
            zone: "America/New_York".into(),
        },
    );
    sunday.schedule.label = Some("Talk".into());
    sunday.schedule.exact = true;
    let sunday = vault.add_ritual(&sunday).unwrap();
    vault
        .pause_ritual(sunday.id, "2026-02-01", "2026-02-15")
        .unwrap();
    vault
        .record_occurrence(
            &format!("{}/2026-01-11T18:00", sunday.id),
            OccurrenceStatus::Done,
            Some("we laughed"),
            ZONE,
        )
        .unwrap();
    vault
        .record_occurrence(
            &format!("{}/2026-01-04T18:00", sunday.id),
            OccurrenceStatus::Skipped,
            None,
            ZONE,
        )
        .unwrap();
    let daily = vault
        .add_ritual(&ritual(
            RitualKind::DailyCheckIn,
            "How was your day",
            "FREQ=DAILY",
            &["08:00", "21:00"],
            ZoneMode::Floating,
        ))
        .unwrap();
    vault
        .record_occurrence(
            &format!("{}/2026-01-15T21:00", daily.id),
            OccurrenceStatus::Snoozed {
                until: Timestamp::from_millis(T0 + 3_600_000),
            },
            None,
            ZONE,
        )
        .unwrap();
    vault
        .record_occurrence(
            &format!("{}/2026-01-14T08:00", daily.id),
            OccurrenceStatus::Done,
            None,
            ZONE,
        )
        .unwrap();
    vault.set_ritual_archived(daily.id, true).unwrap();
    vault
        .set_reminder_settings(&ReminderSettings {
            quiet_hours: Some(QuietHours {
                start: "22:30".into(),
                end: "07:00".into(),
            }),
            catch_up_grace_minutes: 45,
        })
        .unwrap();

    let log = |kind: PracticeKind, minutes: i64| {
        vault
            .log_practice(
                &NewPracticeEvent {
                    kind,
                    occurred_at: at(minutes),
                    context: "at dinner with his parents".into(),
                    trigger_keys: vec![trigger_key.into(), "criticism".into()],
                    what_helped: "breathing first".into(),
                },
                ZONE,
            )
            .unwrap()
    };
    log(
        PracticeKind::Victory {
            victory: Victory::SetBoundary,
        },
        -3000,
    );
    log(
        PracticeKind::Victory {
            victory: Victory::Own {
                label: "asked for a hug".into(),
            },
        },
        -2000,
    );
    log(
        PracticeKind::Setback {
            setback: Setback::Withdrew,
        },
        -1500,
    );
    log(PracticeKind::Recommitted, -10);
    vault.pause_practice("2026-01-20", "2026-01-25").unwrap();
    vault
        .set_setback_plan(&SetbackPlan {
            warning_signs: vec!["I stop answering texts".into()],
            self_care_steps: vec!["a walk".into()],
            support_people: vec!["Maya".into()],
            resources: vec!["my therapist on Tuesdays".into()],
            self_compassion: vec!["This is old armour, not who I am.".into()],
        })
        .unwrap();
    let small = vault
        .add_ladder_step(&NewLadderStep {
            text: "say I don't know in a meeting".into(),
            expected_difficulty: 2,
        })
        .unwrap();
    vault
        .add_ladder_step(&NewLadderStep {
            text: "share a fear with him".into(),
            expected_difficulty: 8,
        })
        .unwrap();
    vault
        .record_ladder_attempt(
            &NewLadderAttempt {
                step_id: small.id,
                attempted_at: at(-60),
                predicted_anxiety: 7,
                anxiety_before: 6,
                anxiety_peak: 4,
                anxiety_after: 2,
                outcome: "nobody minded".into(),
            },
            ZONE,
        )
        .unwrap();
    let measure = vault
        .add_measure(&MeasureDefinition {
            name: "Closeness check".into(),
            items: vec![
                MeasureItem {
                    text: "I let them see me".into(),
                    reverse_keyed: false,
                    subscale: Some("openness".into()),
                },
                MeasureItem {
                    text: "I kept things to myself".into(),
                    reverse_keyed: true,
                    subscale: None,
                },
            ],
            min: 1,
            max: 5,
            scoring: Scoring::Mean,
        })
        .unwrap();
    vault
        .record_measure_response(&measure.id, &[4, 2], ZONE)
        .unwrap();
    vault
        .record_measure_response("reflection.felt_safety", &[6], ZONE)
        .unwrap();
    vault
        .set_streak_settings(&StreakSettings {
            enabled: true,
            practice_days_per_week: 2,
            allowed_misses: 2,
        })
        .unwrap();
    vault.check_milestones(ZONE).unwrap();
}

/// Everything a person can read back about their rituals and progress.
#[derive(Debug, PartialEq)]
struct PracticeReads {
    rituals: Vec<Ritual>,
    ritual_pauses: Vec<Vec<Pause>>,
    records: Vec<Vec<OccurrenceRecord>>,
    reminder_settings: ReminderSettings,
    practice_events: Vec<PracticeEvent>,
    practice_pauses: Vec<PracticePause>,
    ladder: Vec<LadderRung>,
    ladder_attempts: Vec<LadderAttempt>,
    measures: Vec<Measure>,
    responses: Vec<Vec<MeasureResponse>>,
    setback_plan: Option<SetbackPlan>,
    streak_settings: StreakSettings,
    streak: Option<StreakStatus>,
    growth: GrowthScore,
    milestones: Vec<Milestone>,
}

fn practice_reads(vault: &Vault) -> PracticeReads {
    let rituals = vault.rituals(true).unwrap();
    let measures = vault.measures().unwrap();
    PracticeReads {
        ritual_pauses: rituals
            .iter()
            .map(|r| vault.ritual_pauses(r.id).unwrap())
            .collect(),
        records: rituals
            .iter()
            .map(|r| {
                vault
                    .occurrence_records(r.id, "2025-01-01", "2027-12-31")
                    .unwrap()
            })
            .collect(),
        rituals,
        reminder_settings: vault.reminder_settings().unwrap(),
        practice_events: vault.practice_events(None, None).unwrap(),
        practice_pauses: vault.practice_pauses().unwrap(),
        ladder: vault.ladder().unwrap(),
        ladder_attempts: vault.ladder_attempts(None).unwrap(),
        responses: measures
            .iter()
            .map(|m| vault.measure_responses(&m.id).unwrap())
            .collect(),
        measures,
        setback_plan: vault.setback_plan().unwrap(),
        streak_settings: vault.streak_settings().unwrap(),
        streak: vault.streak(ZONE).unwrap(),
        growth: vault.growth_score(ZONE).unwrap(),
        milestones: vault.milestones().unwrap(),
    }
}

/// A vault with one of every journal, ritual and progress item, and its export.
fn everything_exported(dir: &std::path::Path) -> (Vault, std::path::PathBuf) {
    let (vault, _) = filled_vault(dir);
    let trigger = vault
        .trigger_vocabulary()
        .unwrap()
        .into_iter()
        .find(|t| t.custom)
        .unwrap();
    add_rituals_and_progress(&vault, &trigger.key);
    let export = dir.join("export.json");
    vault.export_json(&export, &NoProgress).unwrap();
    (vault, export)
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn write_json(dir: &std::path::Path, name: &str, json: &serde_json::Value) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(json).unwrap()).unwrap();
    path
}

#[test]
fn rituals_and_progress_round_trip_into_a_new_vault_with_equal_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, export) = everything_exported(dir.path());
    let written = vault
        .export_json(&dir.path().join("again.json"), &NoProgress)
        .unwrap();
    assert_eq!(
        (
            written.rituals,
            written.ritual_occurrences,
            written.reminder_settings,
            written.practice_events,
            written.practice_pauses,
            written.ladder_steps,
            written.ladder_attempts,
            written.measures,
            written.measure_responses,
            written.setback_plan,
            written.streak_settings,
        ),
        (2, 4, 1, 4, 1, 2, 1, 1, 2, 1, 1)
    );
    let source = practice_reads(&vault);
    assert!(
        source.milestones.len() >= 4,
        "the record raised milestones: {:?}",
        source.milestones
    );
    assert_eq!(written.milestones, source.milestones.len() as u64);
    assert_eq!(read_json(&export)["version"], 2);

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    let imported = other.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            imported.rituals_added,
            imported.ritual_occurrences_added,
            imported.reminder_settings_added,
            imported.practice_events_added,
            imported.practice_pauses_added,
            imported.ladder_steps_added,
            imported.ladder_attempts_added,
            imported.measures_added,
            imported.measure_responses_added,
            imported.setback_plan_added,
            imported.streak_settings_added,
            imported.milestones_added,
        ),
        (2, 4, 1, 4, 1, 2, 1, 1, 2, 1, 1, written.milestones)
    );
    assert_eq!(practice_reads(&other), source);
    assert_eq!(everything(&other), everything(&vault));
    assert!(
        other.check_milestones(ZONE).unwrap().is_empty(),
        "imported milestones count as raised: none is raised twice"
    );
    let request = innermost::rituals::PlanRequest::new(Timestamp::from_millis(T0), ZONE);
    let plan = other.plan_reminders(&request).unwrap();
    assert_eq!(plan, vault.plan_reminders(&request).unwrap());
    assert!(!plan.items.is_empty(), "the active ritual plans reminders");
    assert!(
        plan.items.iter().all(|item| Some(item.ritual_id)
            != source
                .rituals
                .iter()
                .find(|r| r.archived_at.is_some())
                .map(|r| r.id)),
        "the archived ritual stays archived"
    );
}

#[test]
fn importing_twice_or_into_the_vault_it_came_from_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, export) = everything_exported(dir.path());
    let before = practice_reads(&vault);
    let into_itself = vault.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            into_itself.rituals_added,
            into_itself.ritual_occurrences_added,
            into_itself.reminder_settings_added,
            into_itself.practice_events_added,
            into_itself.practice_pauses_added,
            into_itself.ladder_steps_added,
            into_itself.ladder_attempts_added,
            into_itself.measures_added,
            into_itself.measure_responses_added,
            into_itself.setback_plan_added,
            into_itself.streak_settings_added,
            into_itself.milestones_added,
        ),
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    );
    assert_eq!(
        (
            into_itself.rituals_skipped,
            into_itself.ritual_occurrences_skipped,
            into_itself.practice_events_skipped,
            into_itself.ladder_attempts_skipped,
            into_itself.measure_responses_skipped,
            into_itself.setback_plan_skipped,
            into_itself.milestones_skipped,
        ),
        (2, 4, 4, 1, 2, 1, before.milestones.len() as u64)
    );
    assert_eq!(practice_reads(&vault), before);

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    other.import_json(&export, &NoProgress).unwrap();
    let once = practice_reads(&other);
    let again = other.import_json(&export, &NoProgress).unwrap();
    assert_eq!(again.practice_events_added + again.rituals_added, 0);
    assert_eq!(practice_reads(&other), once);
}

#[test]
fn a_milestone_already_raised_in_the_vault_is_not_raised_again_by_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = everything_exported(dir.path());
    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    other
        .log_practice(
            &NewPracticeEvent {
                kind: PracticeKind::Victory {
                    victory: Victory::ExpressedNeed,
                },
                occurred_at: Timestamp::from_millis(T0),
                context: String::new(),
                trigger_keys: Vec::new(),
                what_helped: String::new(),
            },
            ZONE,
        )
        .unwrap();
    let own_first_victory = other.milestones().unwrap();
    assert_eq!(own_first_victory.len(), 1);
    let imported = other.import_json(&export, &NoProgress).unwrap();
    assert!(imported.milestones_skipped >= 1);
    let milestones = other.milestones().unwrap();
    let mut kinds: Vec<_> = milestones.iter().map(|m| m.kind).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), milestones.len(), "each kind raised once");
    assert!(
        milestones.contains(&own_first_victory[0]),
        "the vault's own stays"
    );
}

#[test]
fn a_version_1_file_still_imports_and_may_not_carry_version_2_lists() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, export) = everything_exported(dir.path());
    let full = read_json(&export);
    let mut v1 = serde_json::Map::new();
    for key in [
        "format",
        "exported_at",
        "vault_id",
        "schema_version",
        "custom_vocabulary",
        "drafts",
        "entries",
    ] {
        v1.insert(key.into(), full[key].clone());
    }
    v1.insert("version".into(), 1.into());
    let v1 = serde_json::Value::Object(v1);
    let v1_path = write_json(dir.path(), "v1.json", &v1);

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    let imported = other.import_json(&v1_path, &NoProgress).unwrap();
    assert_eq!(
        (
            imported.entries_added,
            imported.drafts_added,
            imported.words_added
        ),
        (3, 1, 2)
    );
    assert_eq!(imported.rituals_added + imported.practice_events_added, 0);
    assert_eq!(everything(&other), everything(&vault));

    let mut mislabelled = full.clone();
    mislabelled["version"] = 1.into();
    let path = write_json(dir.path(), "mislabelled.json", &mislabelled);
    match other.import_json(&path, &NoProgress) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "file"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

/// Imports `broken` into a fresh vault and expects `InvalidInput` on `field` with a
/// reason starting `at`, and nothing added.
fn refused(dir: &std::path::Path, name: &str, broken: &serde_json::Value, field: &str, at: &str) {
    let path = write_json(dir, name, broken);
    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    let empty = practice_reads(&other);
    match other.import_json(&path, &NoProgress) {
        Err(Error::InvalidInput { field: f, reason }) => {
            assert_eq!(f, field, "{name}: {reason}");
            assert!(reason.starts_with(at), "{name}: {reason}");
        }
        other => panic!("{name}: expected InvalidInput, got {other:?}"),
    }
    assert_eq!(practice_reads(&other), empty, "{name}: nothing was added");
    assert_eq!(everything(&other).0.len(), 0, "{name}: no entry either");
    assert_eq!(everything(&other).3, 0, "{name}: no word either");
}

#[test]
fn a_reference_to_an_item_neither_in_the_vault_nor_in_the_file_stops_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = everything_exported(dir.path());
    let full = read_json(&export);
    let stranger = "0190f5a2-7b7c-7d2e-8a4b-5c6d7e8f9a0b";

    let mut no_ritual = full.clone();
    let record = &mut no_ritual["ritual_occurrences"][1]["occurrence_id"];
    let local = record
        .as_str()
        .unwrap()
        .split_once('/')
        .unwrap()
        .1
        .to_owned();
    *record = format!("{stranger}/{local}").into();
    refused(
        dir.path(),
        "no-ritual.json",
        &no_ritual,
        "occurrence_id",
        "ritual_occurrences[1]",
    );

    let mut no_step = full.clone();
    no_step["ladder_attempts"][0]["step_id"] = stranger.into();
    refused(
        dir.path(),
        "no-step.json",
        &no_step,
        "step_id",
        "ladder_attempts[0]",
    );

    let mut no_measure = full.clone();
    no_measure["measure_responses"][0]["measure_id"] = stranger.into();
    refused(
        dir.path(),
        "no-measure.json",
        &no_measure,
        "measure_id",
        "measure_responses[0]",
    );

    let mut unknown_tag = full.clone();
    unknown_tag["practice_events"][2]["trigger_keys"] =
        serde_json::json!([format!("custom:{stranger}")]);
    refused(
        dir.path(),
        "unknown-tag.json",
        &unknown_tag,
        "trigger_keys",
        "practice_events[2]",
    );
}

#[test]
fn every_item_is_checked_like_a_normal_write_and_a_refusal_names_field_and_item() {
    let dir = tempfile::tempdir().unwrap();
    let (_, export) = everything_exported(dir.path());
    let full = read_json(&export);
    let cases: [(&str, &str, serde_json::Value, &str, &str); 13] = [
        ("rituals", "/0/title", "  ".into(), "title", "rituals[0]"),
        (
            "rituals",
            "/1/cadence",
            "FREQ=HOURLY".into(),
            "cadence",
            "rituals[1]",
        ),
        ("rituals", "/0/kind", "daily".into(), "kind", "rituals[0]"),
        (
            "rituals",
            "/0/pauses/0/until",
            "2026-01-31".into(),
            "until",
            "rituals[0]: pauses[0]",
        ),
        (
            "ritual_occurrences",
            "/0/note",
            "x".repeat(4001).into(),
            "note",
            "ritual_occurrences[0]",
        ),
        (
            "ritual_occurrences",
            "/0/status",
            "maybe".into(),
            "status",
            "ritual_occurrences[0]",
        ),
        (
            "reminder_settings",
            "/catch_up_grace_minutes",
            5000.into(),
            "catch_up_grace_minutes",
            "reminder_settings[0]",
        ),
        (
            "practice_events",
            "/0/which",
            "won_the_argument".into(),
            "which",
            "practice_events[0]",
        ),
        (
            "practice_events",
            "/0/occurred_at",
            (T0 + 86_400_000).into(),
            "occurred_at",
            "practice_events[0]",
        ),
        (
            "ladder_attempts",
            "/0/anxiety_peak",
            11.into(),
            "anxiety_peak",
            "ladder_attempts[0]",
        ),
        (
            "measure_responses",
            "/0/answers",
            serde_json::json!([9, 9]),
            "answers",
            "measure_responses[0]",
        ),
        (
            "setback_plan",
            "/warning_signs",
            serde_json::json!([""]),
            "warning_signs",
            "setback_plan[0]",
        ),
        (
            "milestones",
            "/0/kind",
            "hundred_victories".into(),
            "kind",
            "milestones[0]",
        ),
    ];
    for (i, (list, pointer, value, field, at)) in cases.into_iter().enumerate() {
        let mut broken = full.clone();
        *broken[list].pointer_mut(pointer).unwrap() = value;
        refused(dir.path(), &format!("broken-{i}.json"), &broken, field, at);
    }
}
