//! Instants and the clock.
//!
//! Instants cross every boundary as UTC epoch milliseconds (DESIGN.md §3); [`Timestamp`]
//! is that number with a name. Zones are IANA names resolved against the platform's own
//! time zone database ([`Zone`]), so the library carries no copy of it. The current time always comes from a [`Clock`] the caller
//! chooses, so tests pass a [`FixedClock`] and never depend on the wall clock.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::error::{Error, Result};
use std::time::{SystemTime, UNIX_EPOCH};

/// A UTC instant in milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `ms` milliseconds after 1970-01-01T00:00:00Z (negative is before).
    pub const fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }
}

/// Where the core reads the current time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The operating system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let ms = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
        };
        Timestamp(ms)
    }
}

/// A clock that says what it is told: for tests and deterministic tours.
#[derive(Debug)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: Timestamp) -> Self {
        FixedClock(AtomicI64::new(at.as_millis()))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: Timestamp) {
        self.0.store(at.as_millis(), Ordering::SeqCst);
    }

    /// Moves the clock forward by `ms` milliseconds.
    pub fn advance(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

/// An IANA time zone, resolved against the platform's time zone database.
#[derive(Debug, Clone)]
pub struct Zone(jiff::tz::TimeZone);

impl Zone {
    /// Looks up `name` (e.g. `Europe/Paris`); `InvalidInput` naming `field` if unknown.
    pub fn named(name: &str, field: &'static str) -> Result<Zone> {
        jiff::tz::TimeZone::get(name)
            .map(Zone)
            .map_err(|_| Error::invalid(field, "is not an IANA time zone name"))
    }

    /// The calendar date of `at` in this zone.
    pub fn local_date(&self, at: Timestamp) -> Result<jiff::civil::Date> {
        Ok(self.civil(at)?.date())
    }
}

impl Zone {
    /// The instant a local date and time happens in this zone. A time that does not exist
    /// that day (a DST gap) moves forward by the gap (02:30 becomes 03:30); a time that
    /// happens twice (a DST fold) is the first of the two (DESIGN.md §4).
    pub fn instant_of(&self, local: jiff::civil::DateTime) -> Result<Timestamp> {
        self.0
            .to_ambiguous_timestamp(local)
            .compatible()
            .map(|t| Timestamp(t.as_millisecond()))
            .map_err(|_| Error::invalid("at", "is out of range"))
    }

    /// Coordinated Universal Time.
    pub fn utc() -> Zone {
        Zone(jiff::tz::TimeZone::UTC)
    }

    /// The local date and time of `at` in this zone.
    pub fn civil(&self, at: Timestamp) -> Result<jiff::civil::DateTime> {
        let instant = jiff::Timestamp::from_millisecond(at.as_millis())
            .map_err(|_| Error::invalid("at", "is out of range"))?;
        Ok(self.0.to_datetime(instant))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_dates_follow_the_zone_and_its_daylight_saving() {
        let paris = Zone::named("Europe/Paris", "zone").unwrap();
        let new_york = Zone::named("America/New_York", "zone").unwrap();
        // 2024-11-27T23:30Z: 28 November in Paris (UTC+1), 27 in New York (UTC-5).
        let t = Timestamp::from_millis(1_732_750_200_000);
        assert_eq!(
            crate::calendar::date_text(paris.local_date(t).unwrap()),
            "2024-11-28"
        );
        assert_eq!(
            crate::calendar::date_text(new_york.local_date(t).unwrap()),
            "2024-11-27"
        );
        // 2024-07-01T22:30Z: summer time, Paris is UTC+2, so already 2 July.
        let summer = Timestamp::from_millis(1_719_873_000_000);
        assert_eq!(
            crate::calendar::date_text(paris.local_date(summer).unwrap()),
            "2024-07-02"
        );
        assert!(matches!(
            Zone::named("Mars/Olympus", "zone"),
            Err(Error::InvalidInput { field: "zone", .. })
        ));
    }
}
