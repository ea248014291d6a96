//! The progress calls of [`Vault`]: practice events, pauses, the ladder, measures, the
//! setback plan, streaks, the growth score, milestones and trends. Everything here reads
//! or writes sealed values, so every call needs the vault unlocked. Each call checks its
//! input first (nothing is written on `InvalidInput`), gathers what it needs under the
//! vault's lock, and hands it to the pure functions of `crate::progress`. Writes that
//! raise milestones commit the record and the milestones in one transaction.

use std::collections::HashSet;

use rusqlite::{Connection, TransactionBehavior};

use super::handle::Vault;
use crate::calendar::day_number;
use crate::calendar::parse_date;
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::journal::vocabulary;
use crate::progress::documents::{self, STREAK_SETTINGS};
use crate::progress::growth::{self, DAILY_TARGET, GrowthScore, RECOVERY_WINDOW_DAYS};
use crate::progress::history::{
    DatedAttempt, DatedPractice, DatedScore, PracticeSource, ProgressHistory,
};
use crate::progress::ladder::{self, LadderAttempt, LadderRung, LadderStats, LadderStep};
use crate::progress::measures::{self, Measure, MeasureDefinition, MeasureResponse};
use crate::progress::milestones::{self, Milestone, MilestoneKind};
use crate::progress::pauses::{self, PracticePause};
use crate::progress::practice::{self, NewPracticeEvent, PracticeEvent, PracticeKind};
use crate::progress::setback_plan::{self, ProgressReminders, SetbackPlan, SetbackSupport};
use crate::progress::streaks::{self, StreakSettings, StreakStatus};
use crate::progress::trends::{self, ProgressTrends};
use crate::progress::{
    LadderAttemptOutcome, MeasureResponseOutcome, NewLadderAttempt, NewLadderStep, PracticeOutcome,
    ProgressId,
};
use crate::time::{Timestamp, Zone};

/// Longest range one trends call covers: about five and a half years.
pub const MAX_TREND_DAYS: i64 = 2000;

fn day_of(date: &str, what: &'static str) -> Result<i64> {
    crate::calendar::parse_date_text(date)
        .map(day_number)
        .ok_or_else(|| Error::corrupted(what))
}

