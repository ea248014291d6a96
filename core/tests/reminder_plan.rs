//! The notification planner, as a specification: fairness within the budget, stable ids,
//! completions, snoozes, quiet hours, catch-ups after the phone was off, pauses, labels,
//! and the same plan locked or unlocked — then the same promises as properties over
//! random rituals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashSet;

use innermost::rituals::{
    NewRitual, NotificationPlan, OccurrenceStatus, PlanItemReason, PlanRequest, QuietHours,
    ReminderSettings, RitualDetails, RitualKind, Schedule, ZoneMode,
};
use innermost::{RitualId, Timestamp, Vault};
use proptest::prelude::*;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// 2026-01-15T09:00Z (support::T0), a Thursday; in Paris 10:00.
const NOW: i64 = support::T0;

fn schedule(rule: &str, times: &[&str]) -> Schedule {
    Schedule {
        cadence: rule.into(),
        times: times.iter().map(|t| (*t).to_owned()).collect(),
        start_date: "2026-01-01".into(),
        zone: ZoneMode::Floating,
        lead_minutes: 0,
        exact: false,
        label: None,
    }
}

fn add(vault: &Vault, schedule: Schedule) -> RitualId {
    vault
        .add_ritual(&NewRitual {
            kind: RitualKind::Custom,
            details: RitualDetails {
                title: "Walk by the canal with Sam".into(),
                notes: "talk about the move".into(),
                guide: vec![],
            },
            schedule,
        })
        .unwrap()
        .id
}

fn request(now: i64, budget: u32) -> PlanRequest {
    let mut r = PlanRequest::new(Timestamp::from_millis(now), "Europe/Paris");
    r.budget = budget;
    r
}

fn plan(vault: &Vault, now: i64, budget: u32) -> NotificationPlan {
    vault.plan_reminders(&request(now, budget)).unwrap()
}

fn local(item_occurrence: &str) -> &str {
    item_occurrence.split('/').nth(1).unwrap()
}

#[test]
fn every_ritual_gets_its_next_reminder_and_the_rest_go_to_the_soonest() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let daily = add(&vault, schedule("FREQ=DAILY", &["08:00", "20:00"]));
    let weekly = add(&vault, schedule("FREQ=WEEKLY;BYDAY=SU", &["18:00"]));
    let monthly = add(&vault, schedule("FREQ=MONTHLY;BYMONTHDAY=1", &["12:00"]));
    let p = plan(&vault, NOW, 10);
    assert_eq!(p.items.len(), 10);
    let of = |id: RitualId| p.items.iter().filter(|i| i.ritual_id == id).count();
    assert_eq!(
        of(monthly),
        1,
        "the monthly ritual's next reminder is planned"
    );
    assert_eq!(of(weekly), 1);
    assert_eq!(of(daily), 8);
    assert_eq!(local(&p.items[0].occurrence_id), "2026-01-15T20:00");
    // The first reminder left out is daily's 9th (2026-01-20T08:00 Paris): replan before it.
    let left_out = 1_768_892_400_000; // 2026-01-20T07:00Z
    assert!(p.replan_by.as_millis() < left_out);
    assert!(p.replan_by.as_millis() > NOW);
    // Sorted by fire time.
    assert!(p.items.windows(2).all(|w| w[0].fire_at <= w[1].fire_at));
}

#[test]
fn a_budget_smaller_than_the_rituals_keeps_the_soonest_and_replans_before_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    for hour in ["21:00", "11:00", "15:00", "19:00", "13:00"] {
        add(&vault, schedule("FREQ=DAILY", &[hour]));
    }
    let p = plan(&vault, NOW, 3);
    let locals: Vec<_> = p.items.iter().map(|i| local(&i.occurrence_id)).collect();
    assert_eq!(
        locals,
        ["2026-01-15T11:00", "2026-01-15T13:00", "2026-01-15T15:00"]
    );
    assert!(
        p.replan_by.as_millis() < NOW + 9 * HOUR,
        "before 19:00 Paris"
    );
}

#[test]
fn an_occurrence_keeps_its_id_across_replans_and_zone_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    add(&vault, schedule("FREQ=DAILY", &["20:00"]));
    let first = plan(&vault, NOW, 5);
    let later = plan(&vault, NOW + DAY, 5);
    assert_eq!(first.items[1].id, later.items[0].id);
    assert_eq!(first.items[1].fire_at, later.items[0].fire_at);
    let mut abroad = request(NOW, 5);
    abroad.device_zone = "America/New_York".into();
    let abroad = vault.plan_reminders(&abroad).unwrap();
    assert_eq!(
        abroad.items[0].id, first.items[0].id,
        "floating: same occurrence, same id"
    );
    assert_eq!(
        abroad.items[0].fire_at.as_millis() - first.items[0].fire_at.as_millis(),
        6 * HOUR
    );
}

