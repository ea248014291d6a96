//! The open JSON export and its import, as vault calls (the format is `crate::export`).

use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::Path;

use rusqlite::TransactionBehavior;

use super::handle::Vault;
use crate::error::{Error, Result};
use crate::export::{
    EXPORT_FORMAT, EXPORT_VERSION, ExportHead, ExportLists, ExportWriter, MAX_IMPORT_BYTES,
    parse_export, within,
};
use crate::journal::portable;
use crate::listener::{ProgressListener, report};
use crate::progress::portable as progress;
use crate::rituals::portable as rituals;
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
    /// Rituals written (archived ones included; their pauses ride with them).
    pub rituals: u64,
    /// Records of the rituals' completion log written.
    pub ritual_occurrences: u64,
    /// 1 when the reminder settings were written (they are, once ever set), else 0.
    pub reminder_settings: u64,
    /// Practice events written.
    pub practice_events: u64,
    /// Practice pauses written.
    pub practice_pauses: u64,
    /// Ladder steps written.
    pub ladder_steps: u64,
    /// Ladder attempts written.
    pub ladder_attempts: u64,
    /// The person's own measures written (the built-in scales never are).
    pub measures: u64,
    /// Measure responses written.
    pub measure_responses: u64,
    /// 1 when the setback plan was written, else 0.
    pub setback_plan: u64,
    /// 1 when the streak settings were written, else 0.
    pub streak_settings: u64,
    /// Milestones raised, written.
    pub milestones: u64,
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
    /// Rituals added, with their pauses.
    pub rituals_added: u64,
    /// Rituals whose id was already in the vault (their pauses were left as they are).
    pub rituals_skipped: u64,
    /// Completion-log records added.
    pub ritual_occurrences_added: u64,
    /// Completion-log records whose occurrence already had a record.
    pub ritual_occurrences_skipped: u64,
    /// 1 when the reminder settings were added, else 0.
    pub reminder_settings_added: u64,
    /// 1 when the file's reminder settings were skipped because the vault has its own.
    pub reminder_settings_skipped: u64,
    /// Practice events added.
    pub practice_events_added: u64,
    /// Practice events whose id was already in the vault.
    pub practice_events_skipped: u64,
    /// Practice pauses added.
    pub practice_pauses_added: u64,
    /// Practice pauses whose id was already in the vault.
    pub practice_pauses_skipped: u64,
    /// Ladder steps added.
    pub ladder_steps_added: u64,
    /// Ladder steps whose id was already in the vault.
    pub ladder_steps_skipped: u64,
    /// Ladder attempts added.
    pub ladder_attempts_added: u64,
    /// Ladder attempts whose id was already in the vault.
    pub ladder_attempts_skipped: u64,
    /// Measures added.
    pub measures_added: u64,
    /// Measures whose id was already in the vault.
    pub measures_skipped: u64,
    /// Measure responses added.
    pub measure_responses_added: u64,
    /// Measure responses whose id was already in the vault.
    pub measure_responses_skipped: u64,
    /// 1 when the setback plan was added, else 0.
    pub setback_plan_added: u64,
    /// 1 when the file's setback plan was skipped because the vault has its own.
    pub setback_plan_skipped: u64,
    /// 1 when the streak settings were added, else 0.
    pub streak_settings_added: u64,
    /// 1 when the file's streak settings were skipped because the vault has its own.
    pub streak_settings_skipped: u64,
    /// Milestones added, as raised where the file came from.
    pub milestones_added: u64,
    /// Milestones whose id, or whose kind, was already raised in the vault (a milestone
    /// is raised once per vault).
    pub milestones_skipped: u64,
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
            let lists = export_lists(conn, key)?;
            let file = File::options()
                .write(true)
                .create_new(true)
                .open(&staging)?;
            let mut writer = ExportWriter::start(BufWriter::new(file), &head, &lists)?;
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
            let n = |len: usize| len as u64;
            Ok(ExportSummary {
                entries,
                drafts: n(lists.drafts.len()),
                words: n(lists.custom_vocabulary.len()),
                rituals: n(lists.rituals.len()),
                ritual_occurrences: n(lists.ritual_occurrences.len()),
                reminder_settings: u64::from(lists.reminder_settings.is_some()),
                practice_events: n(lists.practice_events.len()),
                practice_pauses: n(lists.practice_pauses.len()),
                ladder_steps: n(lists.ladder_steps.len()),
                ladder_attempts: n(lists.ladder_attempts.len()),
                measures: n(lists.measures.len()),
                measure_responses: n(lists.measure_responses.len()),
                setback_plan: u64::from(lists.setback_plan.is_some()),
                streak_settings: u64::from(lists.streak_settings.is_some()),
                milestones: n(lists.milestones.len()),
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

    /// Reads an export made by [`Vault::export_json`] (from this vault or another, version
    /// 1 or 2) and adds what it holds, keeping ids and instants. Items already present
    /// (same id) are skipped, so importing twice adds nothing; the setback plan, streak
    /// and reminder settings are written only where the vault has none, and a milestone
    /// only when its kind was never raised here. Every item is checked like a normal
    /// write, references included (an occurrence's ritual, an attempt's step, a
    /// response's measure must be in the vault or earlier in the file); the first one
    /// refused stops the import with `InvalidInput` naming the field and the item
    /// (`entries[3]: …`) and nothing is added. Progress counts items.
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
        let total = doc.item_count();
        self.with_journal(|conn, key, index| {
            let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
            let mut summary = ImportSummary::default();
            let mut done = 0u64;
            report(listener, done, total)?;
            for (i, word) in doc.custom_vocabulary.iter().enumerate() {
                let added = portable::import_word(&tx, key, word)
                    .map_err(|e| within(e, "custom_vocabulary", i))?;
                count(added, &mut summary.words_added, &mut summary.words_skipped);
                done += 1;
            }
            // The words are in now: read the vocabulary once for every entry and draft.
            let known = portable::vocabulary_for_import(&tx, key)?;
            for (i, draft) in doc.drafts.iter().enumerate() {
                let added = portable::import_draft(&tx, key, &known, draft)
                    .map_err(|e| within(e, "drafts", i))?;
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
                    .map_err(|e| within(e, "entries", i))?;
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
            import_rituals(&tx, key, &doc, &mut summary, &mut done)?;
            report(listener, done, total)?;
            import_progress(&tx, key, &doc, &mut summary, &mut done)?;
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

/// Everything an export writes before its entries.
fn export_lists(conn: &rusqlite::Connection, key: &crate::crypto::DataKey) -> Result<ExportLists> {
    let ritual_list = rituals::all_rituals(conn, key)?;
    Ok(ExportLists {
        custom_vocabulary: portable::all_custom_words(conn, key)?,
        drafts: portable::all_drafts(conn, key)?,
        ritual_occurrences: rituals::all_occurrences(conn, key, &ritual_list)?,
        rituals: ritual_list,
        reminder_settings: rituals::stored_reminder_settings(conn)?,
        practice_events: progress::all_practice_events(conn, key)?,
        practice_pauses: progress::all_practice_pauses(conn)?,
        ladder_steps: progress::all_ladder_steps(conn, key)?,
        ladder_attempts: progress::all_ladder_attempts(conn, key)?,
        measures: progress::all_measures(conn, key)?,
        measure_responses: progress::all_measure_responses(conn, key)?,
        setback_plan: progress::stored_setback_plan(conn, key)?,
        streak_settings: progress::stored_streak_settings(conn, key)?,
        milestones: progress::all_milestones(conn, key)?,
    })
}

/// Imports each item of `list` with `import`, naming the list and position of a refusal
/// and counting what was added and skipped.
fn each<T>(
    list: &[T],
    name: &str,
    added: &mut u64,
    skipped: &mut u64,
    done: &mut u64,
    mut import: impl FnMut(&T) -> Result<bool>,
) -> Result<()> {
    for (i, item) in list.iter().enumerate() {
        let was_added = import(item).map_err(|e| within(e, name, i))?;
        count(was_added, added, skipped);
        *done += 1;
    }
    Ok(())
}

/// Rituals (with their pauses) first, then the log that refers to them, then the
/// settings.
fn import_rituals(
    tx: &rusqlite::Connection,
    key: &crate::crypto::DataKey,
    doc: &crate::export::ExportDocument,
    s: &mut ImportSummary,
    done: &mut u64,
) -> Result<()> {
    each(
        &doc.rituals,
        "rituals",
        &mut s.rituals_added,
        &mut s.rituals_skipped,
        done,
        |r| rituals::import_ritual(tx, key, r),
    )?;
    each(
        &doc.ritual_occurrences,
        "ritual_occurrences",
        &mut s.ritual_occurrences_added,
        &mut s.ritual_occurrences_skipped,
        done,
        |o| rituals::import_occurrence(tx, key, o),
    )?;
    each(
        doc.reminder_settings.as_slice(),
        "reminder_settings",
        &mut s.reminder_settings_added,
        &mut s.reminder_settings_skipped,
        done,
        |r| rituals::import_reminder_settings(tx, r),
    )
}

/// The progress model, each list after the ones it refers to: steps before attempts,
/// measures before responses; practice events after the import's words (their trigger
/// tags); milestones last.
fn import_progress(
    tx: &rusqlite::Connection,
    key: &crate::crypto::DataKey,
    doc: &crate::export::ExportDocument,
    s: &mut ImportSummary,
    done: &mut u64,
) -> Result<()> {
    // "Not in the future" for an attempt means not after the file was written: the
    // phone it came from checked it against its own clock, which this one need not share.
    let written_at = crate::time::Timestamp::from_millis(doc.exported_at);
    let triggers = progress::triggers_for_import(tx, key)?;
    each(
        &doc.practice_events,
        "practice_events",
        &mut s.practice_events_added,
        &mut s.practice_events_skipped,
        done,
        |e| progress::import_practice_event(tx, key, &triggers, e),
    )?;
    each(
        &doc.practice_pauses,
        "practice_pauses",
        &mut s.practice_pauses_added,
        &mut s.practice_pauses_skipped,
        done,
        |p| progress::import_practice_pause(tx, p),
    )?;
    each(
        &doc.ladder_steps,
        "ladder_steps",
        &mut s.ladder_steps_added,
        &mut s.ladder_steps_skipped,
        done,
        |step| progress::import_ladder_step(tx, key, step),
    )?;
    each(
        &doc.ladder_attempts,
        "ladder_attempts",
        &mut s.ladder_attempts_added,
        &mut s.ladder_attempts_skipped,
        done,
        |a| progress::import_ladder_attempt(tx, key, a, written_at),
    )?;
    each(
        &doc.measures,
        "measures",
        &mut s.measures_added,
        &mut s.measures_skipped,
        done,
        |m| progress::import_measure(tx, key, m),
    )?;
    let known = progress::measures_for_import(tx, key)?;
    each(
        &doc.measure_responses,
        "measure_responses",
        &mut s.measure_responses_added,
        &mut s.measure_responses_skipped,
        done,
        |r| progress::import_measure_response(tx, key, &known, r),
    )?;
    each(
        doc.setback_plan.as_slice(),
        "setback_plan",
        &mut s.setback_plan_added,
        &mut s.setback_plan_skipped,
        done,
        |p| progress::import_setback_plan(tx, key, p),
    )?;
    each(
        doc.streak_settings.as_slice(),
        "streak_settings",
        &mut s.streak_settings_added,
        &mut s.streak_settings_skipped,
        done,
        |p| progress::import_streak_settings(tx, key, p),
    )?;
    each(
        &doc.milestones,
        "milestones",
        &mut s.milestones_added,
        &mut s.milestones_skipped,
        done,
        |m| progress::import_milestone(tx, key, m),
    )
}
