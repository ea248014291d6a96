//! The JSON writer: [`ReportData`] as the versioned document `innermost.report` v1,
//! described in `docs/formats.md` and `docs/report.schema.json`.
//!
//! Owns the key names, their fixed order and the number format: integers are written
//! without a point; other numbers with at most two decimals, trailing zeros dropped
//! (`4.33`, `0.5`, `7`); a non-finite number (never produced) would be `null`. Output is
//! indented by two spaces, arrays of plain values on one line, and ends with a newline.
//! Hand-written rather than derived: the order is the contract, and the library stays
//! small (docs/decisions.md §38).

use crate::data::*;

/// The document's `schema` value.
pub const SCHEMA: &str = "innermost.report";
/// The document's `version` value.
pub const VERSION: u32 = 1;

/// A JSON value whose object keys keep the order they were given.
enum J {
    Null,
    Bool(bool),
    Int(i64),
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(&'static str, J)>),
}

fn s(v: &str) -> J {
    J::Str(v.to_owned())
}

fn int(v: impl Into<i64>) -> J {
    J::Int(v.into())
}

fn opt_num(v: Option<f64>) -> J {
    v.map_or(J::Null, J::Num)
}

fn strs(v: &[String]) -> J {
    J::Arr(v.iter().map(|x| s(x)).collect())
}

fn ints(v: &[u32]) -> J {
    J::Arr(v.iter().map(|x| int(*x)).collect())
}

fn opt_nums(v: &[Option<f64>]) -> J {
    J::Arr(v.iter().map(|x| opt_num(*x)).collect())
}

/// `v` with at most two decimals, trailing zeros and a trailing point dropped.
pub(crate) fn number(v: f64) -> String {
    if !v.is_finite() {
        return "null".to_owned();
    }
    let mut t = format!("{v:.2}");
    if t.contains('.') {
        while t.ends_with('0') {
            t.pop();
        }
        if t.ends_with('.') {
            t.pop();
        }
    }
    if t == "-0" { "0".to_owned() } else { t }
}

fn string(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // U+2028/2029 are escaped too, so the document is also valid JavaScript.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn is_flat(items: &[J]) -> bool {
    items.iter().all(|j| !matches!(j, J::Arr(_) | J::Obj(_)))
}

fn write(out: &mut String, j: &J, indent: usize) {
    match j {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Int(i) => out.push_str(&i.to_string()),
        J::Num(n) => out.push_str(&number(*n)),
        J::Str(v) => string(out, v),
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Arr(items) if is_flat(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(out, item, indent);
            }
            out.push(']');
        }
        J::Arr(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&"  ".repeat(indent + 1));
                write(out, item, indent + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        J::Obj(fields) if fields.is_empty() => out.push_str("{}"),
        J::Obj(fields) => {
            out.push_str("{\n");
            for (i, (k, v)) in fields.iter().enumerate() {
                out.push_str(&"  ".repeat(indent + 1));
                string(out, k);
                out.push_str(": ");
                write(out, v, indent + 1);
                out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
    }
}

fn kind_counts(v: &[KindCount]) -> J {
    J::Arr(
        v.iter()
            .map(|k| {
                J::Obj(vec![
                    ("key", s(&k.key)),
                    ("label", s(&k.label)),
                    ("count", int(k.count)),
                ])
            })
            .collect(),
    )
}

fn picked_practice(v: &[PickedPractice]) -> J {
    J::Arr(
        v.iter()
            .map(|p| {
                J::Obj(vec![
                    ("date", s(&p.date)),
                    ("key", s(&p.key)),
                    ("label", s(&p.label)),
                    ("context", s(&p.context)),
                    ("triggers", strs(&p.triggers)),
                    ("what_helped", s(&p.what_helped)),
                ])
            })
            .collect(),
    )
}

fn picked_entries(v: &[PickedEntry]) -> J {
    J::Arr(
        v.iter()
            .map(|e| {
                J::Obj(vec![
                    ("date", s(&e.date)),
                    ("kind", s(&e.kind)),
                    (
                        "fields",
                        J::Arr(
                            e.fields
                                .iter()
                                .map(|f| {
                                    J::Obj(vec![
                                        ("key", s(&f.key)),
                                        ("label", s(&f.label)),
                                        ("value", s(&f.value)),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                ])
            })
            .collect(),
    )
}

fn section<T>(v: &Option<T>, f: impl FnOnce(&T) -> J) -> J {
    v.as_ref().map_or(J::Null, f)
}

fn measures(v: &[MeasureSummary]) -> J {
    J::Arr(
        v.iter()
            .map(|m| {
                J::Obj(vec![
                    ("key", s(&m.key)),
                    ("name", s(&m.name)),
                    ("name_withheld", J::Bool(m.name_withheld)),
                    ("score_min", J::Num(m.score_min)),
                    ("score_max", J::Num(m.score_max)),
                    (
                        "responses",
                        J::Arr(
                            m.responses
                                .iter()
                                .map(|r| {
                                    J::Obj(vec![("date", s(&r.date)), ("value", J::Num(r.value))])
                                })
                                .collect(),
                        ),
                    ),
                    ("weekly", opt_nums(&m.weekly)),
                ])
            })
            .collect(),
    )
}

fn safety(v: &SafetySummary) -> J {
    J::Obj(vec![
        ("pattern_logs", int(v.pattern_logs)),
        ("average_safety", opt_num(v.average_safety)),
        ("average_urge", opt_num(v.average_urge)),
        ("weekly_logs", ints(&v.weekly_logs)),
        ("weekly_safety", opt_nums(&v.weekly_safety)),
        ("weekly_checkin", opt_nums(&v.weekly_checkin)),
        (
            "triggers",
            J::Arr(
                v.triggers
                    .iter()
                    .map(|t| {
                        J::Obj(vec![
                            ("key", s(&t.key)),
                            ("label", s(&t.label)),
                            ("count", int(t.count)),
                            ("average_safety", J::Num(t.average_safety)),
                            ("average_urge", J::Num(t.average_urge)),
                            ("responses", kind_counts(&t.responses)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn practice(v: &PracticeSummary) -> J {
    J::Obj(vec![
        (
            "rituals",
            J::Arr(
                v.rituals
                    .iter()
                    .map(|r| {
                        J::Obj(vec![
                            ("kind", s(&r.kind)),
                            ("name", s(&r.name)),
                            ("planned", int(r.planned)),
                            ("done", int(r.done)),
                            ("skipped", int(r.skipped)),
                            ("weekly_planned", ints(&r.weekly_planned)),
                            ("weekly_done", ints(&r.weekly_done)),
                        ])
                    })
                    .collect(),
            ),
        ),
        (
            "ladder",
            J::Arr(
                v.ladder
                    .iter()
                    .map(|l| {
                        J::Obj(vec![
                            ("position", int(l.position)),
                            ("text", l.text.as_deref().map_or(J::Null, s)),
                            ("expected_difficulty", int(l.expected_difficulty)),
                            ("attempts", int(l.attempts)),
                            ("mean_predicted", opt_num(l.mean_predicted)),
                            ("mean_peak", opt_num(l.mean_peak)),
                            (
                                "picked_attempts",
                                J::Arr(
                                    l.picked_attempts
                                        .iter()
                                        .map(|a| {
                                            J::Obj(vec![
                                                ("date", s(&a.date)),
                                                ("predicted", int(a.predicted)),
                                                ("before", int(a.before)),
                                                ("peak", int(a.peak)),
                                                ("after", int(a.after)),
                                                ("outcome", s(&a.outcome)),
                                            ])
                                        })
                                        .collect(),
                                ),
                            ),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("ladder_attempts", int(v.ladder_attempts)),
        ("predictions_above_peak", int(v.predictions_above_peak)),
        ("predictions_below_peak", int(v.predictions_below_peak)),
        ("victories", kind_counts(&v.victories)),
        ("picked", picked_practice(&v.picked)),
    ])
}

fn document(d: &ReportData) -> J {
    J::Obj(vec![
        ("schema", s(SCHEMA)),
        ("version", int(VERSION)),
        (
            "range",
            J::Obj(vec![
                ("from", s(&d.from)),
                ("to", s(&d.to)),
                ("zone", s(&d.zone)),
            ]),
        ),
        ("template", s(&d.template)),
        (
            "sections",
            J::Arr(d.sections.iter().map(|x| s(x.id())).collect()),
        ),
        ("session_dates", strs(&d.session_dates)),
        ("generated_on_device", J::Bool(true)),
        ("not_a_diagnosis", J::Bool(true)),
        ("weeks", strs(&d.weeks)),
        ("included", strs(&d.included)),
        (
            "withheld",
            J::Arr(
                d.withheld
                    .iter()
                    .map(|w| {
                        J::Obj(vec![
                            ("key", s(&w.key)),
                            ("count", int(w.count)),
                            ("text", s(&w.text)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("measures", section(&d.measures, |m| measures(m))),
        ("safety", section(&d.safety, safety)),
        ("practice", section(&d.practice, practice)),
        (
            "thought_records",
            section(&d.thought_records, |t| {
                J::Obj(vec![
                    ("count", int(t.count)),
                    ("based_on_evidence", int(t.based_on_evidence)),
                    ("based_on_fear", int(t.based_on_fear)),
                    ("unsure", int(t.unsure)),
                    ("mean_belief_before", opt_num(t.mean_belief_before)),
                    ("mean_belief_after", opt_num(t.mean_belief_after)),
                    ("picked", picked_entries(&t.picked)),
                ])
            }),
        ),
        (
            "setbacks",
            section(&d.setbacks, |x| {
                J::Obj(vec![
                    ("count", int(x.count)),
                    ("by_kind", kind_counts(&x.by_kind)),
                    ("recommitments", int(x.recommitments)),
                    ("with_what_helped", int(x.with_what_helped)),
                    ("picked", picked_practice(&x.picked)),
                ])
            }),
        ),
        ("entries", section(&d.entries, |e| picked_entries(e))),
        (
            "gaps",
            section(&d.gaps, |g| {
                J::Obj(vec![
                    ("days", int(g.days)),
                    ("days_logged", int(g.days_logged)),
                    ("longest_gap_days", int(g.longest_gap_days)),
                    (
                        "gaps",
                        J::Arr(
                            g.gaps
                                .iter()
                                .map(|x| {
                                    J::Obj(vec![
                                        ("from", s(&x.from)),
                                        ("to", s(&x.to)),
                                        ("days", int(x.days)),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                    ("weekly_days_logged", ints(&g.weekly_days_logged)),
                ])
            }),
        ),
        (
            "growth",
            section(&d.growth, |g| {
                J::Obj(vec![
                    ("half_life_days", J::Num(g.half_life_days)),
                    ("at_end", J::Num(g.at_end)),
                    (
                        "weekly",
                        J::Arr(g.weekly.iter().map(|v| J::Num(*v)).collect()),
                    ),
                ])
            }),
        ),
        ("agenda", section(&d.agenda, |a| strs(a))),
    ])
}

/// The report as `innermost.report` v1 JSON, UTF-8.
pub fn write_json(data: &ReportData) -> Vec<u8> {
    let mut out = String::with_capacity(16 * 1024);
    write(&mut out, &document(data), 0);
    out.push('\n');
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_have_at_most_two_decimals() {
        assert_eq!(number(4.0 + 1.0 / 3.0), "4.33");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(7.0), "7");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(f64::NAN), "null");
    }
}