#[test]
fn done_and_skipped_occurrences_are_not_reminded_and_a_snooze_is_one_exact_item() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = support::new_vault(dir.path());
    add(&vault, schedule("FREQ=DAILY", &["20:00"]));
    let p = plan(&vault, NOW, 4);
    let ids: Vec<_> = p.items.iter().map(|i| i.occurrence_id.clone()).collect();
    vault
        .record_occurrence(&ids[0], OccurrenceStatus::Done, None, "Europe/Paris")
        .unwrap();
    vault
        .record_occurrence(&ids[1], OccurrenceStatus::Skipped, None, "Europe/Paris")
        .unwrap();
    let until = Timestamp::from_millis(NOW + HOUR);
    vault
        .record_occurrence(
            &ids[2],
            OccurrenceStatus::Snoozed { until },
            None,
            "Europe/Paris",
        )
        .unwrap();
    let after = plan(&vault, NOW, 4);
    assert!(
        after
            .items
            .iter()
            .all(|i| i.occurrence_id != ids[0] && i.occurrence_id != ids[1])
    );
    let snoozed: Vec<_> = after
        .items
        .iter()
        .filter(|i| i.occurrence_id == ids[2])
        .collect();
    assert_eq!(snoozed.len(), 1);
    assert_eq!(snoozed[0].reason, PlanItemReason::Snoozed);
    assert_eq!(snoozed[0].fire_at, until);
    assert!(snoozed[0].exact);
    assert_eq!(snoozed[0].id, format!("{}/snooze", ids[2]));
    // Done after the snooze: nothing left for that occurrence.
    clock.advance(HOUR / 2);
    vault
        .record_occurrence(&ids[2], OccurrenceStatus::Done, None, "Europe/Paris")
        .unwrap();
    assert!(
        plan(&vault, NOW, 4)
            .items
            .iter()
            .all(|i| i.occurrence_id != ids[2])
    );
}

#[test]
fn a_reminder_inside_quiet_hours_moves_to_their_end() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    add(&vault, schedule("FREQ=DAILY", &["23:00"]));
    vault
        .set_reminder_settings(&ReminderSettings {
            quiet_hours: Some(QuietHours {
                start: "22:00".into(),
                end: "07:30".into(),
            }),
            catch_up_grace_minutes: 120,
        })
        .unwrap();
    let p = plan(&vault, NOW, 2);
    assert_eq!(local(&p.items[0].occurrence_id), "2026-01-15T23:00");
    // 07:30 Paris on the 16th is 06:30Z.
    assert_eq!(p.items[0].fire_at.as_millis(), 1_768_545_000_000);
}

#[test]
fn reminders_missed_while_the_phone_was_off_give_one_catch_up_inside_the_grace_window() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    // Every hour from 06:00 to 17:00 Paris; now is 10:00 Paris.
    let hours: Vec<String> = (6..18).map(|h| format!("{h:02}:00")).collect();
    let hourly = add(
        &vault,
        Schedule {
            times: hours,
            ..schedule("FREQ=DAILY", &["00:00"])
        },
    );
    let off_since = Timestamp::from_millis(NOW - 5 * HOUR);
    let mut r = request(NOW, 20);
    r.missed_since = Some(off_since);
    let p = vault.plan_reminders(&r).unwrap();
    let catch_ups: Vec<_> = p
        .items
        .iter()
        .filter(|i| i.reason == PlanItemReason::CatchUp)
        .collect();
    assert_eq!(catch_ups.len(), 1, "one, not a burst");
    assert_eq!(catch_ups[0].ritual_id, hourly);
    // 10:00 is now: scheduled, not missed. 09:00 is the latest missed.
    assert_eq!(
        local(&catch_ups[0].occurrence_id),
        "2026-01-15T09:00",
        "the latest missed"
    );
    assert_eq!(catch_ups[0].fire_at.as_millis(), NOW);
    assert!(catch_ups[0].body.contains("a little while ago"));
    // Missed more than the grace window ago: nothing.
    vault
        .set_reminder_settings(&ReminderSettings {
            quiet_hours: None,
            catch_up_grace_minutes: 0,
        })
        .unwrap();
    let p = vault.plan_reminders(&r).unwrap();
    assert!(p.items.iter().all(|i| i.reason != PlanItemReason::CatchUp));
    // Nothing was lost: no catch-up either.
    r.missed_since = None;
    assert!(
        vault
            .plan_reminders(&r)
            .unwrap()
            .items
            .iter()
            .all(|i| i.reason != PlanItemReason::CatchUp)
    );
}

