//! The open JSON export and its import, as vault calls (the format is `crate::export`).

use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::Path;

use rusqlite::TransactionBehavior;

use super::handle::Vault;
use crate::error::{Error, Result};
use crate::export::{
    EXPORT_FORMAT, EXPORT_VERSION, ExportHead, ExportWriter, MAX_IMPORT_BYTES, parse_export,
};
use crate::journal::portable;
use crate::listener::{ProgressListener, report};
use crate::store::{self, files};

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportSummary {
    /// Entries written (the trash included).
    pub entries: u64,
    /// Drafts written.
    pub drafts: u64,
    /// Custom vocabulary words written.
    pub words: u64,
    /// Size of the file.
    pub bytes: u64,
}

/// What an import added, and what it skipped because the vault already had it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Entries added.
    pub entries_added: u64,
    /// Entries whose id was already in the vault.
    pub entries_skipped: u64,
    /// Drafts added.
    pub drafts_added: u64,
    /// Drafts whose id was already in the vault.
    pub drafts_skipped: u64,
    /// Words added.
    pub words_added: u64,
    /// Words whose key was already in the vault.
    pub words_skipped: u64,
}

impl Vault {
    /// Writes everything the person wrote to `destination` as readable JSON (see
    /// `docs/formats.md`). **This file is not encrypted**: call it only when the person
    /// asked for an export. `destination` must not exist; the file appears complete or not
    /// at all. Progress counts entries.
    pub fn export_json(
        &self,
        destination: &Path,
        listener: &dyn ProgressListener,
    ) -> Result<ExportSummary> {
        if destination.exists() {
            return Err(Error::AlreadyExists {
                path: destination.to_owned(),
            });
        }
        let staging = files::staging_path(destination, "partial");
        let now = self.now();
        let written = self.with_unlocked(|conn, key| {
            let head = ExportHead {
                format: EXPORT_FORMAT.to_owned(),
                version: EXPORT_VERSION,
                exported_at: now.as_millis(),
                vault_id: conn
                    .query_row("SELECT vault_id FROM vault WHERE id = 1", [], |r| r.get(0))?,
                schema_version: store::schema_version(conn)?,
            };
            let total: i64 = conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
            let total = u64::try_from(total).unwrap_or(0);
            let words = portable::all_custom_words(conn, key)?;
            let drafts = portable::all_drafts(conn, key)?;
            let file = File::options()
                .write(true)
                .create_new(true)
                .open(&staging)?;
            let mut writer = ExportWriter::start(BufWriter::new(file), &head, &words, &drafts)?;
            report(listener, 0, total)?;
            let mut done = 0u64;
            portable::for_each_entry(conn, key, |entry| {
                writer.entry(&entry)?;
                done += 1;
                if done.is_multiple_of(256) {
                    report(listener, done, total)?;
                }
                Ok(())
            })?;
            let (out, entries) = writer.finish()?;
            report(listener, entries, total)?;
            out.into_inner()
                .map_err(|e| Error::Io(e.into_error()))?
                .sync_all()?;
            Ok(ExportSummary {
                entries,
                drafts: drafts.len() as u64,
                words: words.len() as u64,
                bytes: std::fs::metadata(&staging)?.len(),
            })
        });
        let published =
            written.and_then(|summary| files::publish_new(&staging, destination).map(|()| summary));
        if published.is_err() {
            let _ = std::fs::remove_file(&staging);
        }
        published
    }

    /// Reads an export made by [`Vault::export_json`] (from this vault or another) and adds
    /// what it holds, keeping ids and instants. Items already present (same id) are
    /// skipped, so importing twice adds nothing. Every item is checked like a normal
    /// write; the first one refused stops the import with `InvalidInput` naming the field
    /// and the item (`entries[3]: …`) and nothing is added. Progress counts items.
    pub fn import_json(
        &self,
        source: &Path,
        listener: &dyn ProgressListener,
    ) -> Result<ImportSummary> {
        let mut file = match File::open(source) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotFound {
                    what: "export file",
                });
            }
            Err(e) => return Err(e.into()),
        };
        if file.metadata()?.len() > MAX_IMPORT_BYTES {
            return Err(Error::invalid("file", "is larger than 512 MiB"));
        }
        let mut bytes = zeroize::Zeroizing::new(Vec::new());
        file.read_to_end(&mut bytes)?;
        let doc = parse_export(&bytes)?;
        drop(bytes);
        let total = (doc.custom_vocabulary.len() + doc.drafts.len() + doc.entries.len()) as u64;
        self.with_journal(|conn, key, index| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            let mut summary = ImportSummary::default();
            let mut done = 0u64;
            report(listener, done, total)?;
            for (i, word) in doc.custom_vocabulary.iter().enumerate() {
                let added = portable::import_word(&tx, key, word)
                    .map_err(|e| at_item(e, "custom_vocabulary", i))?;
                count(added, &mut summary.words_added, &mut summary.words_skipped);
                done += 1;
            }
            // The words are in now: read the vocabulary once for every entry and draft.
            let known = portable::vocabulary_for_import(&tx, key)?;
            for (i, draft) in doc.drafts.iter().enumerate() {
                let added = portable::import_draft(&tx, key, &known, draft)
                    .map_err(|e| at_item(e, "drafts", i))?;
                count(
                    added,
                    &mut summary.drafts_added,
                    &mut summary.drafts_skipped,
                );
                done += 1;
            }
            report(listener, done, total)?;
            for (i, entry) in doc.entries.iter().enumerate() {
                let added = portable::import_entry(&tx, key, &known, entry)
                    .map_err(|e| at_item(e, "entries", i))?;
                count(
                    added,
                    &mut summary.entries_added,
                    &mut summary.entries_skipped,
                );
                done += 1;
                if done.is_multiple_of(256) {
                    report(listener, done, total)?;
                }
            }
            report(listener, done, total)?;
            tx.commit()?;
            // The search index is rebuilt on the next search, with the new entries.
            *index = None;
            Ok(summary)
        })
    }
}

fn count(added: bool, added_count: &mut u64, skipped_count: &mut u64) {
    if added {
        *added_count += 1;
    } else {
        *skipped_count += 1;
    }
}

/// Says which item a refusal came from, keeping the field name.
fn at_item(e: Error, list: &str, i: usize) -> Error {
    match e {
        Error::InvalidInput { field, reason } => Error::InvalidInput {
            field,
            reason: format!("{list}[{i}]: {reason}"),
        },
        other => other,
    }
}
