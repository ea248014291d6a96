//! The journal's part of the open export: every item read out in plain form, and items
//! written back with their own ids and instants.
//!
//! The shapes here are the export's JSON records (documented in `docs/formats.md`); the
//! file around them, and the transaction an import runs in, belong to `crate::export`.
//! Writing back runs every check a normal write runs (content rules, sizes, vocabulary
//! keys), and an item whose id is already in the vault is skipped, so importing the same
//! file twice adds nothing the second time.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::content::{Completeness, EntryContent};
use super::document::{FORMAT_JSON, KnownKeys, check_known, encode};
use super::entries::{COLUMNS, SealedEntry};
use super::entry::{EntryId, NewEntry};
use super::vocabulary::{CustomWord, custom_words, insert_with_id};
use crate::crypto::{DataKey, SealedAt, seal};
use crate::error::{Error, Result};
use crate::time::Timestamp;

/// An entry, in the journal or in the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableEntry {
    /// The entry's id (a UUID).
    pub id: String,
    /// When it was written (UTC epoch milliseconds).
    pub created_at: i64,
    /// When it was last changed.
    pub updated_at: i64,
    /// When it was moved to the trash, if it is there.
    #[serde(default)]
    pub trashed_at: Option<i64>,
    /// What it says.
    pub content: EntryContent,
    /// The person's own tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links to other items.
    #[serde(default)]
    pub links: Vec<String>,
}

/// A draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableDraft {
    /// The draft's id (a UUID).
    pub id: String,
    /// When it was started.
    pub created_at: i64,
    /// When it was last saved.
    pub updated_at: i64,
    /// What it says so far.
    pub content: EntryContent,
    /// Tags so far.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Links so far.
    #[serde(default)]
    pub links: Vec<String>,
}

/// A word the person added to the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortableWord {
    /// The key entries use for it: `custom:<uuid>`.
    pub key: String,
    /// When it was added.
    pub created_at: i64,
    /// `emotion` or `trigger`.
    pub kind: String,
    /// The emotion family key, for emotions.
    #[serde(default)]
    pub family: Option<String>,
    /// The word as the person wrote it.
    pub label: String,
}

/// Calls `each` with every entry (journal and trash), oldest first, one at a time.
pub fn for_each_entry(
    conn: &Connection,
    key: &DataKey,
    mut each: impl FnMut(PortableEntry) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM entries ORDER BY created_at, id"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let entry = SealedEntry::from_row(row)?.open(key)?;
        each(PortableEntry {
            id: entry.id.to_string(),
            created_at: entry.created_at.as_millis(),
            updated_at: entry.updated_at.as_millis(),
            trashed_at: entry.trashed_at.map(Timestamp::as_millis),
            content: entry.content,
            tags: entry.tags,
            links: entry.links,
        })?;
    }
    Ok(())
}

/// Every draft, oldest first.
pub fn all_drafts(conn: &Connection, key: &DataKey) -> Result<Vec<PortableDraft>> {
    let mut drafts: Vec<PortableDraft> = super::drafts::drafts(conn, key)?
        .into_iter()
        .map(|d| PortableDraft {
            id: d.id.to_string(),
            created_at: d.created_at.as_millis(),
            updated_at: d.updated_at.as_millis(),
            content: d.content,
            tags: d.tags,
            links: d.links,
        })
        .collect();
    drafts.sort_unstable_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(drafts)
}

/// Every custom word, oldest first.
pub fn all_custom_words(conn: &Connection, key: &DataKey) -> Result<Vec<PortableWord>> {
    Ok(custom_words(conn, key)?
        .into_iter()
        .map(|(word_key, created_at, word)| match word {
            CustomWord::Emotion { family, label } => PortableWord {
                key: word_key,
                created_at,
                kind: "emotion".into(),
                family: Some(family),
                label,
            },
            CustomWord::Trigger { label } => PortableWord {
                key: word_key,
                created_at,
                kind: "trigger".into(),
                family: None,
                label,
            },
        })
        .collect())
}

