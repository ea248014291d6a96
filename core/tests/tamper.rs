//! Damage to sealed data is detected, named and contained: never wrong plaintext, never
//! a panic, and the undamaged entries still read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::{Error, NewEntry, Vault};
use support::*;

fn body_of(path: &std::path::Path, id: &str) -> Vec<u8> {
    raw(path)
        .query_row("SELECT body FROM entries WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

fn set_body(path: &std::path::Path, id: &str, body: &[u8]) {
    raw(path)
        .execute(
            "UPDATE entries SET body = ?2 WHERE id = ?1",
            rusqlite::params![id, body],
        )
        .unwrap();
}

#[test]
fn every_flipped_byte_of_a_stored_entry_is_reported_as_corrupted() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let victim = vault
        .add_entry(&NewEntry::reflection(
            "a sentence about the argument on Sunday",
        ))
        .unwrap();
    let bystander = vault
        .add_entry(&NewEntry::reflection("an untouched entry"))
        .unwrap();
    let id = victim.id.to_string();
    let original = body_of(&path, &id);

    for i in 0..original.len() {
        let mut damaged = original.clone();
        damaged[i] ^= 0x20;
        set_body(&path, &id, &damaged);
        match vault.entry(victim.id) {
            Err(Error::Corrupted { what }) => assert_eq!(what, "entries.body of one row"),
            other => panic!("byte {i}: expected Corrupted, got {other:?}"),
        }
        assert!(
            matches!(vault.entries(10, None), Err(Error::Corrupted { .. })),
            "a page never hides damage"
        );
        assert_eq!(
            text_of(&vault.entry(bystander.id).unwrap()),
            "an untouched entry"
        );
    }
    set_body(&path, &id, &original);
    assert_eq!(vault.entry(victim.id).unwrap(), victim);
}

#[test]
fn a_sealed_body_copied_into_another_row_does_not_open() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let a = vault.add_entry(&NewEntry::reflection("entry A")).unwrap();
    let b = vault.add_entry(&NewEntry::reflection("entry B")).unwrap();
    set_body(&path, &b.id.to_string(), &body_of(&path, &a.id.to_string()));
    assert!(matches!(vault.entry(b.id), Err(Error::Corrupted { .. })));
    assert_eq!(text_of(&vault.entry(a.id).unwrap()), "entry A");
}

