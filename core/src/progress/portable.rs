//! The progress model's part of the open export: practice events, practice pauses, the
//! ladder and its attempts, the person's own measures and every response, the setback
//! plan, the streak settings and the milestones raised, read out in plain form and
//! written back with their own ids and instants.
//!
//! The shapes here are the export's JSON records (documented field by field in
//! `docs/formats.md`); the file around them and the import's transaction belong to
//! `crate::export` and `crate::vault`. Writing back runs the checks a normal write runs
//! (the same `checked` functions, the same references: a known trigger tag, an existing
//! ladder step, a known measure) and seals through the same functions. An item whose id
//! is present is skipped; the setback plan and the streak settings, one per vault, are
//! written only when the vault has none; a milestone whose kind is already raised is
//! skipped (raised once per vault, decisions §43 and §46).
//!
//! Numbers a person rated (0-10) are read as plain JSON numbers and checked here, so a
//! value out of range names its field rather than failing the whole parse.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::ProgressId;
use super::documents::{self, SETBACK_PLAN, STREAK_SETTINGS};
use super::ladder::{self, NewLadderAttempt, NewLadderStep};
use super::measures::{self, Measure, MeasureDefinition, MeasureItem, Scoring};
use super::milestones::{Milestone, rows};
use super::pauses;
use super::practice::{self, NewPracticeEvent, PracticeKind, Setback, Victory};
use super::setback_plan::{self, SetbackPlan};
use super::streaks::{self, StreakSettings};
use crate::crypto::DataKey;
use crate::error::{Error, Result};
use crate::export::{check_instant, check_instants, checked_local_date};
use crate::store::has_row;
use crate::time::Timestamp;

/// A victory, a setback or a recommitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortablePracticeEvent {
    /// The event's id (a UUID).
    pub id: String,
    /// `victory`, `setback` or `recommitted`.
    pub kind: String,
    /// Which victory or setback: the last part of its label key (`set_boundary`,
    /// `withdrew`), or `own` for the person's own words; `null` for `recommitted`.
    #[serde(default)]
    pub which: Option<String>,
    /// The person's own words when `which` is `own`; otherwise `null`.
    #[serde(default)]
    pub own_label: Option<String>,
    /// When it happened (UTC epoch milliseconds).
    pub occurred_at: i64,
    /// The person's local date then, `YYYY-MM-DD`.
    pub local_date: String,
    /// When it was logged.
    pub recorded_at: i64,
    /// The situation, in the person's words.
    #[serde(default)]
    pub context: String,
    /// Trigger tags: keys of the journal's vocabulary (built-in or `custom:<uuid>`).
    #[serde(default)]
    pub trigger_keys: Vec<String>,
    /// What helped.
    #[serde(default)]
    pub what_helped: String,
}

/// Dates on which practice is paused: `from` (inclusive) to `until` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortablePracticePause {
    /// The pause's id (a UUID).
    pub id: String,
    /// The first paused date, `YYYY-MM-DD`.
    pub from: String,
    /// The first date practice counts again.
    pub until: String,
}

/// A step of the vulnerability ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableLadderStep {
    /// The step's id (a UUID).
    pub id: String,
    /// When it was written (UTC epoch milliseconds).
    pub created_at: i64,
    /// What to do, in the person's words.
    pub text: String,
    /// How hard they expected it to be, 0-10.
    pub expected_difficulty: u32,
}

/// An attempt of a ladder step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableLadderAttempt {
    /// The attempt's id (a UUID).
    pub id: String,
    /// The step attempted: the id of a step in `ladder_steps` or in the vault.
    pub step_id: String,
    /// When (UTC epoch milliseconds).
    pub attempted_at: i64,
    /// The person's local date then, `YYYY-MM-DD`.
    pub local_date: String,
    /// The anxiety predicted beforehand, 0-10.
    pub predicted_anxiety: u32,
    /// Anxiety just before, 0-10.
    pub anxiety_before: u32,
    /// Anxiety at its highest, 0-10.
    pub anxiety_peak: u32,
    /// Anxiety afterwards, 0-10.
    pub anxiety_after: u32,
    /// What happened, in the person's words.
    #[serde(default)]
    pub outcome: String,
}

