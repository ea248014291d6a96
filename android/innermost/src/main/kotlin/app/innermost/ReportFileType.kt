package app.innermost

import app.innermost.ffi.ReportFormat

// The kinds of report file the shell writes and shares: a file extension and a MIME type
// each. The one place where the core's report formats meet the files on disk.

/**
 * The kind of a report file: what [ReportFiles] names it (`report-<date>.<extension>`)
 * and the MIME type it is shared with. The core's report formats map here one to one,
 * in [of] and nowhere else (a new format in the core fails to compile there until it has
 * a case).
 */
enum class ReportFileType(
    /** The file name extension, without the dot. */
    val extension: String,
    /** The MIME type of the share intent. */
    val mimeType: String,
) {
    /** A web page with inline charts. */
    HTML("html", "text/html"),

    /** A PDF document. */
    PDF("pdf", "application/pdf"),

    /** Markdown text. */
    MARKDOWN("md", "text/markdown"),

    /** The machine-readable report. */
    JSON("json", "application/json"),

    /** The measures as a table. */
    CSV("csv", "text/csv");

    companion object {
        /** The file type of a report the core wrote in [format]. */
        fun of(format: ReportFormat): ReportFileType = when (format) {
            ReportFormat.HTML -> HTML
            ReportFormat.PDF -> PDF
            ReportFormat.MARKDOWN -> MARKDOWN
            ReportFormat.JSON -> JSON
            ReportFormat.CSV -> CSV
        }

        /** The type whose [extension] is [extension] (exactly, lower case), or null. */
        fun ofExtension(extension: String): ReportFileType? = entries.firstOrNull { it.extension == extension }
    }
}
