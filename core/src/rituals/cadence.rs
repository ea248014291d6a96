//! A ritual's cadence: the subset of RFC 5545 recurrence rules Innermost understands,
//! parsed, checked, written back canonically, and expanded into dates.
//!
//! The subset is `FREQ` (DAILY, WEEKLY, MONTHLY), `INTERVAL`, `BYDAY` (with ordinals such
//! as `1SA` or `-1FR` in monthly rules), `BYMONTHDAY`, `COUNT`, `UNTIL` and `WKST`.
//! Anything else — `BYHOUR`, `BYSETPOS`, `FREQ=YEARLY`, a part given twice — is refused
//! with `InvalidInput` on the field `cadence`, so a rule is never silently read as
//! something else. Times of day are not part of the rule: a ritual lists them beside it.
//!
//! Semantics follow RFC 5545 §3.3.10 with one deliberate difference, shared by most
//! libraries: the start date counts as an occurrence only when it matches the rule. A
//! date that does not exist (the 30th of February, the fifth Monday of a short month) is
//! skipped and not counted. This module knows dates only; zones and instants are the
//! planner's.
//!
//! Why not a crate: the maintained Rust implementation (`rrule`) brings chrono-tz, which
//! would add about 2 MB of zone data to a library whose whole budget is 2.5 MB, and holds
//! no DST cases of its own (`docs/decisions.md` §31).

use std::fmt;

use jiff::civil::Date;

use crate::calendar::{
    date_of, day_number, days_in_month, first_of_month, month_number, weekday_of,
};
use crate::error::{Error, Result};

const FIELD: &str = "cadence";
const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
/// Longest stretch searched for a rule's next date: the Gregorian calendar repeats every
/// 400 years, so a rule with no date in that stretch has none at all.
const SEARCH_DAYS: i64 = 146_097;
/// Largest `INTERVAL` and `COUNT` accepted.
pub const MAX_INTERVAL: u32 = 1000;
/// Largest `COUNT` accepted.
pub const MAX_COUNT: u32 = 10_000;

/// How often the rule's periods come round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// Every `INTERVAL` days.
    Daily,
    /// Every `INTERVAL` weeks.
    Weekly,
    /// Every `INTERVAL` months.
    Monthly,
}

/// One `BYDAY` item: a weekday (0 = Monday), with an ordinal in monthly rules (`-1FR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DayRule {
    /// 1..=5 or -5..=-1: which such weekday of the month; `None`: every one.
    pub ordinal: Option<i8>,
    /// 0 (Monday) to 6 (Sunday).
    pub weekday: u8,
}

/// Where the rule stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `UNTIL=YYYYMMDD`: occurrences on or before that local date.
    Date(Date),
    /// `UNTIL=YYYYMMDDTHHMMSS`: occurrences at or before that local date and time.
    Local(jiff::civil::DateTime),
    /// `UNTIL=YYYYMMDDTHHMMSSZ`: occurrences at or before that UTC instant.
    Utc(jiff::civil::DateTime),
}

/// A parsed, checked rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    /// `FREQ`.
    pub frequency: Frequency,
    /// `INTERVAL` (1 when absent).
    pub interval: u32,
    /// `BYDAY`, sorted, without repeats.
    pub by_day: Vec<DayRule>,
    /// `BYMONTHDAY` (1..=31 or -31..=-1), sorted, without repeats.
    pub by_month_day: Vec<i8>,
    /// `COUNT`: how many occurrences (dates times the ritual's times of day).
    pub count: Option<u32>,
    /// `UNTIL`.
    pub until: Option<Until>,
    /// `WKST` (0 = Monday, the default): where a week starts for `INTERVAL` > 1.
    pub week_start: u8,
}

fn invalid(reason: &'static str) -> Error {
    Error::invalid(FIELD, reason)
}

fn number<T: std::str::FromStr>(text: &str, reason: &'static str) -> Result<T> {
    if text.is_empty()
        || !text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'+')
    {
        return Err(invalid(reason));
    }
    text.parse().map_err(|_| invalid(reason))
}

fn weekday(text: &str) -> Result<u8> {
    WEEKDAYS
        .iter()
        .position(|w| *w == text)
        .map(|i| i as u8)
        .ok_or(invalid(
            "has a BYDAY or WKST value that is not MO, TU, WE, TH, FR, SA or SU",
        ))
}

