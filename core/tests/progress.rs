//! Progress as a person lives it: victories and a setback answered with their own plan
//! and record, the ladder with predictions against what happened, check-in measures, a
//! growth score that a setback never pulls down, milestones raised once, streaks off
//! until asked for, and trends for reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::progress::{
    FreezeReason, GrowthReasonKind, MeasureDefinition, MeasureItem, MilestoneKind,
    NewLadderAttempt, NewLadderStep, NewPracticeEvent, PracticeKind, Scoring, Setback, SetbackPlan,
    StreakSettings, TrendMetric, Victory, measures,
};
use innermost::{Error, Timestamp, Vault};
use proptest::prelude::*;
use support::T0;

const DAY: i64 = 86_400_000;
const ZONE: &str = "Europe/Paris";

fn event(kind: PracticeKind, at: i64) -> NewPracticeEvent {
    NewPracticeEvent {
        kind,
        occurred_at: Timestamp::from_millis(at),
        context: "at dinner with Sam".into(),
        trigger_keys: vec!["being_seen".into()],
        what_helped: "breathing before answering".into(),
    }
}

fn victory(victory: Victory, at: i64) -> NewPracticeEvent {
    event(PracticeKind::Victory { victory }, at)
}

fn setback(setback: Setback, at: i64) -> NewPracticeEvent {
    event(PracticeKind::Setback { setback }, at)
}

fn plan() -> SetbackPlan {
    SetbackPlan {
        warning_signs: vec!["I stop answering messages".into()],
        self_care_steps: vec!["a walk, then one honest sentence".into()],
        support_people: vec!["my sister".into()],
        resources: vec!["Thursday session".into()],
        self_compassion: vec!["Going quiet was how I kept safe once.".into()],
    }
}

#[test]
fn victories_are_sealed_events_read_back_by_date() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = support::new_vault(dir.path());
    let first = vault
        .log_practice(&victory(Victory::SharedDifficultFeeling, T0), ZONE)
        .unwrap();
    assert_eq!(first.event.local_date, "2026-01-15");
    assert!(first.setback_support.is_none());
    assert_eq!(first.new_milestones.len(), 1);
    assert_eq!(first.new_milestones[0].kind, MilestoneKind::FirstVictory);
    clock.advance(DAY);
    let own = Victory::Own {
        label: "  told Sam I was scared  ".into(),
    };
    let second = vault.log_practice(&victory(own, T0 + DAY), ZONE).unwrap();
    assert_eq!(
        second.event.kind,
        PracticeKind::Victory {
            victory: Victory::Own {
                label: "told Sam I was scared".into()
            }
        }
    );
    assert!(second.new_milestones.is_empty());
    let all = vault.practice_events(None, None).unwrap();
    assert_eq!(all, vec![first.event.clone(), second.event.clone()]);
    assert_eq!(
        vault
            .practice_events(Some("2026-01-16"), Some("2026-01-16"))
            .unwrap(),
        vec![second.event.clone()]
    );
    vault.delete_practice_event(first.event.id).unwrap();
    assert_eq!(vault.practice_events(None, None).unwrap().len(), 1);
    vault.lock();
    assert!(matches!(
        vault.practice_events(None, None),
        Err(Error::Locked)
    ));
    assert!(matches!(vault.growth_score(ZONE), Err(Error::Locked)));
}

#[test]
fn a_setback_returns_the_plan_the_record_and_a_way_back_and_never_lowers_the_score() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = support::new_vault(dir.path());
    vault.set_setback_plan(&plan()).unwrap();
    let step = vault
        .add_ladder_step(&NewLadderStep {
            text: "share a minor worry".into(),
            expected_difficulty: 2,
        })
        .unwrap();
    for day in 0..10 {
        vault
            .log_practice(
                &victory(Victory::AskedInsteadOfAssuming, T0 + day * DAY),
                ZONE,
            )
            .unwrap();
        clock.advance(DAY);
    }
    let before = vault.growth_score(ZONE).unwrap();
    let outcome = vault
        .log_practice(&setback(Setback::Withdrew, T0 + 10 * DAY), ZONE)
        .unwrap();
    let support = outcome
        .setback_support
        .expect("a setback comes with support");
    assert_eq!(support.plan, Some(plan()));
    assert_eq!(support.reminders.victories_since_start, 10);
    assert_eq!(support.reminders.started_on.as_deref(), Some("2026-01-15"));
    assert_eq!(support.recovery_window_until, "2026-01-27");
    assert_eq!(support.next_ladder_step.map(|s| s.id), Some(step.id));
    let after = vault.growth_score(ZONE).unwrap();
    assert!(after.value >= before.value);
    assert_eq!(after.frozen, Some(FreezeReason::RecoveryWindow));
    // Two quiet days inside the window: frozen, not eased.
    clock.advance(2 * DAY);
    let later = vault.growth_score(ZONE).unwrap();
    assert_eq!(later.value, after.value);
    assert!(later.reasons.iter().any(
        |r| r.kind == GrowthReasonKind::Frozen && r.text.starts_with("frozen: recovery window")
    ));
    // Recommitting counts as practice and is a milestone.
    let back = vault
        .log_practice(&event(PracticeKind::Recommitted, T0 + 12 * DAY), ZONE)
        .unwrap();
    assert!(
        back.new_milestones
            .iter()
            .any(|m| m.kind == MilestoneKind::BackAfterSetback)
    );
    assert!(vault.growth_score(ZONE).unwrap().value > later.value);
}

