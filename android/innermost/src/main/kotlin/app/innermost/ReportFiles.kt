package app.innermost

// Report files in the app's private storage: written atomically under neutral names,
// listed, deleted, and shared through this library's FileProvider.

import android.content.ClipData
import android.content.Context
import android.content.Intent
import android.net.Uri
import app.innermost.ffi.ReportFormat
import app.innermost.ffi.ReportRequest
import androidx.core.content.FileProvider
import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.time.LocalDate
import java.time.format.DateTimeParseException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext

/**
 * The reports a person chose to make, as files the app can hand to another app: written
 * to `filesDir/reports/` (the app's private, credential-encrypted storage; never external
 * storage, never the cache), shared through the library's `FileProvider` with a read
 * grant for that one file, and deleted on request.
 *
 * ```kotlin
 * val reports = ReportFiles(context)
 * val saved = reports.write(bytes, ReportFileType.PDF, LocalDate.now())   // report-2026-11-02.pdf
 * startActivity(reports.shareIntent(saved, getString(R.string.share_report)))
 * ```
 *
 * * **Names** are `report-<yyyy-mm-dd>.<extension>` ([fileName]): the date the caller
 *   passes and the type, nothing else, so a name seen in a share sheet, a mail attachment
 *   or a file list says nothing about the app or the person. A second report of the same
 *   type and date replaces the first.
 * * **Writes are atomic**: the bytes go to a temporary file in the same directory, are
 *   synced, and the temporary file is renamed over the report. A reader (or a share in
 *   progress) sees the old report or the new one, never a mix; a write killed half-way
 *   leaves a temporary file that the next [write] or [deleteAll] removes.
 * * **Only this directory is shared**: the provider's paths (`res/xml/innermost_report_paths.xml`)
 *   cover `filesDir/reports/` and nothing else, and every call that takes a file refuses
 *   one that is not a report file directly inside [directory] ([IllegalArgumentException]).
 * * **Deleting the person's data** must include [deleteAll]: the core's
 *   `deleteEverything` does not know this directory.
 *
 * Files here are plaintext (that is what the person asked for): nothing else in the
 * library writes a report anywhere, and nothing here logs. Android's Auto Backup copies
 * `filesDir` unless the app excludes it; exclude `reports/` in the app's backup rules
 * (see the library README, "Reports").
 *
 * Disk work runs on [io]; calls are serialised process-wide.
 *
 * @param context any context of the app; its application context is kept.
 * @param io the dispatcher for disk work (tests pass their own).
 */
