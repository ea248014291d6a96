//! The vulnerability ladder: steps from small to deep, each with the difficulty the
//! person expects, and attempts with predicted and actual anxiety (0-10) so they can see
//! which predictions did not come true.
//!
//! Owns the `ladder_steps` and `ladder_attempts` tables (step text, expected difficulty,
//! anxieties and outcome notes are sealed; ids, instants and local dates are not) and the
//! pure computations over them: the order of the ladder, the next suggested step (the
//! smallest not yet climbed; a step is climbed once it has an attempt) and the statistics
//! of predictions against what happened.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::ProgressId;
use super::practice::{MAX_PRACTICE_TEXT_CHARS, checked_rating, checked_text};
use super::sealed_doc::{DocReader, DocWriter};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Longest step text, in characters.
pub const MAX_STEP_CHARS: usize = 200;
/// Most steps on a ladder.
pub const MAX_STEPS: usize = 50;

/// A step as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLadderStep {
    /// What to do, in the person's words ("say I don't know in a meeting"; 1-200 characters).
    pub text: String,
    /// How hard they expect it to be, 0-10: orders the ladder from small to deep.
    pub expected_difficulty: u8,
}

/// A stored step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderStep {
    /// Its id.
    pub id: ProgressId,
    /// What to do.
    pub text: String,
    /// Expected difficulty, 0-10.
    pub expected_difficulty: u8,
    /// When it was written.
    pub created_at: Timestamp,
}

/// An attempt as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLadderAttempt {
    /// The step attempted.
    pub step_id: ProgressId,
    /// When (UTC epoch ms); not in the future.
    pub attempted_at: Timestamp,
    /// The anxiety the person predicted beforehand, 0-10.
    pub predicted_anxiety: u8,
    /// Anxiety just before, 0-10.
    pub anxiety_before: u8,
    /// Anxiety at its highest, 0-10.
    pub anxiety_peak: u8,
    /// Anxiety afterwards, 0-10.
    pub anxiety_after: u8,
    /// What happened, in their words (at most 2,000 characters; may be empty).
    pub outcome: String,
}

/// A stored attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderAttempt {
    /// Its id.
    pub id: ProgressId,
    /// The step, the anxieties and the outcome.
    pub attempt: NewLadderAttempt,
    /// The local date it happened on, `YYYY-MM-DD`.
    pub local_date: String,
}

/// One rung as shown: the step, how often it was attempted, whether it is climbed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderRung {
    /// The step.
    pub step: LadderStep,
    /// Attempts recorded.
    pub attempts: u32,
    /// Whether it has been attempted at least once.
    pub climbed: bool,
}

/// Predictions against what happened, over every attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderStats {
    /// Attempts recorded.
    pub attempts: u32,
    /// Distinct steps climbed.
    pub steps_climbed: u32,
    /// Mean predicted anxiety (0 with no attempts).
    pub mean_predicted: f64,
    /// Mean anxiety just before.
    pub mean_before: f64,
    /// Mean peak anxiety.
    pub mean_peak: f64,
    /// Mean anxiety afterwards.
    pub mean_after: f64,
    /// Attempts whose peak stayed below the prediction: fears that did not come true.
    pub predictions_above_peak: u32,
    /// Attempts whose peak exceeded the prediction.
    pub predictions_below_peak: u32,
}

impl NewLadderStep {
    pub(crate) fn checked(&self) -> Result<NewLadderStep> {
        Ok(NewLadderStep {
            text: checked_text(&self.text, "text", 1, MAX_STEP_CHARS)?,
            expected_difficulty: checked_rating(self.expected_difficulty, "expected_difficulty")?,
        })
    }
}

impl NewLadderAttempt {
    pub(crate) fn checked(&self, now: Timestamp) -> Result<NewLadderAttempt> {
        checked_rating(self.predicted_anxiety, "predicted_anxiety")?;
        checked_rating(self.anxiety_before, "anxiety_before")?;
        checked_rating(self.anxiety_peak, "anxiety_peak")?;
        checked_rating(self.anxiety_after, "anxiety_after")?;
        if self.attempted_at > now {
            return Err(Error::invalid("attempted_at", "is in the future"));
        }
        let mut attempt = self.clone();
        attempt.outcome = checked_text(&self.outcome, "outcome", 0, MAX_PRACTICE_TEXT_CHARS)?;
        Ok(attempt)
    }
}

/// The ladder from small to deep: by expected difficulty, then by when written.
pub fn ordered(mut steps: Vec<LadderStep>) -> Vec<LadderStep> {
    steps.sort_by(|a, b| {
        (a.expected_difficulty, a.created_at, a.id).cmp(&(
            b.expected_difficulty,
            b.created_at,
            b.id,
        ))
    });
    steps
}

