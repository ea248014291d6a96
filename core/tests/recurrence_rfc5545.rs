//! The cadence parser and expansion against the examples of RFC 5545 §3.8.5.3 that fall
//! inside Innermost's subset (DTSTART 09:00 America/New_York), the subset's refusals,
//! and properties of canonical text and expansion.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use innermost::Error;
use innermost::rituals::{Cadence, Schedule, ZoneMode, canonical_cadence, preview};
use proptest::prelude::*;

fn schedule(rule: &str, start: &str) -> Schedule {
    Schedule {
        cadence: rule.to_owned(),
        times: vec!["09:00".to_owned()],
        start_date: start.to_owned(),
        zone: ZoneMode::Fixed {
            zone: "America/New_York".to_owned(),
        },
        lead_minutes: 0,
        exact: false,
        label: None,
    }
}

/// The first `n` dates of `rule` starting `start` (fewer if the rule ends).
fn dates(rule: &str, start: &str, n: u32) -> Vec<String> {
    preview(&schedule(rule, start), "UTC", start, n)
        .unwrap()
        .into_iter()
        .map(|o| {
            assert!(o.local.ends_with("T09:00"), "{}", o.local);
            o.local[..10].to_owned()
        })
        .collect()
}

fn ymd(year: u32, list: &[(u32, u32)]) -> Vec<String> {
    list.iter()
        .map(|(m, d)| format!("{year}-{m:02}-{d:02}"))
        .collect()
}

#[test]
fn daily_for_10_occurrences() {
    let got = dates("FREQ=DAILY;COUNT=10", "1997-09-02", 50);
    assert_eq!(
        got,
        ymd(1997, &(2..=11).map(|d| (9, d)).collect::<Vec<_>>())
    );
}

#[test]
fn daily_until_december_24_1997() {
    let got = dates("FREQ=DAILY;UNTIL=19971224T000000Z", "1997-09-02", 500);
    assert_eq!(got.len(), 113);
    assert_eq!(got.first().unwrap(), "1997-09-02");
    assert_eq!(got.last().unwrap(), "1997-12-23");
}

#[test]
fn every_other_day_and_every_ten_days() {
    assert_eq!(
        dates("FREQ=DAILY;INTERVAL=2", "1997-09-02", 4),
        ymd(1997, &[(9, 2), (9, 4), (9, 6), (9, 8)])
    );
    assert_eq!(
        dates("FREQ=DAILY;INTERVAL=10;COUNT=5", "1997-09-02", 50),
        ymd(1997, &[(9, 2), (9, 12), (9, 22), (10, 2), (10, 12)])
    );
}

#[test]
fn weekly_for_10_occurrences_and_every_other_week() {
    assert_eq!(
        dates("FREQ=WEEKLY;COUNT=10", "1997-09-02", 50),
        ymd(
            1997,
            &[
                (9, 2),
                (9, 9),
                (9, 16),
                (9, 23),
                (9, 30),
                (10, 7),
                (10, 14),
                (10, 21),
                (10, 28),
                (11, 4)
            ]
        )
    );
    let mut expected = ymd(
        1997,
        &[
            (9, 2),
            (9, 16),
            (9, 30),
            (10, 14),
            (10, 28),
            (11, 11),
            (11, 25),
            (12, 9),
            (12, 23),
        ],
    );
    expected.push("1998-01-06".into());
    assert_eq!(
        dates("FREQ=WEEKLY;INTERVAL=2;WKST=SU", "1997-09-02", 10),
        expected
    );
}

#[test]
fn weekly_on_tuesday_and_thursday_for_five_weeks_both_ways() {
    let expected = ymd(
        1997,
        &[
            (9, 2),
            (9, 4),
            (9, 9),
            (9, 11),
            (9, 16),
            (9, 18),
            (9, 23),
            (9, 25),
            (9, 30),
            (10, 2),
        ],
    );
    assert_eq!(
        dates(
            "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
            "1997-09-02",
            50
        ),
        expected
    );
    assert_eq!(
        dates("FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", "1997-09-02", 50),
        expected
    );
}