fn parse_until(text: &str) -> Result<Until> {
    const BAD: &str = "has an UNTIL that is not YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ";
    let digits = |s: &str| -> Result<i32> {
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| invalid(BAD))
        } else {
            Err(invalid(BAD))
        }
    };
    let ascii = text.is_ascii();
    if !ascii || !(text.len() == 8 || text.len() == 15 || text.len() == 16) {
        return Err(invalid(BAD));
    }
    let date = Date::new(
        digits(&text[0..4])? as i16,
        digits(&text[4..6])? as i8,
        digits(&text[6..8])? as i8,
    )
    .map_err(|_| invalid(BAD))?;
    if text.len() == 8 {
        return Ok(Until::Date(date));
    }
    if &text[8..9] != "T" || (text.len() == 16 && &text[15..16] != "Z") {
        return Err(invalid(BAD));
    }
    let time = jiff::civil::Time::new(
        digits(&text[9..11])? as i8,
        digits(&text[11..13])? as i8,
        digits(&text[13..15])? as i8,
        0,
    )
    .map_err(|_| invalid(BAD))?;
    let at = date.to_datetime(time);
    Ok(if text.len() == 16 {
        Until::Utc(at)
    } else {
        Until::Local(at)
    })
}

impl Cadence {
    /// Parses and checks `text` (an optional `RRULE:` prefix is allowed; part names and
    /// values are case-insensitive). `InvalidInput { field: "cadence" }` says what is
    /// outside the subset or impossible.
    pub fn parse(text: &str) -> Result<Cadence> {
        let upper = text.trim().to_ascii_uppercase();
        let body = upper.strip_prefix("RRULE:").unwrap_or(&upper);
        if body.is_empty() {
            return Err(invalid("is empty"));
        }
        if body.len() > 512 {
            return Err(invalid("is longer than 512 characters"));
        }
        let mut frequency = None;
        let mut interval = None;
        let mut by_day = None;
        let mut by_month_day = None;
        let mut count = None;
        let mut until = None;
        let mut week_start = None;
        for part in body.split(';') {
            let (name, value) = part
                .split_once('=')
                .ok_or(invalid("has a part that is not NAME=VALUE"))?;
            let duplicate = match name {
                "FREQ" => frequency
                    .replace(match value {
                        "DAILY" => Frequency::Daily,
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        _ => return Err(invalid("has a FREQ other than DAILY, WEEKLY or MONTHLY")),
                    })
                    .is_some(),
                "INTERVAL" => interval
                    .replace(number::<u32>(
                        value,
                        "has an INTERVAL that is not a whole number",
                    )?)
                    .is_some(),
                "COUNT" => count
                    .replace(number::<u32>(
                        value,
                        "has a COUNT that is not a whole number",
                    )?)
                    .is_some(),
                "UNTIL" => until.replace(parse_until(value)?).is_some(),
                "WKST" => week_start.replace(weekday(value)?).is_some(),
                "BYDAY" => {
                    let mut days = Vec::new();
                    for item in value.split(',') {
                        if item.len() < 2 || !item.is_ascii() {
                            return Err(invalid("has an empty or malformed BYDAY item"));
                        }
                        let (ordinal, day) = item.split_at(item.len() - 2);
                        let ordinal = if ordinal.is_empty() {
                            None
                        } else {
                            let n: i8 =
                                number(ordinal, "has a BYDAY ordinal that is not a number")?;
                            if n == 0 || !(-5..=5).contains(&n) {
                                return Err(invalid("has a BYDAY ordinal outside 1..5 and -5..-1"));
                            }
                            Some(n)
                        };
                        days.push(DayRule {
                            ordinal,
                            weekday: weekday(day)?,
                        });
                    }
                    by_day.replace(days).is_some()
                }
                "BYMONTHDAY" => {
                    let mut days = Vec::new();
                    for item in value.split(',') {
                        let n: i8 = number(item, "has a BYMONTHDAY that is not a number")?;
                        if n == 0 || !(-31..=31).contains(&n) {
                            return Err(invalid("has a BYMONTHDAY outside 1..31 and -31..-1"));
                        }
                        days.push(n);
                    }
                    by_month_day.replace(days).is_some()
                }
                _ => {
                    return Err(invalid(
                        "uses a part outside the supported subset (FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL, WKST)",
                    ));
                }
            };
            if duplicate {
                return Err(invalid("gives the same part twice"));
            }
        }
        let frequency = frequency.ok_or(invalid("has no FREQ"))?;
        let interval = interval.unwrap_or(1);
        if interval == 0 || interval > MAX_INTERVAL {
            return Err(invalid("has an INTERVAL outside 1..1000"));
        }
        if let Some(n) = count
            && (n == 0 || n > MAX_COUNT)
        {
            return Err(invalid("has a COUNT outside 1..10000"));
        }
        if count.is_some() && until.is_some() {
            return Err(invalid("has both COUNT and UNTIL"));
        }
        let mut by_day = by_day.unwrap_or_default();
        by_day.sort();
        by_day.dedup();
        let mut by_month_day = by_month_day.unwrap_or_default();
        by_month_day.sort_unstable();
        by_month_day.dedup();
        if frequency != Frequency::Monthly && by_day.iter().any(|d| d.ordinal.is_some()) {
            return Err(invalid("has a BYDAY ordinal outside a MONTHLY rule"));
        }
        if frequency == Frequency::Weekly && !by_month_day.is_empty() {
            return Err(invalid("has BYMONTHDAY in a WEEKLY rule"));
        }
        Ok(Cadence {
            frequency,
            interval,
            by_day,
            by_month_day,
            count,
            until,
            week_start: week_start.unwrap_or(0),
        })
    }

