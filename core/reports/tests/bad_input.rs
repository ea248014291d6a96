//! A request that cannot be honoured is refused before anything is read, with
//! `InvalidInput` naming the request's field, and a reason that never repeats what the
//! person sent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::Error;
use innermost_reports::{PdfFonts, ReportFormat, ReportRequest, render_report};

fn refused_field(vault: &innermost::Vault, request: &ReportRequest) -> (&'static str, String) {
    match render_report(vault, request, ReportFormat::Json, &PdfFonts::standard()) {
        Err(Error::InvalidInput { field, reason }) => (field, reason),
        other => panic!("expected InvalidInput, got {:?}", other.map(|b| b.len())),
    }
}

#[test]
fn bad_requests_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, picks) = support::canary_vault(dir.path());
    let march = || support::march("cbt");
    let cases: Vec<(&str, ReportRequest)> = vec![
        (
            "from",
            ReportRequest {
                from: String::new(),
                ..march()
            },
        ),
        (
            "to",
            ReportRequest {
                to: String::new(),
                ..march()
            },
        ),
        (
            "from",
            ReportRequest {
                from: "2026-02-30".into(),
                ..march()
            },
        ),
        (
            "to",
            ReportRequest {
                from: "2026-03-30".into(),
                to: "2026-03-02".into(),
                ..march()
            },
        ),
        (
            "to",
            ReportRequest {
                from: "2020-01-01".into(),
                ..march()
            },
        ),
        (
            "zone",
            ReportRequest {
                zone: "Mars/Olympus".into(),
                ..march()
            },
        ),
        (
            "template",
            ReportRequest {
                template: "zq-secret-template".into(),
                ..march()
            },
        ),
        (
            "turned_on",
            ReportRequest {
                turned_on: vec!["zq-secret-section".into()],
                ..march()
            },
        ),
        (
            "turned_off",
            ReportRequest {
                turned_off: vec!["horoscope".into()],
                ..march()
            },
        ),
        (
            "turned_off",
            ReportRequest {
                turned_on: vec!["growth".into()],
                turned_off: vec!["growth".into()],
                ..march()
            },
        ),
        (
            "picked_entries",
            ReportRequest {
                picked_entries: vec![picks.outside_entry],
                ..march()
            },
        ),
        (
            "picked_entries",
            ReportRequest {
                picked_entries: vec![picks.trashed_entry],
                ..march()
            },
        ),
        (
            "picked_entries",
            ReportRequest {
                picked_entries: vec![
                    innermost::EntryId::parse("01890000-0000-7000-8000-000000000000", "id")
                        .unwrap(),
                ],
                ..march()
            },
        ),
        (
            "picked_entries",
            ReportRequest {
                // The thought record's section is turned off: it would be silently dropped.
                picked_entries: picks.entries.clone(),
                turned_off: vec!["thought_records".into()],
                ..march()
            },
        ),
        (
            "picked_practice",
            ReportRequest {
                picked_practice: vec![picks.outside_event],
                ..march()
            },
        ),
        (
            "picked_practice",
            ReportRequest {
                picked_practice: vec![
                    innermost::progress::ProgressId::parse(
                        "01890000-0000-7000-8000-000000000000",
                        "id",
                    )
                    .unwrap(),
                ],
                ..march()
            },
        ),
        (
            "picked_measures",
            ReportRequest {
                picked_measures: vec!["zq-secret-measure".into()],
                ..march()
            },
        ),
        (
            "agenda",
            ReportRequest {
                agenda: vec!["   ".into()],
                ..march()
            },
        ),
        (
            "agenda",
            ReportRequest {
                agenda: vec!["x".repeat(501)],
                ..march()
            },
        ),
        (
            "session_dates",
            ReportRequest {
                session_dates: vec!["2026-04-15".into()],
                ..march()
            },
        ),
        (
            "session_dates",
            ReportRequest {
                session_dates: vec!["next tuesday".into()],
                ..march()
            },
        ),
    ];
    for (field, request) in cases {
        let (got, reason) = refused_field(&vault, &request);
        assert_eq!(got, field, "{request:?}");
        assert!(
            !reason.contains("zq-secret"),
            "the reason repeats the input: {reason}"
        );
    }
}

#[test]
fn a_one_day_range_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = support::new_vault(dir.path());
    let request = ReportRequest {
        from: "2026-03-10".into(),
        to: "2026-03-10".into(),
        ..support::march("general")
    };
    let json = render_report(&vault, &request, ReportFormat::Json, &PdfFonts::standard()).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc["gaps"]["days"], 1);
    assert_eq!(doc["weeks"], serde_json::json!(["2026-03-09"]));
}

#[test]
fn a_locked_vault_is_refused_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = support::new_vault(dir.path());
    vault.lock();
    assert!(matches!(
        render_report(
            &vault,
            &support::march("cbt"),
            ReportFormat::Html,
            &PdfFonts::standard()
        ),
        Err(Error::Locked)
    ));
}