#[test]
fn every_other_week_on_monday_wednesday_friday_until_december_24() {
    let got = dates(
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        "1997-09-01",
        100,
    );
    let expected = ymd(
        1997,
        &[
            (9, 1),
            (9, 3),
            (9, 5),
            (9, 15),
            (9, 17),
            (9, 19),
            (9, 29),
            (10, 1),
            (10, 3),
            (10, 13),
            (10, 15),
            (10, 17),
            (10, 27),
            (10, 29),
            (10, 31),
            (11, 10),
            (11, 12),
            (11, 14),
            (11, 24),
            (11, 26),
            (11, 28),
            (12, 8),
            (12, 10),
            (12, 12),
            (12, 22),
        ],
    );
    assert_eq!(got, expected);
}

#[test]
fn every_other_week_on_tuesday_and_thursday_for_8_occurrences() {
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
            "1997-09-02",
            50
        ),
        ymd(
            1997,
            &[
                (9, 2),
                (9, 4),
                (9, 16),
                (9, 18),
                (9, 30),
                (10, 2),
                (10, 14),
                (10, 16)
            ]
        )
    );
}

#[test]
fn monthly_on_the_first_friday_for_10_occurrences() {
    let mut expected = ymd(1997, &[(9, 5), (10, 3), (11, 7), (12, 5)]);
    expected.extend(ymd(1998, &[(1, 2), (2, 6), (3, 6), (4, 3), (5, 1), (6, 5)]));
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", "1997-09-05", 50),
        expected
    );
}

#[test]
fn every_other_month_on_the_first_and_last_sunday() {
    let mut expected = ymd(1997, &[(9, 7), (9, 28), (11, 2), (11, 30)]);
    expected.extend(ymd(
        1998,
        &[(1, 4), (1, 25), (3, 1), (3, 29), (5, 3), (5, 31)],
    ));
    assert_eq!(
        dates(
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
            "1997-09-07",
            50
        ),
        expected
    );
}

#[test]
fn monthly_on_the_second_to_last_monday_for_6_months() {
    let mut expected = ymd(1997, &[(9, 22), (10, 20), (11, 17), (12, 22)]);
    expected.extend(ymd(1998, &[(1, 19), (2, 16)]));
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", "1997-09-22", 50),
        expected
    );
}

#[test]
fn monthly_on_the_third_to_last_day() {
    let mut expected = ymd(1997, &[(9, 28), (10, 29), (11, 28), (12, 29)]);
    expected.extend(ymd(1998, &[(1, 29), (2, 26)]));
    assert_eq!(
        dates("FREQ=MONTHLY;BYMONTHDAY=-3", "1997-09-28", 6),
        expected
    );
}

#[test]
fn monthly_on_the_2nd_and_15th_and_on_the_first_and_last_day() {
    let mut expected = ymd(
        1997,
        &[
            (9, 2),
            (9, 15),
            (10, 2),
            (10, 15),
            (11, 2),
            (11, 15),
            (12, 2),
            (12, 15),
        ],
    );
    expected.extend(ymd(1998, &[(1, 2), (1, 15)]));
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", "1997-09-02", 50),
        expected
    );
    let mut expected = ymd(
        1997,
        &[
            (9, 30),
            (10, 1),
            (10, 31),
            (11, 1),
            (11, 30),
            (12, 1),
            (12, 31),
        ],
    );
    expected.extend(ymd(1998, &[(1, 1), (1, 31), (2, 1)]));
    assert_eq!(
        dates("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", "1997-09-30", 50),
        expected
    );
}

#[test]
fn every_18_months_on_the_10th_to_15th() {
    let mut expected = ymd(
        1997,
        &[(9, 10), (9, 11), (9, 12), (9, 13), (9, 14), (9, 15)],
    );
    expected.extend(ymd(1999, &[(3, 10), (3, 11), (3, 12), (3, 13)]));
    assert_eq!(
        dates(
            "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
            "1997-09-10",
            50
        ),
        expected
    );
}

