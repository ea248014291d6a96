//! Daylight saving and zone changes, for Europe/Paris, America/New_York,
//! Australia/Lord_Howe (a 30-minute shift) and Pacific/Apia (which skipped 2011-12-30),
//! each in both zone modes: fixed (the ritual names the zone) and floating (the ritual
//! follows the phone, here set to that zone). The rule (DESIGN.md §4): a local time that
//! does not exist moves forward by the gap and still counts; a time that happens twice
//! fires at the first; a whole date that does not exist is skipped.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::Timestamp;
use innermost::rituals::{
    NewRitual, PlanRequest, RitualDetails, RitualKind, Schedule, ZoneMode, preview,
};

/// UTC epoch ms of an ISO instant such as `2026-03-29T01:30Z`.
fn utc(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

fn daily(time: &str, start: &str, mode: &ZoneMode) -> Schedule {
    Schedule {
        cadence: "FREQ=DAILY".into(),
        times: vec![time.into()],
        start_date: start.into(),
        zone: mode.clone(),
        lead_minutes: 0,
        exact: true,
        label: None,
    }
}

/// Both modes for `zone`: the schedule's zone mode and the phone's zone to use with it.
fn modes(zone: &str) -> [(ZoneMode, &str); 2] {
    [
        (ZoneMode::Fixed { zone: zone.into() }, "UTC"),
        (ZoneMode::Floating, zone),
    ]
}

/// (local occurrence, UTC instant) of the first `n` occurrences.
fn occurrences(zone: &str, time: &str, start: &str, n: u32) -> Vec<[Vec<(String, String)>; 1]> {
    modes(zone)
        .iter()
        .map(|(mode, device)| {
            [preview(&daily(time, start, mode), device, start, n)
                .unwrap()
                .into_iter()
                .map(|o| {
                    let at = jiff::Timestamp::from_millisecond(o.at.as_millis()).unwrap();
                    (o.local, at.to_string())
                })
                .collect()]
        })
        .collect()
}

fn assert_both_modes(zone: &str, time: &str, start: &str, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(l, u)| ((*l).to_owned(), (*u).to_owned()))
        .collect();
    for (i, [got]) in occurrences(zone, time, start, expected.len() as u32)
        .into_iter()
        .enumerate()
    {
        let mode = if i == 0 { "fixed" } else { "floating" };
        assert_eq!(got, expected, "{zone} {time} from {start}, {mode}");
    }
}

#[test]
fn paris_spring_gap_moves_0230_to_0330_and_still_counts() {
    assert_both_modes(
        "Europe/Paris",
        "02:30",
        "2026-03-28",
        &[
            ("2026-03-28T02:30", "2026-03-28T01:30:00Z"),
            ("2026-03-29T02:30", "2026-03-29T01:30:00Z"), // 03:30 CEST
            ("2026-03-30T02:30", "2026-03-30T00:30:00Z"),
        ],
    );
}

#[test]
fn paris_autumn_fold_fires_0230_at_the_first() {
    assert_both_modes(
        "Europe/Paris",
        "02:30",
        "2026-10-24",
        &[
            ("2026-10-24T02:30", "2026-10-24T00:30:00Z"),
            ("2026-10-25T02:30", "2026-10-25T00:30:00Z"), // CEST, the first 02:30
            ("2026-10-26T02:30", "2026-10-26T01:30:00Z"),
        ],
    );
}

#[test]
fn new_york_spring_gap_and_autumn_fold() {
    assert_both_modes(
        "America/New_York",
        "02:30",
        "2026-03-07",
        &[
            ("2026-03-07T02:30", "2026-03-07T07:30:00Z"),
            ("2026-03-08T02:30", "2026-03-08T07:30:00Z"), // 03:30 EDT
            ("2026-03-09T02:30", "2026-03-09T06:30:00Z"),
        ],
    );
    assert_both_modes(
        "America/New_York",
        "01:30",
        "2026-10-31",
        &[
            ("2026-10-31T01:30", "2026-10-31T05:30:00Z"),
            ("2026-11-01T01:30", "2026-11-01T05:30:00Z"), // EDT, the first 01:30
            ("2026-11-02T01:30", "2026-11-02T06:30:00Z"),
        ],
    );
}