#[test]
fn a_sealed_body_moved_into_a_key_slot_or_another_column_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let a = vault.add_entry(&NewEntry::reflection("entry A")).unwrap();
    vault.close().unwrap();
    // Put an entry body where the wrapped data key belongs.
    let conn = raw(&path);
    conn.execute(
        "UPDATE key_slots SET wrapped_key = ?1",
        [body_of(&path, &a.id.to_string())],
    )
    .unwrap();
    drop(conn);
    let vault = Vault::open(&path).unwrap();
    assert!(matches!(
        vault.unlock(&pass(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
}

#[test]
fn downgrading_a_key_slot_s_kdf_parameters_makes_it_unopenable() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault.close().unwrap();
    raw(&path)
        .execute("UPDATE key_slots SET kdf_memory_kib = 8", [])
        .unwrap();
    let vault = Vault::open(&path).unwrap();
    assert!(matches!(
        vault.unlock(&pass(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
}

#[test]
fn a_vault_without_key_slots_is_corrupted_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault.add_entry(&NewEntry::reflection("keep")).unwrap();
    vault.close().unwrap();
    raw(&path).execute("DELETE FROM key_slots", []).unwrap();
    let vault = Vault::open(&path).unwrap();
    match vault.unlock(&pass(PASSPHRASE)) {
        Err(Error::Corrupted { what }) => assert!(what.contains("key_slots")),
        other => panic!("expected Corrupted, got {other:?}"),
    }
    let count: i64 = raw(&path)
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1, "the entries are still there to rescue");
}

/// Every sealed column, not only entries: each flipped byte of a draft, a ritual's
/// details, a completion note, a custom word, the automatic-backup key and every progress column
/// (practice events, ladder steps and attempts, measures, responses, the setback plan,
/// milestones) is `Corrupted` when read, never wrong data, and the journal's
/// entries still read; values swapped between rows or moved between columns do not open.
#[test]
fn every_sealed_column_reports_each_flipped_byte_and_each_moved_value() {
    use innermost::BackupSecret;
    use innermost::vault::NoProgress;

    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let entry = vault
        .add_entry(&NewEntry::reflection("an entry that stays readable"))
        .unwrap();
    vault
        .save_draft(None, &NewEntry::reflection("draft one"))
        .unwrap();
    vault
        .save_draft(None, &NewEntry::reflection("draft two"))
        .unwrap();
    vault.add_custom_emotion("fear", "first word").unwrap();
    vault.add_custom_trigger("second word").unwrap();
    vault
        .configure_automatic_backups(&BackupSecret::Passphrase(pass("backups")), fast())
        .unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let ritual = |title: &str| innermost::NewRitual {
        kind: innermost::RitualKind::DailyCheckIn,
        details: innermost::rituals::RitualDetails {
            title: title.into(),
            notes: "how was your day, really".into(),
            guide: Vec::new(),
        },
        schedule: innermost::Schedule {
            cadence: "FREQ=DAILY".into(),
            times: vec!["20:00".into()],
            start_date: "2026-01-10".into(),
            zone: innermost::ZoneMode::Floating,
            lead_minutes: 0,
            exact: false,
            label: None,
        },
    };
    let checked_in = vault.add_ritual(&ritual("check-in")).unwrap().id;
    vault.add_ritual(&ritual("second check-in")).unwrap();
    for day in ["2026-01-13", "2026-01-14"] {
        vault
            .record_occurrence(
                &format!("{checked_in}/{day}T20:00"),
                innermost::rituals::OccurrenceStatus::Done,
                Some("we laughed"),
                "Europe/Paris",
            )
            .unwrap();
    }

    // The progress model: two of everything, so values can be swapped between rows.
    {
        use innermost::progress::{
            MeasureDefinition, MeasureItem, NewLadderAttempt, NewLadderStep, NewPracticeEvent,
            PracticeKind, Scoring, SetbackPlan, StreakSettings, Victory, measures,
        };
        for (i, text) in ["asked first", "said no kindly"].iter().enumerate() {
            vault
                .log_practice(
                    &NewPracticeEvent {
                        kind: PracticeKind::Victory {
                            victory: Victory::Own {
                                label: (*text).into(),
                            },
                        },
                        occurred_at: innermost::Timestamp::from_millis(support::T0 - i as i64),
                        context: "at work".into(),
                        trigger_keys: Vec::new(),
                        what_helped: String::new(),
                    },
                    "Europe/Paris",
                )
                .unwrap();
            let step = vault
                .add_ladder_step(&NewLadderStep {
                    text: (*text).into(),
                    expected_difficulty: i as u8,
                })
                .unwrap();
            vault
                .record_ladder_attempt(
                    &NewLadderAttempt {
                        step_id: step.id,
                        attempted_at: innermost::Timestamp::from_millis(support::T0),
                        predicted_anxiety: 7,
                        anxiety_before: 5,
                        anxiety_peak: 4,
                        anxiety_after: 2,
                        outcome: "fine".into(),
                    },
                    "Europe/Paris",
                )
                .unwrap();
            vault
                .add_measure(&MeasureDefinition {
                    name: (*text).into(),
                    items: vec![MeasureItem {
                        text: "how close".into(),
                        reverse_keyed: false,
                        subscale: None,
                    }],
                    min: 0,
                    max: 4,
                    scoring: Scoring::Sum,
                })
                .unwrap();
            vault
                .record_measure_response(measures::FELT_SAFETY, &[5], "Europe/Paris")
                .unwrap();
        }
        vault
            .set_setback_plan(&SetbackPlan {
                warning_signs: vec!["I go quiet".into()],
                ..SetbackPlan::default()
            })
            .unwrap();
        vault
            .set_streak_settings(&StreakSettings::default())
            .unwrap();
    }

    type Read = Box<dyn Fn(&Vault) -> innermost::Result<()>>;
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let columns: Vec<(&str, &str, Read)> = vec![
        (
            "practice_events",
            "body",
            Box::new(|v| v.practice_events(None, None).map(|_| ())),
        ),
        ("ladder_steps", "body", Box::new(|v| v.ladder().map(|_| ()))),
        (
            "ladder_attempts",
            "body",
            Box::new(|v| v.ladder_attempts(None).map(|_| ())),
        ),
        (
            "measures",
            "definition",
            Box::new(|v| v.measures().map(|_| ())),
        ),
        (
            "measure_responses",
            "answers",
            Box::new(|v| {
                v.measure_responses(innermost::progress::measures::FELT_SAFETY)
                    .map(|_| ())
            }),
        ),
        (
            "progress_documents",
            "content",
            Box::new(|v| v.setback_plan().map(|_| ())),
        ),
        (
            "milestones",
            "content",
            Box::new(|v| v.milestones().map(|_| ())),
        ),
        ("drafts", "content", Box::new(|v| v.drafts().map(|_| ()))),
        (
            "rituals",
            "details",
            Box::new(|v| v.rituals(true).map(|_| ())),
        ),
        (
            "ritual_occurrences",
            "note",
            Box::new(move |v| {
                v.occurrence_records(checked_in, "2026-01-01", "2026-01-31")
                    .map(|_| ())
            }),
        ),
        (
            "custom_vocabulary",
            "content",
            Box::new(|v| v.emotion_vocabulary().map(|_| ())),
        ),
        (
            "automatic_backup",
            "backup_key",
            Box::new(move |v| {
                // A fresh directory per call: the fixed clock would repeat the file name.
                let n = calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let into = backups.join(n.to_string());
                std::fs::create_dir(&into).unwrap();
                v.run_automatic_backup(&into, 1, &NoProgress).map(|_| ())
            }),
        ),
    ];
    let rows = |table: &str, column: &str| -> Vec<(String, Vec<u8>)> {
        let conn = raw(&path);
        let mut stmt = conn
            .prepare(&format!("SELECT id, {column} FROM {table} ORDER BY id"))
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let set = |table: &str, column: &str, id: &str, value: &[u8]| {
        raw(&path)
            .execute(
                &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
                rusqlite::params![id, value],
            )
            .unwrap();
    };
    let corrupted = |result: innermost::Result<()>, case: &str| match result {
        Err(Error::Corrupted { .. }) => {}
        other => panic!("{case}: expected Corrupted, got {other:?}"),
    };

    let mut flips = 0;
    for (table, column, read) in &columns {
        read(&vault).unwrap_or_else(|e| panic!("{table}.{column} reads before tampering: {e}"));
        let original = rows(table, column);
        let (id, blob) = &original[0];
        for i in 0..blob.len() {
            let mut flipped = blob.clone();
            flipped[i] ^= 0x01;
            set(table, column, id, &flipped);
            corrupted(read(&vault), &format!("{table}.{column} byte {i}"));
            assert_eq!(vault.entry(entry.id).unwrap(), entry);
            flips += 1;
        }
        set(table, column, id, blob);
        read(&vault).unwrap();
        if let [(a, blob_a), (b, blob_b), ..] = original.as_slice() {
            set(table, column, a, blob_b);
            set(table, column, b, blob_a);
            corrupted(
                read(&vault),
                &format!("{table}.{column} swapped between rows"),
            );
            set(table, column, a, blob_a);
            set(table, column, b, blob_b);
        }
        // A value from another sealed column, under this column's row.
        let entry_body: Vec<u8> = raw(&path)
            .query_row("SELECT body FROM entries LIMIT 1", [], |r| r.get(0))
            .unwrap();
        set(table, column, id, &entry_body);
        corrupted(
            read(&vault),
            &format!("{table}.{column} holding an entry body"),
        );
        set(table, column, id, blob);
        read(&vault).unwrap();
    }
    eprintln!("sealed columns: {flips} flipped bytes, each Corrupted; swaps and moves refused");
}
