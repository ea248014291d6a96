//! Privacy is the product: nothing a person wrote leaves the phone unless they picked it.
//! A vault holds a canary in every free-text field of every item that is not picked
//! (entries of every kind, tags, own emotion and trigger words, victories and setbacks,
//! their own wordings, ladder steps and attempt notes, ritual titles, notes, guides,
//! lock-screen labels and occurrence notes, own measure names, items and subscales, the
//! setback plan, drafts, the trash, items outside the range). No format contains it;
//! picked items appear in full; and the withheld list says exactly what was left out.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::Vault;
use innermost_reports::{PdfFonts, ReportFormat, ReportRequest, gather};
use support::{CANARY, PICKED_TEXTS};

const ALL: [ReportFormat; 5] = ReportFormat::ALL;

/// The report as a reader sees it (a PDF's drawn text decoded), in the standard PDF font.
fn render_report(vault: &Vault, request: &ReportRequest, format: ReportFormat) -> Vec<u8> {
    let bytes =
        innermost_reports::render_report(vault, request, format, &PdfFonts::standard()).unwrap();
    support::readable(format, &bytes)
}

fn render(data: &innermost_reports::ReportData, format: ReportFormat) -> Vec<u8> {
    let bytes = innermost_reports::render(data, format, &PdfFonts::standard()).unwrap();
    support::readable(format, &bytes)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[test]
fn nothing_unpicked_appears_in_any_format_under_any_template() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, picks) = support::canary_vault(dir.path());
    for template in ["cbt", "schema", "attachment", "couples", "general"] {
        let request = ReportRequest {
            turned_on: vec!["thought_records".into(), "growth".into()],
            agenda: vec!["What do I do when silence feels like leaving?".into()],
            session_dates: vec!["2026-03-10".into()],
            ..picks.request(template)
        };
        for format in ALL {
            let bytes = render_report(&vault, &request, format);
            assert!(
                !contains(&bytes, CANARY),
                "{template} {format:?} leaks the canary"
            );
        }
        // Nothing picked at all: still nothing.
        for format in ALL {
            let bytes = render_report(&vault, &support::march(template), format);
            assert!(
                !contains(&bytes, CANARY),
                "{template} {format:?} leaks (nothing picked)"
            );
        }
    }
}

#[test]
fn picked_items_appear_in_full_in_every_format_that_shows_text() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, picks) = support::canary_vault(dir.path());
    let request = ReportRequest {
        agenda: vec!["agenda-question-one".into()],
        ..picks.request("general")
    };
    for format in [
        ReportFormat::Html,
        ReportFormat::Pdf,
        ReportFormat::Markdown,
        ReportFormat::Json,
    ] {
        let bytes = render_report(&vault, &request, format);
        for text in PICKED_TEXTS
            .iter()
            .chain(&["picked-step-outcome", "agenda-question-one"])
        {
            // Markdown escapes `-` only at the start of a block, so every text reads as is.
            assert!(contains(&bytes, text), "{format:?} lacks {text}");
        }
    }
    let csv = render_report(&vault, &request, ReportFormat::Csv);
    assert!(contains(&csv, "picked-measure-name") && contains(&csv, "picked-step-text"));
}

#[test]
fn the_withheld_list_matches_what_was_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, picks) = support::canary_vault(dir.path());
    let request = ReportRequest {
        turned_off: vec!["gaps".into()],
        ..picks.request("general")
    };
    let data = gather(&vault, &request).unwrap();
    let withheld: Vec<(&str, u32)> = data
        .withheld
        .iter()
        .map(|w| (w.key.as_str(), w.count))
        .collect();
    assert_eq!(
        withheld,
        vec![
            // The reflection, the pattern log and the conversation reflection in range
            // (the picked reflection, the trash, drafts and February are not counted).
            ("entry_text", 3),
            ("thought_record_text", 1),
            // The own victory, the boundary, the own setback and the recommitment.
            ("practice_text", 4),
            ("ladder_step_text", 1),
            ("ladder_attempt_notes", 1),
            ("ritual_text", 1),
            ("ritual_notes", 1),
            ("own_measure_names", 1),
            ("own_trigger_words", 1),
            ("section.gaps", 1),
        ]
    );
    assert!(data.gaps.is_none());
    let html = String::from_utf8(render(&data, ReportFormat::Html)).unwrap();
    for w in &data.withheld {
        assert!(html.contains(&w.text.replace('\'', "&#39;")), "{}", w.key);
    }
    assert!(html.contains("Drafts, the trash and the setback plan are never part of a report."));
    assert!(html.contains("Not a diagnosis") && html.contains("Generated on this device"));
    // Nothing picked: every entry, event and step is withheld.
    let none = gather(&vault, &support::march("general")).unwrap();
    let count = |key: &str| none.withheld.iter().find(|w| w.key == key).map(|w| w.count);
    assert_eq!(count("entry_text"), Some(4));
    assert_eq!(count("thought_record_text"), Some(2));
    assert_eq!(count("practice_text"), Some(5));
    assert_eq!(count("ladder_step_text"), Some(2));
    assert_eq!(count("ladder_attempt_notes"), Some(2));
    assert_eq!(count("own_measure_names"), Some(2));
}

#[test]
fn a_report_from_a_vault_validates_against_the_schema_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, picks) = support::canary_vault(dir.path());
    let request = ReportRequest {
        picked_entries: picks.entries.clone(),
        picked_practice: picks.practice.clone(),
        turned_on: vec!["thought_records".into()],
        turned_off: vec!["growth".into()],
        ..support::march("attachment")
    };
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(support::docs().join("report.schema.json")).unwrap(),
    )
    .unwrap();
    let json = render_report(&vault, &request, ReportFormat::Json);
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        support::schema::validate(&schema, &doc),
        Vec::<String>::new()
    );
    assert_eq!(
        doc["sections"][0], "safety",
        "attachment-based work starts from felt safety"
    );
    assert_eq!(doc["growth"], serde_json::Value::Null);
    assert_eq!(doc["thought_records"]["count"], 2);
    for format in ALL {
        assert_eq!(
            render_report(&vault, &request, format),
            render_report(&vault, &request, format)
        );
    }
    // The aggregates are right: one pattern log with safety 3, one ritual done.
    assert_eq!(doc["safety"]["pattern_logs"], 1);
    assert_eq!(doc["safety"]["average_safety"], 3);
    assert_eq!(doc["practice"]["rituals"][0]["done"], 1);
    assert_eq!(doc["practice"]["rituals"][0]["name"], "Daily check-in");
    assert_eq!(doc["practice"]["ladder_attempts"], 2);
    assert_eq!(doc["setbacks"]["count"], 2);
    assert_eq!(doc["setbacks"]["recommitments"], 1);
}
