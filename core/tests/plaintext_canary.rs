//! Nothing a person writes reaches the disk readable: canary strings written through
//! every write path of the API are searched for in every file the vault touched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::NewEntry;
use innermost::Vault;
use support::*;

const CANARIES: [&str; 4] = [
    "CANARY-added-7f3a9c",
    "CANARY-updated-41be02",
    "CANARY-deleted-9d0c55",
    "CANARY-ünïcødé-😶‍🌫️-2b71",
];

fn assert_no_canary(dir: &std::path::Path, moment: &str) {
    for canary in CANARIES {
        let hits = occurrences(dir, canary.as_bytes());
        assert_eq!(
            hits,
            0,
            "{moment}: {canary:?} found {hits} time(s) in {:?}",
            files_in(dir)
        );
    }
    assert_eq!(
        occurrences(dir, PASSPHRASE.as_bytes()),
        0,
        "{moment}: the passphrase reached the disk"
    );
}

/// A weekly conversation and one completion of it, every text a canary:
/// `[title, notes, guide prompt, completion note]`. No lock-screen label: that one is
/// plaintext by the person's choice (docs/threat-model.md).
fn write_ritual_and_completion(vault: &Vault, texts: [&str; 4]) {
    use innermost::rituals::{GuideStep, OccurrenceStatus, RitualDetails};
    let ritual = vault
        .add_ritual(&innermost::NewRitual {
            kind: innermost::RitualKind::WeeklyConversation,
            details: RitualDetails {
                title: texts[0].into(),
                notes: texts[1].into(),
                guide: vec![GuideStep {
                    title: "Step".into(),
                    prompt: texts[2].into(),
                }],
            },
            schedule: innermost::Schedule {
                cadence: "FREQ=WEEKLY;BYDAY=SU".into(),
                times: vec!["18:00".into()],
                start_date: "2026-01-01".into(),
                zone: innermost::ZoneMode::Floating,
                lead_minutes: 15,
                exact: true,
                label: None,
            },
        })
        .unwrap();
    vault
        .record_occurrence(
            &format!("{}/2026-01-11T18:00", ritual.id),
            OccurrenceStatus::Done,
            Some(texts[3]),
            "Europe/Paris",
        )
        .unwrap();
}

/// A ladder step with one attempt and an own measure with one item, answered once, every
/// text a canary: `[step, outcome, measure name, item, subscale]`.
fn write_ladder_and_measure(vault: &Vault, at: innermost::Timestamp, texts: [&str; 5]) {
    use innermost::progress::{
        MeasureDefinition, MeasureItem, NewLadderAttempt, NewLadderStep, Scoring,
    };
    let step = vault
        .add_ladder_step(&NewLadderStep {
            text: texts[0].into(),
            expected_difficulty: 3,
        })
        .unwrap();
    vault
        .record_ladder_attempt(
            &NewLadderAttempt {
                step_id: step.id,
                attempted_at: at,
                predicted_anxiety: 8,
                anxiety_before: 6,
                anxiety_peak: 5,
                anxiety_after: 2,
                outcome: texts[1].into(),
            },
            "Europe/Paris",
        )
        .unwrap();
    let measure = vault
        .add_measure(&MeasureDefinition {
            name: texts[2].into(),
            items: vec![MeasureItem {
                text: texts[3].into(),
                reverse_keyed: true,
                subscale: Some(texts[4].into()),
            }],
            min: 1,
            max: 5,
            scoring: Scoring::Mean,
        })
        .unwrap();
    vault
        .record_measure_response(&measure.id, &[2], "Europe/Paris")
        .unwrap();
}

/// None of `canaries` is in any file of `dir`, before and after a checkpoint and after
/// locking `vault`.
fn assert_absent_through_checkpoint_and_lock(
    vault: &Vault,
    dir: &std::path::Path,
    canaries: &[&str],
) {
    for moment in ["before checkpoint", "after checkpoint", "after lock"] {
        match moment {
            "after checkpoint" => vault.checkpoint().unwrap(),
            "after lock" => vault.lock(),
            _ => {}
        }
        for canary in canaries {
            let hits = occurrences(dir, canary.as_bytes());
            assert_eq!(hits, 0, "{moment}: {canary:?} found in {:?}", files_in(dir));
        }
    }
}

