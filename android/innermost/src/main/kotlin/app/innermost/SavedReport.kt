package app.innermost

// One report file in the reports directory, as ReportFiles writes and lists it.

import java.io.File
import java.time.LocalDate

/**
 * A report file that [ReportFiles] wrote: `report-<date>.<extension>` in
 * [ReportFiles.directory]. Its name carries only the date and the type, never a word
 * about what the report is or whom it is about.
 *
 * @property file the file, in the app's private storage.
 * @property type its kind (extension and MIME type).
 * @property date the date the caller wrote it for (the day it was made, usually).
 */
data class SavedReport(
    val file: File,
    val type: ReportFileType,
    val date: LocalDate,
)