/// The rungs of the ladder in order, with their attempt counts.
pub fn rungs(steps: Vec<LadderStep>, attempts: &[LadderAttempt]) -> Vec<LadderRung> {
    let mut counts: HashMap<ProgressId, u32> = HashMap::new();
    for a in attempts {
        *counts.entry(a.attempt.step_id).or_default() += 1;
    }
    ordered(steps)
        .into_iter()
        .map(|step| {
            let n = counts.get(&step.id).copied().unwrap_or(0);
            LadderRung {
                step,
                attempts: n,
                climbed: n > 0,
            }
        })
        .collect()
}

/// The next suggested step: the smallest one not yet climbed.
pub fn next_step(rungs: &[LadderRung]) -> Option<LadderStep> {
    rungs.iter().find(|r| !r.climbed).map(|r| r.step.clone())
}

/// Predictions against what happened.
pub fn stats(attempts: &[LadderAttempt]) -> LadderStats {
    let n = attempts.len();
    let mean = |f: fn(&NewLadderAttempt) -> u8| {
        if n == 0 {
            0.0
        } else {
            attempts
                .iter()
                .map(|a| f64::from(f(&a.attempt)))
                .sum::<f64>()
                / n as f64
        }
    };
    let mut climbed: Vec<ProgressId> = attempts.iter().map(|a| a.attempt.step_id).collect();
    climbed.sort();
    climbed.dedup();
    LadderStats {
        attempts: n as u32,
        steps_climbed: climbed.len() as u32,
        mean_predicted: mean(|a| a.predicted_anxiety),
        mean_before: mean(|a| a.anxiety_before),
        mean_peak: mean(|a| a.anxiety_peak),
        mean_after: mean(|a| a.anxiety_after),
        predictions_above_peak: attempts
            .iter()
            .filter(|a| a.attempt.anxiety_peak < a.attempt.predicted_anxiety)
            .count() as u32,
        predictions_below_peak: attempts
            .iter()
            .filter(|a| a.attempt.anxiety_peak > a.attempt.predicted_anxiety)
            .count() as u32,
    }
}

const STEP_DAMAGE: &str = "ladder_steps.body of one row";
const ATTEMPT_DAMAGE: &str = "ladder_attempts.body of one row";

fn step_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "ladder_steps",
        column: "body",
        row: id,
    }
}

fn attempt_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "ladder_attempts",
        column: "body",
        row: id,
    }
}

/// Stores a checked step.
pub(crate) fn insert_step(
    conn: &Connection,
    key: &DataKey,
    step: &NewLadderStep,
    now: Timestamp,
) -> Result<LadderStep> {
    insert_step_as(conn, key, ProgressId::new_at(now), step, now)
}

/// Stores a checked step under `id`, written at `now` (an import keeps both).
pub(crate) fn insert_step_as(
    conn: &Connection,
    key: &DataKey,
    id: ProgressId,
    step: &NewLadderStep,
    now: Timestamp,
) -> Result<LadderStep> {
    let count: i64 = conn.query_row("SELECT count(*) FROM ladder_steps", [], |r| r.get(0))?;
    if count >= MAX_STEPS as i64 {
        return Err(Error::invalid("text", "the ladder already has 50 steps"));
    }
    let id_text = id.to_string();
    let mut doc = DocWriter::new();
    doc.byte(step.expected_difficulty).text(&step.text);
    let blob = seal(key, &step_at(&id_text), doc.bytes())?;
    conn.prepare_cached("INSERT INTO ladder_steps (id, created_at, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id_text, now.as_millis(), blob])?;
    Ok(LadderStep {
        id,
        text: step.text.clone(),
        expected_difficulty: step.expected_difficulty,
        created_at: now,
    })
}

/// Every step, in the order written.
pub(crate) fn steps(conn: &Connection, key: &DataKey) -> Result<Vec<LadderStep>> {
    let rows = crate::store::id_instant_blob_rows(
        conn,
        "SELECT id, created_at, body FROM ladder_steps ORDER BY id",
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, created_at, blob) = row;
        let plain = open(key, &step_at(&id), &blob)?;
        let mut doc = DocReader::new(&plain, STEP_DAMAGE)?;
        let (difficulty, text) = (doc.byte()?, doc.text()?);
        doc.finish()?;
        out.push(LadderStep {
            id: ProgressId::stored(&id, "ladder_steps.id of one row")?,
            text,
            expected_difficulty: difficulty,
            created_at: Timestamp::from_millis(created_at),
        });
    }
    Ok(out)
}