#[test]
fn canaries_never_reach_the_database_wal_or_shared_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let added = vault
        .add_entry(&NewEntry::reflection(format!(
            "I wrote {} tonight",
            CANARIES[0]
        )))
        .unwrap();
    let edited = vault
        .add_entry(&NewEntry::reflection("placeholder"))
        .unwrap();
    vault
        .update_entry(
            edited.id,
            &NewEntry::reflection(format!("changed to {}", CANARIES[1])),
        )
        .unwrap();
    let doomed = vault
        .add_entry(&NewEntry::reflection(format!("soon gone {}", CANARIES[2])))
        .unwrap();
    vault.delete_entry(doomed.id).unwrap();
    vault.purge_entry(doomed.id).unwrap();
    vault.add_entry(&NewEntry::reflection(CANARIES[3])).unwrap();
    vault
        .change_passphrase(&pass(PASSPHRASE), &pass(PASSPHRASE), fast())
        .unwrap();

    let names: Vec<_> = files_in(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.to_string_lossy().ends_with("-wal")),
        "the WAL exists: {names:?}"
    );
    assert_no_canary(dir.path(), "before checkpoint");
    vault.checkpoint().unwrap();
    assert_no_canary(dir.path(), "after checkpoint");
    vault.lock();
    assert_no_canary(dir.path(), "after lock");
    vault.close().unwrap();
    assert_no_canary(dir.path(), "after close");

    // The data is really there: it is sealed, not missing.
    let vault = Vault::open(&path).unwrap();
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert!(text_of(&vault.entry(added.id).unwrap()).contains(CANARIES[0]));
}

/// The other write paths: drafts, custom words, key rotation, the recovery code, an
/// import, automatic and manual backups (and their temporary snapshots), a restored copy.
/// Only the explicit open export holds plaintext, and it is written outside the scanned
/// directory, as an app writes it where the person chose.
#[test]
fn canaries_never_reach_any_file_through_the_other_write_paths() {
    use innermost::vault::NoProgress;
    use innermost::{BackupSecret, restore_backup};

    const MORE: [&str; 9] = [
        "CANARY-draft-5e1d",
        "CANARY-word-a04f",
        "CANARY-trigger-77c2",
        "CANARY-imported-c3d9",
        "CANARY-backup-secret-19aa",
        "CANARY-ritual-title-6b20",
        "CANARY-ritual-notes-d41e",
        "CANARY-guide-step-90fa",
        "CANARY-completion-note-3c7b",
    ];
    let outside = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    vault.add_entry(&NewEntry::reflection(CANARIES[0])).unwrap();
    vault
        .save_draft(None, &NewEntry::reflection(MORE[0]))
        .unwrap();
    vault.add_custom_emotion("fear", MORE[1]).unwrap();
    vault.add_custom_trigger(MORE[2]).unwrap();
    // A ritual (title, notes, guide sealed) and a completion with a note.
    write_ritual_and_completion(&vault, [MORE[5], MORE[6], MORE[7], MORE[8]]);

    // An export made elsewhere (another vault) brings an entry in through import.
    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    other.add_entry(&NewEntry::reflection(MORE[3])).unwrap();
    let export = outside.path().join("export.json");
    other.export_json(&export, &NoProgress).unwrap();
    vault.import_json(&export, &NoProgress).unwrap();

    vault.set_up_recovery_code(fast()).unwrap();
    vault
        .rotate_data_key(&pass(PASSPHRASE), fast(), None, &NoProgress)
        .unwrap();
    let secret = BackupSecret::Passphrase(pass(MORE[4]));
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    vault.configure_automatic_backups(&secret, fast()).unwrap();
    let auto = vault
        .run_automatic_backup(&backups, 2, &NoProgress)
        .unwrap();
    vault
        .write_backup(
            &dir.path().join("manual.innermost-backup"),
            &secret,
            fast(),
            &NoProgress,
        )
        .unwrap();
    restore_backup(
        &auto.path,
        &secret,
        &dir.path().join("restored.innermost"),
        &NoProgress,
    )
    .unwrap();

    let check = |moment: &str| {
        assert_no_canary(dir.path(), moment);
        for canary in MORE {
            let hits = occurrences(dir.path(), canary.as_bytes());
            assert_eq!(
                hits,
                0,
                "{moment}: {canary:?} found in {:?}",
                files_in(dir.path())
            );
        }
    };
    check("before checkpoint");
    vault.checkpoint().unwrap();
    check("after checkpoint");
    vault.lock();
    check("after lock");
    // The export itself is readable, as promised, and lives only where it was written.
    assert!(occurrences(outside.path(), MORE[3].as_bytes()) > 0);
}

