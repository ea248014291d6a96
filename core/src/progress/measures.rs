//! Check-in measures: scales a person or their therapist defines (name, items, answer
//! range, reverse-keyed items, subscales, scoring by sum or mean), answered over time,
//! plus three one-item reflection scales written by the project. No third-party
//! questionnaire text is bundled (REFERENCE.md: most attachment measures are not licensed
//! for an app).
//!
//! Owns the `measures` table (the definition is sealed) and `measure_responses` (which
//! measure was answered and the answers are sealed together; only the id, the instant and
//! the local date are plaintext), and the pure scoring ([`score`]). Built-in scales are
//! not stored: they are [`reflection_scales`], with ids starting `reflection.`.

use rusqlite::{Connection, params};

use super::ProgressId;
use super::practice::checked_text;
use super::sealed_doc::{DocReader, DocWriter};
use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// Most items in one measure.
pub const MAX_ITEMS: usize = 60;
/// Longest measure name or item text, in characters.
pub const MAX_MEASURE_TEXT_CHARS: usize = 300;
/// Highest value an answer range may reach.
pub const MAX_SCALE_VALUE: u32 = 100;

/// The id of the built-in "comfort with closeness" reflection scale.
pub const COMFORT_WITH_CLOSENESS: &str = "reflection.comfort_with_closeness";
/// The id of the built-in "urge to pull away" reflection scale.
pub const URGE_TO_PULL_AWAY: &str = "reflection.urge_to_pull_away";
/// The id of the built-in "felt safety this week" reflection scale.
pub const FELT_SAFETY: &str = "reflection.felt_safety";

/// How a measure's score is computed from its (reverse-keyed) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scoring {
    /// The sum of the answers.
    Sum,
    /// The mean of the answers.
    Mean,
}

/// One item of a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureItem {
    /// The item as shown (1-300 characters).
    pub text: String,
    /// Whether a high answer means less of what the measure measures: scored as
    /// `min + max - answer`.
    pub reverse_keyed: bool,
    /// The subscale it belongs to, if any (1-300 characters).
    pub subscale: Option<String>,
}

/// A measure as defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureDefinition {
    /// Its name (1-300 characters).
    pub name: String,
    /// Its items (1-60).
    pub items: Vec<MeasureItem>,
    /// The lowest answer.
    pub min: u32,
    /// The highest answer (above `min`, at most 100).
    pub max: u32,
    /// Sum or mean.
    pub scoring: Scoring,
}

/// A measure the person can answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// A UUID for the person's own; `reflection.<name>` for the built-in scales.
    pub id: String,
    /// What it asks and how it is scored.
    pub definition: MeasureDefinition,
    /// Whether the project wrote it.
    pub built_in: bool,
}

/// One subscale's score.
#[derive(Debug, Clone, PartialEq)]
pub struct SubscaleScore {
    /// The subscale's name.
    pub name: String,
    /// Its score, by the measure's scoring over its items.
    pub score: f64,
}

/// A scored response.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureScore {
    /// The whole measure's score.
    pub total: f64,
    /// Each subscale, in the order they first appear among the items.
    pub subscales: Vec<SubscaleScore>,
}

/// A stored response.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureResponse {
    /// Its id.
    pub id: ProgressId,
    /// The measure answered.
    pub measure_id: String,
    /// When.
    pub answered_at: Timestamp,
    /// The local date, `YYYY-MM-DD`.
    pub local_date: String,
    /// One answer per item, as given.
    pub answers: Vec<u32>,
    /// The score under the measure's definition.
    pub score: MeasureScore,
}

/// The three reflection scales the project wrote: one item, 0-10 each.
pub fn reflection_scales() -> Vec<Measure> {
    let one = |id: &str, name: &str, item: &str| Measure {
        id: id.to_owned(),
        definition: MeasureDefinition {
            name: name.to_owned(),
            items: vec![MeasureItem {
                text: item.to_owned(),
                reverse_keyed: false,
                subscale: None,
            }],
            min: 0,
            max: 10,
            scoring: Scoring::Sum,
        },
        built_in: true,
    };
    vec![
        one(
            COMFORT_WITH_CLOSENESS,
            "Comfort with closeness",
            "This week, how comfortable was I letting someone close to me?",
        ),
        one(
            URGE_TO_PULL_AWAY,
            "Urge to pull away",
            "This week, how strong was my urge to pull away when someone came close?",
        ),
        one(
            FELT_SAFETY,
            "Felt safety this week",
            "This week, how safe did I feel being myself with the people close to me?",
        ),
    ]
}

