//! Pattern insights: top triggers, averages, what followed, and weeks without gaps hidden.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::{EmotionRating, EntryContent, Error, NewEntry, Response, Timestamp};
use support::*;

fn log(safety: u8, urge: u8, response: Response, triggers: &[&str]) -> NewEntry {
    NewEntry {
        content: EntryContent::PatternLog {
            situation: "a moment".into(),
            involved: None,
            felt_safety: safety,
            urge_to_pull_away: urge,
            response,
            triggers: triggers.iter().map(|t| t.to_string()).collect(),
            emotions: vec![EmotionRating {
                key: "fear.uneasy".into(),
                intensity: 5,
            }],
            body_sensations: None,
            note: None,
        },
        tags: Vec::new(),
        links: Vec::new(),
    }
}

const DAY: i64 = 86_400_000;
/// Monday 2026-11-02T12:00Z.
const MONDAY: i64 = 1_793_620_800_000;

#[test]
fn triggers_averages_responses_and_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    clock.set(Timestamp::from_millis(MONDAY));
    vault
        .add_entry(&log(2, 9, Response::Withdrew, &["criticism", "conflict"]))
        .unwrap();
    clock.set(Timestamp::from_millis(MONDAY + DAY));
    vault
        .add_entry(&log(4, 7, Response::Withdrew, &["criticism"]))
        .unwrap();
    clock.set(Timestamp::from_millis(MONDAY + 2 * DAY));
    vault
        .add_entry(&NewEntry::reflection("not a pattern log"))
        .unwrap();
    // Week 2 has nothing; week 3 one log.
    clock.set(Timestamp::from_millis(MONDAY + 15 * DAY));
    vault
        .add_entry(&log(8, 2, Response::StayedPresent, &["criticism"]))
        .unwrap();
    // Outside the range.
    clock.set(Timestamp::from_millis(MONDAY + 30 * DAY));
    vault
        .add_entry(&log(0, 10, Response::ShutDown, &["rejection"]))
        .unwrap();

    let from = Timestamp::from_millis(MONDAY - 12 * 3_600_000);
    // Midnight in Paris (UTC+1) at the end of Sunday 22 November.
    let until = Timestamp::from_millis(MONDAY + 21 * DAY - 13 * 3_600_000);
    let i = vault.pattern_insights(from, until, "Europe/Paris").unwrap();
    assert_eq!(i.pattern_logs, 3);
    assert_eq!(i.average_safety, Some(14.0 / 3.0));
    assert_eq!(i.average_urge, Some(6.0));
    let keys: Vec<_> = i
        .triggers
        .iter()
        .map(|t| (t.key.as_str(), t.count))
        .collect();
    assert_eq!(keys, vec![("criticism", 3), ("conflict", 1)]);
    let criticism = &i.triggers[0];
    assert_eq!(criticism.average_safety, 14.0 / 3.0);
    let responses: Vec<_> = criticism
        .responses
        .iter()
        .map(|r| (r.response.as_str(), r.count))
        .collect();
    assert_eq!(responses, vec![("withdrew", 2), ("stayed_present", 1)]);
    let weeks: Vec<_> = i
        .weeks
        .iter()
        .map(|w| (w.week_start.as_str(), w.pattern_logs, w.average_safety))
        .collect();
    assert_eq!(
        weeks,
        vec![
            ("2026-11-02", 2, Some(3.0)),
            ("2026-11-09", 0, None),
            ("2026-11-16", 1, Some(8.0))
        ],
        "the empty week is shown, not skipped"
    );
}

#[test]
fn bad_ranges_and_zones_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let t = Timestamp::from_millis(MONDAY);
    assert!(matches!(
        vault.pattern_insights(t, t, "UTC"),
        Err(Error::InvalidInput { field: "until", .. })
    ));
    let far = Timestamp::from_millis(MONDAY + 4000 * DAY);
    assert!(matches!(
        vault.pattern_insights(t, far, "UTC"),
        Err(Error::InvalidInput { field: "until", .. })
    ));
    let later = Timestamp::from_millis(MONDAY + DAY);
    assert!(matches!(
        vault.pattern_insights(t, later, "Nowhere/Town"),
        Err(Error::InvalidInput { field: "zone", .. })
    ));
    let empty = vault.pattern_insights(t, later, "UTC").unwrap();
    assert_eq!(
        (empty.pattern_logs, empty.average_safety, empty.weeks.len()),
        (0, None, 1)
    );
}