/// Everything the progress model stores: practice events (own labels, context, what
/// helped), ladder steps and outcomes, measure names, items and subscales, the setback
/// plan; through a key rotation too.
#[test]
fn progress_canaries_never_reach_any_file() {
    use innermost::progress::{NewPracticeEvent, PracticeKind, Setback, SetbackPlan, Victory};
    use innermost::vault::NoProgress;

    const PROGRESS: [&str; 12] = [
        "CANARY-victory-label-1a2b",
        "CANARY-context-3c4d",
        "CANARY-helped-5e6f",
        "CANARY-setback-label-7a8b",
        "CANARY-step-9c0d",
        "CANARY-outcome-1e2f",
        "CANARY-measure-3a4b",
        "CANARY-item-5c6d",
        "CANARY-subscale-7e8f",
        "CANARY-warning-9a0b",
        "CANARY-compassion-1c2d",
        "CANARY-support-3e4f",
    ];
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let at = innermost::Timestamp::from_millis(support::T0);
    let log = |kind: PracticeKind| {
        vault
            .log_practice(
                &NewPracticeEvent {
                    kind,
                    occurred_at: at,
                    context: PROGRESS[1].into(),
                    trigger_keys: vec!["criticism".into()],
                    what_helped: PROGRESS[2].into(),
                },
                "Europe/Paris",
            )
            .unwrap()
    };
    log(PracticeKind::Victory {
        victory: Victory::Own {
            label: PROGRESS[0].into(),
        },
    });
    vault
        .set_setback_plan(&SetbackPlan {
            warning_signs: vec![PROGRESS[9].into()],
            self_care_steps: vec!["tea".into()],
            support_people: vec![PROGRESS[11].into()],
            resources: Vec::new(),
            self_compassion: vec![PROGRESS[10].into()],
        })
        .unwrap();
    log(PracticeKind::Setback {
        setback: Setback::Own {
            label: PROGRESS[3].into(),
        },
    });
    write_ladder_and_measure(
        &vault,
        at,
        [
            PROGRESS[4],
            PROGRESS[5],
            PROGRESS[6],
            PROGRESS[7],
            PROGRESS[8],
        ],
    );
    vault
        .rotate_data_key(&pass(PASSPHRASE), fast(), None, &NoProgress)
        .unwrap();
    assert_absent_through_checkpoint_and_lock(&vault, dir.path(), &PROGRESS);
}

/// Rituals and progress brought in by an import (the open export's version 2 lists) are
/// sealed exactly as if they had been written here: only the export itself, outside the
/// scanned directory, holds them in plaintext.
#[test]
fn imported_ritual_and_progress_canaries_never_reach_any_file() {
    use innermost::progress::{NewPracticeEvent, PracticeKind, SetbackPlan, Victory};
    use innermost::vault::NoProgress;

    const IMPORTED: [&str; 14] = [
        "CANARY-imp-ritual-title-0a1b",
        "CANARY-imp-ritual-notes-2c3d",
        "CANARY-imp-guide-4e5f",
        "CANARY-imp-completion-6a7b",
        "CANARY-imp-victory-8c9d",
        "CANARY-imp-context-0e1f",
        "CANARY-imp-helped-2a3b",
        "CANARY-imp-step-4c5d",
        "CANARY-imp-outcome-6e7f",
        "CANARY-imp-measure-8a9b",
        "CANARY-imp-item-0c1d",
        "CANARY-imp-subscale-2e3f",
        "CANARY-imp-warning-4a5b",
        "CANARY-imp-compassion-6c7d",
    ];
    let outside = tempfile::tempdir().unwrap();
    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    write_ritual_and_completion(&other, [IMPORTED[0], IMPORTED[1], IMPORTED[2], IMPORTED[3]]);
    let at = innermost::Timestamp::from_millis(support::T0);
    other
        .log_practice(
            &NewPracticeEvent {
                kind: PracticeKind::Victory {
                    victory: Victory::Own {
                        label: IMPORTED[4].into(),
                    },
                },
                occurred_at: at,
                context: IMPORTED[5].into(),
                trigger_keys: Vec::new(),
                what_helped: IMPORTED[6].into(),
            },
            "Europe/Paris",
        )
        .unwrap();
    write_ladder_and_measure(
        &other,
        at,
        [
            IMPORTED[7],
            IMPORTED[8],
            IMPORTED[9],
            IMPORTED[10],
            IMPORTED[11],
        ],
    );
    other
        .set_setback_plan(&SetbackPlan {
            warning_signs: vec![IMPORTED[12].into()],
            self_compassion: vec![IMPORTED[13].into()],
            ..SetbackPlan::default()
        })
        .unwrap();
    let export = outside.path().join("export.json");
    other.export_json(&export, &NoProgress).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let imported = vault.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            imported.rituals_added,
            imported.ritual_occurrences_added,
            imported.practice_events_added,
            imported.ladder_attempts_added,
            imported.measure_responses_added,
            imported.setback_plan_added,
        ),
        (1, 1, 1, 1, 1, 1)
    );
    assert_absent_through_checkpoint_and_lock(&vault, dir.path(), &IMPORTED);
    // The export itself is readable, as promised, and holds every one of them.
    for canary in IMPORTED {
        assert!(
            occurrences(outside.path(), canary.as_bytes()) > 0,
            "{canary}"
        );
    }
}
