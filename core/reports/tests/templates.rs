//! Templates decide which sections appear and in what order; the person turns sections
//! on and off on top of them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use innermost_reports::templates::{Section, template};

fn ids(sections: &[Section]) -> Vec<&'static str> {
    sections.iter().map(|s| s.id()).collect()
}

#[test]
fn cbt_opens_with_measures_and_homework_then_thought_records() {
    let cbt = template("cbt").unwrap();
    assert_eq!(
        ids(&cbt.sections(&[], &[])),
        [
            "measures",
            "practice",
            "thought_records",
            "setbacks",
            "safety",
            "entries",
            "gaps",
            "agenda"
        ]
    );
}

#[test]
fn attachment_opens_with_felt_safety_and_rituals() {
    let t = template("attachment").unwrap();
    let s = t.sections(&[], &[]);
    assert_eq!(ids(&s[..2]), ["safety", "practice"]);
    assert!(!s.contains(&Section::ThoughtRecords));
}

#[test]
fn turning_on_keeps_the_template_order_and_turning_off_removes() {
    let couples = template("couples").unwrap();
    let s = couples.sections(&[Section::ThoughtRecords], &[Section::Gaps]);
    assert_eq!(
        ids(&s),
        [
            "practice",
            "safety",
            "setbacks",
            "measures",
            "entries",
            "thought_records",
            "agenda"
        ]
    );
    assert!(template("freudian").is_none());
    for id in ["cbt", "schema", "attachment", "couples", "general"] {
        let t = template(id).unwrap();
        assert_eq!(t.sections(&[], &[]).last(), Some(&Section::Agenda), "{id}");
        assert!(!t.why.is_empty());
    }
}