#[test]
fn every_tuesday_every_other_month() {
    let mut expected = ymd(
        1997,
        &[
            (9, 2),
            (9, 9),
            (9, 16),
            (9, 23),
            (9, 30),
            (11, 4),
            (11, 11),
            (11, 18),
            (11, 25),
        ],
    );
    expected.extend(ymd(
        1998,
        &[
            (1, 6),
            (1, 13),
            (1, 20),
            (1, 27),
            (3, 3),
            (3, 10),
            (3, 17),
            (3, 24),
            (3, 31),
        ],
    ));
    assert_eq!(
        dates("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "1997-09-02", 18),
        expected
    );
}

#[test]
fn every_friday_the_13th() {
    // The RFC's DTSTART (1997-09-02) is excluded there with EXDATE; here a start that does
    // not match the rule is never an occurrence.
    assert_eq!(
        dates("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "1997-09-02", 5),
        vec![
            "1998-02-13",
            "1998-03-13",
            "1998-11-13",
            "1999-08-13",
            "2000-10-13"
        ]
    );
}

#[test]
fn the_first_saturday_after_the_first_sunday() {
    let mut expected = ymd(1997, &[(9, 13), (10, 11), (11, 8), (12, 13)]);
    expected.extend(ymd(
        1998,
        &[(1, 10), (2, 7), (3, 7), (4, 11), (5, 9), (6, 13)],
    ));
    assert_eq!(
        dates(
            "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
            "1997-09-13",
            10
        ),
        expected
    );
}

#[test]
fn the_week_start_changes_what_every_other_week_means() {
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
            "1997-08-05",
            50
        ),
        ymd(1997, &[(8, 5), (8, 10), (8, 19), (8, 24)])
    );
    assert_eq!(
        dates(
            "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
            "1997-08-05",
            50
        ),
        ymd(1997, &[(8, 5), (8, 17), (8, 19), (8, 31)])
    );
}

#[test]
fn a_date_that_does_not_exist_is_skipped_and_not_counted() {
    assert_eq!(
        dates("FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", "2007-01-15", 50),
        ymd(2007, &[(1, 15), (1, 30), (2, 15), (3, 15), (3, 30)])
    );
}

#[test]
fn instants_follow_new_york_daylight_saving() {
    let got = preview(
        &schedule("FREQ=WEEKLY;COUNT=10", "1997-09-02"),
        "UTC",
        "1997-09-02",
        10,
    )
    .unwrap();
    // 09:00 EDT is 13:00Z; after 26 October 1997, 09:00 EST is 14:00Z.
    assert_eq!(got[0].at.as_millis(), 873_205_200_000);
    assert_eq!(got[9].local, "1997-11-04T09:00");
    assert_eq!(got[9].at.as_millis(), 878_652_000_000);
}

#[test]
fn count_counts_every_time_of_day() {
    let mut s = schedule("FREQ=DAILY;COUNT=5", "2026-03-01");
    s.times = vec!["20:00".into(), "08:00".into()];
    let got: Vec<String> = preview(&s, "UTC", "2026-03-01", 50)
        .unwrap()
        .into_iter()
        .map(|o| o.local)
        .collect();
    assert_eq!(
        got,
        vec![
            "2026-03-01T08:00",
            "2026-03-01T20:00",
            "2026-03-02T08:00",
            "2026-03-02T20:00",
            "2026-03-03T08:00"
        ]
    );
    // Previewing from a later date still honours the count from the start.
    let later = preview(&s, "UTC", "2026-03-03", 50).unwrap();
    assert_eq!(later.len(), 1);
}