    /// The dates of this rule for a series that starts on `start`, in order, from the
    /// first one on or after `from`. `COUNT` is not applied here (it counts date-time
    /// pairs, which only the ritual knows), nor `UNTIL` (it may need a zone).
    pub fn dates(&self, start: Date, from: Date) -> Dates<'_> {
        let start_day = day_number(start);
        let from_day = day_number(from).max(start_day);
        let period = match self.frequency {
            Frequency::Daily => (from_day - start_day) / i64::from(self.interval),
            Frequency::Weekly => {
                let weeks = (self.week_of(from_day) - self.week_of(start_day)) / 7;
                weeks / i64::from(self.interval)
            }
            Frequency::Monthly => {
                (month_number(from) - month_number(start)).max(0) / i64::from(self.interval)
            }
        };
        Dates {
            cadence: self,
            start_day,
            from_day,
            period,
            buffer: Vec::new(),
            next: 0,
            empty_days: 0,
        }
    }

    /// The first day of the week holding `day`, by `WKST`.
    fn week_of(&self, day: i64) -> i64 {
        let offset = (i64::from(weekday_of(day)) - i64::from(self.week_start)).rem_euclid(7);
        day - offset
    }

    /// Whether `day` passes the `BYDAY` (without ordinals) and `BYMONTHDAY` limits.
    fn day_matches(&self, day: i64, check_weekday: bool) -> bool {
        if check_weekday
            && !self.by_day.is_empty()
            && !self.by_day.iter().any(|d| d.weekday == weekday_of(day))
        {
            return false;
        }
        if self.by_month_day.is_empty() {
            return true;
        }
        let Some(date) = date_of(day) else {
            return false;
        };
        let dom = i64::from(date.day());
        let len = i64::from(date.days_in_month());
        self.by_month_day
            .iter()
            .any(|&n| i64::from(n) == dom || (n < 0 && len + 1 + i64::from(n) == dom))
    }

    /// The candidate days of period `period`, sorted, before the start limit.
    fn period_days(&self, start_day: i64, period: i64, out: &mut Vec<i64>) -> i64 {
        out.clear();
        let step = i64::from(self.interval);
        match self.frequency {
            Frequency::Daily => {
                let day = start_day + period * step;
                if self.day_matches(day, true) {
                    out.push(day);
                }
                1
            }
            Frequency::Weekly => {
                let week = self.week_of(start_day) + period * step * 7;
                if self.by_day.is_empty() {
                    let offset = (i64::from(weekday_of(start_day)) - i64::from(self.week_start))
                        .rem_euclid(7);
                    out.push(week + offset);
                } else {
                    for i in 0..7 {
                        let day = week + i;
                        if self.day_matches(day, true) {
                            out.push(day);
                        }
                    }
                }
                7
            }
            Frequency::Monthly => {
                let Some(start) = date_of(start_day) else {
                    return 31;
                };
                let Some(first) = first_of_month(month_number(start) + period * step) else {
                    return 31;
                };
                let first_day = day_number(first);
                let len = days_in_month(first);
                if self.by_day.is_empty() {
                    if self.by_month_day.is_empty() {
                        let dom = i64::from(start.day());
                        if dom <= len {
                            out.push(first_day + dom - 1);
                        }
                    } else {
                        for &n in &self.by_month_day {
                            let dom = if n > 0 {
                                i64::from(n)
                            } else {
                                len + 1 + i64::from(n)
                            };
                            if (1..=len).contains(&dom) {
                                out.push(first_day + dom - 1);
                            }
                        }
                    }
                } else {
                    for rule in &self.by_day {
                        let first_weekday = (i64::from(rule.weekday)
                            - i64::from(weekday_of(first_day)))
                        .rem_euclid(7);
                        match rule.ordinal {
                            None => {
                                let mut dom = first_weekday;
                                while dom < len {
                                    out.push(first_day + dom);
                                    dom += 7;
                                }
                            }
                            Some(n) if n > 0 => {
                                let dom = first_weekday + 7 * (i64::from(n) - 1);
                                if dom < len {
                                    out.push(first_day + dom);
                                }
                            }
                            Some(n) => {
                                let last = first_day + len - 1;
                                let back = (i64::from(weekday_of(last)) - i64::from(rule.weekday))
                                    .rem_euclid(7);
                                let day = last - back - 7 * (-i64::from(n) - 1);
                                if day >= first_day {
                                    out.push(day);
                                }
                            }
                        }
                    }
                    out.retain(|&d| self.day_matches(d, false));
                }
                out.sort_unstable();
                out.dedup();
                len
            }
        }
    }

    /// Checks that the rule has at least one date for a series starting on `start`
    /// (within the 400 years after which the calendar repeats). `UNTIL` before the first
    /// date is caught here too, for date and local `UNTIL`s.
    pub fn check_occurs(&self, start: Date) -> Result<()> {
        let first = self
            .dates(start, start)
            .next()
            .ok_or(invalid("never occurs"))?;
        let too_late = match self.until {
            Some(Until::Date(until)) => first > until,
            Some(Until::Local(until)) | Some(Until::Utc(until)) => first > until.date(),
            None => false,
        };
        if too_late {
            return Err(invalid("ends (UNTIL) before its first occurrence"));
        }
        Ok(())
    }
}

