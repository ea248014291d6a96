//! Inline SVG charts for the HTML writer, drawn from a [`layout::Chart`](crate::layout::Chart).
//!
//! Owns the chart geometry: a plot area with five y ticks, every x label (turned when
//! there are many), lines broken where a value is `None` (a gap, never a zero), grouped
//! bars, and a legend. Series are told apart by colour and by dash, so a black-and-white
//! print still reads. Coordinates are written with one decimal, so output is
//! deterministic. All text is escaped. No scripts, no external references.

use std::fmt::Write;

use crate::content::one_decimal;
use crate::escape::html;
use crate::layout::{Chart, ChartKind};

const COLOURS: [&str; 5] = ["#2f6f8f", "#c0703a", "#5b7f2e", "#8a3f6f", "#555555"];
const DASHES: [&str; 5] = ["", "6 3", "2 2", "8 2 2 2", "1 3"];
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const PLOT_HEIGHT: f64 = 180.0;

fn num(v: f64) -> String {
    one_decimal(v)
}

fn tick_label(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// The chart as an `<svg>` element.
pub fn chart(c: &Chart) -> String {
    let n = c.x_labels.len().max(1);
    let slot = if n > 12 { 16.0 } else { 48.0 };
    let width = (LEFT + RIGHT + slot * n as f64).max(640.0);
    let plot_w = width - LEFT - RIGHT;
    let step = plot_w / n as f64;
    let turned = n > 12;
    let label_h = if turned { 44.0 } else { 20.0 };
    let legend_y = TOP + PLOT_HEIGHT + label_h + 16.0;
    let height = legend_y + 10.0 + 18.0 * ((c.series.len().max(1) - 1) / 4) as f64;
    let (lo, hi) = if c.y_max > c.y_min {
        (c.y_min, c.y_max)
    } else {
        (c.y_min, c.y_min + 1.0)
    };
    let y_of = |v: f64| TOP + PLOT_HEIGHT - (v.clamp(lo, hi) - lo) / (hi - lo) * PLOT_HEIGHT;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        num(width),
        num(height),
        html(&c.title),
        html(&c.title)
    );
    // Grid and y ticks.
    for i in 0..=4 {
        let v = lo + (hi - lo) * f64::from(i) / 4.0;
        let y = y_of(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            num(LEFT),
            num(y),
            num(width - RIGHT),
            num(y),
            num(LEFT - 6.0),
            num(y + 3.5),
            html(&tick_label(v))
        );
    }
    let _ = write!(
        s,
        "<text class=\"axis\" x=\"12\" y=\"{}\" transform=\"rotate(-90 12 {})\" text-anchor=\"middle\">{}</text>",
        num(TOP + PLOT_HEIGHT / 2.0),
        num(TOP + PLOT_HEIGHT / 2.0),
        html(&c.y_label)
    );
    // X labels: every one of them.
    for (i, label) in c.x_labels.iter().enumerate() {
        let x = LEFT + step * (i as f64 + 0.5);
        let y = TOP + PLOT_HEIGHT + 14.0;
        if turned {
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\" transform=\"rotate(-60 {} {})\">{}</text>",
                num(x),
                num(y),
                num(x),
                num(y),
                html(label)
            );
        } else {
            let _ = write!(
                s,
                "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                num(x),
                num(y),
                html(label)
            );
        }
    }
    // Data.
    let series_n = c.series.len().max(1);
    for (k, series) in c.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let dash = DASHES[k % DASHES.len()];
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        match c.kind {
            ChartKind::Line => {
                let mut run: Vec<String> = Vec::new();
                let flush = |run: &mut Vec<String>, s: &mut String| {
                    if run.len() > 1 {
                        let _ = write!(
                            s,
                            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash_attr} points=\"{}\"/>",
                            run.join(" ")
                        );
                    }
                    run.clear();
                };
                for (i, v) in series.values.iter().enumerate().take(n) {
                    match v {
                        Some(v) => {
                            let x = LEFT + step * (i as f64 + 0.5);
                            let y = y_of(*v);
                            run.push(format!("{},{}", num(x), num(y)));
                            let _ = write!(
                                s,
                                "<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{colour}\"><title>{}</title></circle>",
                                num(x),
                                num(y),
                                html(&format!(
                                    "{} {}: {}",
                                    series.name,
                                    c.x_labels.get(i).map_or("", String::as_str),
                                    num(*v)
                                ))
                            );
                        }
                        None => flush(&mut run, &mut s),
                    }
                }
                flush(&mut run, &mut s);
            }
            ChartKind::Bars => {
                let group = step * 0.8;
                let bar = group / series_n as f64;
                for (i, v) in series.values.iter().enumerate().take(n) {
                    let Some(v) = v else { continue };
                    let x = LEFT + step * i as f64 + step * 0.1 + bar * k as f64;
                    let y = y_of(*v);
                    let _ = write!(
                        s,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" fill-opacity=\"{}\"><title>{}</title></rect>",
                        num(x),
                        num(y),
                        num(bar.max(0.5)),
                        num(TOP + PLOT_HEIGHT - y),
                        if k == 0 { "0.35" } else { "0.9" },
                        html(&format!(
                            "{} {}: {}",
                            series.name,
                            c.x_labels.get(i).map_or("", String::as_str),
                            num(*v)
                        ))
                    );
                }
            }
        }
        // Legend: four per row.
        let lx = LEFT + 150.0 * (k % 4) as f64;
        let ly = legend_y + 18.0 * (k / 4) as f64;
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"{}\"{dash_attr}/><text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>",
            num(lx),
            num(ly),
            num(lx + 18.0),
            num(ly),
            if c.kind == ChartKind::Bars { "8" } else { "2" },
            num(lx + 24.0),
            num(ly + 4.0),
            html(&series.name)
        );
    }
    s.push_str("</svg>");
    s
}