#[test]
fn rules_outside_the_subset_or_impossible_are_refused_naming_cadence() {
    let refused = [
        ("", "empty"),
        ("FREQ=YEARLY", "YEARLY"),
        ("FREQ=HOURLY;INTERVAL=3", "HOURLY"),
        ("INTERVAL=2", "no FREQ"),
        ("FREQ=DAILY;FREQ=WEEKLY", "a part twice"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR"),
        ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO", "BYSETPOS"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL 0"),
        ("FREQ=DAILY;INTERVAL=-1", "negative INTERVAL"),
        ("FREQ=DAILY;COUNT=0", "COUNT 0"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20300101", "COUNT and UNTIL"),
        ("FREQ=WEEKLY;BYDAY=1MO", "ordinal in WEEKLY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "ordinal 6"),
        ("FREQ=MONTHLY;BYDAY=0MO", "ordinal 0"),
        ("FREQ=MONTHLY;BYDAY=XX", "weekday XX"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "monthday 32"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "monthday 0"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY in WEEKLY"),
        ("FREQ=DAILY;UNTIL=2030-01-01", "UNTIL with dashes"),
        ("FREQ=DAILY;UNTIL=20300230", "UNTIL 30 February"),
        ("FREQ=DAILY;WKST=XX", "WKST XX"),
        ("FREQ=DAILY;;", "empty part"),
        ("FREQ", "no value"),
    ];
    for (rule, why) in refused {
        match Cadence::parse(rule) {
            Err(Error::InvalidInput {
                field: "cadence", ..
            }) => {}
            other => panic!("{why}: {rule:?} gave {other:?}"),
        }
    }
    // Impossible for the given start: never occurs, or ends first.
    let impossible = [
        ("FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", "2026-01-01"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=FR;INTERVAL=12",
            "2026-02-01",
        ),
        ("FREQ=DAILY;UNTIL=20250101", "2026-01-01"),
    ];
    for (rule, start) in impossible {
        let s = schedule(rule, start);
        match preview(&s, "UTC", start, 1) {
            Err(Error::InvalidInput {
                field: "cadence", ..
            }) => {}
            other => panic!("{rule:?} from {start} gave {other:?}"),
        }
    }
}

#[test]
fn canonical_text_is_upper_case_ordered_and_without_defaults() {
    assert_eq!(
        canonical_cadence("rrule:byday=th,tu;freq=weekly;interval=1;wkst=mo").unwrap(),
        "FREQ=WEEKLY;BYDAY=TU,TH"
    );
    assert_eq!(
        canonical_cadence("FREQ=MONTHLY;BYDAY=-1FR,1SA,1SA;BYMONTHDAY=15,-1;COUNT=4").unwrap(),
        "FREQ=MONTHLY;BYDAY=-1FR,1SA;BYMONTHDAY=-1,15;COUNT=4"
    );
    assert_eq!(
        canonical_cadence("FREQ=DAILY;UNTIL=20261231T235959Z;INTERVAL=3").unwrap(),
        "FREQ=DAILY;INTERVAL=3;UNTIL=20261231T235959Z"
    );
}

fn rule_text() -> impl Strategy<Value = String> {
    let freq = prop_oneof![Just("DAILY"), Just("WEEKLY"), Just("MONTHLY")];
    let days = proptest::collection::vec((0usize..7, -5i8..=5), 0..4);
    let month_days = proptest::collection::vec(-31i8..=31, 0..4);
    (
        freq,
        1u32..20,
        days,
        month_days,
        proptest::option::of(1u32..60),
        0usize..7,
    )
        .prop_map(|(freq, interval, days, mdays, count, wkst)| {
            let names = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
            let mut parts = vec![format!("FREQ={freq}"), format!("INTERVAL={interval}")];
            let days: Vec<String> = days
                .into_iter()
                .map(|(d, n)| {
                    if freq == "MONTHLY" && n != 0 {
                        format!("{n}{}", names[d])
                    } else {
                        names[d].to_owned()
                    }
                })
                .collect();
            if !days.is_empty() {
                parts.push(format!("BYDAY={}", days.join(",")));
            }
            let mdays: Vec<String> = mdays
                .into_iter()
                .filter(|n| *n != 0)
                .map(|n| n.to_string())
                .collect();
            if freq != "WEEKLY" && !mdays.is_empty() {
                parts.push(format!("BYMONTHDAY={}", mdays.join(",")));
            }
            if let Some(c) = count {
                parts.push(format!("COUNT={c}"));
            }
            parts.push(format!("WKST={}", names[wkst]));
            parts.reverse();
            parts.join(";")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn canonical_text_parses_back_to_the_same_rule(rule in rule_text()) {
        let parsed = Cadence::parse(&rule).unwrap();
        let canonical = parsed.to_string();
        let again = Cadence::parse(&canonical).unwrap();
        prop_assert_eq!(&again, &parsed);
        prop_assert_eq!(again.to_string(), canonical);
    }

    #[test]
    fn dates_are_increasing_on_or_after_the_start_and_match_the_rule(
        rule in rule_text(),
        start in 0i64..20_000,
    ) {
        let parsed = Cadence::parse(&rule).unwrap();
        let start = jiff::civil::date(1990, 1, 1).checked_add(jiff::Span::new().days(start)).unwrap();
        let got: Vec<_> = parsed.dates(start, start).take(40).collect();
        for pair in got.windows(2) {
            prop_assert!(pair[0] < pair[1]);
        }
        for d in &got {
            prop_assert!(*d >= start);
            let weekday = d.weekday().to_monday_zero_offset() as u8;
            if !parsed.by_day.is_empty() {
                prop_assert!(parsed.by_day.iter().any(|r| r.weekday == weekday));
            }
            if !parsed.by_month_day.is_empty() {
                let len = d.days_in_month();
                prop_assert!(parsed.by_month_day.iter().any(|&n| n == d.day() || (n < 0 && len + 1 + n == d.day())));
            }
        }
    }
}