#[test]
fn lead_time_pauses_archives_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let id = add(
        &vault,
        Schedule {
            lead_minutes: 30,
            label: Some("Tea time".into()),
            ..schedule("FREQ=DAILY", &["20:00"])
        },
    );
    let p = plan(&vault, NOW, 3);
    assert_eq!(
        p.items[0].occurs_at.as_millis() - p.items[0].fire_at.as_millis(),
        30 * 60_000
    );
    assert_eq!(p.items[0].title, "Tea time");
    assert!(p.items[0].has_own_label);
    vault.pause_ritual(id, "2026-01-15", "2026-01-17").unwrap();
    let p = plan(&vault, NOW, 3);
    assert_eq!(local(&p.items[0].occurrence_id), "2026-01-17T20:00");
    vault.resume_ritual(id, "2026-01-16").unwrap();
    let p = plan(&vault, NOW, 3);
    assert_eq!(local(&p.items[0].occurrence_id), "2026-01-16T20:00");
    vault.set_ritual_archived(id, true).unwrap();
    assert!(plan(&vault, NOW, 3).items.is_empty());
}

#[test]
fn neutral_wording_never_says_what_the_ritual_is_about() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    add(&vault, schedule("FREQ=DAILY", &["20:00"]));
    for item in plan(&vault, NOW, 5).items {
        assert_eq!(item.title, "Reminder");
        assert!(!item.has_own_label);
        for word in ["Walk", "canal", "Sam", "move"] {
            assert!(!item.body.contains(word) && !item.title.contains(word));
        }
    }
}

#[test]
fn the_plan_is_the_same_locked_and_unlocked_and_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = support::new_vault(dir.path());
    add(
        &vault,
        schedule("FREQ=WEEKLY;BYDAY=MO,TH", &["07:15", "21:45"]),
    );
    add(
        &vault,
        Schedule {
            zone: ZoneMode::Fixed {
                zone: "Asia/Tokyo".into(),
            },
            ..schedule("FREQ=MONTHLY;BYDAY=-1FR", &["09:00"])
        },
    );
    let unlocked = plan(&vault, NOW, 64);
    vault.lock();
    assert_eq!(plan(&vault, NOW, 64), unlocked);
    vault.close().unwrap();
    let reopened = Vault::open(&path).unwrap();
    assert!(reopened.is_locked());
    assert_eq!(plan(&reopened, NOW, 64), unlocked);
    // Done works locked (a notification action before the first unlock); a note does not.
    let first = unlocked.items[0].occurrence_id.clone();
    assert!(matches!(
        reopened.record_occurrence(
            &first,
            OccurrenceStatus::Done,
            Some("felt close"),
            "Europe/Paris"
        ),
        Err(innermost::Error::Locked)
    ));
    reopened
        .record_occurrence(&first, OccurrenceStatus::Done, None, "Europe/Paris")
        .unwrap();
    assert!(
        plan(&reopened, NOW, 64)
            .items
            .iter()
            .all(|i| i.occurrence_id != first)
    );
}

