//! The open export: everything a person wrote, as documented JSON they can take anywhere.
//!
//! This is the one way plaintext leaves the vault on purpose, so it happens only through
//! an explicit call ([`crate::Vault::export_json`]) and is never written anywhere the
//! caller did not name. Importing the file back ([`crate::Vault::import_json`]) restores
//! the items with their ids and instants, so moving between phones, or out of Innermost
//! and back, loses nothing and duplicates nothing.
//!
//! ```json
//! { "format": "innermost-export", "version": 2,
//!   "exported_at": 1768467600000, "vault_id": "…", "schema_version": 7,
//!   "custom_vocabulary": [ … ], "drafts": [ … ],
//!   "rituals": [ … ], "ritual_occurrences": [ … ], "reminder_settings": { … },
//!   "practice_events": [ … ], "practice_pauses": [ … ], "ladder_steps": [ … ],
//!   "ladder_attempts": [ … ], "measures": [ … ], "measure_responses": [ … ],
//!   "setback_plan": { … }, "streak_settings": { … }, "milestones": [ … ],
//!   "entries": [
//!     { "id": "…", "created_at": …, "updated_at": …, "trashed_at": null,
//!       "content": { "kind": "reflection", … }, "tags": [], "links": [] },
//!     …
//!   ] }
//! ```
//!
//! Every field is described in `docs/formats.md`. Entries, the one list that grows
//! without bound, are written one at a time as they are read, so the export's memory
//! stays flat; the other lists are small records held whole. An import reads the whole
//! file (it is the person's own file, at most [`MAX_IMPORT_BYTES`]) and validates every
//! item inside one transaction before it commits. Version 1 files (journal only) are
//! still read; a version 1 reader refuses version 2 files as "newer", not as damage
//! (decisions §46).

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::calendar::{date_text, day_number, parse_date};
use crate::error::{Error, Result};
use crate::journal::portable::{PortableDraft, PortableEntry, PortableWord};
use crate::progress::portable::{
    PortableLadderAttempt, PortableLadderStep, PortableMeasure, PortableMeasureResponse,
    PortableMilestone, PortablePracticeEvent, PortablePracticePause, PortableSetbackPlan,
    PortableStreakSettings,
};
use crate::rituals::portable::{PortableOccurrence, PortableReminderSettings, PortableRitual};
use crate::time::{Timestamp, Zone};

/// The `format` field of every export.
pub const EXPORT_FORMAT: &str = "innermost-export";
/// The version this build writes and the newest it reads (it reads every older one).
pub const EXPORT_VERSION: u32 = 2;
/// The version that added the rituals and the progress model.
const FIRST_VERSION_WITH_PRACTICE: u32 = 2;
/// Largest file an import reads.
pub const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;

/// The fields before the item lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportHead {
    /// Always [`EXPORT_FORMAT`].
    pub format: String,
    /// The format version.
    pub version: u32,
    /// When the export was made (UTC epoch milliseconds).
    pub exported_at: i64,
    /// The id of the vault it came from.
    pub vault_id: String,
    /// The vault's schema version then.
    pub schema_version: i64,
}

/// A whole export, as an import reads it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDocument {
    /// See [`ExportHead`].
    pub format: String,
    /// See [`ExportHead`].
    pub version: u32,
    /// See [`ExportHead`].
    pub exported_at: i64,
    /// See [`ExportHead`].
    pub vault_id: String,
    /// See [`ExportHead`].
    pub schema_version: i64,
    /// The person's own vocabulary words.
    #[serde(default)]
    pub custom_vocabulary: Vec<PortableWord>,
    /// Unfinished entries.
    #[serde(default)]
    pub drafts: Vec<PortableDraft>,
    /// Rituals, archived ones included, each with its pauses (version 2).
    #[serde(default)]
    pub rituals: Vec<PortableRitual>,
    /// The rituals' completion log (version 2).
    #[serde(default)]
    pub ritual_occurrences: Vec<PortableOccurrence>,
    /// Quiet hours and the catch-up window, when ever set (version 2).
    #[serde(default)]
    pub reminder_settings: Option<PortableReminderSettings>,
    /// Victories, setbacks and recommitments (version 2).
    #[serde(default)]
    pub practice_events: Vec<PortablePracticeEvent>,
    /// Practice pauses (version 2).
    #[serde(default)]
    pub practice_pauses: Vec<PortablePracticePause>,
    /// The vulnerability ladder's steps (version 2).
    #[serde(default)]
    pub ladder_steps: Vec<PortableLadderStep>,
    /// Attempts of ladder steps (version 2).
    #[serde(default)]
    pub ladder_attempts: Vec<PortableLadderAttempt>,
    /// The person's own measures (version 2; the built-in scales are not written).
    #[serde(default)]
    pub measures: Vec<PortableMeasure>,
    /// Answers to measures, built-in or own (version 2).
    #[serde(default)]
    pub measure_responses: Vec<PortableMeasureResponse>,
    /// The setback plan, when written (version 2).
    #[serde(default)]
    pub setback_plan: Option<PortableSetbackPlan>,
    /// The streak settings, when ever set (version 2).
    #[serde(default)]
    pub streak_settings: Option<PortableStreakSettings>,
    /// Milestones raised (version 2).
    #[serde(default)]
    pub milestones: Vec<PortableMilestone>,
    /// Entries, the trash included.
    #[serde(default)]
    pub entries: Vec<PortableEntry>,
}

