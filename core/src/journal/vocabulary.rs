//! The words a person uses to name what they feel and what set it off.
//!
//! "Fine, good, okay" hides more than it tells; noticing a pattern starts with naming it
//! precisely. The built-in vocabulary is the project's own list (not a published emotion
//! wheel): eight families of six words, and nine trigger/theme tags common in a fear of
//! intimacy. Every word has a stable key (`fear.exposed`, `being_seen`) that entries store,
//! so relabelling or translating a word never changes what was recorded.
//!
//! A person can add their own emotion words (into a family) and their own triggers. Those
//! are theirs, so they are sealed like journal text: the `custom_vocabulary` table shows
//! only that a row exists and when it was made. Custom keys are `custom:<uuid>`.
//!
//! This module owns the vocabulary and its table; it does not own entries (which only
//! refer to keys) or translation (the shells localise built-in labels by key).

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::crypto::{DataKey, SealedAt, open, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// One emotion word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmotionWord {
    /// Stable key: `<family>.<word>` for built-in words, `custom:<uuid>` for a person's own.
    pub key: String,
    /// The word as shown (English for built-in words; shells may localise by key).
    pub label: String,
    /// Key of the family it belongs to.
    pub family: String,
    /// Whether the person added it.
    pub custom: bool,
}

/// A family of related emotion words, e.g. "Fear".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmotionFamily {
    /// Stable key, e.g. `fear`.
    pub key: String,
    /// The family's name as shown.
    pub label: String,
    /// Its words: built-in first, then the person's own in the order they were added.
    pub words: Vec<EmotionWord>,
}

/// A trigger or theme: what set a reaction off (criticism, being seen, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerTag {
    /// Stable key, e.g. `being_seen`, or `custom:<uuid>`.
    pub key: String,
    /// The tag as shown.
    pub label: String,
    /// Whether the person added it.
    pub custom: bool,
}

/// Longest label accepted for a person's own word, in characters.
pub const MAX_LABEL_CHARS: usize = 40;

const FAMILIES: &[(&str, &str, &[&str])] = &[
    (
        "calm",
        "Calm and safe",
        &[
            "settled", "safe", "at ease", "trusting", "content", "grounded",
        ],
    ),
    (
        "joy",
        "Joy",
        &[
            "glad", "relieved", "playful", "grateful", "hopeful", "proud",
        ],
    ),
    (
        "closeness",
        "Closeness",
        &[
            "tender",
            "affectionate",
            "moved",
            "longing",
            "curious",
            "warm",
        ],
    ),
    (
        "fear",
        "Fear",
        &[
            "anxious", "uneasy", "exposed", "dreading", "on guard", "panicky",
        ],
    ),
    (
        "sadness",
        "Sadness",
        &[
            "lonely",
            "hurt",
            "disappointed",
            "grieving",
            "empty",
            "left out",
        ],
    ),
    (
        "anger",
        "Anger",
        &[
            "irritated",
            "frustrated",
            "resentful",
            "defensive",
            "betrayed",
            "furious",
        ],
    ),
    (
        "shame",
        "Shame",
        &[
            "embarrassed",
            "self-conscious",
            "inadequate",
            "unworthy",
            "guilty",
            "humiliated",
        ],
    ),
    (
        "shutdown",
        "Shut down",
        &[
            "numb",
            "detached",
            "overwhelmed",
            "foggy",
            "flat",
            "drained",
        ],
    ),
];

const TRIGGERS: &[(&str, &str)] = &[
    ("criticism", "Criticism"),
    ("conflict", "Conflict"),
    ("being_needed", "Being needed"),
    ("physical_closeness", "Physical closeness"),
    ("being_seen", "Being seen"),
    ("dependence", "Depending on someone"),
    ("uncertainty", "Uncertainty"),
    ("rejection", "Rejection"),
    ("loss_of_independence", "Losing my independence"),
];

fn builtin_word_key(family: &str, word: &str) -> String {
    format!("{family}.{}", word.replace([' ', '-'], "_"))
}