/// A measure the person or their therapist defined (the built-in scales are not written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableMeasure {
    /// The measure's id (a UUID).
    pub id: String,
    /// When it was defined (UTC epoch milliseconds).
    pub created_at: i64,
    /// Its name.
    pub name: String,
    /// Its items, in order.
    pub items: Vec<PortableMeasureItem>,
    /// The lowest answer.
    pub min: u32,
    /// The highest answer.
    pub max: u32,
    /// `sum` or `mean`.
    pub scoring: String,
}

/// One item of a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableMeasureItem {
    /// The item as shown.
    pub text: String,
    /// Whether it is scored as `min + max - answer`.
    #[serde(default)]
    pub reverse_keyed: bool,
    /// The subscale it belongs to, if any.
    #[serde(default)]
    pub subscale: Option<String>,
}

/// Answers to a measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableMeasureResponse {
    /// The response's id (a UUID).
    pub id: String,
    /// The measure answered: a built-in `reflection.<name>`, or the id of a measure in
    /// `measures` or in the vault.
    pub measure_id: String,
    /// When (UTC epoch milliseconds).
    pub answered_at: i64,
    /// The person's local date then, `YYYY-MM-DD`.
    pub local_date: String,
    /// One answer per item, as given (scores are recomputed, never stored).
    pub answers: Vec<u32>,
}

/// The setback plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableSetbackPlan {
    /// When it was first written (UTC epoch milliseconds; the growth score and the
    /// "setback plan written" milestone date from it).
    pub created_at: i64,
    /// When it was last changed.
    pub updated_at: i64,
    /// Signs that an old pattern is coming back.
    #[serde(default)]
    pub warning_signs: Vec<String>,
    /// What the person will do to look after themselves.
    #[serde(default)]
    pub self_care_steps: Vec<String>,
    /// People they can reach out to.
    #[serde(default)]
    pub support_people: Vec<String>,
    /// Resources.
    #[serde(default)]
    pub resources: Vec<String>,
    /// What they want to tell themselves.
    #[serde(default)]
    pub self_compassion: Vec<String>,
}

/// The streak settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableStreakSettings {
    /// When they were first set (UTC epoch milliseconds).
    pub created_at: i64,
    /// When they were last changed.
    pub updated_at: i64,
    /// Whether streaks are shown.
    pub enabled: bool,
    /// Days with practice that keep a week, 1-7.
    pub practice_days_per_week: u32,
    /// Missed weeks in a row that do not break a streak, 0-4.
    pub allowed_misses: u32,
}

/// A milestone as raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableMilestone {
    /// The row's id (a UUID).
    pub id: String,
    /// Which milestone: its key without `milestone.` (`first_victory`, `ten_victories`).
    pub kind: String,
    /// The local date it was reached, `YYYY-MM-DD`.
    pub reached_on: String,
    /// When it was raised (UTC epoch milliseconds).
    pub raised_at: i64,
}

/// The victories with names, in code order (the person's own is `own`).
fn named_victories() -> [Victory; 6] {
    [
        Victory::SharedDifficultFeeling,
        Victory::StayedPresent,
        Victory::ChoseVulnerability,
        Victory::AskedInsteadOfAssuming,
        Victory::ExpressedNeed,
        Victory::SetBoundary,
    ]
}

/// The setbacks with names, in code order (the person's own is `own`).
fn named_setbacks() -> [Setback; 5] {
    [
        Setback::Withdrew,
        Setback::ShutDown,
        Setback::MindRead,
        Setback::PickedFight,
        Setback::WentSilent,
    ]
}

