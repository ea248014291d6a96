//! The [`Vault`] call that writes a report for therapy. It needs the vault unlocked,
//! never writes to it and never writes a file: the bytes come back and the shell decides
//! where they go (a share sheet, a file the person picks).

use innermost_reports::{ReportFormat, ReportRequest};

use crate::error::Result;
use crate::vault::Vault;

#[uniffi::export]
impl Vault {
    /// A report for therapy in `format`: the same request over the same record always
    /// gives the same bytes. A refused request is `InvalidInput` naming the request's
    /// field (`from`, `to`, `zone`, `template`, `turned_on`, `turned_off`,
    /// `picked_entries`, `picked_practice`, `picked_measures`, `agenda`, `session_dates`);
    /// a locked vault is `Locked`. Call it off the main thread: a year of journal takes
    /// tens of milliseconds.
    //
    // PDF: the integrator adds `ReportFormat::Pdf` and a `fonts: Vec<Vec<u8>>` argument
    // here, handed to `innermost_reports::pdf::write_pdf`.
    pub fn render_report(&self, request: ReportRequest, format: ReportFormat) -> Result<Vec<u8>> {
        Ok(innermost_reports::render_report(
            &self.inner,
            &request,
            format,
        )?)
    }
}