#[test]
fn the_ladder_suggests_the_smallest_unclimbed_step_and_compares_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let add = |text: &str, d: u8| {
        vault
            .add_ladder_step(&NewLadderStep {
                text: text.into(),
                expected_difficulty: d,
            })
            .unwrap()
    };
    let fear = add("share a fear", 8);
    let worry = add("share a minor worry", 2);
    let preference = add("state a preference", 4);
    assert_eq!(vault.next_ladder_step().unwrap(), Some(worry.clone()));
    let outcome = vault
        .record_ladder_attempt(
            &NewLadderAttempt {
                step_id: worry.id,
                attempted_at: Timestamp::from_millis(T0),
                predicted_anxiety: 8,
                anxiety_before: 6,
                anxiety_peak: 4,
                anxiety_after: 2,
                outcome: "they said thank you for telling me".into(),
            },
            ZONE,
        )
        .unwrap();
    assert_eq!(outcome.next_step, Some(preference));
    assert_eq!(
        outcome.new_milestones[0].kind,
        MilestoneKind::FirstLadderStep
    );
    let rungs = vault.ladder().unwrap();
    assert_eq!(
        rungs.iter().map(|r| r.climbed).collect::<Vec<_>>(),
        [true, false, false]
    );
    assert_eq!(rungs[2].step, fear);
    let stats = vault.ladder_stats().unwrap();
    assert_eq!((stats.attempts, stats.predictions_above_peak), (1, 1));
    assert_eq!(
        vault.ladder_attempts(Some(worry.id)).unwrap(),
        vec![outcome.attempt]
    );
    vault.delete_ladder_step(worry.id).unwrap();
    assert!(vault.ladder_attempts(None).unwrap().is_empty());
}

#[test]
fn measures_are_defined_answered_and_scored_with_reverse_keys_and_subscales() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let item = |text: &str, reverse: bool, sub: &str| MeasureItem {
        text: text.into(),
        reverse_keyed: reverse,
        subscale: Some(sub.into()),
    };
    let measure = vault
        .add_measure(&MeasureDefinition {
            name: "Weekly closeness (from my therapist)".into(),
            items: vec![
                item("I said what I felt", false, "openness"),
                item("I hid how I felt", true, "openness"),
                item("I trusted them", false, "trust"),
            ],
            min: 0,
            max: 4,
            scoring: Scoring::Mean,
        })
        .unwrap();
    let all = vault.measures().unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].id, measures::COMFORT_WITH_CLOSENESS);
    assert_eq!(all[3], measure);
    let answered = vault
        .record_measure_response(&measure.id, &[3, 1, 2], ZONE)
        .unwrap();
    assert_eq!(answered.response.score.total, (3.0 + 3.0 + 2.0) / 3.0);
    assert_eq!(answered.response.score.subscales[0].score, 3.0);
    assert_eq!(answered.new_milestones[0].kind, MilestoneKind::FirstCheckIn);
    vault
        .record_measure_response(measures::FELT_SAFETY, &[6], ZONE)
        .unwrap();
    assert_eq!(
        vault.measure_responses(&measure.id).unwrap(),
        vec![answered.response]
    );
    assert_eq!(
        vault.measure_responses(measures::FELT_SAFETY).unwrap()[0]
            .score
            .total,
        6.0
    );
}

