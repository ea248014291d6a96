//! Forgiving streaks, off by default: weeks (Monday to Sunday) in which the person
//! practised on at least their chosen number of days. A missed week does not break the
//! streak while the misses in a row stay within what they allowed; a week paused from
//! start to end neither counts nor breaks it; the week in progress counts once kept and
//! is never a miss (REFERENCE.md: streaks cause stress, so they are optional and gentle).

use super::documents::{self, STREAK_SETTINGS};
use super::history::ProgressHistory;
use super::sealed_doc::{DocReader, DocWriter};
use crate::calendar::weekday_of;
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Whether streaks are shown and what keeps a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreakSettings {
    /// Off by default.
    pub enabled: bool,
    /// Days with practice that keep a week (1-7).
    pub practice_days_per_week: u8,
    /// Missed weeks in a row that do not break the streak (0-4).
    pub allowed_misses: u8,
}

impl Default for StreakSettings {
    fn default() -> Self {
        StreakSettings {
            enabled: false,
            practice_days_per_week: 3,
            allowed_misses: 1,
        }
    }
}

impl StreakSettings {
    pub(crate) fn checked(&self) -> Result<StreakSettings> {
        if !(1..=7).contains(&self.practice_days_per_week) {
            return Err(Error::invalid("practice_days_per_week", "must be 1 to 7"));
        }
        if self.allowed_misses > 4 {
            return Err(Error::invalid("allowed_misses", "must be 0 to 4"));
        }
        Ok(*self)
    }
}

/// The settings as their sealed document in `progress_documents` holds them: enabled,
/// days per week, allowed misses, one byte each.
pub(crate) fn encode_settings(settings: &StreakSettings) -> DocWriter {
    let mut doc = DocWriter::new();
    doc.byte(u8::from(settings.enabled))
        .byte(settings.practice_days_per_week)
        .byte(settings.allowed_misses);
    doc
}

/// The settings stored in `progress_documents`, with when they were first written and
/// last changed; `None` when never set.
pub(crate) fn stored_settings(
    conn: &rusqlite::Connection,
    key: &crate::crypto::DataKey,
) -> Result<Option<(StreakSettings, Timestamp, Timestamp)>> {
    let (Some((_, plain)), Some((created, updated))) = (
        documents::get(conn, key, STREAK_SETTINGS)?,
        documents::instants(conn, STREAK_SETTINGS)?,
    ) else {
        return Ok(None);
    };
    Ok(Some((decode_settings(&plain)?, created, updated)))
}

/// The settings in force: the stored ones, or the defaults (off) when never set.
pub(crate) fn settings(
    conn: &rusqlite::Connection,
    key: &crate::crypto::DataKey,
) -> Result<StreakSettings> {
    match documents::get(conn, key, STREAK_SETTINGS)? {
        Some((_, plain)) => decode_settings(&plain),
        None => Ok(StreakSettings::default()),
    }
}

/// Reads what [`encode_settings`] wrote.
fn decode_settings(plain: &[u8]) -> Result<StreakSettings> {
    let mut doc = DocReader::new(plain, "progress_documents.content of the streak settings")?;
    let settings = StreakSettings {
        enabled: doc.byte()? == 1,
        practice_days_per_week: doc.byte()?,
        allowed_misses: doc.byte()?,
    };
    doc.finish()?;
    Ok(settings)
}

/// Where the streak stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreakStatus {
    /// Kept weeks in the current streak.
    pub current_weeks: u32,
    /// The longest streak so far, in kept weeks.
    pub longest_weeks: u32,
    /// Missed weeks in a row just before this one (within the allowance, or the streak
    /// would be 0).
    pub misses_in_a_row: u32,
    /// Days with practice so far this week.
    pub practice_days_this_week: u32,
}

fn monday(day: i64) -> i64 {
    day - i64::from(weekday_of(day))
}

/// The streak on local day `today`.
pub fn streak(history: &ProgressHistory, settings: &StreakSettings, today: i64) -> StreakStatus {
    let this_week = monday(today);
    let Some(first) = history.first_day() else {
        return StreakStatus {
            current_weeks: 0,
            longest_weeks: 0,
            misses_in_a_row: 0,
            practice_days_this_week: 0,
        };
    };
    let first_week = monday(first.min(today));
    let weeks = ((this_week - first_week) / 7 + 1) as usize;
    let mut days: Vec<Vec<i64>> = vec![Vec::new(); weeks];
    for p in &history.practice {
        if (first_week..this_week + 7).contains(&p.day) {
            let w = ((monday(p.day) - first_week) / 7) as usize;
            if !days[w].contains(&p.day) {
                days[w].push(p.day);
            }
        }
    }
    let target = usize::from(settings.practice_days_per_week);
    let (mut run, mut longest, mut misses) = (0u32, 0u32, 0u32);
    for (w, practised) in days.iter().enumerate() {
        let start = first_week + 7 * w as i64;
        let kept = practised.len() >= target;
        let current = start == this_week;
        if kept {
            run += 1;
            misses = 0;
        } else if current || (start..start + 7).all(|d| history.is_paused(d)) {
            // In progress, or paused throughout: neither counts nor breaks.
        } else {
            misses += 1;
            if misses > u32::from(settings.allowed_misses) {
                run = 0;
            }
        }
        longest = longest.max(run);
    }
    StreakStatus {
        current_weeks: run,
        longest_weeks: longest,
        misses_in_a_row: if run == 0 { 0 } else { misses },
        practice_days_this_week: days.last().map_or(0, |d| d.len() as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::history::{DatedPractice, PracticeSource};

    fn on(days: &[i64]) -> ProgressHistory {
        ProgressHistory {
            practice: days
                .iter()
                .map(|d| DatedPractice {
                    day: *d,
                    source: PracticeSource::RitualCompletion,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn one_missed_week_is_forgiven_and_two_in_a_row_are_not() {
        // Day 4 (1970-01-05) is a Monday.
        let settings = StreakSettings {
            enabled: true,
            practice_days_per_week: 2,
            allowed_misses: 1,
        };
        let weeks_kept = |weeks: &[i64]| -> Vec<i64> {
            weeks.iter().flat_map(|w| [4 + 7 * w, 5 + 7 * w]).collect()
        };
        let forgiven = streak(&on(&weeks_kept(&[0, 1, 3, 4])), &settings, 4 + 7 * 4 + 6);
        assert_eq!(forgiven.current_weeks, 4);
        let broken = streak(&on(&weeks_kept(&[0, 1, 4])), &settings, 4 + 7 * 4 + 6);
        assert_eq!((broken.current_weeks, broken.longest_weeks), (1, 2));
        let in_progress = streak(&on(&weeks_kept(&[0, 1])), &settings, 4 + 7 * 2);
        assert_eq!(
            (in_progress.current_weeks, in_progress.misses_in_a_row),
            (2, 0)
        );
        assert!(!StreakSettings::default().enabled);
    }
}