#[test]
fn lord_howe_thirty_minute_gap_and_fold() {
    // 4 October 2026: 02:00 becomes 02:30 (+10:30 to +11).
    assert_both_modes(
        "Australia/Lord_Howe",
        "02:15",
        "2026-10-03",
        &[
            ("2026-10-03T02:15", "2026-10-02T15:45:00Z"),
            ("2026-10-04T02:15", "2026-10-03T15:45:00Z"), // 02:45 +11
            ("2026-10-05T02:15", "2026-10-04T15:15:00Z"),
        ],
    );
    // 5 April 2026: 02:00 goes back to 01:30 (+11 to +10:30).
    assert_both_modes(
        "Australia/Lord_Howe",
        "01:45",
        "2026-04-04",
        &[
            ("2026-04-04T01:45", "2026-04-03T14:45:00Z"),
            ("2026-04-05T01:45", "2026-04-04T14:45:00Z"), // +11, the first 01:45
            ("2026-04-06T01:45", "2026-04-05T15:15:00Z"),
        ],
    );
}

#[test]
fn apia_skipped_the_30th_of_december_2011() {
    // Samoa moved across the date line: 29 December 2011 (UTC-10) was followed by
    // 31 December (UTC+14). The missing date has no occurrence, and nothing fires twice.
    assert_both_modes(
        "Pacific/Apia",
        "20:00",
        "2011-12-28",
        &[
            ("2011-12-28T20:00", "2011-12-29T06:00:00Z"),
            ("2011-12-29T20:00", "2011-12-30T06:00:00Z"),
            ("2011-12-31T20:00", "2011-12-31T06:00:00Z"),
            ("2012-01-01T20:00", "2012-01-01T06:00:00Z"),
        ],
    );
}

#[test]
fn floating_follows_the_phone_and_fixed_does_not() {
    let at = |mode: ZoneMode, device: &str| {
        preview(
            &daily("20:00", "2026-06-01", &mode),
            device,
            "2026-06-01",
            1,
        )
        .unwrap()[0]
            .at
    };
    let paris = ZoneMode::Fixed {
        zone: "Europe/Paris".into(),
    };
    assert_eq!(
        at(paris.clone(), "Asia/Tokyo"),
        at(paris, "America/New_York")
    );
    assert_ne!(
        at(ZoneMode::Floating, "Asia/Tokyo"),
        at(ZoneMode::Floating, "America/New_York")
    );
    assert_eq!(
        at(ZoneMode::Floating, "Asia/Tokyo").as_millis(),
        utc("2026-06-01T11:00Z")
    );
}

#[test]
fn plans_across_each_transition_fire_once_per_occurrence_in_both_modes() {
    let cases = [
        ("Europe/Paris", "02:30", "2026-03-27", "2026-03-27T00:00Z"),
        ("Europe/Paris", "02:30", "2026-10-23", "2026-10-23T00:00Z"),
        (
            "America/New_York",
            "02:30",
            "2026-03-06",
            "2026-03-06T12:00Z",
        ),
        (
            "America/New_York",
            "01:30",
            "2026-10-30",
            "2026-10-30T12:00Z",
        ),
        (
            "Australia/Lord_Howe",
            "02:15",
            "2026-10-02",
            "2026-10-01T00:00Z",
        ),
        (
            "Australia/Lord_Howe",
            "01:45",
            "2026-04-03",
            "2026-04-02T00:00Z",
        ),
        ("Pacific/Apia", "20:00", "2011-12-27", "2011-12-27T12:00Z"),
    ];
    for (zone, time, start, now) in cases {
        for (mode, device) in modes(zone) {
            let dir = tempfile::tempdir().unwrap();
            let (vault, _, _) = support::new_vault(dir.path());
            vault
                .add_ritual(&NewRitual {
                    kind: RitualKind::DailyCheckIn,
                    details: RitualDetails {
                        title: "check-in".into(),
                        ..Default::default()
                    },
                    schedule: daily(time, start, &mode),
                })
                .unwrap();
            let mut request = PlanRequest::new(Timestamp::from_millis(utc(now)), device);
            request.budget = 6;
            let plan = vault.plan_reminders(&request).unwrap();
            let expected: Vec<_> = preview(&daily(time, start, &mode), device, start, 8)
                .unwrap()
                .into_iter()
                .filter(|o| o.at.as_millis() >= utc(now))
                .take(6)
                .collect();
            let got: Vec<_> = plan
                .items
                .iter()
                .map(|i| {
                    (
                        i.fire_at,
                        i.occurrence_id.split('/').nth(1).unwrap().to_owned(),
                    )
                })
                .collect();
            let want: Vec<_> = expected.iter().map(|o| (o.at, o.local.clone())).collect();
            assert_eq!(got, want, "{zone} {time} {mode:?}");
            let mut instants: Vec<_> = plan.items.iter().map(|i| i.fire_at).collect();
            instants.dedup();
            assert_eq!(
                instants.len(),
                plan.items.len(),
                "{zone}: two reminders at one instant"
            );
        }
    }
}