class ReportFiles(
    context: Context,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val app: Context = context.applicationContext ?: context

    /** `filesDir/reports`, created by the first [write]. */
    val directory: File = File(app.filesDir, DIRECTORY_NAME)

    /** The authority of the library's report `FileProvider`: `<applicationId>.innermost.reports`. */
    val authority: String = authorityFor(app)

    /**
     * Writes [bytes] as the report of [type] for [date] and returns it, replacing an
     * earlier report of the same type and date atomically.
     *
     * @throws IOException if the directory cannot be made or the file cannot be written
     *   (nothing of the new report is left behind then; an earlier report stays).
     */
    suspend fun write(bytes: ByteArray, type: ReportFileType, date: LocalDate): SavedReport = withContext(io) {
        lock.withLock {
            if (!directory.isDirectory && !directory.mkdirs() && !directory.isDirectory) {
                throw IOException("the reports directory could not be created")
            }
            removeTemporaryFiles()
            val target = File(directory, fileName(type, date))
            val temporary = File.createTempFile(TEMPORARY_PREFIX, TEMPORARY_SUFFIX, directory)
            try {
                FileOutputStream(temporary).use { out ->
                    out.write(bytes)
                    out.fd.sync()
                }
                Files.move(
                    temporary.toPath(),
                    target.toPath(),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING,
                )
            } catch (e: Throwable) {
                temporary.delete()
                throw e
            }
            SavedReport(target, type, date)
        }
    }

    /**
     * Renders the report the person chose with [vault] in [format] and writes it as the
     * report of [date] ([write] with the core's bytes). [fonts] are the PDF's fonts (see
     * [InnermostVault.renderReport]). Nothing is written when the core refuses the request.
     */
    suspend fun write(
        vault: InnermostVault,
        request: ReportRequest,
        format: ReportFormat,
        date: LocalDate,
        fonts: List<ByteArray> = emptyList(),
    ): SavedReport = write(vault.renderReport(request, format, fonts), ReportFileType.of(format), date)

    /**
     * The reports in [directory], newest date first (and in [ReportFileType] order within a
     * date). Files that are not reports (a temporary file of a write in progress) are left
     * out. Empty when there is no directory yet.
     */
    suspend fun list(): List<SavedReport> = withContext(io) {
        lock.withLock {
            (directory.listFiles() ?: emptyArray())
                .mapNotNull { file -> if (file.isFile) parse(file) else null }
                .sortedWith(compareByDescending<SavedReport> { it.date }.thenBy { it.type.ordinal })
        }
    }

    /**
     * Deletes one report. Returns whether a file was deleted (false: it was already gone).
     *
     * @throws IllegalArgumentException if [report]'s file is not a report file inside
     *   [directory].
     */
    suspend fun delete(report: SavedReport): Boolean = withContext(io) {
        val file = requireReport(report.file).file
        lock.withLock { file.delete() }
    }

    /**
     * Deletes everything in [directory], reports and anything else (temporary files of
     * killed writes), and the directory itself: when the person deletes their data, or
     * wants no report kept. Returns how many reports were deleted.
     *
     * @throws IOException if something could not be deleted.
     */
    suspend fun deleteAll(): Int = withContext(io) {
        lock.withLock {
            if (!directory.exists()) return@withLock 0
            var reports = 0
            directory.walkBottomUp().forEach { file ->
                val isReport = file.isFile && file.parentFile == directory && parse(file) != null
                if (file.delete() && isReport) reports++
            }
            if (directory.exists()) throw IOException("the reports directory could not be emptied")
            reports
        }
    }

    /**
     * The `content://<authority>/reports/<name>` URI of a report file, for this library's
     * `FileProvider`. Grant access to it only through an intent's flags (as [shareIntent]
     * does).
     *
     * @throws IllegalArgumentException if [file] is not a report file inside [directory].
     */
    fun contentUri(file: File): Uri = FileProvider.getUriForFile(app, authority, requireReport(file).file)

    /**
     * The share sheet for [report]: `Intent.createChooser` around an `ACTION_SEND` of the
     * report's MIME type with its content URI as `EXTRA_STREAM` (and as the intent's
     * `ClipData`) and `FLAG_GRANT_READ_URI_PERMISSION`, so the app the person picks can
     * read this one file, and nothing else, until its task ends. Start it with
     * `startActivity`. No subject or text is added: the person writes their own message.
     *
     * @param chooserTitle the share sheet's title, in the person's language (or none).
     * @throws IllegalArgumentException if [report]'s file is not a report file inside
     *   [directory].
     */
    fun shareIntent(report: SavedReport, chooserTitle: CharSequence? = null): Intent {
        val checked = requireReport(report.file)
        val uri = FileProvider.getUriForFile(app, authority, checked.file)
        val send = Intent(Intent.ACTION_SEND)
            .setType(checked.type.mimeType)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        send.clipData = ClipData.newRawUri(null, uri)
        return Intent.createChooser(send, chooserTitle)
    }

    /** The report [file] stands for, canonical; refuses anything else. */
    private fun requireReport(file: File): SavedReport {
        val canonical = file.canonicalFile
        require(canonical.parentFile == directory.canonicalFile) { "not a file in the reports directory" }
        return parse(canonical) ?: throw IllegalArgumentException("not a report file")
    }

    /** Removes what killed writes left; called with [lock] held, so no write is running. */
    private fun removeTemporaryFiles() {
        directory.listFiles()?.forEach { file ->
            if (file.name.startsWith(TEMPORARY_PREFIX) && file.name.endsWith(TEMPORARY_SUFFIX)) file.delete()
        }
    }

    companion object {
        /** The directory's name inside `filesDir` (also in `res/xml/innermost_report_paths.xml`). */
        const val DIRECTORY_NAME: String = "reports"

        /** What follows the application id in the provider's authority (see the manifest). */
        const val AUTHORITY_SUFFIX: String = ".innermost.reports"

        private const val NAME_PREFIX = "report-"
        private const val TEMPORARY_PREFIX = ".report-"
        private const val TEMPORARY_SUFFIX = ".tmp"

        /** One lock for every instance: calls are serialised process-wide. */
        private val lock = Mutex()

        /** The authority of the report provider for the app of [context]. */
        fun authorityFor(context: Context): String = context.packageName + AUTHORITY_SUFFIX

        /** The neutral name of the report of [type] for [date]: `report-2026-11-02.pdf`. */
        fun fileName(type: ReportFileType, date: LocalDate): String = "$NAME_PREFIX$date.${type.extension}"

        /** The report a file of that name is, or null for any other name. */
        private fun parse(file: File): SavedReport? {
            val name = file.name
            if (!name.startsWith(NAME_PREFIX)) return null
            val dot = name.lastIndexOf('.')
            if (dot < 0) return null
            val type = ReportFileType.ofExtension(name.substring(dot + 1)) ?: return null
            val date = try {
                LocalDate.parse(name.substring(NAME_PREFIX.length, dot))
            } catch (_: DateTimeParseException) {
                return null
            }
            return if (fileName(type, date) == name) SavedReport(file, type, date) else null
        }
    }
}
