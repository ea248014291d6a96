//! Local dates as day numbers: parsing `YYYY-MM-DD`, weeks that start on Monday, and the
//! short labels charts use.
//!
//! Owns the small calendar arithmetic the report needs (the core keeps its own private).
//! Does not know about time zones: turning a local date into an instant is done by the
//! core's `innermost::time::Zone` in `gather`.

/// Days since 1970-01-01 of a proleptic Gregorian date (negative before).
pub(crate) fn day_number(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `(year, month, day)` of a day number.
pub(crate) fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Parses `YYYY-MM-DD` (years 1900-9999, a real calendar date) into a day number.
pub(crate) fn parse(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<i64> {
        s.iter().try_fold(0i64, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
    if y < 1900 || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let n = day_number(y, m, d);
    (civil(n) == (y, m, d)).then_some(n)
}

/// `YYYY-MM-DD` of a day number.
pub(crate) fn text(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// 0 for Monday through 6 for Sunday.
pub(crate) fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
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
    match parse(date) {
        Some(n) => {
            let (_, m, d) = civil(n);
            let month = MONTHS.get((m - 1) as usize).copied().unwrap_or("?");
            format!("{month} {d}")
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
