//! No text ever becomes markup: HTML escaping never lets `<` through, Markdown escaping
//! never lets text start a block or open a link, and CSV cells read back exactly
//! (RFC 4180), with formulas defused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use innermost_reports::csv::cell;
use innermost_reports::escape::{html, markdown};
use innermost_reports::html::write_html;
use innermost_reports::layout::{Block, Chart, ChartKind, Document, Series, Table};
use innermost_reports::markdown::write_markdown;
use proptest::prelude::*;

/// Reads one RFC 4180 cell back (the inverse of `cell` without the formula guard).
fn read_cell(text: &str) -> String {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => {
            assert!(
                !text.contains(['"', ',', '\r', '\n']),
                "unquoted special: {text:?}"
            );
            text.to_owned()
        }
    }
}

fn document(text: &str) -> Document {
    Document {
        title: text.to_owned(),
        blocks: vec![
            Block::Heading {
                level: 2,
                text: text.to_owned(),
            },
            Block::Paragraph(text.to_owned()),
            Block::Note(text.to_owned()),
            Block::List(vec![text.to_owned()]),
            Block::Table(Table {
                columns: vec![text.to_owned()],
                rows: vec![vec![text.to_owned()]],
            }),
            Block::Chart(Chart {
                title: text.to_owned(),
                kind: ChartKind::Bars,
                x_labels: vec![text.to_owned()],
                y_label: text.to_owned(),
                y_min: 0.0,
                y_max: 1.0,
                series: vec![Series {
                    name: text.to_owned(),
                    values: vec![Some(0.5)],
                }],
            }),
        ],
    }
}

proptest! {
    #[test]
    fn csv_cells_round_trip(text in "\\PC{0,40}|[=+@,\"\r\n -]{0,12}") {
        let written = cell(&text);
        let back = read_cell(&written);
        let guarded = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
        if guarded {
            prop_assert_eq!(back, format!("'{text}"));
        } else {
            prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn html_escaping_never_lets_markup_through(text in "\\PC{0,60}|[<>&\"' a-z/=]{0,30}") {
        let escaped = html(&text);
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        let page = String::from_utf8(write_html(&document(&text))).unwrap();
        let clean = String::from_utf8(write_html(&document(""))).unwrap();
        // The page has exactly the tags of the same page with empty text: the text's `<`
        // never opened one.
        prop_assert_eq!(page.matches('<').count(), clean.matches('<').count());
        prop_assert!(!page.contains("<script"));
    }

    #[test]
    fn markdown_text_never_starts_a_block_or_opens_markup(text in "\\PC{0,60}|[#*_\\[\\]()<>|`!0-9. \n-]{0,30}") {
        let escaped = markdown(&text);
        prop_assert!(!escaped.contains('\n'));
        let first = escaped.chars().next();
        prop_assert!(!matches!(first, Some('#' | '-' | '+' | '=' | '>' | ' ' | '\t')));
        // Every active character is preceded by a backslash (ignoring `<br>` we add).
        let without_breaks = escaped.replace("<br>", "");
        let chars: Vec<char> = without_breaks.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if matches!(c, '*' | '_' | '[' | ']' | '<' | '>' | '|' | '`') {
                let backslashes = chars[..i].iter().rev().take_while(|p| **p == '\\').count();
                prop_assert!(backslashes % 2 == 1, "unescaped {c} in {escaped:?}");
            }
        }
        let page = String::from_utf8(write_markdown(&document(&text))).unwrap();
        prop_assert!(page.lines().filter(|l| l.starts_with('#')).count() == 1);
    }
}

#[test]
fn a_formula_is_defused_and_quoted_when_needed() {
    assert_eq!(
        cell("=HYPERLINK(\"http://x\",\"y\")"),
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
    );
    assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(cell("plain"), "plain");
    assert_eq!(cell("a,b"), "\"a,b\"");
}
