//! The report's content: [`ReportData`] turned into a [`Document`] of headings,
//! paragraphs, tables and charts, in the order of the request's sections.
//!
//! Owns the report's wording (English), number formatting for people (one decimal) and
//! which charts exist: measure trends and felt safety by week (lines), ritual adherence
//! (bars planned against done), the growth score by week (line). Does not read the vault
//! and does not draw: HTML, Markdown and PDF writers draw the document.

use crate::data::*;
use crate::dates;
use crate::layout::{Block, Chart, ChartKind, Document, Series, Table};
use crate::templates::{Section, template};

/// The document's title.
pub const TITLE: &str = "Innermost report for therapy";

/// One decimal, `-0.0` written as `0.0`.
pub(crate) fn one_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    if s == "-0.0" { "0.0".to_owned() } else { s }
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), one_decimal)
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(text.into())
}

fn table(columns: &[&str], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows,
    })
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "reflection" => "Reflection",
        "pattern_log" => "Pattern log",
        "thought_record" => "Thought record",
        _ => "Conversation reflection",
    }
}

/// The whole report as a document.
pub fn document(data: &ReportData) -> Document {
    let mut b = Vec::new();
    header(data, &mut b);
    for s in &data.sections {
        b.push(heading(2, s.title()));
        match s {
            Section::Measures => measures(data, &mut b),
            Section::Safety => safety(data, &mut b),
            Section::Practice => practice(data, &mut b),
            Section::ThoughtRecords => thought_records(data, &mut b),
            Section::Setbacks => setbacks(data, &mut b),
            Section::Entries => entries(data, &mut b),
            Section::Gaps => gaps(data, &mut b),
            Section::Growth => growth(data, &mut b),
            Section::Agenda => agenda(data, &mut b),
        }
    }
    Document {
        title: TITLE.to_owned(),
        blocks: b,
    }
}

fn header(data: &ReportData, b: &mut Vec<Block>) {
    b.push(heading(1, TITLE));
    let t = template(&data.template);
    b.push(para(format!(
        "From {} to {} (dates in {}). Prepared for: {}.",
        data.from,
        data.to,
        data.zone,
        t.map_or(data.template.as_str(), |t| t.name)
    )));
    b.push(para(if data.session_dates.is_empty() {
        "Sessions covered: none given.".to_owned()
    } else {
        format!("Sessions covered: {}.", data.session_dates.join(", "))
    }));
    b.push(heading(3, "What is included"));
    b.push(Block::List(data.included.clone()));
    b.push(heading(3, "What is withheld"));
    let mut withheld: Vec<String> = data.withheld.iter().map(|w| w.text.clone()).collect();
    withheld.push("Drafts, the trash and the setback plan are never part of a report.".to_owned());
    b.push(Block::List(withheld));
    b.push(Block::Note(
        "Generated on this device from the person's own records; nothing was sent anywhere. \
         The person chose what it includes."
            .to_owned(),
    ));
    b.push(Block::Note(
        "Not a diagnosis: self-reported notes and ratings, to support a conversation with a therapist."
            .to_owned(),
    ));
    if let Some(t) = t {
        b.push(Block::Note(format!("Section order: {}", t.why)));
    }
}

fn labels(data: &ReportData) -> Vec<String> {
    data.weeks.iter().map(|w| dates::short_label(w)).collect()
}

fn measures(data: &ReportData, b: &mut Vec<Block>) {
    let Some(measures) = &data.measures else {
        return;
    };
    if measures.is_empty() {
        b.push(para("No check-in measures were answered in this period."));
        return;
    }
    for m in measures {
        b.push(heading(3, m.name.clone()));
        let first = m.responses.first().map(|r| r.value);
        let last = m.responses.last().map(|r| r.value);
        let mean =
            m.responses.iter().map(|r| r.value).sum::<f64>() / m.responses.len().max(1) as f64;
        b.push(para(format!(
            "{} (scores {} to {}): first {}, last {}, mean {}.",
            if m.responses.len() == 1 {
                "1 response".to_owned()
            } else {
                format!("{} responses", m.responses.len())
            },
            one_decimal(m.score_min),
            one_decimal(m.score_max),
            opt(first),
            opt(last),
            one_decimal(mean)
        )));
        b.push(Block::Chart(Chart {
            title: format!("{}: weekly mean", m.name),
            kind: ChartKind::Line,
            x_labels: labels(data),
            y_label: format!(
                "score ({}-{})",
                one_decimal(m.score_min),
                one_decimal(m.score_max)
            ),
            y_min: m.score_min,
            y_max: if m.score_max > m.score_min {
                m.score_max
            } else {
                m.score_min + 1.0
            },
            series: vec![Series {
                name: m.name.clone(),
                values: m.weekly.clone(),
            }],
        }));
    }
}

