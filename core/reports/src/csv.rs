//! The CSV writer: the measures and the practice of [`ReportData`] as one table with a
//! `record_type` column (documented in `docs/formats.md`).
//!
//! Owns the columns, the rows of each record type and quoting. RFC 4180: comma-separated,
//! CRLF line ends, a header row, and a cell quoted (`"`, inner quotes doubled) when it
//! holds a comma, a quote, CR or LF. Against spreadsheet formula injection, a cell that
//! starts with `=`, `+`, `-`, `@`, a tab or CR gets a leading apostrophe (`'`), so a
//! spreadsheet shows it as text instead of running it; numbers here are never negative,
//! so no number is changed. Only sections that are shown contribute rows.

use crate::data::*;
use crate::json::number;

/// The header row, in order.
pub const COLUMNS: [&str; 12] = [
    "record_type",
    "date",
    "key",
    "name",
    "value",
    "planned",
    "done",
    "skipped",
    "predicted",
    "before",
    "peak",
    "after",
];

/// One cell as written: guarded against formulas, then quoted if needed.
pub fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[derive(Default)]
struct Row {
    record_type: &'static str,
    date: String,
    key: String,
    name: String,
    value: String,
    planned: String,
    done: String,
    skipped: String,
    predicted: String,
    before: String,
    peak: String,
    after: String,
}

impl Row {
    fn write(&self, out: &mut String) {
        let cells = [
            self.record_type,
            &self.date,
            &self.key,
            &self.name,
            &self.value,
            &self.planned,
            &self.done,
            &self.skipped,
            &self.predicted,
            &self.before,
            &self.peak,
            &self.after,
        ];
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(number).unwrap_or_default()
}

/// The report's measures and practice as CSV, UTF-8.
pub fn write_csv(data: &ReportData) -> Vec<u8> {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for m in data.measures.iter().flatten() {
        for r in &m.responses {
            Row {
                record_type: "measure_response",
                date: r.date.clone(),
                key: m.key.clone(),
                name: m.name.clone(),
                value: number(r.value),
                ..Row::default()
            }
            .write(&mut out);
        }
    }
    if let Some(p) = &data.practice {
        for r in &p.rituals {
            for (i, week) in data.weeks.iter().enumerate() {
                Row {
                    record_type: "ritual_week",
                    date: week.clone(),
                    key: r.kind.clone(),
                    name: r.name.clone(),
                    planned: r.weekly_planned.get(i).copied().unwrap_or(0).to_string(),
                    done: r.weekly_done.get(i).copied().unwrap_or(0).to_string(),
                    ..Row::default()
                }
                .write(&mut out);
            }
            Row {
                record_type: "ritual_total",
                key: r.kind.clone(),
                name: r.name.clone(),
                planned: r.planned.to_string(),
                done: r.done.to_string(),
                skipped: r.skipped.to_string(),
                ..Row::default()
            }
            .write(&mut out);
        }
        for l in &p.ladder {
            let name = match &l.text {
                Some(t) => t.clone(),
                None => format!("Step {}", l.position),
            };
            Row {
                record_type: "ladder_step",
                key: format!("step.{}", l.position),
                name: name.clone(),
                value: l.attempts.to_string(),
                predicted: opt(l.mean_predicted),
                peak: opt(l.mean_peak),
                ..Row::default()
            }
            .write(&mut out);
            for a in &l.picked_attempts {
                Row {
                    record_type: "ladder_attempt",
                    date: a.date.clone(),
                    key: format!("step.{}", l.position),
                    name: name.clone(),
                    predicted: a.predicted.to_string(),
                    before: a.before.to_string(),
                    peak: a.peak.to_string(),
                    after: a.after.to_string(),
                    ..Row::default()
                }
                .write(&mut out);
            }
        }
        for v in &p.victories {
            Row {
                record_type: "victory",
                key: v.key.clone(),
                name: v.label.clone(),
                value: v.count.to_string(),
                ..Row::default()
            }
            .write(&mut out);
        }
    }
    if let Some(s) = &data.setbacks {
        for k in &s.by_kind {
            Row {
                record_type: "setback",
                key: k.key.clone(),
                name: k.label.clone(),
                value: k.count.to_string(),
                ..Row::default()
            }
            .write(&mut out);
        }
        Row {
            record_type: "recommitment",
            key: "recommitted".to_owned(),
            name: "came back to practice".to_owned(),
            value: s.recommitments.to_string(),
            ..Row::default()
        }
        .write(&mut out);
    }
    if let Some(g) = &data.growth {
        for (week, v) in data.weeks.iter().zip(&g.weekly) {
            Row {
                record_type: "growth_week",
                date: week.clone(),
                key: "growth".to_owned(),
                name: "growth score at the end of the week".to_owned(),
                value: number(*v),
                ..Row::default()
            }
            .write(&mut out);
        }
    }
    out.into_bytes()
}
