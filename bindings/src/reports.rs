//! Reports for therapy as Kotlin and Swift see them: the request a person fills in and
//! the formats a report can be written in. Both are `innermost-reports`' own types,
//! declared with `#[uniffi::remote]` so the compiler checks the field lists.
//!
//! Ids in the request: section ids `measures`, `safety`, `practice`, `thought_records`,
//! `setbacks`, `entries`, `gaps`, `growth`, `agenda`; template ids `cbt`, `schema`,
//! `attachment`, `couples`, `general` (docs/formats.md, "Report for therapy").

use innermost::EntryId;
use innermost::progress::ProgressId;
use innermost_reports::{ReportFormat, ReportRequest};

/// A report for therapy, as the person chose it. Nothing they wrote appears in the report
/// unless it is picked here (or is the agenda, which they write for the report).
#[uniffi::remote(Record)]
pub struct ReportRequest {
    /// First local date covered, `YYYY-MM-DD` (inclusive).
    pub from: String,
    /// Last local date covered, `YYYY-MM-DD` (inclusive; may equal `from`; at most two
    /// years after it).
    pub to: String,
    /// The IANA zone the dates are read in (e.g. `Europe/Paris`).
    pub zone: String,
    /// The therapy it is for: `cbt`, `schema`, `attachment`, `couples` or `general`.
    pub template: String,
    /// Section ids to show although the template leaves them out.
    pub turned_on: Vec<String>,
    /// Section ids to leave out although the template shows them.
    pub turned_off: Vec<String>,
    /// Journal entries (thought records included) to show in full; each written inside
    /// the range, and its section (`thought_records` or `entries`) shown.
    pub picked_entries: Vec<EntryId>,
    /// Victories, setbacks and recommitments inside the range, or ladder steps, to show
    /// in full.
    pub picked_practice: Vec<ProgressId>,
    /// Ids of the person's own measures whose names may appear.
    pub picked_measures: Vec<String>,
    /// Questions for the next session (at most 20, 1-500 characters each).
    pub agenda: Vec<String>,
    /// Dates of the therapy sessions the report covers, `YYYY-MM-DD`, inside the range.
    pub session_dates: Vec<String>,
}

/// The file formats a report can be written in. PDF arrives with its own writer and a
/// fonts argument.
#[uniffi::remote(Enum)]
pub enum ReportFormat {
    /// One self-contained HTML page with inline SVG charts and print styles.
    Html,
    /// A4 PDF with real, copyable text and vector charts, in the fonts given.
    Pdf,
    /// Markdown (CommonMark with GitHub tables); charts as tables.
    Markdown,
    /// `innermost.report` version 1, machine-readable (docs/report.schema.json).
    Json,
    /// Measures and practice as one CSV table with a `record_type` column.
    Csv,
}