impl MeasureDefinition {
    /// Checks every field, naming the first one that is wrong.
    pub(crate) fn checked(&self) -> Result<MeasureDefinition> {
        let name = checked_text(&self.name, "name", 1, MAX_MEASURE_TEXT_CHARS)?;
        if self.items.is_empty() || self.items.len() > MAX_ITEMS {
            return Err(Error::invalid("items", "must hold 1 to 60 items"));
        }
        if self.max <= self.min || self.max > MAX_SCALE_VALUE {
            return Err(Error::invalid("max", "must be above min and at most 100"));
        }
        let items = self
            .items
            .iter()
            .map(|item| {
                Ok(MeasureItem {
                    text: checked_text(&item.text, "items", 1, MAX_MEASURE_TEXT_CHARS)?,
                    reverse_keyed: item.reverse_keyed,
                    subscale: item
                        .subscale
                        .as_deref()
                        .map(|s| checked_text(s, "items.subscale", 1, MAX_MEASURE_TEXT_CHARS))
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(MeasureDefinition {
            name,
            items,
            min: self.min,
            max: self.max,
            scoring: self.scoring,
        })
    }
}

/// Scores `answers` (one per item) under `definition`: reverse-keyed items count as
/// `min + max - answer`, then the total and each subscale are summed or averaged.
/// A missing or extra answer, or one outside `min..=max`, is `InvalidInput` on `answers`.
pub fn score(definition: &MeasureDefinition, answers: &[u32]) -> Result<MeasureScore> {
    if answers.len() != definition.items.len() {
        return Err(Error::invalid(
            "answers",
            "must hold exactly one answer per item",
        ));
    }
    if answers
        .iter()
        .any(|a| *a < definition.min || *a > definition.max)
    {
        return Err(Error::invalid("answers", "has an answer outside the scale"));
    }
    let keyed = |i: usize| {
        let a = answers[i];
        f64::from(if definition.items[i].reverse_keyed {
            definition.min + definition.max - a
        } else {
            a
        })
    };
    let combine = |values: &[f64]| -> f64 {
        let sum: f64 = values.iter().sum();
        match definition.scoring {
            Scoring::Sum => sum,
            Scoring::Mean if values.is_empty() => 0.0,
            Scoring::Mean => sum / values.len() as f64,
        }
    };
    let all: Vec<f64> = (0..answers.len()).map(keyed).collect();
    let mut names: Vec<&str> = Vec::new();
    for item in &definition.items {
        if let Some(s) = item.subscale.as_deref()
            && !names.contains(&s)
        {
            names.push(s);
        }
    }
    let subscales = names
        .into_iter()
        .map(|name| {
            let values: Vec<f64> = (0..answers.len())
                .filter(|i| definition.items[*i].subscale.as_deref() == Some(name))
                .map(|i| all[i])
                .collect();
            SubscaleScore {
                name: name.to_owned(),
                score: combine(&values),
            }
        })
        .collect();
    Ok(MeasureScore {
        total: combine(&all),
        subscales,
    })
}

const DEFINITION_DAMAGE: &str = "measures.definition of one row";
const ANSWERS_DAMAGE: &str = "measure_responses.answers of one row";

fn definition_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "measures",
        column: "definition",
        row: id,
    }
}

fn answers_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "measure_responses",
        column: "answers",
        row: id,
    }
}

/// Stores a checked definition.
pub(crate) fn insert_measure(
    conn: &Connection,
    key: &DataKey,
    definition: &MeasureDefinition,
    now: Timestamp,
) -> Result<Measure> {
    insert_measure_as(conn, key, ProgressId::new_at(now), definition, now)
}

/// Stores a checked definition under `id`, written at `now` (an import keeps both).
pub(crate) fn insert_measure_as(
    conn: &Connection,
    key: &DataKey,
    id: ProgressId,
    definition: &MeasureDefinition,
    now: Timestamp,
) -> Result<Measure> {
    let id = id.to_string();
    let mut doc = DocWriter::new();
    doc.text(&definition.name)
        .number(definition.min)
        .number(definition.max)
        .byte(match definition.scoring {
            Scoring::Sum => 0,
            Scoring::Mean => 1,
        })
        .number(definition.items.len() as u32);
    for item in &definition.items {
        doc.text(&item.text)
            .byte(u8::from(item.reverse_keyed))
            .byte(u8::from(item.subscale.is_some()))
            .text(item.subscale.as_deref().unwrap_or(""));
    }
    let blob = seal(key, &definition_at(&id), doc.bytes())?;
    conn.prepare_cached("INSERT INTO measures (id, created_at, definition) VALUES (?1, ?2, ?3)")?
        .execute(params![id, now.as_millis(), blob])?;
    Ok(Measure {
        id,
        definition: definition.clone(),
        built_in: false,
    })
}