#[test]
fn mistakes_are_deleted_one_attempt_or_answer_at_a_time_and_a_measure_goes_with_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = support::new_vault(dir.path());
    let step = vault
        .add_ladder_step(&NewLadderStep {
            text: "share a minor worry".into(),
            expected_difficulty: 2,
        })
        .unwrap();
    let attempt = |anxiety_peak: u8| NewLadderAttempt {
        step_id: step.id,
        attempted_at: Timestamp::from_millis(T0),
        predicted_anxiety: 7,
        anxiety_before: 5,
        anxiety_peak,
        anxiety_after: 2,
        outcome: "it went fine".into(),
    };
    let wrong = vault.record_ladder_attempt(&attempt(9), ZONE).unwrap();
    let right = vault.record_ladder_attempt(&attempt(4), ZONE).unwrap();
    vault.delete_ladder_attempt(wrong.attempt.id).unwrap();
    assert_eq!(vault.ladder_attempts(None).unwrap(), vec![right.attempt]);
    assert_eq!(vault.ladder().unwrap()[0].step, step);
    assert!(matches!(
        vault.delete_ladder_attempt(wrong.attempt.id),
        Err(Error::NotFound { .. })
    ));

    let definition = MeasureDefinition {
        name: "Weekly closeness".into(),
        items: vec![MeasureItem {
            text: "I said what I felt".into(),
            reverse_keyed: false,
            subscale: None,
        }],
        min: 0,
        max: 4,
        scoring: Scoring::Sum,
    };
    let closeness = vault.add_measure(&definition).unwrap();
    let kept = vault.add_measure(&definition).unwrap();
    for answer in [1, 3] {
        clock.advance(DAY);
        vault
            .record_measure_response(&closeness.id, &[answer], ZONE)
            .unwrap();
    }
    let kept_answer = vault.record_measure_response(&kept.id, &[2], ZONE).unwrap();
    let safety = vault
        .record_measure_response(measures::FELT_SAFETY, &[8], ZONE)
        .unwrap();

    vault.delete_measure_response(safety.response.id).unwrap();
    assert!(
        vault
            .measure_responses(measures::FELT_SAFETY)
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        vault.delete_measure_response(safety.response.id),
        Err(Error::NotFound { .. })
    ));

    let state = |vault: &Vault| {
        let all = vault.measures().unwrap();
        let answers: Vec<_> = all
            .iter()
            .map(|m| vault.measure_responses(&m.id).unwrap())
            .collect();
        (all, answers)
    };
    let before = state(&vault);
    for (id, refused) in [
        (measures::FELT_SAFETY, "measure_id"),
        ("01JUNKNOWNMEASURE", "not found"),
    ] {
        match vault.delete_measure(id) {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, refused),
            Err(Error::NotFound { .. }) => assert_eq!(refused, "not found"),
            other => panic!("{id}: {other:?}"),
        }
    }
    assert_eq!(state(&vault), before);

    assert_eq!(vault.delete_measure(&closeness.id).unwrap(), 2);
    assert!(
        vault
            .measures()
            .unwrap()
            .iter()
            .all(|m| m.id != closeness.id)
    );
    assert!(matches!(
        vault.measure_responses(&closeness.id),
        Err(Error::InvalidInput { field, .. }) if field == "measure_id"
    ));
    assert_eq!(
        vault.measure_responses(&kept.id).unwrap(),
        vec![kept_answer.response]
    );
    // The record still reads whole: trends and the growth score see no orphaned answer.
    vault
        .progress_trends("2026-01-01", "2026-03-01", ZONE)
        .unwrap();
    vault.growth_score(ZONE).unwrap();
}

#[test]
fn streaks_are_off_until_asked_for_and_trends_cover_weeks_and_months() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = support::new_vault(dir.path());
    assert_eq!(vault.streak_settings().unwrap(), StreakSettings::default());
    assert_eq!(vault.streak(ZONE).unwrap(), None);
    for day in 0..40 {
        if day % 2 == 0 {
            vault
                .log_practice(&victory(Victory::ExpressedNeed, T0 + day * DAY), ZONE)
                .unwrap();
        }
        if day % 7 == 0 {
            vault
                .record_measure_response(measures::FELT_SAFETY, &[(3 + day / 7) as u32], ZONE)
                .unwrap();
        }
        clock.advance(DAY);
    }
    vault
        .set_streak_settings(&StreakSettings {
            enabled: true,
            practice_days_per_week: 3,
            allowed_misses: 1,
        })
        .unwrap();
    let streak = vault.streak(ZONE).unwrap().unwrap();
    assert!(streak.current_weeks >= 5, "{streak:?}");
    let trends = vault
        .progress_trends("2026-01-15", "2026-02-23", ZONE)
        .unwrap();
    assert_eq!(trends.weeks[0].week_start, "2026-01-12");
    assert_eq!(trends.weeks.iter().map(|w| w.victories).sum::<u32>(), 20);
    let safety = trends
        .comparisons
        .iter()
        .find(|c| c.metric == TrendMetric::FeltSafety)
        .unwrap();
    assert!(safety.last_month.unwrap() > safety.first_month.unwrap());
    let reminders = vault.progress_reminders(ZONE).unwrap();
    assert_eq!(reminders.scale_changes.len(), 1);
    let pause = vault.pause_practice("2026-02-24", "2026-03-03").unwrap();
    assert_eq!(vault.practice_pauses().unwrap(), vec![pause.clone()]);
    clock.advance(3 * DAY);
    assert_eq!(
        vault.growth_score(ZONE).unwrap().frozen,
        Some(FreezeReason::Paused)
    );
    vault.delete_practice_pause(pause.id).unwrap();
}

