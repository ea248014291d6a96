//! The [`Vault`] call that writes a report for therapy. It needs the vault unlocked,
//! never writes to it and never writes a file: the bytes come back and the shell decides
//! where they go (a share sheet, a file the person picks).

use innermost_reports::{PdfFonts, ReportFormat, ReportRequest};

use crate::error::Result;
use crate::vault::Vault;

#[uniffi::export]
impl Vault {
    /// A report for therapy in `format`: the same request over the same record (and the
    /// same fonts) always gives the same bytes. A refused request is `InvalidInput` naming
    /// the request's field (`from`, `to`, `zone`, `template`, `turned_on`, `turned_off`,
    /// `picked_entries`, `picked_practice`, `picked_measures`, `agenda`, `session_dates`);
    /// a locked vault is `Locked`. Call it off the main thread: a year of journal takes
    /// tens of milliseconds.
    ///
    /// `fonts` matters for PDF only: TrueType/OpenType files (their bytes) in order of
    /// preference, each character drawn with the first that has it, embedded as a subset.
    /// Pass the system's own (on Android, e.g. `/system/fonts/NotoSans-Regular.ttf` and the
    /// CJK fonts) so every character a person wrote is drawn. An empty list uses the
    /// standard Helvetica, which covers Western European text only. A character no font
    /// covers refuses the PDF with `InvalidInput` on `fonts` (never dropped silently).
    pub fn render_report(
        &self,
        request: ReportRequest,
        format: ReportFormat,
        fonts: Vec<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let fonts = if fonts.is_empty() {
            PdfFonts::standard()
        } else {
            PdfFonts::from_files(fonts)?
        };
        Ok(innermost_reports::render_report(
            &self.inner,
            &request,
            format,
            &fonts,
        )?)
    }
}