fn decode_definition(bytes: &[u8]) -> Result<MeasureDefinition> {
    let mut doc = DocReader::new(bytes, DEFINITION_DAMAGE)?;
    let name = doc.text()?;
    let (min, max) = (doc.number()?, doc.number()?);
    let scoring = match doc.byte()? {
        0 => Scoring::Sum,
        1 => Scoring::Mean,
        _ => return Err(Error::corrupted(DEFINITION_DAMAGE)),
    };
    let n = doc.number()? as usize;
    if n > MAX_ITEMS {
        return Err(Error::corrupted(DEFINITION_DAMAGE));
    }
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        let text = doc.text()?;
        let reverse_keyed = doc.byte()? == 1;
        let has_subscale = doc.byte()? == 1;
        let subscale = doc.text()?;
        items.push(MeasureItem {
            text,
            reverse_keyed,
            subscale: has_subscale.then_some(subscale),
        });
    }
    doc.finish()?;
    Ok(MeasureDefinition {
        name,
        items,
        min,
        max,
        scoring,
    })
}

/// The built-in scales, then the person's own, oldest first.
pub(crate) fn measures(conn: &Connection, key: &DataKey) -> Result<Vec<Measure>> {
    let mut out = reflection_scales();
    out.extend(own_measures(conn, key)?.into_iter().map(|(m, _)| m));
    Ok(out)
}

/// The person's own measures with when each was defined, oldest first.
pub(crate) fn own_measures(conn: &Connection, key: &DataKey) -> Result<Vec<(Measure, Timestamp)>> {
    let rows = crate::store::id_instant_blob_rows(
        conn,
        "SELECT id, created_at, definition FROM measures ORDER BY id",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, created_at, blob) in rows {
        let plain = open(key, &definition_at(&id), &blob)?;
        out.push((
            Measure {
                definition: decode_definition(&plain)?,
                id,
                built_in: false,
            },
            Timestamp::from_millis(created_at),
        ));
    }
    Ok(out)
}

/// Stores answers already scored against their measure.
pub(crate) fn insert_response(
    conn: &Connection,
    key: &DataKey,
    measure_id: &str,
    answers: &[u32],
    score: MeasureScore,
    local_date: String,
    now: Timestamp,
) -> Result<MeasureResponse> {
    let id = ProgressId::new_at(now);
    insert_response_as(conn, key, id, measure_id, answers, &local_date, now)?;
    Ok(MeasureResponse {
        id,
        measure_id: measure_id.to_owned(),
        answered_at: now,
        local_date,
        answers: answers.to_vec(),
        score,
    })
}