/// The dates of a rule in order (see [`Cadence::dates`]).
#[derive(Debug)]
pub struct Dates<'a> {
    cadence: &'a Cadence,
    start_day: i64,
    from_day: i64,
    period: i64,
    buffer: Vec<i64>,
    next: usize,
    empty_days: i64,
}

impl Iterator for Dates<'_> {
    type Item = Date;

    fn next(&mut self) -> Option<Date> {
        loop {
            if let Some(&day) = self.buffer.get(self.next) {
                self.next += 1;
                if day >= self.from_day {
                    self.empty_days = 0;
                    return date_of(day);
                }
                continue;
            }
            if self.empty_days > SEARCH_DAYS {
                return None;
            }
            let days = self
                .cadence
                .period_days(self.start_day, self.period, &mut self.buffer);
            if self.buffer.is_empty() {
                self.empty_days += days * i64::from(self.cadence.interval);
            }
            self.period += 1;
            self.next = 0;
        }
    }
}

impl fmt::Display for Cadence {
    /// The canonical text: parts in a fixed order, upper case, defaults left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let freq = match self.frequency {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
        };
        write!(f, "FREQ={freq}")?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if self.week_start != 0 {
            write!(f, ";WKST={}", WEEKDAYS[usize::from(self.week_start)])?;
        }
        for (i, d) in self.by_day.iter().enumerate() {
            f.write_str(if i == 0 { ";BYDAY=" } else { "," })?;
            if let Some(n) = d.ordinal {
                write!(f, "{n}")?;
            }
            f.write_str(WEEKDAYS[usize::from(d.weekday)])?;
        }
        for (i, n) in self.by_month_day.iter().enumerate() {
            f.write_str(if i == 0 { ";BYMONTHDAY=" } else { "," })?;
            write!(f, "{n}")?;
        }
        if let Some(n) = self.count {
            write!(f, ";COUNT={n}")?;
        }
        let stamp = |f: &mut fmt::Formatter<'_>, at: jiff::civil::DateTime| {
            write!(
                f,
                "{:04}{:02}{:02}T{:02}{:02}{:02}",
                at.year(),
                at.month(),
                at.day(),
                at.hour(),
                at.minute(),
                at.second()
            )
        };
        match self.until {
            Some(Until::Date(d)) => {
                write!(f, ";UNTIL={:04}{:02}{:02}", d.year(), d.month(), d.day())?
            }
            Some(Until::Local(at)) => {
                f.write_str(";UNTIL=")?;
                stamp(f, at)?;
            }
            Some(Until::Utc(at)) => {
                f.write_str(";UNTIL=")?;
                stamp(f, at)?;
                f.write_str("Z")?;
            }
            None => {}
        }
        Ok(())
    }
}
