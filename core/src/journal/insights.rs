//! Pattern insights for a date range: what tends to set a person off, how safe it felt,
//! what they did next, and how that moves week by week. Computed from the decrypted
//! entries in the search index (memory only); later feeds the therapy reports.
//!
//! Only pattern logs carry felt safety, urge and response, so only they are counted here.
//! Weeks start on Monday in the person's own time zone; weeks without a log are listed
//! too, with no averages, so gaps show plainly instead of being skipped.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::calendar::{date_of, date_text, day_number, weekday_of};

use super::content::{EntryContent, Response};
use super::search::SearchIndex;
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// How often one response followed a trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseCount {
    /// `withdrew`, `shut_down`, `stayed_present`, `reached_out` or `other`.
    pub response: String,
    /// How many pattern logs.
    pub count: u32,
}

/// One trigger over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerInsight {
    /// The trigger's key.
    pub key: String,
    /// Pattern logs naming it.
    pub count: u32,
    /// Average felt safety (0-10) in those logs.
    pub average_safety: f64,
    /// Average urge to pull away (0-10) in those logs.
    pub average_urge: f64,
    /// What the person did after it, most frequent first.
    pub responses: Vec<ResponseCount>,
}

/// One week of the range.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekTrend {
    /// The Monday the week starts on (`YYYY-MM-DD`, the person's calendar).
    pub week_start: String,
    /// Pattern logs that week.
    pub pattern_logs: u32,
    /// Average felt safety; `None` in a week without logs.
    pub average_safety: Option<f64>,
    /// Average urge to pull away; `None` in a week without logs.
    pub average_urge: Option<f64>,
}

/// Insights for a date range.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternInsights {
    /// Pattern logs in the range.
    pub pattern_logs: u32,
    /// Average felt safety over them; `None` without logs.
    pub average_safety: Option<f64>,
    /// Average urge to pull away over them; `None` without logs.
    pub average_urge: Option<f64>,
    /// Triggers, most frequent first (ties by key).
    pub triggers: Vec<TriggerInsight>,
    /// Every week touching the range, oldest first.
    pub weeks: Vec<WeekTrend>,
}

/// Longest range accepted: about ten years of weeks.
const MAX_RANGE_DAYS: i64 = 3660;

fn response_key(r: &Response) -> &'static str {
    match r {
        Response::Withdrew => "withdrew",
        Response::ShutDown => "shut_down",
        Response::StayedPresent => "stayed_present",
        Response::ReachedOut => "reached_out",
        Response::Other { .. } => "other",
    }
}

#[derive(Default)]
struct Sums {
    count: u32,
    safety: u32,
    urge: u32,
    responses: BTreeMap<&'static str, u32>,
}

impl Sums {
    fn add(&mut self, safety: u8, urge: u8, response: &'static str) {
        self.count += 1;
        self.safety += u32::from(safety);
        self.urge += u32::from(urge);
        *self.responses.entry(response).or_default() += 1;
    }

    fn average(total: u32, count: u32) -> Option<f64> {
        (count > 0).then(|| f64::from(total) / f64::from(count))
    }
}

/// Insights over the journal entries written in `[from, until)`, with weeks in `zone`.
pub fn pattern_insights(
    index: &SearchIndex,
    from: Timestamp,
    until: Timestamp,
    zone: &str,
) -> Result<PatternInsights> {
    if from >= until {
        return Err(Error::invalid("until", "must be after from"));
    }
    if until.as_millis() - from.as_millis() > MAX_RANGE_DAYS * 86_400_000 {
        return Err(Error::invalid(
            "until",
            "the range may span at most ten years",
        ));
    }
    let zone = Zone::named(zone, "zone")?;
    let local_day = |t: Timestamp| zone.local_date(t);
    let monday = |d: Date| {
        let n = day_number(d);
        date_of(n - i64::from(weekday_of(n))).unwrap_or(d)
    };

    let mut all = Sums::default();
    let mut by_trigger: BTreeMap<String, Sums> = BTreeMap::new();
    let mut by_week: BTreeMap<Date, Sums> = BTreeMap::new();
    for entry in index.entries() {
        if entry.created_at < from || entry.created_at >= until {
            continue;
        }
        let EntryContent::PatternLog {
            felt_safety,
            urge_to_pull_away,
            response,
            triggers,
            ..
        } = &entry.content
        else {
            continue;
        };
        let response = response_key(response);
        all.add(*felt_safety, *urge_to_pull_away, response);
        for t in triggers {
            by_trigger.entry(t.clone()).or_default().add(
                *felt_safety,
                *urge_to_pull_away,
                response,
            );
        }
        by_week
            .entry(monday(local_day(entry.created_at)?))
            .or_default()
            .add(*felt_safety, *urge_to_pull_away, response);
    }

    let mut triggers: Vec<TriggerInsight> = by_trigger
        .into_iter()
        .map(|(key, s)| {
            let mut responses: Vec<ResponseCount> = s
                .responses
                .iter()
                .map(|(r, c)| ResponseCount {
                    response: (*r).to_owned(),
                    count: *c,
                })
                .collect();
            responses.sort_unstable_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| a.response.cmp(&b.response))
            });
            TriggerInsight {
                key,
                count: s.count,
                average_safety: Sums::average(s.safety, s.count).unwrap_or(0.0),
                average_urge: Sums::average(s.urge, s.count).unwrap_or(0.0),
                responses,
            }
        })
        .collect();
    triggers.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));

    let mut weeks = Vec::new();
    let last = monday(local_day(Timestamp::from_millis(until.as_millis() - 1))?);
    let mut week = monday(local_day(from)?);
    while week <= last {
        let s = by_week.remove(&week).unwrap_or_default();
        weeks.push(WeekTrend {
            week_start: date_text(week),
            pattern_logs: s.count,
            average_safety: Sums::average(s.safety, s.count),
            average_urge: Sums::average(s.urge, s.count),
        });
        week = date_of(day_number(week) + 7).ok_or(Error::invalid("until", "is out of range"))?;
    }

    Ok(PatternInsights {
        pattern_logs: all.count,
        average_safety: Sums::average(all.safety, all.count),
        average_urge: Sums::average(all.urge, all.count),
        triggers,
        weeks,
    })
}