/// The built-in emotion families and words (no custom words; needs no key).
pub fn builtin_emotions() -> Vec<EmotionFamily> {
    FAMILIES
        .iter()
        .map(|(family, label, words)| EmotionFamily {
            key: (*family).to_owned(),
            label: (*label).to_owned(),
            words: words
                .iter()
                .map(|w| EmotionWord {
                    key: builtin_word_key(family, w),
                    label: (*w).to_owned(),
                    family: (*family).to_owned(),
                    custom: false,
                })
                .collect(),
        })
        .collect()
}

/// The built-in trigger/theme tags.
pub fn builtin_triggers() -> Vec<TriggerTag> {
    TRIGGERS
        .iter()
        .map(|(key, label)| TriggerTag {
            key: (*key).to_owned(),
            label: (*label).to_owned(),
            custom: false,
        })
        .collect()
}

/// The sealed document behind one custom word.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum CustomWord {
    Emotion { family: String, label: String },
    Trigger { label: String },
}

fn content_at(id: &str) -> SealedAt<'_> {
    SealedAt {
        table: "custom_vocabulary",
        column: "content",
        row: id,
    }
}

/// Every custom word, oldest first, with its key and creation instant.
pub(super) fn custom_words(
    conn: &Connection,
    key: &DataKey,
) -> Result<Vec<(String, i64, CustomWord)>> {
    let rows = crate::store::id_instant_blob_rows(
        conn,
        "SELECT id, created_at, content FROM custom_vocabulary ORDER BY created_at, id",
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, created_at, blob) = row;
        let plain = open(key, &content_at(&id), &blob)?;
        let word: CustomWord = serde_json::from_slice(&plain)
            .map_err(|_| Error::corrupted("custom_vocabulary.content of one row"))?;
        out.push((format!("custom:{id}"), created_at, word));
    }
    Ok(out)
}

/// The full emotion vocabulary: built-in families with the person's own words appended.
pub fn emotion_vocabulary(conn: &Connection, key: &DataKey) -> Result<Vec<EmotionFamily>> {
    Ok(vocabularies(conn, key)?.0)
}

/// The full trigger vocabulary: built-in tags, then the person's own.
pub fn trigger_vocabulary(conn: &Connection, key: &DataKey) -> Result<Vec<TriggerTag>> {
    Ok(vocabularies(conn, key)?.1)
}

/// Both vocabularies, opening the custom words once.
pub(super) fn vocabularies(
    conn: &Connection,
    key: &DataKey,
) -> Result<(Vec<EmotionFamily>, Vec<TriggerTag>)> {
    let mut families = builtin_emotions();
    let mut tags = builtin_triggers();
    for (word_key, _, word) in custom_words(conn, key)? {
        match word {
            CustomWord::Emotion { family, label } => {
                let home = families
                    .iter_mut()
                    .find(|f| f.key == family)
                    .ok_or_else(|| {
                        Error::corrupted("custom_vocabulary: an emotion in an unknown family")
                    })?;
                home.words.push(EmotionWord {
                    key: word_key,
                    label,
                    family,
                    custom: true,
                });
            }
            CustomWord::Trigger { label } => tags.push(TriggerTag {
                key: word_key,
                label,
                custom: true,
            }),
        }
    }
    Ok((families, tags))
}

/// Trims and checks a label a person typed: 1 to 40 characters, no control characters.
pub(super) fn clean_label(label: &str) -> Result<String> {
    let label = label.trim();
    if label.is_empty() {
        return Err(Error::invalid("label", "must not be empty"));
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(Error::invalid("label", "is longer than 40 characters"));
    }
    if label.chars().any(char::is_control) {
        return Err(Error::invalid(
            "label",
            "must not contain control characters",
        ));
    }
    Ok(label.to_owned())
}