#[test]
fn requests_out_of_range_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    let cases: [(PlanRequest, &str); 5] = [
        (
            PlanRequest {
                budget: 0,
                ..request(NOW, 1)
            },
            "budget",
        ),
        (
            PlanRequest {
                budget: 501,
                ..request(NOW, 1)
            },
            "budget",
        ),
        (
            PlanRequest {
                horizon_days: 0,
                ..request(NOW, 1)
            },
            "horizon_days",
        ),
        (
            PlanRequest {
                horizon_days: 731,
                ..request(NOW, 1)
            },
            "horizon_days",
        ),
        (
            PlanRequest {
                device_zone: "Mars/Olympus".into(),
                ..request(NOW, 1)
            },
            "device_zone",
        ),
    ];
    for (r, field) in cases {
        match vault.plan_reminders(&r) {
            Err(innermost::Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
}

// ---- properties --------------------------------------------------------------------

#[derive(Debug, Clone)]
struct RitualSpec {
    rule: String,
    times: Vec<String>,
    fixed_zone: Option<&'static str>,
    lead: u32,
}

fn ritual_spec() -> impl Strategy<Value = RitualSpec> {
    let rule = prop_oneof![
        (1u32..4).prop_map(|i| format!("FREQ=DAILY;INTERVAL={i}")),
        (0usize..7, 1u32..3).prop_map(|(d, i)| format!(
            "FREQ=WEEKLY;INTERVAL={i};BYDAY={}",
            ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][d]
        )),
        (1i8..29).prop_map(|d| format!("FREQ=MONTHLY;BYMONTHDAY={d}")),
        Just("FREQ=MONTHLY;BYDAY=-1FR,1SA".to_owned()),
        (1u32..30).prop_map(|c| format!("FREQ=DAILY;COUNT={c}")),
    ];
    let times = proptest::collection::btree_set(
        (
            0u32..24,
            prop_oneof![Just(0u32), Just(15), Just(30), Just(45)],
        ),
        1..4,
    )
    .prop_map(|s| {
        s.into_iter()
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .collect()
    });
    let zone = prop_oneof![
        Just(None),
        Just(Some("Europe/Paris")),
        Just(Some("America/New_York")),
        Just(Some("Australia/Lord_Howe")),
    ];
    (
        rule,
        times,
        zone,
        prop_oneof![Just(0u32), Just(10), Just(90)],
    )
        .prop_map(|(rule, times, fixed_zone, lead)| RitualSpec {
            rule,
            times,
            fixed_zone,
            lead,
        })
}

fn build(specs: &[RitualSpec], quiet: Option<(u32, u32)>) -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = support::new_vault(dir.path());
    for s in specs {
        add(
            &vault,
            Schedule {
                cadence: s.rule.clone(),
                times: s.times.clone(),
                start_date: "2026-01-10".into(),
                zone: s
                    .fixed_zone
                    .map_or(ZoneMode::Floating, |z| ZoneMode::Fixed { zone: z.into() }),
                lead_minutes: s.lead,
                exact: false,
                label: None,
            },
        );
    }
    if let Some((start, end)) = quiet {
        vault
            .set_reminder_settings(&ReminderSettings {
                quiet_hours: Some(QuietHours {
                    start: format!("{start:02}:00"),
                    end: format!("{end:02}:00"),
                }),
                catch_up_grace_minutes: 120,
            })
            .unwrap();
    }
    (dir, vault)
}

fn in_quiet(at: Timestamp, quiet: (u32, u32), zone: &str) -> bool {
    let tz = jiff::tz::TimeZone::get(zone).unwrap();
    let local = tz.to_datetime(jiff::Timestamp::from_millisecond(at.as_millis()).unwrap());
    let minutes = u32::from(local.hour() as u8) * 60 + u32::from(local.minute() as u8);
    let (s, e) = (quiet.0 * 60, quiet.1 * 60);
    if s < e {
        s <= minutes && minutes < e
    } else {
        minutes >= s || minutes < e
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn plans_keep_every_promise(
        specs in proptest::collection::vec(ritual_spec(), 1..6),
        budget in 1u32..40,
        offset_hours in 0i64..2000,
        quiet in proptest::option::of((18u32..24, 5u32..9)),
        done_every in 2usize..5,
        step_hours in 1i64..72,
    ) {
        let (_dir, vault) = build(&specs, quiet);
        let now = NOW + offset_hours * HOUR;
        let first = plan(&vault, now, budget);

        // Sorted, within budget, no duplicates.
        prop_assert!(first.items.len() <= budget as usize);
        prop_assert!(first.items.windows(2).all(|w| (w[0].fire_at, &w[0].id) <= (w[1].fire_at, &w[1].id)));
        let ids: HashSet<_> = first.items.iter().map(|i| i.id.clone()).collect();
        prop_assert_eq!(ids.len(), first.items.len());
        prop_assert!(first.items.iter().all(|i| i.fire_at.as_millis() >= now));
        prop_assert!(first.replan_by.as_millis() > now);

        // Nothing inside quiet hours.
        if let Some(q) = quiet {
            for i in &first.items {
                prop_assert!(!in_quiet(i.fire_at, q, "Europe/Paris"), "{} in quiet hours", i.id);
            }
        }

        // The same plan locked.
        vault.lock();
        prop_assert_eq!(&plan(&vault, now, budget), &first);
        vault.unlock(&support::pass(support::PASSPHRASE)).unwrap();

        // Ids are stable: an occurrence planned again later keeps its id and instant.
        let later = plan(&vault, now + step_hours * HOUR, budget);
        for item in &later.items {
            if let Some(before) = first.items.iter().find(|i| i.id == item.id) {
                prop_assert_eq!(before.fire_at, item.fire_at);
                prop_assert_eq!(&before.occurrence_id, &item.occurrence_id);
            }
        }

        // Nothing for completed occurrences.
        let done: Vec<String> = first.items.iter().step_by(done_every).map(|i| i.occurrence_id.clone()).collect();
        for id in &done {
            vault.record_occurrence(id, OccurrenceStatus::Done, None, "Europe/Paris").unwrap();
        }
        let after = plan(&vault, now, budget);
        prop_assert!(after.items.iter().all(|i| !done.contains(&i.occurrence_id)));
    }
}
