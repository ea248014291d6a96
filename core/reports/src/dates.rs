//! Local dates as day numbers: parsing `YYYY-MM-DD`, weeks that start on Monday, and the
//! short labels charts use.
//!
//! Owns what the report adds to the core's calendar (`innermost::calendar`, whose day
//! numbers it uses): weeks, their Mondays and chart labels. Does not know about time
//! zones: turning a local date into an instant is done by the core's
//! `innermost::time::Zone` in `gather`.

use innermost::calendar;

/// Parses `YYYY-MM-DD` (years 1900-9999, a real calendar date) into a day number.
pub(crate) fn parse(text: &str) -> Option<i64> {
    calendar::parse_date_text(text)
        .filter(|date| date.year() >= 1900)
        .map(calendar::day_number)
}

/// `YYYY-MM-DD` of a day number (empty outside the calendar's range, which no date a
/// report reads reaches).
pub(crate) fn text(days: i64) -> String {
    calendar::date_of(days)
        .map(calendar::date_text)
        .unwrap_or_default()
}

/// 0 for Monday through 6 for Sunday.
pub(crate) fn weekday(days: i64) -> i64 {
    i64::from(calendar::weekday_of(days))
}

/// The Monday on or before `days`.
pub(crate) fn monday_of(days: i64) -> i64 {
    days - weekday(days)
}

/// The Mondays of every week holding a day of `from..=to`, oldest first.
pub(crate) fn week_starts(from: i64, to: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut monday = monday_of(from);
    while monday <= to {
        out.push(monday);
        monday += 7;
    }
    out
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A short label for a week's Monday, `YYYY-MM-DD` as "Mar 2"; for chart axes.
pub(crate) fn short_label(date: &str) -> String {
    match calendar::parse_date_text(date) {
        Some(parsed) => {
            let month = MONTHS
                .get((parsed.month() - 1) as usize)
                .copied()
                .unwrap_or("?");
            format!("{month} {}", parsed.day())
        }
        None => date.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_weeks_start_on_monday() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("2026-02-29"), None);
        assert_eq!(parse("2024-02-29").map(text).as_deref(), Some("2024-02-29"));
        assert_eq!(parse("2026-3-01"), None);
        let thursday = parse("2026-03-05").unwrap_or_default();
        assert_eq!(text(monday_of(thursday)), "2026-03-02");
        assert_eq!(week_starts(thursday, thursday + 4).len(), 2);
        assert_eq!(short_label("2026-03-02"), "Mar 2");
    }
}
