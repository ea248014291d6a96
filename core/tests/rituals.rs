//! Rituals as a person keeps them: written, read back, edited, archived, deleted; the
//! conversation guide; the completion log with sealed notes; pauses; and adherence per
//! week, planned against done.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::rituals::{
    GuideStep, OccurrenceStatus, Pause, RitualDetails, WeeklyAdherence, default_conversation_guide,
};
use innermost::{Error, NewRitual, RitualKind, Schedule, ZoneMode};

fn weekly_conversation() -> NewRitual {
    NewRitual {
        kind: RitualKind::WeeklyConversation,
        details: RitualDetails {
            title: "  Sunday talk  ".into(),
            notes: "phones away".into(),
            guide: Vec::new(),
        },
        schedule: Schedule {
            cadence: "rrule:byday=su;freq=weekly".into(),
            times: vec!["19:30".into(), "10:00".into()],
            start_date: "2026-01-04".into(),
            zone: ZoneMode::Fixed {
                zone: "Europe/Paris".into(),
            },
            lead_minutes: 15,
            exact: true,
            label: None,
        },
    }
}

#[test]
fn a_ritual_is_stored_canonically_with_the_default_guide_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let stored = vault.add_ritual(&weekly_conversation()).unwrap();
    assert_eq!(stored.details.title, "Sunday talk");
    assert_eq!(stored.details.guide, default_conversation_guide());
    assert_eq!(stored.details.guide[0].title, "Appreciations");
    assert_eq!(stored.details.guide[3].title, "One request");
    assert_eq!(stored.schedule.cadence, "FREQ=WEEKLY;BYDAY=SU");
    assert_eq!(stored.schedule.times, ["10:00", "19:30"]);
    assert_eq!(vault.ritual(stored.id).unwrap(), stored);
    assert_eq!(vault.rituals(false).unwrap(), vec![stored.clone()]);

    // Edited: the person's own guide replaces the default.
    let mut edit = weekly_conversation();
    edit.details.guide = vec![GuideStep {
        title: "Check the temperature".into(),
        prompt: "How close did we feel this week?".into(),
    }];
    let edited = vault.update_ritual(stored.id, &edit).unwrap();
    assert_eq!(edited.details.guide.len(), 1);
    assert_eq!(edited.created_at, stored.created_at);

    vault.set_ritual_archived(stored.id, true).unwrap();
    assert!(vault.rituals(false).unwrap().is_empty());
    assert_eq!(vault.rituals(true).unwrap().len(), 1);
    vault.set_ritual_archived(stored.id, false).unwrap();
    vault.delete_ritual(stored.id).unwrap();
    assert!(matches!(
        vault.ritual(stored.id),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn details_need_the_vault_unlocked_and_the_schedule_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let stored = vault.add_ritual(&weekly_conversation()).unwrap();
    vault.lock();
    assert!(matches!(vault.rituals(false), Err(Error::Locked)));
    assert!(matches!(
        vault.add_ritual(&weekly_conversation()),
        Err(Error::Locked)
    ));
    assert_eq!(vault.ritual_pauses(stored.id).unwrap(), Vec::<Pause>::new());
    assert!(vault.reminder_settings().is_ok());
}

#[test]
fn the_log_keeps_done_skipped_and_sealed_notes_and_can_be_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let id = vault.add_ritual(&weekly_conversation()).unwrap().id;
    let first = format!("{id}/2026-01-04T19:30");
    let second = format!("{id}/2026-01-11T10:00");
    vault
        .record_occurrence(
            &first,
            OccurrenceStatus::Done,
            Some("we both listened"),
            "UTC",
        )
        .unwrap();
    vault
        .record_occurrence(&second, OccurrenceStatus::Skipped, None, "UTC")
        .unwrap();
    let log = vault
        .occurrence_records(id, "2026-01-01", "2026-01-31")
        .unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].note.as_deref(), Some("we both listened"));
    assert_eq!(log[1].status, OccurrenceStatus::Skipped);
    vault.lock();
    let locked = vault
        .occurrence_records(id, "2026-01-01", "2026-01-31")
        .unwrap();
    assert_eq!(locked[0].note, None, "notes stay sealed while locked");
    vault.unlock(&support::pass(support::PASSPHRASE)).unwrap();
    vault.clear_occurrence(&first).unwrap();
    assert_eq!(
        vault
            .occurrence_records(id, "2026-01-01", "2026-01-31")
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        vault.clear_occurrence(&first),
        Err(Error::NotFound { .. })
    ));
    // A Monday is not an occurrence of a Sunday ritual; a snooze cannot undo a Done.
    assert!(matches!(
        vault.record_occurrence(
            &format!("{id}/2026-01-05T10:00"),
            OccurrenceStatus::Done,
            None,
            "UTC"
        ),
        Err(Error::InvalidInput {
            field: "occurrence_id",
            ..
        })
    ));
    vault
        .record_occurrence(&first, OccurrenceStatus::Done, None, "UTC")
        .unwrap();
    let until = innermost::Timestamp::from_millis(support::T0 + 60_000);
    assert!(matches!(
        vault.record_occurrence(&first, OccurrenceStatus::Snoozed { until }, None, "UTC"),
        Err(Error::InvalidInput {
            field: "occurrence_id",
            ..
        })
    ));
}

#[test]
fn adherence_counts_planned_done_and_skipped_per_week_and_pauses_cost_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let mut daily = weekly_conversation();
    daily.kind = RitualKind::DailyCheckIn;
    daily.schedule.cadence = "FREQ=DAILY".into();
    daily.schedule.times = vec!["21:00".into()];
    daily.schedule.start_date = "2026-01-07".into(); // a Wednesday
    let id = vault.add_ritual(&daily).unwrap().id;
    for day in ["07", "08", "09", "12", "13"] {
        vault
            .record_occurrence(
                &format!("{id}/2026-01-{day}T21:00"),
                OccurrenceStatus::Done,
                None,
                "UTC",
            )
            .unwrap();
    }
    vault
        .record_occurrence(
            &format!("{id}/2026-01-10T21:00"),
            OccurrenceStatus::Skipped,
            None,
            "UTC",
        )
        .unwrap();
    // A trip: no reminders 15-18 January, and those days are not counted as planned.
    vault.pause_ritual(id, "2026-01-15", "2026-01-19").unwrap();
    let weeks = vault
        .weekly_adherence(id, "2026-01-01", "2026-01-25", "UTC")
        .unwrap();
    let row = |week: &str, planned, done, skipped| WeeklyAdherence {
        ritual_id: id,
        week_start: week.into(),
        planned,
        done,
        skipped,
    };
    assert_eq!(
        weeks,
        vec![
            row("2025-12-29", 0, 0, 0), // the week holding 1 January: before the start
            row("2026-01-05", 5, 3, 1), // Wed 7 - Sun 11: three done, one skipped
            row("2026-01-12", 3, 2, 0), // Mon 12 - Wed 14; Thu 15 - Sun 18 paused
            row("2026-01-19", 7, 0, 0),
        ]
    );
}