fn same_label(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

fn insert(conn: &Connection, key: &DataKey, word: &CustomWord, now: Timestamp) -> Result<String> {
    let id = Uuid::now_v7().hyphenated().to_string();
    insert_with_id(conn, key, &id, word, now)?;
    Ok(format!("custom:{id}"))
}

/// Stores a custom word under a given id (new words, and words brought back by an import).
pub(super) fn insert_with_id(
    conn: &Connection,
    key: &DataKey,
    id: &str,
    word: &CustomWord,
    now: Timestamp,
) -> Result<()> {
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(word).map_err(|_| Error::Internal("encoding a custom word"))?,
    );
    let blob = seal(key, &content_at(id), &json)?;
    conn.prepare_cached(
        "INSERT INTO custom_vocabulary (id, created_at, content) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, now.as_millis(), blob])?;
    Ok(())
}

/// Adds a person's own emotion word to `family`. Refused (`InvalidInput`) for an unknown
/// family, a bad label, or a label already in that family (ignoring case).
pub fn add_custom_emotion(
    conn: &Connection,
    key: &DataKey,
    family: &str,
    label: &str,
    now: Timestamp,
) -> Result<EmotionWord> {
    let label = clean_label(label)?;
    let families = emotion_vocabulary(conn, key)?;
    let home = families
        .iter()
        .find(|f| f.key == family)
        .ok_or_else(|| Error::invalid("family", "is not an emotion family key"))?;
    if home.words.iter().any(|w| same_label(&w.label, &label)) {
        return Err(Error::invalid("label", "is already a word in this family"));
    }
    let word = CustomWord::Emotion {
        family: family.to_owned(),
        label: label.clone(),
    };
    let word_key = insert(conn, key, &word, now)?;
    Ok(EmotionWord {
        key: word_key,
        label,
        family: family.to_owned(),
        custom: true,
    })
}

/// Adds a person's own trigger/theme tag. Refused for a bad label or one already present.
pub fn add_custom_trigger(
    conn: &Connection,
    key: &DataKey,
    label: &str,
    now: Timestamp,
) -> Result<TriggerTag> {
    let label = clean_label(label)?;
    if trigger_vocabulary(conn, key)?
        .iter()
        .any(|t| same_label(&t.label, &label))
    {
        return Err(Error::invalid("label", "is already a trigger"));
    }
    let tag_key = insert(
        conn,
        key,
        &CustomWord::Trigger {
            label: label.clone(),
        },
        now,
    )?;
    Ok(TriggerTag {
        key: tag_key,
        label,
        custom: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn built_in_keys_are_unique_and_shaped_family_dot_word() {
        let families = builtin_emotions();
        assert_eq!(families.len(), 8);
        let mut keys = HashSet::new();
        for f in &families {
            assert_eq!(f.words.len(), 6, "{}", f.key);
            for w in &f.words {
                assert!(w.key.starts_with(&format!("{}.", f.key)), "{}", w.key);
                assert!(
                    w.key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                    "{}",
                    w.key
                );
                assert!(keys.insert(w.key.clone()), "duplicate key {}", w.key);
            }
        }
        assert!(keys.contains("fear.on_guard") && keys.contains("shame.self_conscious"));
    }

    #[test]
    fn the_issue_s_triggers_are_all_built_in() {
        let keys: Vec<_> = builtin_triggers().into_iter().map(|t| t.key).collect();
        for k in [
            "criticism",
            "conflict",
            "being_needed",
            "physical_closeness",
            "being_seen",
            "dependence",
            "uncertainty",
            "rejection",
            "loss_of_independence",
        ] {
            assert!(keys.contains(&k.to_owned()), "{k}");
        }
    }

    #[test]
    fn labels_are_trimmed_and_bounded() {
        assert_eq!(clean_label("  raw  ").unwrap(), "raw");
        assert!(matches!(
            clean_label(" "),
            Err(Error::InvalidInput { field: "label", .. })
        ));
        assert!(matches!(
            clean_label(&"é".repeat(41)),
            Err(Error::InvalidInput { field: "label", .. })
        ));
        assert!(clean_label(&"é".repeat(40)).is_ok());
        assert!(matches!(
            clean_label("a\u{0}b"),
            Err(Error::InvalidInput { field: "label", .. })
        ));
    }
}