fn check_raised_once(
    vault: &Vault,
    seen: &mut Vec<MilestoneKind>,
    new: &[innermost::progress::Milestone],
) {
    for m in new {
        assert!(!seen.contains(&m.kind), "{:?} raised twice", m.kind);
        seen.push(m.kind);
    }
    let mut stored: Vec<MilestoneKind> = vault
        .milestones()
        .unwrap()
        .into_iter()
        .map(|m| m.kind)
        .collect();
    stored.sort();
    let mut expected = seen.clone();
    expected.sort();
    assert_eq!(stored, expected);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn milestones_are_raised_exactly_once_even_when_recomputed(actions in proptest::collection::vec(0u8..5, 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _, clock) = support::new_vault(dir.path());
        let step = vault.add_ladder_step(&NewLadderStep { text: "ask for a hug".into(), expected_difficulty: 3 }).unwrap();
        let mut seen = Vec::new();
        for (i, action) in actions.iter().enumerate() {
            let at = T0 + i as i64 * DAY;
            clock.set(Timestamp::from_millis(at));
            let new = match action {
                0 => vault.log_practice(&victory(Victory::SetBoundary, at), ZONE).unwrap().new_milestones,
                1 => vault.log_practice(&setback(Setback::WentSilent, at), ZONE).unwrap().new_milestones,
                2 => vault.record_ladder_attempt(&NewLadderAttempt {
                    step_id: step.id, attempted_at: Timestamp::from_millis(at), predicted_anxiety: 5,
                    anxiety_before: 5, anxiety_peak: 3, anxiety_after: 1, outcome: String::new(),
                }, ZONE).unwrap().new_milestones,
                3 => vault.record_measure_response(measures::URGE_TO_PULL_AWAY, &[4], ZONE).unwrap().new_milestones,
                _ => vault.check_milestones(ZONE).unwrap(),
            };
            check_raised_once(&vault, &mut seen, &new);
            prop_assert!(vault.check_milestones(ZONE).unwrap().is_empty());
        }
    }
}

#[test]
fn a_write_reads_the_record_for_milestones_only_while_its_kind_can_still_reach_one() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = support::new_vault(dir.path());
    let kinds = |ms: &[innermost::progress::Milestone]| -> Vec<MilestoneKind> {
        ms.iter().map(|m| m.kind).collect()
    };
    let first = vault
        .record_measure_response(measures::FELT_SAFETY, &[6], ZONE)
        .unwrap();
    assert_eq!(
        kinds(&first.new_milestones),
        vec![MilestoneKind::FirstCheckIn]
    );
    // Writing a setback plan reaches a milestone, but it is not a progress record, and
    // every milestone a check-in can reach is raised: the next check-in does not look.
    vault.set_setback_plan(&plan()).unwrap();
    let again = vault
        .record_measure_response(measures::FELT_SAFETY, &[7], ZONE)
        .unwrap();
    assert!(again.new_milestones.is_empty());
    // A full check finds it, once.
    assert_eq!(
        kinds(&vault.check_milestones(ZONE).unwrap()),
        vec![MilestoneKind::SetbackPlanWritten]
    );
    assert!(vault.check_milestones(ZONE).unwrap().is_empty());
    // A kind that can still reach something keeps looking: victories are counted across
    // writes, and the tenth raises its milestone.
    let mut raised = Vec::new();
    for i in 0..10 {
        clock.set(Timestamp::from_millis(T0 + i * DAY));
        let out = vault
            .log_practice(&victory(Victory::ExpressedNeed, T0 + i * DAY), ZONE)
            .unwrap();
        raised.push(kinds(&out.new_milestones));
    }
    assert_eq!(raised[0], vec![MilestoneKind::FirstVictory]);
    assert!(
        raised[9].contains(&MilestoneKind::TenVictories),
        "{raised:?}"
    );
}