fn safety(data: &ReportData, b: &mut Vec<Block>) {
    let Some(s) = &data.safety else { return };
    b.push(para(format!(
        "{} pattern logs; average felt safety {}/10, average urge to pull away {}/10.",
        s.pattern_logs,
        opt(s.average_safety),
        opt(s.average_urge)
    )));
    b.push(Block::Chart(Chart {
        title: "Felt safety by week".to_owned(),
        kind: ChartKind::Line,
        x_labels: labels(data),
        y_label: "felt safety (0-10)".to_owned(),
        y_min: 0.0,
        y_max: 10.0,
        series: vec![
            Series {
                name: "in pattern logs".to_owned(),
                values: s.weekly_safety.clone(),
            },
            Series {
                name: "weekly check-in".to_owned(),
                values: s.weekly_checkin.clone(),
            },
        ],
    }));
    if s.triggers.is_empty() {
        b.push(para("No triggers were named in this period."));
        return;
    }
    b.push(heading(3, "Triggers"));
    let rows = s
        .triggers
        .iter()
        .map(|t| {
            let followed: Vec<String> = t
                .responses
                .iter()
                .map(|r| format!("{} {}", r.label, r.count))
                .collect();
            vec![
                t.label.clone(),
                t.count.to_string(),
                one_decimal(t.average_safety),
                one_decimal(t.average_urge),
                followed.join(", "),
            ]
        })
        .collect();
    b.push(table(
        &[
            "Trigger",
            "Logs",
            "Felt safety",
            "Urge to pull away",
            "What followed",
        ],
        rows,
    ));
}

fn picked_practice(p: &PickedPractice, b: &mut Vec<Block>) {
    b.push(heading(3, format!("{}: {}", p.date, p.label)));
    let mut items = Vec::new();
    if !p.context.trim().is_empty() {
        items.push(format!("Situation: {}", p.context));
    }
    if !p.triggers.is_empty() {
        items.push(format!("Triggers: {}", p.triggers.join(", ")));
    }
    if !p.what_helped.trim().is_empty() {
        items.push(format!("What helped: {}", p.what_helped));
    }
    if !items.is_empty() {
        b.push(Block::List(items));
    }
}

fn practice(data: &ReportData, b: &mut Vec<Block>) {
    let Some(p) = &data.practice else { return };
    b.push(heading(3, "Rituals of connection"));
    if p.rituals.is_empty() {
        b.push(para("No rituals were planned in this period."));
    } else {
        let rows = p
            .rituals
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.planned.to_string(),
                    r.done.to_string(),
                    r.skipped.to_string(),
                ]
            })
            .collect();
        b.push(table(
            &["Ritual", "Planned", "Done", "Let go on purpose"],
            rows,
        ));
        let n = data.weeks.len();
        let sum = |f: fn(&RitualSummary) -> &Vec<u32>| -> Vec<Option<f64>> {
            (0..n)
                .map(|i| {
                    Some(f64::from(
                        p.rituals
                            .iter()
                            .map(|r| f(r).get(i).copied().unwrap_or(0))
                            .sum::<u32>(),
                    ))
                })
                .collect()
        };
        let planned = sum(|r| &r.weekly_planned);
        let most = planned.iter().flatten().fold(1.0f64, |a, v| a.max(*v));
        b.push(Block::Chart(Chart {
            title: "Ritual adherence by week".to_owned(),
            kind: ChartKind::Bars,
            x_labels: labels(data),
            y_label: "occurrences".to_owned(),
            y_min: 0.0,
            y_max: most,
            series: vec![
                Series {
                    name: "planned".to_owned(),
                    values: planned,
                },
                Series {
                    name: "done".to_owned(),
                    values: sum(|r| &r.weekly_done),
                },
            ],
        }));
    }
    b.push(heading(3, "Vulnerability ladder"));
    b.push(para(format!(
        "{} attempts in this period. The peak anxiety stayed below the prediction in {} and went above it in {}.",
        p.ladder_attempts, p.predictions_above_peak, p.predictions_below_peak
    )));
    if !p.ladder.is_empty() {
        let rows = p
            .ladder
            .iter()
            .map(|l| {
                vec![
                    match &l.text {
                        Some(t) => format!("Step {}: {}", l.position, t),
                        None => format!("Step {}", l.position),
                    },
                    l.expected_difficulty.to_string(),
                    l.attempts.to_string(),
                    opt(l.mean_predicted),
                    opt(l.mean_peak),
                ]
            })
            .collect();
        b.push(table(
            &[
                "Step",
                "Expected difficulty",
                "Attempts",
                "Predicted anxiety",
                "Peak anxiety",
            ],
            rows,
        ));
    }
    for l in p.ladder.iter().filter(|l| !l.picked_attempts.is_empty()) {
        b.push(heading(3, format!("Step {}: attempts", l.position)));
        let rows = l
            .picked_attempts
            .iter()
            .map(|a| {
                vec![
                    a.date.clone(),
                    a.predicted.to_string(),
                    a.before.to_string(),
                    a.peak.to_string(),
                    a.after.to_string(),
                    a.outcome.clone(),
                ]
            })
            .collect();
        b.push(table(
            &[
                "Date",
                "Predicted",
                "Before",
                "Peak",
                "After",
                "What happened",
            ],
            rows,
        ));
    }
    b.push(heading(3, "Small victories"));
    if p.victories.is_empty() {
        b.push(para("No victories were logged in this period."));
    } else {
        let rows = p
            .victories
            .iter()
            .map(|v| vec![v.label.clone(), v.count.to_string()])
            .collect();
        b.push(table(&["Victory", "Times"], rows));
    }
    for v in &p.picked {
        picked_practice(v, b);
    }
}