/// The last part of a label key: `victory.set_boundary` → `set_boundary`.
fn short(key: &'static str) -> &'static str {
    key.split_once('.').map_or(key, |(_, name)| name)
}

/// The kind, which and own label of an event, as the export writes them.
fn kind_fields(kind: &PracticeKind) -> (&'static str, Option<String>, Option<String>) {
    match kind {
        PracticeKind::Victory { victory } => (
            "victory",
            Some(short(victory.label_key()).to_owned()),
            match victory {
                Victory::Own { label } => Some(label.clone()),
                _ => None,
            },
        ),
        PracticeKind::Setback { setback } => (
            "setback",
            Some(short(setback.label_key()).to_owned()),
            match setback {
                Setback::Own { label } => Some(label.clone()),
                _ => None,
            },
        ),
        PracticeKind::Recommitted => ("recommitted", None, None),
    }
}

fn kind_from(event: &PortablePracticeEvent) -> Result<PracticeKind> {
    const WHICH: &str = "names no victory or setback of its kind (or own without own_label)";
    let which = event.which.as_deref();
    let own = event.own_label.clone();
    let kind = match (event.kind.as_str(), which, own) {
        ("recommitted", None, None) => Some(PracticeKind::Recommitted),
        ("victory", Some("own"), Some(label)) => Some(PracticeKind::Victory {
            victory: Victory::Own { label },
        }),
        ("setback", Some("own"), Some(label)) => Some(PracticeKind::Setback {
            setback: Setback::Own { label },
        }),
        ("victory", Some(name), None) => named_victories()
            .into_iter()
            .find(|v| short(v.label_key()) == name)
            .map(|victory| PracticeKind::Victory { victory }),
        ("setback", Some(name), None) => named_setbacks()
            .into_iter()
            .find(|s| short(s.label_key()) == name)
            .map(|setback| PracticeKind::Setback { setback }),
        ("victory" | "setback" | "recommitted", _, _) => None,
        _ => {
            return Err(Error::invalid(
                "kind",
                "must be victory, setback or recommitted",
            ));
        }
    };
    kind.ok_or_else(|| Error::invalid("which", WHICH))
}

/// A 0-10 rating read as a JSON number: out of range names `field`.
fn rating(value: u32, field: &'static str) -> Result<u8> {
    u8::try_from(value)
        .ok()
        .filter(|v| *v <= 10)
        .ok_or_else(|| Error::invalid(field, "must be 0 to 10"))
}

// ---- out ----

/// Every practice event, oldest first.
pub fn all_practice_events(conn: &Connection, key: &DataKey) -> Result<Vec<PortablePracticeEvent>> {
    Ok(practice::events(conn, key, None, None)?
        .into_iter()
        .map(|e| {
            let (kind, which, own_label) = kind_fields(&e.kind);
            PortablePracticeEvent {
                id: e.id.to_string(),
                kind: kind.to_owned(),
                which,
                own_label,
                occurred_at: e.occurred_at.as_millis(),
                local_date: e.local_date,
                recorded_at: e.recorded_at.as_millis(),
                context: e.context,
                trigger_keys: e.trigger_keys,
                what_helped: e.what_helped,
            }
        })
        .collect())
}

/// Every practice pause, oldest first.
pub fn all_practice_pauses(conn: &Connection) -> Result<Vec<PortablePracticePause>> {
    Ok(pauses::all(conn)?
        .into_iter()
        .map(|p| PortablePracticePause {
            id: p.id.to_string(),
            from: p.from,
            until: p.until,
        })
        .collect())
}

/// Every ladder step, in the order written.
pub fn all_ladder_steps(conn: &Connection, key: &DataKey) -> Result<Vec<PortableLadderStep>> {
    Ok(ladder::steps(conn, key)?
        .into_iter()
        .map(|s| PortableLadderStep {
            id: s.id.to_string(),
            created_at: s.created_at.as_millis(),
            text: s.text,
            expected_difficulty: u32::from(s.expected_difficulty),
        })
        .collect())
}

/// Every ladder attempt, oldest first.
pub fn all_ladder_attempts(conn: &Connection, key: &DataKey) -> Result<Vec<PortableLadderAttempt>> {
    Ok(ladder::attempts(conn, key, None)?
        .into_iter()
        .map(|a| PortableLadderAttempt {
            id: a.id.to_string(),
            step_id: a.attempt.step_id.to_string(),
            attempted_at: a.attempt.attempted_at.as_millis(),
            local_date: a.local_date,
            predicted_anxiety: u32::from(a.attempt.predicted_anxiety),
            anxiety_before: u32::from(a.attempt.anxiety_before),
            anxiety_peak: u32::from(a.attempt.anxiety_peak),
            anxiety_after: u32::from(a.attempt.anxiety_after),
            outcome: a.attempt.outcome,
        })
        .collect())
}

/// The person's own measures, oldest first.
pub fn all_measures(conn: &Connection, key: &DataKey) -> Result<Vec<PortableMeasure>> {
    Ok(measures::own_measures(conn, key)?
        .into_iter()
        .map(|(m, created_at)| PortableMeasure {
            id: m.id,
            created_at: created_at.as_millis(),
            name: m.definition.name,
            items: m
                .definition
                .items
                .into_iter()
                .map(|i| PortableMeasureItem {
                    text: i.text,
                    reverse_keyed: i.reverse_keyed,
                    subscale: i.subscale,
                })
                .collect(),
            min: m.definition.min,
            max: m.definition.max,
            scoring: match m.definition.scoring {
                Scoring::Sum => "sum",
                Scoring::Mean => "mean",
            }
            .to_owned(),
        })
        .collect())
}

/// Every measure response, oldest first.
pub fn all_measure_responses(
    conn: &Connection,
    key: &DataKey,
) -> Result<Vec<PortableMeasureResponse>> {
    let all = measures::measures(conn, key)?;
    Ok(measures::responses(conn, key, &all, None)?
        .into_iter()
        .map(|r| PortableMeasureResponse {
            id: r.id.to_string(),
            measure_id: r.measure_id,
            answered_at: r.answered_at.as_millis(),
            local_date: r.local_date,
            answers: r.answers,
        })
        .collect())
}

/// The setback plan, if one was written.
pub fn stored_setback_plan(
    conn: &Connection,
    key: &DataKey,
) -> Result<Option<PortableSetbackPlan>> {
    let (Some((created, plan)), Some((_, updated))) = (
        setback_plan::plan(conn, key)?,
        documents::instants(conn, SETBACK_PLAN)?,
    ) else {
        return Ok(None);
    };
    Ok(Some(PortableSetbackPlan {
        created_at: created.as_millis(),
        updated_at: updated.as_millis(),
        warning_signs: plan.warning_signs,
        self_care_steps: plan.self_care_steps,
        support_people: plan.support_people,
        resources: plan.resources,
        self_compassion: plan.self_compassion,
    }))
}

/// The streak settings, if they were ever set.
pub fn stored_streak_settings(
    conn: &Connection,
    key: &DataKey,
) -> Result<Option<PortableStreakSettings>> {
    Ok(
        streaks::stored_settings(conn, key)?.map(|(s, created, updated)| PortableStreakSettings {
            created_at: created.as_millis(),
            updated_at: updated.as_millis(),
            enabled: s.enabled,
            practice_days_per_week: u32::from(s.practice_days_per_week),
            allowed_misses: u32::from(s.allowed_misses),
        }),
    )
}

/// Every milestone raised, oldest first.
pub fn all_milestones(conn: &Connection, key: &DataKey) -> Result<Vec<PortableMilestone>> {
    Ok(rows::raised_with_ids(conn, key)?
        .into_iter()
        .map(|(id, m)| PortableMilestone {
            id: id.to_string(),
            kind: rows::kind_name(m.kind).to_owned(),
            reached_on: m.reached_on,
            raised_at: m.raised_at.as_millis(),
        })
        .collect())
}

// ---- back in ----

/// The trigger keys practice events may carry: read once per import, after its words.
pub fn triggers_for_import(conn: &Connection, key: &DataKey) -> Result<HashSet<String>> {
    Ok(crate::journal::vocabulary::trigger_vocabulary(conn, key)?
        .into_iter()
        .map(|t| t.key)
        .collect())
}

/// Writes a practice event back; `false` when its id is present. Checked as
/// `log_practice` checks it at the instant it was logged (`recorded_at`): known trigger
/// tags, sizes, not after it was logged.
pub fn import_practice_event(
    conn: &Connection,
    key: &DataKey,
    known_triggers: &HashSet<String>,
    event: &PortablePracticeEvent,
) -> Result<bool> {
    let id = ProgressId::parse(&event.id, "id")?;
    let recorded_at = check_instant(event.recorded_at, "recorded_at")?;
    let occurred_at = check_instant(event.occurred_at, "occurred_at")?;
    let checked = NewPracticeEvent {
        kind: kind_from(event)?,
        occurred_at,
        context: event.context.clone(),
        trigger_keys: event.trigger_keys.clone(),
        what_helped: event.what_helped.clone(),
    }
    .checked(recorded_at, &|k| known_triggers.contains(k))?;
    let local_date = checked_local_date(&event.local_date, occurred_at, "local_date")?;
    if has_row(conn, "practice_events", &id.to_string())? {
        return Ok(false);
    }
    practice::insert_as(conn, key, id, &checked, local_date, recorded_at)?;
    Ok(true)
}

/// Writes a practice pause back; `false` when its id is present.
pub fn import_practice_pause(conn: &Connection, pause: &PortablePracticePause) -> Result<bool> {
    let id = ProgressId::parse(&pause.id, "id")?;
    if has_row(conn, "progress_pauses", &id.to_string())? {
        return Ok(false);
    }
    pauses::add_as(conn, id, &pause.from, &pause.until)?;
    Ok(true)
}

/// Writes a ladder step back; `false` when its id is present. The ladder's 50 steps
/// hold for imports too.
pub fn import_ladder_step(
    conn: &Connection,
    key: &DataKey,
    step: &PortableLadderStep,
) -> Result<bool> {
    let id = ProgressId::parse(&step.id, "id")?;
    let checked = NewLadderStep {
        text: step.text.clone(),
        expected_difficulty: rating(step.expected_difficulty, "expected_difficulty")?,
    }
    .checked()?;
    let created_at = check_instant(step.created_at, "created_at")?;
    if has_row(conn, "ladder_steps", &id.to_string())? {
        return Ok(false);
    }
    ladder::insert_step_as(conn, key, id, &checked, created_at)?;
    Ok(true)
}

/// Writes a ladder attempt back; `false` when its id is present. Its step must be in
/// the vault (imported before): `InvalidInput` on `step_id` otherwise, as for a normal
/// attempt. `now` is when the file was written: an attempt is never after it.
pub fn import_ladder_attempt(
    conn: &Connection,
    key: &DataKey,
    attempt: &PortableLadderAttempt,
    now: Timestamp,
) -> Result<bool> {
    let id = ProgressId::parse(&attempt.id, "id")?;
    let attempted_at = check_instant(attempt.attempted_at, "attempted_at")?;
    let checked = NewLadderAttempt {
        step_id: ProgressId::parse(&attempt.step_id, "step_id")?,
        attempted_at,
        predicted_anxiety: rating(attempt.predicted_anxiety, "predicted_anxiety")?,
        anxiety_before: rating(attempt.anxiety_before, "anxiety_before")?,
        anxiety_peak: rating(attempt.anxiety_peak, "anxiety_peak")?,
        anxiety_after: rating(attempt.anxiety_after, "anxiety_after")?,
        outcome: attempt.outcome.clone(),
    }
    .checked(now)?;
    let local_date = checked_local_date(&attempt.local_date, attempted_at, "local_date")?;
    if !ladder::step_exists(conn, checked.step_id)? {
        return Err(Error::invalid(
            "step_id",
            "is not a step of the ladder (neither in the vault nor in the file)",
        ));
    }
    if has_row(conn, "ladder_attempts", &id.to_string())? {
        return Ok(false);
    }
    ladder::insert_attempt_as(conn, key, id, &checked, local_date)?;
    Ok(true)
}

/// Writes a measure back; `false` when its id is present.
pub fn import_measure(conn: &Connection, key: &DataKey, measure: &PortableMeasure) -> Result<bool> {
    let id = ProgressId::parse(&measure.id, "id")?;
    let scoring = match measure.scoring.as_str() {
        "sum" => Scoring::Sum,
        "mean" => Scoring::Mean,
        _ => return Err(Error::invalid("scoring", "must be sum or mean")),
    };
    let definition = MeasureDefinition {
        name: measure.name.clone(),
        items: measure
            .items
            .iter()
            .map(|i| MeasureItem {
                text: i.text.clone(),
                reverse_keyed: i.reverse_keyed,
                subscale: i.subscale.clone(),
            })
            .collect(),
        min: measure.min,
        max: measure.max,
        scoring,
    }
    .checked()?;
    let created_at = check_instant(measure.created_at, "created_at")?;
    if has_row(conn, "measures", &id.to_string())? {
        return Ok(false);
    }
    measures::insert_measure_as(conn, key, id, &definition, created_at)?;
    Ok(true)
}

/// Writes a measure response back; `false` when its id is present. Its measure must be
/// built in or in the vault (imported before) and the answers must fit it, as for a
/// normal response: `InvalidInput` on `measure_id` or `answers` otherwise. `known` is
/// [`measures_for_import`], read after the import's measures.
pub fn import_measure_response(
    conn: &Connection,
    key: &DataKey,
    known: &[Measure],
    response: &PortableMeasureResponse,
) -> Result<bool> {
    let id = ProgressId::parse(&response.id, "id")?;
    let measure = known
        .iter()
        .find(|m| m.id == response.measure_id)
        .ok_or_else(|| {
            Error::invalid(
                "measure_id",
                "is not a known measure (neither built in, in the vault nor in the file)",
            )
        })?;
    measures::score(&measure.definition, &response.answers)?;
    let answered_at = check_instant(response.answered_at, "answered_at")?;
    let local_date = checked_local_date(&response.local_date, answered_at, "local_date")?;
    if has_row(conn, "measure_responses", &id.to_string())? {
        return Ok(false);
    }
    measures::insert_response_as(
        conn,
        key,
        id,
        &measure.id,
        &response.answers,
        &local_date,
        answered_at,
    )?;
    Ok(true)
}

/// Every measure a response may answer: read once per import, after its measures.
pub fn measures_for_import(conn: &Connection, key: &DataKey) -> Result<Vec<Measure>> {
    measures::measures(conn, key)
}

/// Writes the setback plan when the vault has none (`false`: its own plan stays).
pub fn import_setback_plan(
    conn: &Connection,
    key: &DataKey,
    plan: &PortableSetbackPlan,
) -> Result<bool> {
    let checked = SetbackPlan {
        warning_signs: plan.warning_signs.clone(),
        self_care_steps: plan.self_care_steps.clone(),
        support_people: plan.support_people.clone(),
        resources: plan.resources.clone(),
        self_compassion: plan.self_compassion.clone(),
    }
    .checked()?;
    check_instants(plan.created_at, plan.updated_at)?;
    setback_plan::set_new_plan_as(
        conn,
        key,
        &checked,
        Timestamp::from_millis(plan.created_at),
        Timestamp::from_millis(plan.updated_at),
    )
}

/// Writes the streak settings when the vault has none (`false`: its own stay).
pub fn import_streak_settings(
    conn: &Connection,
    key: &DataKey,
    settings: &PortableStreakSettings,
) -> Result<bool> {
    let small = |v: u32, field| u8::try_from(v).map_err(|_| Error::invalid(field, "is too large"));
    let checked = StreakSettings {
        enabled: settings.enabled,
        practice_days_per_week: small(settings.practice_days_per_week, "practice_days_per_week")?,
        allowed_misses: small(settings.allowed_misses, "allowed_misses")?,
    }
    .checked()?;
    check_instants(settings.created_at, settings.updated_at)?;
    documents::put_new_as(
        conn,
        key,
        STREAK_SETTINGS,
        streaks::encode_settings(&checked).bytes(),
        Timestamp::from_millis(settings.created_at),
        Timestamp::from_millis(settings.updated_at),
    )
}

/// Writes a raised milestone back with its date and instant; `false` when its id is
/// present or a milestone of its kind was already raised in this vault.
pub fn import_milestone(
    conn: &Connection,
    key: &DataKey,
    milestone: &PortableMilestone,
) -> Result<bool> {
    let id = ProgressId::parse(&milestone.id, "id")?;
    let kind = rows::kind_named(&milestone.kind)
        .ok_or_else(|| Error::invalid("kind", "is not a milestone this version knows"))?;
    let reached_on = crate::calendar::date_text(crate::calendar::parse_date(
        &milestone.reached_on,
        "reached_on",
    )?);
    let raised_at = check_instant(milestone.raised_at, "raised_at")?;
    rows::insert_raised(
        conn,
        key,
        id,
        &Milestone {
            kind,
            reached_on,
            raised_at,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &PracticeKind) -> PortablePracticeEvent {
        let (kind, which, own_label) = kind_fields(kind);
        PortablePracticeEvent {
            id: String::new(),
            kind: kind.to_owned(),
            which,
            own_label,
            occurred_at: 0,
            local_date: String::new(),
            recorded_at: 0,
            context: String::new(),
            trigger_keys: Vec::new(),
            what_helped: String::new(),
        }
    }

    #[test]
    fn every_kind_of_practice_event_reads_back_as_written() {
        let mut kinds: Vec<PracticeKind> = named_victories()
            .into_iter()
            .map(|victory| PracticeKind::Victory { victory })
            .chain(
                named_setbacks()
                    .into_iter()
                    .map(|setback| PracticeKind::Setback { setback }),
            )
            .collect();
        kinds.push(PracticeKind::Recommitted);
        kinds.push(PracticeKind::Victory {
            victory: Victory::Own {
                label: "asked for a hug".into(),
            },
        });
        kinds.push(PracticeKind::Setback {
            setback: Setback::Own {
                label: "left the room".into(),
            },
        });
        for kind in kinds {
            assert_eq!(kind_from(&event(&kind)).unwrap(), kind);
        }
        let mut wrong = event(&PracticeKind::Recommitted);
        wrong.which = Some("own".into());
        assert!(matches!(
            kind_from(&wrong),
            Err(Error::InvalidInput { field: "which", .. })
        ));
        wrong.kind = "triumph".into();
        assert!(matches!(
            kind_from(&wrong),
            Err(Error::InvalidInput { field: "kind", .. })
        ));
    }

    #[test]
    fn ratings_out_of_range_name_their_field() {
        assert_eq!(rating(10, "x").unwrap(), 10);
        for v in [11, 256, u32::MAX] {
            assert!(matches!(
                rating(v, "anxiety_peak"),
                Err(Error::InvalidInput {
                    field: "anxiety_peak",
                    ..
                })
            ));
        }
    }
}