impl ExportDocument {
    /// Items in every list, entries included (what an import's progress counts).
    pub fn item_count(&self) -> u64 {
        [
            self.custom_vocabulary.len(),
            self.drafts.len(),
            self.rituals.len(),
            self.ritual_occurrences.len(),
            usize::from(self.reminder_settings.is_some()),
            self.practice_events.len(),
            self.practice_pauses.len(),
            self.ladder_steps.len(),
            self.ladder_attempts.len(),
            self.measures.len(),
            self.measure_responses.len(),
            usize::from(self.setback_plan.is_some()),
            usize::from(self.streak_settings.is_some()),
            self.milestones.len(),
            self.entries.len(),
        ]
        .iter()
        .map(|n| *n as u64)
        .sum()
    }

    /// Whether it holds any list a version 1 file cannot have.
    fn has_practice(&self) -> bool {
        self.item_count()
            > (self.custom_vocabulary.len() + self.drafts.len() + self.entries.len()) as u64
    }
}

/// Everything an export holds before its entries, in the order the file holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportLists {
    /// See [`ExportDocument::custom_vocabulary`].
    pub custom_vocabulary: Vec<PortableWord>,
    /// See [`ExportDocument::drafts`].
    pub drafts: Vec<PortableDraft>,
    /// See [`ExportDocument::rituals`].
    pub rituals: Vec<PortableRitual>,
    /// See [`ExportDocument::ritual_occurrences`].
    pub ritual_occurrences: Vec<PortableOccurrence>,
    /// See [`ExportDocument::reminder_settings`].
    pub reminder_settings: Option<PortableReminderSettings>,
    /// See [`ExportDocument::practice_events`].
    pub practice_events: Vec<PortablePracticeEvent>,
    /// See [`ExportDocument::practice_pauses`].
    pub practice_pauses: Vec<PortablePracticePause>,
    /// See [`ExportDocument::ladder_steps`].
    pub ladder_steps: Vec<PortableLadderStep>,
    /// See [`ExportDocument::ladder_attempts`].
    pub ladder_attempts: Vec<PortableLadderAttempt>,
    /// See [`ExportDocument::measures`].
    pub measures: Vec<PortableMeasure>,
    /// See [`ExportDocument::measure_responses`].
    pub measure_responses: Vec<PortableMeasureResponse>,
    /// See [`ExportDocument::setback_plan`].
    pub setback_plan: Option<PortableSetbackPlan>,
    /// See [`ExportDocument::streak_settings`].
    pub streak_settings: Option<PortableStreakSettings>,
    /// See [`ExportDocument::milestones`].
    pub milestones: Vec<PortableMilestone>,
}

/// Writes an export as a stream: the head and small lists first, then one entry per
/// call to [`ExportWriter::entry`], then [`ExportWriter::finish`].
pub struct ExportWriter<W: Write> {
    out: W,
    entries: u64,
}

impl<W: Write> ExportWriter<W> {
    /// Writes everything before the entries.
    pub fn start(mut out: W, head: &ExportHead, lists: &ExportLists) -> Result<Self> {
        write!(
            out,
            "{{\"format\":{},\"version\":{},\"exported_at\":{},\"vault_id\":{},\"schema_version\":{}",
            serde_json::to_string(&head.format).map_err(json)?,
            head.version,
            head.exported_at,
            serde_json::to_string(&head.vault_id).map_err(json)?,
            head.schema_version,
        )?;
        field(&mut out, "custom_vocabulary", &lists.custom_vocabulary)?;
        field(&mut out, "drafts", &lists.drafts)?;
        field(&mut out, "rituals", &lists.rituals)?;
        field(&mut out, "ritual_occurrences", &lists.ritual_occurrences)?;
        field(&mut out, "reminder_settings", &lists.reminder_settings)?;
        field(&mut out, "practice_events", &lists.practice_events)?;
        field(&mut out, "practice_pauses", &lists.practice_pauses)?;
        field(&mut out, "ladder_steps", &lists.ladder_steps)?;
        field(&mut out, "ladder_attempts", &lists.ladder_attempts)?;
        field(&mut out, "measures", &lists.measures)?;
        field(&mut out, "measure_responses", &lists.measure_responses)?;
        field(&mut out, "setback_plan", &lists.setback_plan)?;
        field(&mut out, "streak_settings", &lists.streak_settings)?;
        field(&mut out, "milestones", &lists.milestones)?;
        out.write_all(b",\n\"entries\":[")?;
        Ok(ExportWriter { out, entries: 0 })
    }

