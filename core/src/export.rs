//! The open export: everything a person wrote, as documented JSON they can take anywhere.
//!
//! This is the one way plaintext leaves the vault on purpose, so it happens only through
//! an explicit call ([`crate::Vault::export_json`]) and is never written anywhere the
//! caller did not name. Importing the file back ([`crate::Vault::import_json`]) restores
//! the items with their ids and instants, so moving between phones, or out of Innermost
//! and back, loses nothing and duplicates nothing.
//!
//! ```json
//! { "format": "innermost-export", "version": 1,
//!   "exported_at": 1768467600000, "vault_id": "…", "schema_version": 5,
//!   "custom_vocabulary": [ … ], "drafts": [ … ],
//!   "entries": [
//!     { "id": "…", "created_at": …, "updated_at": …, "trashed_at": null,
//!       "content": { "kind": "reflection", … }, "tags": [], "links": [] },
//!     …
//!   ] }
//! ```
//!
//! Every field is described in `docs/formats.md`. Entries are written one at a time as
//! they are read, so the export's memory stays flat; an import reads the whole file (it is
//! the person's own file, at most [`MAX_IMPORT_BYTES`]) and validates every item inside
//! one transaction before it commits.

use std::io::Write;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::journal::portable::{PortableDraft, PortableEntry, PortableWord};

/// The `format` field of every export.
pub const EXPORT_FORMAT: &str = "innermost-export";
/// The version this build writes and the newest it reads.
pub const EXPORT_VERSION: u32 = 1;
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
    /// Entries, the trash included.
    #[serde(default)]
    pub entries: Vec<PortableEntry>,
}

/// Writes an export as a stream: the head and small lists first, then one entry per
/// call to [`ExportWriter::entry`], then [`ExportWriter::finish`].
pub struct ExportWriter<W: Write> {
    out: W,
    entries: u64,
}

impl<W: Write> ExportWriter<W> {
    /// Writes everything before the entries.
    pub fn start(
        mut out: W,
        head: &ExportHead,
        words: &[PortableWord],
        drafts: &[PortableDraft],
    ) -> Result<Self> {
        let json = |e: serde_json::Error| Error::Io(e.into());
        write!(
            out,
            "{{\"format\":{},\"version\":{},\"exported_at\":{},\"vault_id\":{},\"schema_version\":{},\n\"custom_vocabulary\":",
            serde_json::to_string(&head.format).map_err(json)?,
            head.version,
            head.exported_at,
            serde_json::to_string(&head.vault_id).map_err(json)?,
            head.schema_version,
        )?;
        serde_json::to_writer(&mut out, words).map_err(json)?;
        out.write_all(b",\n\"drafts\":")?;
        serde_json::to_writer(&mut out, drafts).map_err(json)?;
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

/// Parses an export, refusing other files and newer versions with `InvalidInput` on
/// `file` (never quoting the file's content back).
pub fn parse_export(bytes: &[u8]) -> Result<ExportDocument> {
    match serde_json::from_slice::<ExportDocument>(bytes) {
        Ok(doc) => {
            check_head(Some(&doc.format), Some(doc.version))?;
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