/// Whether a step exists.
pub(crate) fn step_exists(conn: &Connection, id: ProgressId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM ladder_steps WHERE id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Deletes a step and its attempts.
pub(crate) fn delete_step(conn: &Connection, id: ProgressId) -> Result<()> {
    crate::store::delete_row(conn, "ladder_steps", &id.to_string(), "ladder step")
}

/// Deletes one attempt (a step's other attempts and the step stay).
pub(crate) fn delete_attempt(conn: &Connection, id: ProgressId) -> Result<()> {
    crate::store::delete_row(conn, "ladder_attempts", &id.to_string(), "ladder attempt")
}

/// Stores a checked attempt of an existing step.
pub(crate) fn insert_attempt(
    conn: &Connection,
    key: &DataKey,
    attempt: &NewLadderAttempt,
    local_date: String,
    now: Timestamp,
) -> Result<LadderAttempt> {
    insert_attempt_as(conn, key, ProgressId::new_at(now), attempt, local_date)
}

/// Stores a checked attempt of an existing step under `id` (an import keeps it).
pub(crate) fn insert_attempt_as(
    conn: &Connection,
    key: &DataKey,
    id: ProgressId,
    attempt: &NewLadderAttempt,
    local_date: String,
) -> Result<LadderAttempt> {
    let id_text = id.to_string();
    let mut doc = DocWriter::new();
    doc.byte(attempt.predicted_anxiety)
        .byte(attempt.anxiety_before)
        .byte(attempt.anxiety_peak)
        .byte(attempt.anxiety_after)
        .text(&attempt.outcome);
    let blob = seal(key, &attempt_at(&id_text), doc.bytes())?;
    conn.prepare_cached(
        "INSERT INTO ladder_attempts (id, step_id, attempted_at, local_date, body)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id_text,
        attempt.step_id.to_string(),
        attempt.attempted_at.as_millis(),
        local_date,
        blob
    ])?;
    Ok(LadderAttempt {
        id,
        attempt: attempt.clone(),
        local_date,
    })
}

/// Every attempt (of one step when `step` is given), oldest first.
pub(crate) fn attempts(
    conn: &Connection,
    key: &DataKey,
    step: Option<ProgressId>,
) -> Result<Vec<LadderAttempt>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, step_id, attempted_at, local_date, body FROM ladder_attempts
         WHERE ?1 IS NULL OR step_id = ?1 ORDER BY attempted_at, id",
    )?;
    let rows = stmt.query_map([step.map(|s| s.to_string())], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Vec<u8>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, step_id, attempted_at, local_date, blob) = row?;
        let plain = open(key, &attempt_at(&id), &blob)?;
        let mut doc = DocReader::new(&plain, ATTEMPT_DAMAGE)?;
        let attempt = NewLadderAttempt {
            step_id: ProgressId::stored(&step_id, "ladder_attempts.step_id of one row")?,
            attempted_at: Timestamp::from_millis(attempted_at),
            predicted_anxiety: doc.byte()?,
            anxiety_before: doc.byte()?,
            anxiety_peak: doc.byte()?,
            anxiety_after: doc.byte()?,
            outcome: doc.text()?,
        };
        doc.finish()?;
        out.push(LadderAttempt {
            id: ProgressId::stored(&id, "ladder_attempts.id of one row")?,
            attempt,
            local_date,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(text: &str, difficulty: u8, at: i64) -> LadderStep {
        LadderStep {
            id: ProgressId::new_at(Timestamp::from_millis(at)),
            text: text.into(),
            expected_difficulty: difficulty,
            created_at: Timestamp::from_millis(at),
        }
    }

    fn attempt(step: ProgressId, predicted: u8, peak: u8) -> LadderAttempt {
        LadderAttempt {
            id: ProgressId::new_at(Timestamp::from_millis(0)),
            attempt: NewLadderAttempt {
                step_id: step,
                attempted_at: Timestamp::from_millis(0),
                predicted_anxiety: predicted,
                anxiety_before: predicted,
                anxiety_peak: peak,
                anxiety_after: 1,
                outcome: String::new(),
            },
            local_date: "2026-01-15".into(),
        }
    }

    #[test]
    fn the_next_step_is_the_smallest_not_yet_climbed_and_predictions_are_compared() {
        let fear = step("share a fear", 8, 3);
        let worry = step("share a minor worry", 2, 2);
        let unknown = step("admit not knowing something", 3, 1);
        let attempts = vec![
            attempt(worry.id, 7, 4),
            attempt(worry.id, 6, 6),
            attempt(unknown.id, 5, 8),
        ];
        let rungs = rungs(
            vec![fear.clone(), worry.clone(), unknown.clone()],
            &attempts,
        );
        let order: Vec<&str> = rungs.iter().map(|r| r.step.text.as_str()).collect();
        assert_eq!(
            order,
            [
                "share a minor worry",
                "admit not knowing something",
                "share a fear"
            ]
        );
        assert_eq!(rungs[0].attempts, 2);
        assert_eq!(next_step(&rungs), Some(fear));
        let s = stats(&attempts);
        assert_eq!((s.attempts, s.steps_climbed), (3, 2));
        assert_eq!(s.mean_predicted, 6.0);
        assert_eq!(s.mean_peak, 6.0);
        assert_eq!((s.predictions_above_peak, s.predictions_below_peak), (1, 1));
        assert_eq!(stats(&[]).mean_peak, 0.0);
    }
}