fn picked_entry(e: &PickedEntry, b: &mut Vec<Block>) {
    b.push(heading(3, format!("{}: {}", e.date, kind_label(&e.kind))));
    b.push(Block::List(
        e.fields
            .iter()
            .map(|f| format!("{}: {}", f.label, f.value))
            .collect(),
    ));
}

fn thought_records(data: &ReportData, b: &mut Vec<Block>) {
    let Some(t) = &data.thought_records else {
        return;
    };
    if t.count == 0 {
        b.push(para("No thought records were written in this period."));
    } else {
        b.push(para(format!(
            "{} thought records. The person concluded the thought came from fear in {}, was based on the evidence in {}, and was not sure in {}. Mean belief in the automatic thought: {}% before, {}% after.",
            t.count,
            t.based_on_fear,
            t.based_on_evidence,
            t.unsure,
            opt(t.mean_belief_before),
            opt(t.mean_belief_after)
        )));
    }
    for e in &t.picked {
        picked_entry(e, b);
    }
}

fn setbacks(data: &ReportData, b: &mut Vec<Block>) {
    let Some(s) = &data.setbacks else { return };
    b.push(para(format!(
        "{} setbacks in this period; what helped was written down for {}. The person came back to practice {} times after a setback.",
        s.count, s.with_what_helped, s.recommitments
    )));
    if !s.by_kind.is_empty() {
        let rows = s
            .by_kind
            .iter()
            .map(|k| vec![k.label.clone(), k.count.to_string()])
            .collect();
        b.push(table(&["Setback", "Times"], rows));
    }
    for p in &s.picked {
        picked_practice(p, b);
    }
}

fn entries(data: &ReportData, b: &mut Vec<Block>) {
    let Some(list) = &data.entries else { return };
    if list.is_empty() {
        b.push(para("No entries were picked to share in full."));
    }
    for e in list {
        picked_entry(e, b);
    }
}

fn gaps(data: &ReportData, b: &mut Vec<Block>) {
    let Some(g) = &data.gaps else { return };
    b.push(para(format!(
        "Something was logged on {} of {} days. The longest run without anything logged was {} days.",
        g.days_logged, g.days, g.longest_gap_days
    )));
    if g.gaps.is_empty() {
        b.push(para("No run of three or more days without logging."));
    } else {
        b.push(heading(3, "Runs of three or more days without logging"));
        b.push(Block::List(
            g.gaps
                .iter()
                .map(|x| format!("{} to {} ({} days)", x.from, x.to, x.days))
                .collect(),
        ));
    }
    let rows = data
        .weeks
        .iter()
        .zip(&g.weekly_days_logged)
        .map(|(w, n)| vec![w.clone(), n.to_string()])
        .collect();
    b.push(table(&["Week of", "Days with anything logged"], rows));
}

fn growth(data: &ReportData, b: &mut Vec<Block>) {
    let Some(g) = &data.growth else { return };
    let half = g.half_life_days;
    b.push(para(format!(
        "Growth score on {}: {} (from 0 to 1).",
        data.to,
        format_args!("{:.2}", g.at_end)
    )));
    b.push(para(format!(
        "How it works: each day with any practice (a victory, a ritual done, a ladder step, coming back after a setback) raises the score, and each day's weight halves after {} days, then halves again after {} more, so a quiet day or two barely move it and a month of practice shows. Paused days and the three days after a setback are frozen rather than eased: a setback never lowers the score.",
        one_decimal(half).trim_end_matches(".0"),
        one_decimal(half).trim_end_matches(".0")
    )));
    b.push(Block::Chart(Chart {
        title: "Growth score at the end of each week".to_owned(),
        kind: ChartKind::Line,
        x_labels: labels(data),
        y_label: "growth score (0-1)".to_owned(),
        y_min: 0.0,
        y_max: 1.0,
        series: vec![Series {
            name: "growth score".to_owned(),
            values: g.weekly.iter().map(|v| Some(*v)).collect(),
        }],
    }));
}

fn agenda(data: &ReportData, b: &mut Vec<Block>) {
    let Some(a) = &data.agenda else { return };
    if a.is_empty() {
        b.push(para("No questions were added."));
    } else {
        b.push(Block::List(a.clone()));
    }
}