/// Writes a word back under its key; `false` if that key is already present.
pub fn import_word(conn: &Connection, key: &DataKey, word: &PortableWord) -> Result<bool> {
    let id = word
        .key
        .strip_prefix("custom:")
        .filter(|id| uuid::Uuid::try_parse(id).is_ok())
        .ok_or_else(|| Error::invalid("custom_vocabulary.key", "must be custom:<uuid>"))?;
    if exists(conn, "custom_vocabulary", id)? {
        return Ok(false);
    }
    let stored = match (word.kind.as_str(), &word.family) {
        ("emotion", Some(family)) => {
            if !super::vocabulary::builtin_emotions()
                .iter()
                .any(|f| &f.key == family)
            {
                return Err(Error::invalid(
                    "custom_vocabulary.family",
                    "is not an emotion family key",
                ));
            }
            CustomWord::Emotion {
                family: family.clone(),
                label: super::vocabulary::clean_label(&word.label)?,
            }
        }
        ("trigger", None) => CustomWord::Trigger {
            label: super::vocabulary::clean_label(&word.label)?,
        },
        _ => {
            return Err(Error::invalid(
                "custom_vocabulary.kind",
                "must be emotion (with a family) or trigger (without one)",
            ));
        }
    };
    insert_with_id(
        conn,
        key,
        id,
        &stored,
        Timestamp::from_millis(word.created_at),
    )?;
    Ok(true)
}

/// Reads the vocabulary an import's entries are checked against: call it after the
/// import's words are written, once for all its entries and drafts.
pub fn vocabulary_for_import(conn: &Connection, key: &DataKey) -> Result<KnownKeys> {
    KnownKeys::load(conn, key)
}

/// Writes an entry back with its id and instants; `false` if the id is already present.
pub fn import_entry(
    conn: &Connection,
    key: &DataKey,
    known: &KnownKeys,
    entry: &PortableEntry,
) -> Result<bool> {
    let Some((id, sealed)) = checked_and_sealed(
        conn,
        key,
        known,
        Imported {
            table: "entries",
            column: "body",
            id_field: "entries.id",
            id: &entry.id,
            created_at: entry.created_at,
            updated_at: entry.updated_at,
            content: &entry.content,
            tags: &entry.tags,
            links: &entry.links,
            completeness: Completeness::Required,
        },
    )?
    else {
        return Ok(false);
    };
    conn.prepare_cached(
        "INSERT INTO entries (id, created_at, updated_at, trashed_at, format, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        entry.created_at,
        entry.updated_at,
        entry.trashed_at,
        FORMAT_JSON,
        sealed
    ])?;
    Ok(true)
}

/// Writes a draft back with its id and instants; `false` if the id is already present.
pub fn import_draft(
    conn: &Connection,
    key: &DataKey,
    known: &KnownKeys,
    draft: &PortableDraft,
) -> Result<bool> {
    let Some((id, sealed)) = checked_and_sealed(
        conn,
        key,
        known,
        Imported {
            table: "drafts",
            column: "content",
            id_field: "drafts.id",
            id: &draft.id,
            created_at: draft.created_at,
            updated_at: draft.updated_at,
            content: &draft.content,
            tags: &draft.tags,
            links: &draft.links,
            completeness: Completeness::Partial,
        },
    )?
    else {
        return Ok(false);
    };
    conn.prepare_cached(
        "INSERT INTO drafts (id, created_at, updated_at, content) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, draft.created_at, draft.updated_at, sealed])?;
    Ok(true)
}

/// What entries and drafts share on the way in.
struct Imported<'a> {
    table: &'static str,
    column: &'static str,
    id_field: &'static str,
    id: &'a str,
    created_at: i64,
    updated_at: i64,
    content: &'a EntryContent,
    tags: &'a [String],
    links: &'a [String],
    completeness: Completeness,
}

/// The canonical id and the sealed document of an item to import, or `None` when the id
/// is already in the vault. Every check of a normal write runs first.
fn checked_and_sealed(
    conn: &Connection,
    key: &DataKey,
    known: &KnownKeys,
    item: Imported<'_>,
) -> Result<Option<(String, Vec<u8>)>> {
    let id = EntryId::parse(item.id, item.id_field)?.to_string();
    if exists(conn, item.table, &id)? {
        return Ok(None);
    }
    let new = NewEntry {
        content: item.content.clone(),
        tags: item.tags.to_vec(),
        links: item.links.to_vec(),
    };
    check_known(&new, item.completeness, known)?;
    check_instants(item.created_at, item.updated_at)?;
    let at = SealedAt {
        table: item.table,
        column: item.column,
        row: &id,
    };
    let sealed = seal(key, &at, &encode(&new)?)?;
    Ok(Some((id, sealed)))
}

fn check_instants(created: i64, updated: i64) -> Result<()> {
    if created < 0 || updated < created {
        return Err(Error::invalid(
            "updated_at",
            "must not be before created_at (and neither before 1970)",
        ));
    }
    Ok(())
}

fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}
