//! Civil-calendar arithmetic the recurrence expansion runs on: dates as day numbers,
//! months as month numbers, weekdays as 0 (Monday) to 6 (Sunday).
//!
//! The planner expands thousands of dates per plan; integer arithmetic on day numbers
//! (Howard Hinnant's `days_from_civil`) is exact for the proleptic Gregorian calendar and
//! costs a few nanoseconds, where span arithmetic on `jiff::civil::Date` costs far more.
//! The journal, the progress model and the reports use it for weeks and dates too, so
//! the library needs no second date crate and no second copy of this arithmetic. Nothing here knows about time zones or recurrence rules.

use jiff::civil::Date;

/// Days since 1970-01-01 (negative before).
pub fn day_number(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 1970-01-01; `None` outside the range jiff represents.
pub fn date_of(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

/// 0 for Monday through 6 for Sunday.
pub fn weekday_of(days: i64) -> u8 {
    // 1970-01-01 was a Thursday (3).
    (days + 3).rem_euclid(7) as u8
}

/// Months since January 1970.
pub fn month_number(date: Date) -> i64 {
    (i64::from(date.year()) - 1970) * 12 + i64::from(date.month()) - 1
}

/// The first day of month number `month`; `None` outside jiff's range.
pub fn first_of_month(month: i64) -> Option<Date> {
    let year = 1970 + month.div_euclid(12);
    Date::new(
        i16::try_from(year).ok()?,
        (month.rem_euclid(12) + 1) as i8,
        1,
    )
    .ok()
}

/// Days in the month that `first` begins.
pub fn days_in_month(first: Date) -> i64 {
    i64::from(first.days_in_month())
}

/// `YYYY-MM-DD`. Written by hand: jiff's general printer and parser would add tens of
/// kilobytes to the library for this one format.
pub fn date_text(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Parses `YYYY-MM-DD` given by a caller; `InvalidInput` naming `field` otherwise.
pub fn parse_date(text: &str, field: &'static str) -> crate::error::Result<Date> {
    parse_date_text(text)
        .ok_or_else(|| crate::error::Error::invalid(field, "is not a date written YYYY-MM-DD"))
}

/// Parses `YYYY-MM-DD` (digits only, a real date); `None` otherwise.
pub fn parse_date_text(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<i32> {
        b[range].iter().try_fold(0i32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
        })
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days_and_weekdays() {
        let epoch = Date::new(1970, 1, 1).unwrap();
        assert_eq!(day_number(epoch), 0);
        assert_eq!(weekday_of(0), 3, "a Thursday");
        let d = Date::new(2026, 11, 28).unwrap();
        assert_eq!(date_of(day_number(d)), Some(d));
        assert_eq!(weekday_of(day_number(d)), 5, "a Saturday");
        assert_eq!(month_number(d), 56 * 12 + 10);
        assert_eq!(first_of_month(month_number(d)), Date::new(2026, 11, 1).ok());
    }

    #[test]
    fn dates_are_written_and_read_as_iso_text() {
        let d = Date::new(2026, 3, 9).unwrap();
        assert_eq!(date_text(d), "2026-03-09");
        assert_eq!(parse_date_text("2026-03-09"), Some(d));
        for bad in [
            "2026-02-30",
            "2026-3-09",
            "2026/03/09",
            "+026-03-09",
            "2026-03-0x",
            "",
        ] {
            assert_eq!(parse_date_text(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn day_numbers_agree_with_jiff(y in 1600i16..2600, m in 1i8..=12, d in 1i8..=31) {
            if let Ok(date) = Date::new(y, m, d) {
                let n = day_number(date);
                prop_assert_eq!(date_of(n), Some(date));
                prop_assert_eq!(i64::from(weekday_of(n)), i64::from(date.weekday().to_monday_zero_offset()));
                let next = date.tomorrow().unwrap();
                prop_assert_eq!(day_number(next), n + 1);
            }
        }
    }
}
