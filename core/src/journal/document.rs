//! The sealed document behind an entry or a draft, and the checks every write makes.
//!
//! Format 1 (schema 2): the sealed body was the entry's text alone; it reads back as a
//! reflection. Format 2: a JSON object `{"content": …, "tags": […], "links": […]}`. Rows
//! are rewritten in format 2 when next edited; nothing needs the key during a migration.

use std::collections::HashSet;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::content::{Completeness, EntryContent, keys_used, validate, validate_tags};
use super::entry::NewEntry;
use super::vocabulary::vocabularies;
use crate::crypto::DataKey;
use crate::error::{Error, Result};

/// Plain UTF-8 text (written by schema 2).
pub(super) const FORMAT_TEXT: i64 = 1;
/// The JSON document.
pub(super) const FORMAT_JSON: i64 = 2;

/// Largest sealed document, in bytes: a full thought record fits many times over.
pub const MAX_DOCUMENT_BYTES: usize = 128 * 1024;

#[derive(Serialize, Deserialize)]
struct Document {
    content: EntryContent,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
}

/// Serialises a (validated) entry into the bytes that get sealed.
pub(super) fn encode(entry: &NewEntry) -> Result<Zeroizing<Vec<u8>>> {
    let doc = Document {
        content: entry.content.clone(),
        tags: entry.tags.clone(),
        links: entry.links.clone(),
    };
    let bytes =
        Zeroizing::new(serde_json::to_vec(&doc).map_err(|_| Error::Internal("encoding an entry"))?);
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::invalid("content", "is larger than 128 KiB in total"));
    }
    Ok(bytes)
}

/// Reads opened bytes in the given format; `what` names the damage if they do not parse.
pub(super) fn decode(format: i64, plain: &[u8], what: &str) -> Result<NewEntry> {
    match format {
        FORMAT_TEXT => {
            let text = std::str::from_utf8(plain).map_err(|_| Error::corrupted(what))?;
            Ok(NewEntry::reflection(text))
        }
        FORMAT_JSON => {
            let doc: Document =
                serde_json::from_slice(plain).map_err(|_| Error::corrupted(what))?;
            Ok(NewEntry {
                content: doc.content,
                tags: doc.tags,
                links: doc.links,
            })
        }
        _ => Err(Error::corrupted(what)),
    }
}

/// Every rule a write must pass before anything is stored: the content's own rules, tags,
/// links, and — for complete entries — that every emotion and trigger key is in the
/// person's vocabulary (read only when the entry names a key).
pub(super) fn check(
    conn: &Connection,
    key: &DataKey,
    entry: &NewEntry,
    completeness: Completeness,
) -> Result<()> {
    check_rules(entry, completeness)?;
    let (emotions, triggers) = keys_used(&entry.content);
    if emotions.is_empty() && triggers.is_empty() {
        return Ok(());
    }
    check_keys(entry, &KnownKeys::load(conn, key)?)
}

/// [`check`] against a vocabulary already read, for writes of many items at once (an
/// import) so the custom words are opened once, not once per item.
pub(super) fn check_known(
    entry: &NewEntry,
    completeness: Completeness,
    known: &KnownKeys,
) -> Result<()> {
    check_rules(entry, completeness)?;
    check_keys(entry, known)
}

/// Every emotion and trigger key of the person's vocabulary (built-in and their own).
pub struct KnownKeys {
    emotions: HashSet<String>,
    triggers: HashSet<String>,
}

impl KnownKeys {
    /// Reads the vocabulary, opening the custom words once.
    pub(super) fn load(conn: &Connection, key: &DataKey) -> Result<Self> {
        let (families, triggers) = vocabularies(conn, key)?;
        Ok(KnownKeys {
            emotions: families
                .into_iter()
                .flat_map(|f| f.words)
                .map(|w| w.key)
                .collect(),
            triggers: triggers.into_iter().map(|t| t.key).collect(),
        })
    }
}

fn check_rules(entry: &NewEntry, completeness: Completeness) -> Result<()> {
    validate(&entry.content, completeness)?;
    validate_tags(&entry.tags)?;
    if entry.links.len() > super::content::MAX_LIST_LEN {
        return Err(Error::invalid("links", "has more than 20 links"));
    }
    if entry
        .links
        .iter()
        .any(|l| uuid::Uuid::try_parse(l).is_err())
    {
        return Err(Error::invalid("links", "each link must be a UUID"));
    }
    Ok(())
}

fn check_keys(entry: &NewEntry, known: &KnownKeys) -> Result<()> {
    let (emotions, triggers) = keys_used(&entry.content);
    if let Some((field, _)) = emotions.iter().find(|(_, k)| !known.emotions.contains(*k)) {
        return Err(Error::invalid(
            field,
            "names an emotion that is not in the vocabulary",
        ));
    }
    if triggers.iter().any(|k| !known.triggers.contains(*k)) {
        return Err(Error::invalid(
            "pattern_log.triggers",
            "names a trigger that is not in the vocabulary",
        ));
    }
    Ok(())
}