/// Reads everything the computations need, opening each sealed row once.
fn gather(conn: &Connection, key: &DataKey, zone: &Zone) -> Result<ProgressHistory> {
    let mut history = ProgressHistory::default();
    for event in practice::events(conn, key, None, None)? {
        let day = day_of(&event.local_date, "practice_events.local_date of one row")?;
        match event.kind {
            PracticeKind::Victory { victory } => history.practice.push(DatedPractice {
                day,
                source: PracticeSource::Victory { victory },
            }),
            PracticeKind::Setback { .. } => history.setback_days.push(day),
            PracticeKind::Recommitted => history.practice.push(DatedPractice {
                day,
                source: PracticeSource::Recommitted,
            }),
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT ritual_id, substr(local_time, 1, 10) FROM ritual_occurrences WHERE status = 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (ritual, date) = row?;
        let day = day_of(&date, "ritual_occurrences.local_time of one row")?;
        history.practice.push(DatedPractice {
            day,
            source: PracticeSource::RitualCompletion,
        });
        history.ritual_completions.push((ritual, day));
    }
    for a in ladder::attempts(conn, key, None)? {
        let day = day_of(&a.local_date, "ladder_attempts.local_date of one row")?;
        history.practice.push(DatedPractice {
            day,
            source: PracticeSource::LadderAttempt,
        });
        history.ladder_attempts.push(DatedAttempt {
            step: a.attempt.step_id,
            day,
            predicted: a.attempt.predicted_anxiety,
            peak: a.attempt.anxiety_peak,
        });
    }
    let all = measures::measures(conn, key)?;
    for r in measures::responses(conn, key, &all, None)? {
        history.scores.push(DatedScore {
            day: day_of(&r.local_date, "measure_responses.local_date of one row")?,
            measure_id: r.measure_id,
            score: r.score.total,
        });
    }
    for p in pauses::all(conn)? {
        history.paused.push((
            day_of(&p.from, "progress_pauses.from_date of one row")?,
            day_of(&p.until, "progress_pauses.until_date of one row")?,
        ));
    }
    if let Some((created, _)) = setback_plan::plan(conn, key)? {
        history.setback_plan_day = Some(day_number(zone.local_date(created)?));
    }
    Ok(history)
}

fn today(zone: &Zone, now: Timestamp) -> Result<i64> {
    Ok(day_number(zone.local_date(now)?))
}

/// Writes one record with `write` and raises, in the same transaction, the milestones it
/// now reaches among `reachable` (what a record of its kind can reach: see
/// `milestones::REACHABLE_BY_*`). The person's whole record is read only when one of those
/// is still to be raised, or when `want_history` (a setback's reminders need it); returns
/// what was written, the new milestones, and that history if it was read.
///
/// A milestone outside `reachable` that the record reaches (after an import, say) is
/// raised by the next write that can reach it or by [`Vault::check_milestones`].
fn write_and_raise<T>(
    conn: &Connection,
    key: &DataKey,
    zone: &Zone,
    now: Timestamp,
    reachable: &[MilestoneKind],
    want_history: bool,
    write: impl FnOnce(&Connection) -> Result<T>,
) -> Result<(T, Vec<Milestone>, Option<ProgressHistory>)> {
    in_transaction(conn, |conn| {
        let written = write(conn)?;
        let already = milestones::raised_kinds(conn, key)?;
        let open = milestones::any_open(reachable, &already);
        if !open && !want_history {
            return Ok((written, Vec::new(), None));
        }
        let history = gather(conn, key, zone)?;
        let raised = if open {
            milestones::raise_new(conn, key, &history, &already, today(zone, now)?, now)?
        } else {
            Vec::new()
        };
        Ok((written, raised, Some(history)))
    })
}

/// Runs `f` in one immediate transaction.
fn in_transaction<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

fn known_triggers(conn: &Connection, key: &DataKey, keys: &[String]) -> Result<HashSet<String>> {
    if keys.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(vocabulary::trigger_vocabulary(conn, key)?
        .into_iter()
        .map(|t| t.key)
        .collect())
}

fn ladder_rungs(conn: &Connection, key: &DataKey) -> Result<Vec<LadderRung>> {
    Ok(ladder::rungs(
        ladder::steps(conn, key)?,
        &ladder::attempts(conn, key, None)?,
    ))
}

impl Vault {
    /// Logs a victory, a setback or a recommitment (`device_zone` gives its local date).
    /// A setback comes back with the person's plan, reminders of progress from their own
    /// record, the recovery window it opened and a small step to recommit with; it never
    /// lowers the growth score. Milestones reached are raised in the same transaction.
    pub fn log_practice(
        &self,
        event: &NewPracticeEvent,
        device_zone: &str,
    ) -> Result<PracticeOutcome> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        self.with_unlocked(|conn, key| {
            let known = known_triggers(conn, key, &event.trigger_keys)?;
            let event = event.checked(now, &|k| known.contains(k))?;
            let local_date = practice::local_date_of(event.occurred_at, &zone)?;
            let is_setback = matches!(event.kind, PracticeKind::Setback { .. });
            let (stored, new_milestones, history) = write_and_raise(
                conn,
                key,
                &zone,
                now,
                milestones::REACHABLE_BY_PRACTICE,
                is_setback,
                |conn| practice::insert(conn, key, &event, local_date, now),
            )?;
            let today = today(&zone, now)?;
            let setback_support = match (&stored.kind, history) {
                (PracticeKind::Setback { .. }, Some(history)) => {
                    let day = day_of(&stored.local_date, "practice_events.local_date")?;
                    Some(SetbackSupport {
                        plan: setback_plan::plan(conn, key)?.map(|(_, p)| p),
                        reminders: setback_plan::reminders(&history, today),
                        recovery_window_until: crate::calendar::date_of(
                            day + RECOVERY_WINDOW_DAYS - 1,
                        )
                        .map(crate::calendar::date_text)
                        .unwrap_or_default(),
                        next_ladder_step: ladder::next_step(&ladder_rungs(conn, key)?),
                    })
                }
                _ => None,
            };
            Ok(PracticeOutcome {
                event: stored,
                setback_support,
                new_milestones,
            })
        })
    }

    /// Practice events on local dates `from..=to` (`YYYY-MM-DD`, either bound optional),
    /// oldest first.
    pub fn practice_events(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<PracticeEvent>> {
        for (value, field) in [(from, "from"), (to, "to")] {
            if let Some(v) = value {
                parse_date(v, field)?;
            }
        }
        self.with_unlocked(|conn, key| practice::events(conn, key, from, to))
    }

    /// Deletes a practice event for good (milestones already raised stay).
    pub fn delete_practice_event(&self, id: ProgressId) -> Result<()> {
        self.with_unlocked(|conn, _| practice::delete(conn, id))?;
        self.checkpoint()
    }

    /// Pauses practice for dates `from` up to (not including) `until`: the growth score
    /// is frozen, not eased, on those days.
    pub fn pause_practice(&self, from: &str, until: &str) -> Result<PracticePause> {
        let now = self.now();
        self.with_unlocked(|conn, _| pauses::add(conn, from, until, now))
    }

    /// Every practice pause, oldest first.
    pub fn practice_pauses(&self) -> Result<Vec<PracticePause>> {
        self.with_unlocked(|conn, _| pauses::all(conn))
    }

    /// Removes a practice pause.
    pub fn delete_practice_pause(&self, id: ProgressId) -> Result<()> {
        self.with_unlocked(|conn, _| pauses::delete(conn, id))
    }

    /// Adds a step to the vulnerability ladder.
    pub fn add_ladder_step(&self, step: &NewLadderStep) -> Result<LadderStep> {
        let step = step.checked()?;
        let now = self.now();
        self.with_unlocked(|conn, key| ladder::insert_step(conn, key, &step, now))
    }

    /// The ladder from small to deep, with attempts per step.
    pub fn ladder(&self) -> Result<Vec<LadderRung>> {
        self.with_unlocked(ladder_rungs)
    }

    /// The smallest step not yet climbed.
    pub fn next_ladder_step(&self) -> Result<Option<LadderStep>> {
        self.with_unlocked(|conn, key| Ok(ladder::next_step(&ladder_rungs(conn, key)?)))
    }

    /// Deletes a ladder step and its attempts.
    pub fn delete_ladder_step(&self, id: ProgressId) -> Result<()> {
        self.with_unlocked(|conn, _| ladder::delete_step(conn, id))?;
        self.checkpoint()
    }

    /// Records an attempt of a step; an unknown step is `InvalidInput` on `step_id`.
    pub fn record_ladder_attempt(
        &self,
        attempt: &NewLadderAttempt,
        device_zone: &str,
    ) -> Result<LadderAttemptOutcome> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        let attempt = attempt.checked(now)?;
        let local_date = practice::local_date_of(attempt.attempted_at, &zone)?;
        self.with_unlocked(|conn, key| {
            if !ladder::step_exists(conn, attempt.step_id)? {
                return Err(Error::invalid("step_id", "is not a step of the ladder"));
            }
            let (stored, new_milestones, _) = write_and_raise(
                conn,
                key,
                &zone,
                now,
                milestones::REACHABLE_BY_LADDER_ATTEMPT,
                false,
                |conn| ladder::insert_attempt(conn, key, &attempt, local_date, now),
            )?;
            Ok(LadderAttemptOutcome {
                attempt: stored,
                next_step: ladder::next_step(&ladder_rungs(conn, key)?),
                new_milestones,
            })
        })
    }

    /// Attempts, of one step or all, oldest first.
    pub fn ladder_attempts(&self, step: Option<ProgressId>) -> Result<Vec<LadderAttempt>> {
        self.with_unlocked(|conn, key| ladder::attempts(conn, key, step))
    }

    /// Deletes one attempt for good, say one logged against the wrong step (the step,
    /// its other attempts and milestones already raised stay). `NotFound` for an unknown id.
    pub fn delete_ladder_attempt(&self, id: ProgressId) -> Result<()> {
        self.with_unlocked(|conn, _| ladder::delete_attempt(conn, id))?;
        self.checkpoint()
    }

    /// Predicted against actual anxiety over every attempt.
    pub fn ladder_stats(&self) -> Result<LadderStats> {
        self.with_unlocked(|conn, key| Ok(ladder::stats(&ladder::attempts(conn, key, None)?)))
    }

    /// The built-in reflection scales, then the person's own measures.
    pub fn measures(&self) -> Result<Vec<Measure>> {
        self.with_unlocked(measures::measures)
    }

    /// Stores a measure the person or their therapist defined.
    pub fn add_measure(&self, definition: &MeasureDefinition) -> Result<Measure> {
        let definition = definition.checked()?;
        let now = self.now();
        self.with_unlocked(|conn, key| measures::insert_measure(conn, key, &definition, now))
    }

    /// Answers a measure now: one answer per item, each within the measure's range
    /// (`InvalidInput` on `answers` otherwise; on `measure_id` for an unknown measure).
    pub fn record_measure_response(
        &self,
        measure_id: &str,
        answers: &[u32],
        device_zone: &str,
    ) -> Result<MeasureResponseOutcome> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        let local_date = practice::local_date_of(now, &zone)?;
        self.with_unlocked(|conn, key| {
            let all = measures::measures(conn, key)?;
            let measure = all
                .iter()
                .find(|m| m.id == measure_id)
                .ok_or_else(|| Error::invalid("measure_id", "is not a known measure"))?;
            let score = measures::score(&measure.definition, answers)?;
            let (response, new_milestones, _) = write_and_raise(
                conn,
                key,
                &zone,
                now,
                milestones::REACHABLE_BY_CHECK_IN,
                false,
                |conn| {
                    measures::insert_response(
                        conn, key, measure_id, answers, score, local_date, now,
                    )
                },
            )?;
            Ok(MeasureResponseOutcome {
                response,
                new_milestones,
            })
        })
    }

    /// Responses to one measure, oldest first, scored.
    pub fn measure_responses(&self, measure_id: &str) -> Result<Vec<MeasureResponse>> {
        self.with_unlocked(|conn, key| {
            let all = measures::measures(conn, key)?;
            if !all.iter().any(|m| m.id == measure_id) {
                return Err(Error::invalid("measure_id", "is not a known measure"));
            }
            measures::responses(conn, key, &all, Some(measure_id))
        })
    }

    /// Deletes one response for good, say one answered by mistake (milestones already
    /// raised stay). Works for the built-in scales too. `NotFound` for an unknown id.
    pub fn delete_measure_response(&self, id: ProgressId) -> Result<()> {
        self.with_unlocked(|conn, _| measures::delete_response(conn, id))?;
        self.checkpoint()
    }

    /// Deletes one of the person's own measures and, in the same transaction, every
    /// response to it; returns how many responses were deleted. A built-in scale is
    /// `InvalidInput` on `measure_id` and an unknown id `NotFound`; either way nothing
    /// changes. Shells should say how many answers will go before calling it
    /// ([`Vault::measure_responses`]).
    pub fn delete_measure(&self, measure_id: &str) -> Result<u32> {
        let deleted = self.with_unlocked(|conn, key| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            let deleted = measures::delete_measure(&tx, key, measure_id)?;
            tx.commit()?;
            Ok(deleted)
        })?;
        self.checkpoint()?;
        Ok(deleted)
    }

    /// Stores the setback plan, replacing the previous one.
    pub fn set_setback_plan(&self, plan: &SetbackPlan) -> Result<()> {
        let plan = plan.checked()?;
        let now = self.now();
        self.with_unlocked(|conn, key| setback_plan::set_plan(conn, key, &plan, now))
    }

    /// The setback plan, if one was written.
    pub fn setback_plan(&self) -> Result<Option<SetbackPlan>> {
        self.with_unlocked(|conn, key| Ok(setback_plan::plan(conn, key)?.map(|(_, p)| p)))
    }

    /// How far the person has come, from their own record.
    pub fn progress_reminders(&self, device_zone: &str) -> Result<ProgressReminders> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        self.with_unlocked(|conn, key| {
            let history = gather(conn, key, &zone)?;
            Ok(setback_plan::reminders(&history, today(&zone, now)?))
        })
    }

    /// Stores the streak settings (off by default).
    pub fn set_streak_settings(&self, settings: &StreakSettings) -> Result<()> {
        let s = settings.checked()?;
        let now = self.now();
        self.with_unlocked(|conn, key| {
            documents::put(
                conn,
                key,
                STREAK_SETTINGS,
                streaks::encode_settings(&s).bytes(),
                now,
            )
        })
    }

    /// The streak settings (the defaults, off, when never set).
    pub fn streak_settings(&self) -> Result<StreakSettings> {
        self.with_unlocked(streaks::settings)
    }

    /// The streak today; `None` while streaks are off.
    pub fn streak(&self, device_zone: &str) -> Result<Option<StreakStatus>> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        self.with_unlocked(|conn, key| {
            let settings = streaks::settings(conn, key)?;
            if !settings.enabled {
                return Ok(None);
            }
            let history = gather(conn, key, &zone)?;
            Ok(Some(streaks::streak(
                &history,
                &settings,
                today(&zone, now)?,
            )))
        })
    }

    /// The growth score today with its reasons.
    pub fn growth_score(&self, device_zone: &str) -> Result<GrowthScore> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        self.with_unlocked(|conn, key| {
            let history = gather(conn, key, &zone)?;
            Ok(growth::growth_score(
                &history,
                DAILY_TARGET,
                today(&zone, now)?,
            ))
        })
    }

    /// Every milestone raised so far, oldest first.
    pub fn milestones(&self) -> Result<Vec<Milestone>> {
        self.with_unlocked(milestones::raised)
    }

    /// Raises milestones the record reached and returns only the new ones (an empty list
    /// when nothing new was reached; never the same milestone twice). Progress writes
    /// raise only the milestones of their own kind (decision §43); this checks them all.
    pub fn check_milestones(&self, device_zone: &str) -> Result<Vec<Milestone>> {
        let zone = Zone::named(device_zone, "device_zone")?;
        let now = self.now();
        self.with_unlocked(|conn, key| {
            in_transaction(conn, |conn| {
                let already = milestones::raised_kinds(conn, key)?;
                if !milestones::any_open(milestones::EVERY_MILESTONE, &already) {
                    return Ok(Vec::new());
                }
                let history = gather(conn, key, &zone)?;
                milestones::raise_new(conn, key, &history, &already, today(&zone, now)?, now)
            })
        })
    }

    /// Weekly aggregates and first-month-against-last comparisons for local dates
    /// `from..=to`.
    pub fn progress_trends(
        &self,
        from: &str,
        to: &str,
        device_zone: &str,
    ) -> Result<ProgressTrends> {
        let first = day_number(parse_date(from, "from")?);
        let last = day_number(parse_date(to, "to")?);
        if last < first {
            return Err(Error::invalid("to", "is before from"));
        }
        if last - first > MAX_TREND_DAYS {
            return Err(Error::invalid("to", "is more than 2000 days after from"));
        }
        let zone = Zone::named(device_zone, "device_zone")?;
        self.with_unlocked(|conn, key| {
            let history = gather(conn, key, &zone)?;
            Ok(trends::trends(&history, first, last))
        })
    }
}