    /// Writes one entry.
    pub fn entry(&mut self, entry: &PortableEntry) -> Result<()> {
        self.out
            .write_all(if self.entries == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut self.out, entry).map_err(|e| Error::Io(e.into()))?;
        self.entries += 1;
        Ok(())
    }

    /// Closes the document; returns the output and the number of entries written.
    pub fn finish(mut self) -> Result<(W, u64)> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok((self.out, self.entries))
    }
}

fn json(e: serde_json::Error) -> Error {
    Error::Io(e.into())
}

/// Writes `,"name":value` on a line of its own.
fn field<W: Write, T: Serialize + ?Sized>(out: &mut W, name: &str, value: &T) -> Result<()> {
    write!(out, ",\n\"{name}\":")?;
    serde_json::to_writer(&mut *out, value).map_err(json)
}

/// Parses an export, refusing other files and newer versions with `InvalidInput` on
/// `file` (never quoting the file's content back).
pub fn parse_export(bytes: &[u8]) -> Result<ExportDocument> {
    match serde_json::from_slice::<ExportDocument>(bytes) {
        Ok(doc) => {
            check_head(Some(&doc.format), Some(doc.version))?;
            if doc.version < FIRST_VERSION_WITH_PRACTICE && doc.has_practice() {
                return Err(Error::invalid(
                    "file",
                    "says version 1 but holds lists that only version 2 has",
                ));
            }
            Ok(doc)
        }
        Err(e) => {
            // Only a file that does not parse is read again, for its head alone, to say
            // why: another kind of file, a newer version, or damage.
            let head: Head = serde_json::from_slice(bytes).map_err(|_| unreadable(&e))?;
            check_head(head.format.as_deref(), head.version)?;
            Err(unreadable(&e))
        }
    }
}

/// The two fields that say what a file is, whatever else it holds.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u32>,
}

fn check_head(format: Option<&str>, version: Option<u32>) -> Result<()> {
    if format != Some(EXPORT_FORMAT) {
        return Err(Error::invalid("file", "is not an Innermost export"));
    }
    match version {
        Some(v) if v > EXPORT_VERSION => Err(Error::Unsupported {
            what: "an export written by a newer version of Innermost",
        }),
        Some(v) if v >= 1 => Ok(()),
        _ => Err(Error::invalid("file", "has no valid format version")),
    }
}

/// Where parsing failed, never what the file says there.
fn unreadable(e: &serde_json::Error) -> Error {
    Error::invalid(
        "file",
        format!(
            "is not a readable Innermost export (line {}, column {})",
            e.line(),
            e.column()
        ),
    )
}

/// Says which item of which list a refusal came from (`rituals[2]: …`), keeping the
/// field name; other errors pass unchanged.
pub(crate) fn within(e: Error, list: &str, i: usize) -> Error {
    match e {
        Error::InvalidInput { field, reason } => Error::InvalidInput {
            field,
            reason: format!("{list}[{i}]: {reason}"),
        },
        other => other,
    }
}

/// An imported item's two instants: neither before 1970, the change not before the start.
pub(crate) fn check_instants(created: i64, updated: i64) -> Result<()> {
    if created < 0 || updated < created {
        return Err(Error::invalid(
            "updated_at",
            "must not be before created_at (and neither before 1970)",
        ));
    }
    Ok(())
}

/// An imported instant: not before 1970.
pub(crate) fn check_instant(at: i64, field: &'static str) -> Result<Timestamp> {
    if at < 0 {
        return Err(Error::invalid(field, "is before 1970"));
    }
    Ok(Timestamp::from_millis(at))
}

/// An imported local date (`YYYY-MM-DD`), in canonical form: it must be the date of `at`
/// in some time zone, so at most a day from its UTC date (zones run from UTC-12 to
/// UTC+14). A normal write computes it from the instant and the phone's zone; the
/// export keeps the date the person lived it on, which no zone given now could recompute.
pub(crate) fn checked_local_date(text: &str, at: Timestamp, field: &'static str) -> Result<String> {
    let date = parse_date(text, field)?;
    let utc = Zone::utc().local_date(at)?;
    if (day_number(date) - day_number(utc)).abs() > 1 {
        return Err(Error::invalid(
            field,
            "is not the date of its instant in any time zone",
        ));
    }
    Ok(date_text(date))
}