/// Stores answers already checked against their measure under `id`, answered at `now`
/// (an import keeps both).
pub(crate) fn insert_response_as(
    conn: &Connection,
    key: &DataKey,
    id: ProgressId,
    measure_id: &str,
    answers: &[u32],
    local_date: &str,
    now: Timestamp,
) -> Result<()> {
    let id_text = id.to_string();
    let mut doc = DocWriter::new();
    doc.text(measure_id).number(answers.len() as u32);
    for a in answers {
        doc.number(*a);
    }
    let blob = seal(key, &answers_at(&id_text), doc.bytes())?;
    conn.prepare_cached(
        "INSERT INTO measure_responses (id, answered_at, local_date, answers) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id_text, now.as_millis(), local_date, blob])?;
    Ok(())
}

/// Deletes one response (to any measure, built-in or own).
pub(crate) fn delete_response(conn: &Connection, id: ProgressId) -> Result<()> {
    crate::store::delete_row(
        conn,
        "measure_responses",
        &id.to_string(),
        "measure response",
    )
}

/// Deletes one of the person's own measures and every response to it, returning how many
/// responses went. The caller runs it in one transaction: a response whose measure is gone
/// would read as damage. Built-in scales cannot be deleted (`InvalidInput` on
/// `measure_id`); an unknown id is `NotFound`.
pub(crate) fn delete_measure(conn: &Connection, key: &DataKey, measure_id: &str) -> Result<u32> {
    if reflection_scales().iter().any(|m| m.id == measure_id) {
        return Err(Error::invalid(
            "measure_id",
            "is a built-in scale, which cannot be deleted",
        ));
    }
    if !crate::store::has_row(conn, "measures", measure_id)? {
        return Err(Error::NotFound { what: "measure" });
    }
    // Which measure a response answers is sealed, so each is opened to find them.
    let rows = crate::store::id_instant_blob_rows(
        conn,
        "SELECT id, answered_at, answers FROM measure_responses ORDER BY id",
    )?;
    let mut deleted = 0u32;
    for (id, _, blob) in rows {
        let plain = open(key, &answers_at(&id), &blob)?;
        if DocReader::new(&plain, ANSWERS_DAMAGE)?.text()? == measure_id {
            conn.prepare_cached("DELETE FROM measure_responses WHERE id = ?1")?
                .execute([&id])?;
            deleted += 1;
        }
    }
    conn.prepare_cached("DELETE FROM measures WHERE id = ?1")?
        .execute([measure_id])?;
    Ok(deleted)
}

/// Every response (to `measure_id` when given), oldest first, scored under `all`.
pub(crate) fn responses(
    conn: &Connection,
    key: &DataKey,
    all: &[Measure],
    measure_id: Option<&str>,
) -> Result<Vec<MeasureResponse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, answered_at, local_date, answers FROM measure_responses ORDER BY answered_at, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, answered_at, local_date, blob) = row?;
        let plain = open(key, &answers_at(&id), &blob)?;
        let mut doc = DocReader::new(&plain, ANSWERS_DAMAGE)?;
        let measure = doc.text()?;
        if measure_id.is_some_and(|m| m != measure) {
            continue;
        }
        let n = doc.number()? as usize;
        if n > MAX_ITEMS {
            return Err(Error::corrupted(ANSWERS_DAMAGE));
        }
        let answers = (0..n).map(|_| doc.number()).collect::<Result<Vec<_>>>()?;
        doc.finish()?;
        let definition = &all
            .iter()
            .find(|m| m.id == measure)
            .ok_or_else(|| Error::corrupted("measure_responses: a response to no measure"))?
            .definition;
        let score = score(definition, &answers)
            .map_err(|_| Error::corrupted("measure_responses: answers outside their scale"))?;
        out.push(MeasureResponse {
            id: ProgressId::stored(&id, "measure_responses.id of one row")?,
            measure_id: measure,
            answered_at: Timestamp::from_millis(answered_at),
            local_date,
            answers,
            score,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(text: &str, reverse_keyed: bool, subscale: Option<&str>) -> MeasureItem {
        MeasureItem {
            text: text.into(),
            reverse_keyed,
            subscale: subscale.map(str::to_owned),
        }
    }

    fn two_subscales(scoring: Scoring) -> MeasureDefinition {
        MeasureDefinition {
            name: "Closeness check".into(),
            items: vec![
                item("I let them see me", false, Some("openness")),
                item("I kept things to myself", true, Some("openness")),
                item("I trusted them to stay", false, Some("trust")),
                item("I expected to be let down", true, Some("trust")),
                item("Overall I felt close", false, None),
            ],
            min: 1,
            max: 5,
            scoring,
        }
    }

    #[test]
    fn reverse_keyed_items_and_subscales_are_scored_by_sum_or_mean() {
        // Reverse-keyed on 1-5: 4 counts as 2, 1 counts as 5.
        let answers = [5, 4, 3, 1, 2];
        let sum = score(&two_subscales(Scoring::Sum), &answers).unwrap();
        assert_eq!(sum.total, 5.0 + 2.0 + 3.0 + 5.0 + 2.0);
        assert_eq!(sum.subscales.len(), 2);
        assert_eq!(
            (sum.subscales[0].name.as_str(), sum.subscales[0].score),
            ("openness", 7.0)
        );
        assert_eq!(
            (sum.subscales[1].name.as_str(), sum.subscales[1].score),
            ("trust", 8.0)
        );
        let mean = score(&two_subscales(Scoring::Mean), &answers).unwrap();
        assert_eq!(mean.total, 17.0 / 5.0);
        assert_eq!(mean.subscales[0].score, 3.5);
        assert_eq!(mean.subscales[1].score, 4.0);
    }

    #[test]
    fn missing_extra_and_out_of_range_answers_are_refused_by_field() {
        let def = two_subscales(Scoring::Sum);
        for answers in [
            &[1, 2, 3, 4][..],
            &[1, 2, 3, 4, 5, 1],
            &[1, 2, 3, 4, 6],
            &[0, 2, 3, 4, 5],
        ] {
            assert!(matches!(
                score(&def, answers),
                Err(Error::InvalidInput {
                    field: "answers",
                    ..
                })
            ));
        }
        let mut inverted = def.clone();
        inverted.max = 1;
        assert!(matches!(
            inverted.checked(),
            Err(Error::InvalidInput { field: "max", .. })
        ));
        let reflection = reflection_scales();
        assert_eq!(reflection.len(), 3);
        assert!(
            reflection
                .iter()
                .all(|m| m.built_in && m.definition.checked().is_ok())
        );
    }

    proptest! {
        #[test]
        fn reversing_every_item_mirrors_the_total(answers in proptest::collection::vec(1u32..=5, 5)) {
            let plain = MeasureDefinition {
                items: (0..5).map(|i| item(&format!("item {i}"), false, None)).collect(),
                ..two_subscales(Scoring::Sum)
            };
            let mut reversed = plain.clone();
            for i in &mut reversed.items {
                i.reverse_keyed = true;
            }
            let a = score(&plain, &answers).unwrap().total;
            let b = score(&reversed, &answers).unwrap().total;
            prop_assert_eq!(a + b, 6.0 * 5.0);
        }
    }
}
