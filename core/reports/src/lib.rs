//! # Reports for therapy
//!
//! Turns what a person chose to share from their vault into a file they can hand to a
//! therapist: HTML, PDF, Markdown, JSON or CSV (DESIGN.md §6, issue #9).
//!
//! What this crate owns: the report request and its validation, reading the chosen data
//! through the vault's public API, the report's content, and every output format. It
//! never writes to the vault and never writes files: it returns bytes, and the shells
//! decide where they go.
//!
//! Why a crate of its own: rendering (page layout, fonts, charts) is code that runs a
//! few times a month, so it is built for size (`opt-level = "z"`) while the journal's hot
//! paths in `innermost` keep their speed (docs/decisions.md).
//!
//! ```text
//!   request ──validate──▶ gathered data ──▶ content (sections) ──▶ layout::Document ──▶ html / pdf / markdown
//!                                                        └───────────────▶ json / csv
//! ```
//!
//! | file | owns |
//! |---|---|
//! | `request` | [`ReportRequest`] and the checks that need no vault |
//! | `templates` | section ids, the five templates, turning sections on and off |
//! | `gather` | reading the vault into [`ReportData`]; the privacy rule; picked-item checks; gaps |
//! | `picked` | picked items in full (the only place free text is copied) |
//! | `data` | [`ReportData`], the plain data every writer reads |
//! | `content` | the wording and charts: [`ReportData`] to [`layout::Document`] |
//! | `layout` | the format-neutral document (shared with the PDF writer) |
//! | `html`, `svg`, `markdown` | writers drawing a document |
//! | `json`, `csv` | writers of the data itself |
//! | `escape` | HTML and Markdown escaping |
//! | `dates` | local dates as day numbers, weeks |
//!
//! Same request and same vault contents give the same bytes: nothing reads the clock, and
//! every date comes from the request or the record.

pub mod content;
pub mod csv;
pub mod data;
mod dates;
pub mod escape;
#[cfg(feature = "test-support")]
pub mod fixture;
#[cfg(feature = "test-support")]
pub mod fuzzing;
pub mod gather;
pub mod html;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod pdf;
mod picked;
pub mod request;
pub mod svg;
pub mod templates;

pub use data::ReportData;
pub use gather::gather;
pub use request::ReportRequest;
pub use templates::{Section, TEMPLATES, Template};

use innermost::{Result, Vault};

pub use pdf::PdfFonts;

/// The file formats a report can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// One self-contained HTML page with inline SVG charts and print styles.
    Html,
    /// A4 PDF with real, copyable text and vector charts, in the fonts given (see
    /// [`PdfFonts`]).
    Pdf,
    /// CommonMark with GitHub tables; charts as tables.
    Markdown,
    /// `innermost.report` version 1 (docs/formats.md, docs/report.schema.json).
    Json,
    /// Measures and practice, one table with a `record_type` column (docs/formats.md).
    Csv,
}

impl ReportFormat {
    /// Every format, in the order above.
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Html,
        ReportFormat::Pdf,
        ReportFormat::Markdown,
        ReportFormat::Json,
        ReportFormat::Csv,
    ];

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Pdf => "pdf",
            ReportFormat::Markdown => "md",
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
        }
    }

    /// The MIME type a share sheet should announce.
    pub fn mime_type(self) -> &'static str {
        match self {
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Pdf => "application/pdf",
            ReportFormat::Markdown => "text/markdown; charset=utf-8",
            ReportFormat::Json => "application/json",
            ReportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// Writes gathered data in `format`. Pure and deterministic: the same data and fonts give
/// the same bytes. `fonts` is read for PDF only; a PDF whose text some character of is not
/// covered by any font given is refused (`InvalidInput` on `fonts`), never drawn without it.
pub fn render(data: &ReportData, format: ReportFormat, fonts: &PdfFonts) -> Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Html => html::write_html(&content::document(data)),
        ReportFormat::Pdf => pdf::write_pdf(&content::document(data), fonts)?,
        ReportFormat::Markdown => markdown::write_markdown(&content::document(data)),
        ReportFormat::Json => json::write_json(data),
        ReportFormat::Csv => csv::write_csv(data),
    })
}

/// Reads what `request` asks for from an unlocked vault and writes it in `format`.
/// A refused request is `InvalidInput` naming the field (see [`gather()`]); a locked
/// vault is `Locked`. Never writes to the vault.
pub fn render_report(
    vault: &Vault,
    request: &ReportRequest,
    format: ReportFormat,
    fonts: &PdfFonts,
) -> Result<Vec<u8>> {
    render(&gather(vault, request)?, format, fonts)
}
