//! Each format, rendered from the fixed fixture, is byte-for-byte its golden file; the
//! same data always gives the same bytes; and the JSON is valid against the schema the
//! docs publish (checked by a validator that is itself shown to reject wrong documents).
//! `INNERMOST_BLESS=1 cargo test -p innermost-reports` rewrites the golden files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost_reports::fixture::{fixture_report_data, fixture_year_report_data};
use innermost_reports::{PdfFonts, ReportFormat};
use serde_json::{Value, json};
use support::schema::validate;

const FORMATS: [(ReportFormat, &str); 5] = [
    (ReportFormat::Html, "report.html"),
    (ReportFormat::Pdf, "report.pdf"),
    (ReportFormat::Markdown, "report.md"),
    (ReportFormat::Json, "report.json"),
    (ReportFormat::Csv, "report.csv"),
];

/// The format's bytes; PDFs in the standard font (the fixture's text is all WinAnsi).
fn render(data: &innermost_reports::ReportData, format: ReportFormat) -> Vec<u8> {
    innermost_reports::render(data, format, &PdfFonts::standard()).unwrap()
}

fn schema() -> Value {
    let text = std::fs::read_to_string(support::docs().join("report.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_format_matches_its_golden_file() {
    let data = fixture_report_data();
    for (format, name) in FORMATS {
        support::golden(name, &render(&data, format));
    }
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    for data in [fixture_report_data(), fixture_year_report_data()] {
        for (format, _) in FORMATS {
            assert_eq!(
                render(&data, format),
                render(&data.clone(), format),
                "{format:?}"
            );
        }
    }
}

#[test]
fn the_golden_json_is_valid_against_the_published_schema() {
    let schema = schema();
    for data in [fixture_report_data(), fixture_year_report_data()] {
        let doc: Value = serde_json::from_slice(&render(&data, ReportFormat::Json)).unwrap();
        assert_eq!(validate(&schema, &doc), Vec::<String>::new());
        assert_eq!(doc["schema"], "innermost.report");
        assert_eq!(doc["version"], 1);
    }
}

#[test]
fn the_schema_validator_rejects_wrong_documents() {
    let schema = schema();
    let good: Value =
        serde_json::from_slice(&render(&fixture_report_data(), ReportFormat::Json)).unwrap();
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        f(&mut doc);
        validate(&schema, &doc)
    };
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "wrong version (const)",
            broken(&|d| d["version"] = json!(2)),
        ),
        (
            "unknown template (enum)",
            broken(&|d| d["template"] = json!("freudian")),
        ),
        (
            "missing key (required)",
            broken(&|d| {
                d.as_object_mut().unwrap().remove("withheld");
            }),
        ),
        (
            "extra key (additionalProperties)",
            broken(&|d| d["extra"] = json!(1)),
        ),
        (
            "string for a count (type)",
            broken(&|d| d["safety"]["pattern_logs"] = json!("7")),
        ),
        (
            "fraction for a count (integer)",
            broken(&|d| d["gaps"]["days"] = json!(2.5)),
        ),
        (
            "safety above 10 (maximum)",
            broken(&|d| d["safety"]["triggers"][0]["average_safety"] = json!(11)),
        ),
        (
            "negative count (minimum)",
            broken(&|d| d["practice"]["ladder_attempts"] = json!(-1)),
        ),
        (
            "bad item in a $ref'd array",
            broken(&|d| d["setbacks"]["picked"][0]["what_helped"] = json!(null)),
        ),
        (
            "bad array item (items)",
            broken(&|d| d["sections"][0] = json!("horoscope")),
        ),
    ];
    for (what, errors) in cases {
        assert!(!errors.is_empty(), "the validator accepted: {what}");
    }
    assert!(
        broken(&|d| d["growth"] = Value::Null).is_empty(),
        "a section turned off is null"
    );
}

#[test]
fn the_year_report_draws_every_week() {
    let data = fixture_year_report_data();
    assert_eq!(data.weeks.len(), 52);
    let html = String::from_utf8(render(&data, ReportFormat::Html)).unwrap();
    assert!(html.contains("Mar 31") && html.contains("Mar 23"));
    let csv = String::from_utf8(render(&data, ReportFormat::Csv)).unwrap();
    assert_eq!(
        csv.lines()
            .filter(|l| l.starts_with("growth_week,"))
            .count(),
        52
    );
}
