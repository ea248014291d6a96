package app.innermost

import android.app.Application
import android.content.Intent
import android.content.pm.ProviderInfo
import android.net.Uri
import android.os.Bundle
import android.provider.OpenableColumns
import androidx.core.content.FileProvider
import java.io.File
import java.io.IOException
import java.time.LocalDate
import java.time.ZoneId
import app.innermost.ffi.ReportFormat
import app.innermost.ffi.ReportRequest
import app.innermost.ffi.insecureFastKdfParamsForTests
import javax.xml.parsers.DocumentBuilderFactory
import kotlinx.coroutines.runBlocking
import org.junit.Assert.assertArrayEquals
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertThrows
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.w3c.dom.Element

/**
 * Report files on Robolectric: written to `filesDir/reports` atomically under neutral
 * names, listed and deleted, and shared through the library's FileProvider as the
 * manifest declares it, reading the real `res/xml/innermost_report_paths.xml`.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], shadows = [ReportPathsPackageManagerShadow::class])
class ReportFilesTest {
    private val ns = "http://schemas.android.com/apk/res/android"
    private val app: Application = RuntimeEnvironment.getApplication()
    private val day = LocalDate.of(2026, 11, 2)

    /** Stands for what a person chose to bring to therapy: it must appear in the file only. */
    private val canary = "I pulled away again when she asked about the weekend"
    private val pdf = "%PDF-1.7\n$canary\n%%EOF\n".toByteArray()

    private lateinit var reports: ReportFiles

    @Before
    fun setUp() {
        reports = ReportFiles(app)
        installProviderAsDeclared()
    }

    // ---- the manifest and the paths file, as a device would read them ----------------

    private fun manifestProvider(): Element {
        val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
        val root = factory.newDocumentBuilder().parse(ModuleSources.file("src/main/AndroidManifest.xml")).documentElement
        val providers = root.getElementsByTagName("provider")
        return (0 until providers.length).map { providers.item(it) as Element }
            .single { it.getAttributeNS(ns, "name") == ReportFileProvider::class.java.name }
    }

    /**
     * Registers the report provider as the merged manifest would: its authority with the
     * app's id for `${applicationId}`, its flags and its paths meta-data (served by
     * [ReportPathsPackageManagerShadow]), then creates it, which runs FileProvider's own
     * checks (not exported, grants URI permissions).
     */
    private fun installProviderAsDeclared() {
        val declared = manifestProvider()
        val metaData = declared.getElementsByTagName("meta-data").item(0) as Element
        assertEquals("@xml/innermost_report_paths", metaData.getAttributeNS(ns, "resource"))
        val info = ProviderInfo().apply {
            name = ReportFileProvider::class.java.name
            packageName = app.packageName
            applicationInfo = app.applicationInfo
            authority = declared.getAttributeNS(ns, "authorities").replace("\${applicationId}", app.packageName)
            exported = declared.getAttributeNS(ns, "exported").toBooleanStrict()
            grantUriPermissions = declared.getAttributeNS(ns, "grantUriPermissions").toBooleanStrict()
            this.metaData = Bundle().apply {
                putInt(metaData.getAttributeNS(ns, "name"), ReportPathsPackageManagerShadow.REPORT_PATHS_XML)
            }
        }
        shadowOf(app.packageManager).addOrUpdateProvider(info)
        Robolectric.buildContentProvider(ReportFileProvider::class.java).create(info)
    }

    @Test
    fun `the provider is the library's own FileProvider, not exported, granting, and limited to the reports directory`() {
        val declared = manifestProvider()
        assertTrue(FileProvider::class.java.isAssignableFrom(ReportFileProvider::class.java))
        assertEquals("\${applicationId}.innermost.reports", declared.getAttributeNS(ns, "authorities"))
        assertEquals("false", declared.getAttributeNS(ns, "exported"))
        assertEquals("true", declared.getAttributeNS(ns, "grantUriPermissions"))
        assertEquals("${app.packageName}.innermost.reports", reports.authority)

        val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
        val paths = factory.newDocumentBuilder()
            .parse(ModuleSources.file(ReportPathsPackageManagerShadow.REPORT_PATHS_FILE)).documentElement
        assertEquals("paths", paths.tagName)
        val roots = (0 until paths.childNodes.length).map { paths.childNodes.item(it) }.filterIsInstance<Element>()
        assertEquals("one root: files-path reports/", listOf("files-path" to "reports/"), roots.map { it.tagName to it.getAttribute("path") })
        assertEquals(ReportFiles.DIRECTORY_NAME + "/", roots.single().getAttribute("path"))
    }

    // ---- writing --------------------------------------------------------------------

    @Test
    fun `a report lands in filesDir reports with exactly its bytes, under a neutral name`(): Unit = runBlocking {
        val saved = reports.write(pdf, ReportFileType.PDF, day)

        assertEquals(File(File(app.filesDir, "reports"), "report-2026-11-02.pdf"), saved.file)
        assertEquals(reports.directory, saved.file.parentFile)
        assertEquals(app.filesDir, reports.directory.parentFile)
        assertArrayEquals(pdf, saved.file.readBytes())
        assertEquals(ReportFileType.PDF, saved.type)
        assertEquals(day, saved.date)
        assertEquals("nothing else in the directory", listOf("report-2026-11-02.pdf"), reports.directory.list()!!.toList())
        assertFalse(saved.file.canonicalPath.startsWith(app.cacheDir.canonicalPath))
        app.getExternalFilesDir(null)?.let { assertFalse(saved.file.canonicalPath.startsWith(it.canonicalPath)) }
    }

    @Test
    fun `every type has its extension and MIME type, and every name says only report, date and type`(): Unit = runBlocking {
        val expected = mapOf(
            ReportFileType.HTML to ("html" to "text/html"),
            ReportFileType.PDF to ("pdf" to "application/pdf"),
            ReportFileType.MARKDOWN to ("md" to "text/markdown"),
            ReportFileType.JSON to ("json" to "application/json"),
            ReportFileType.CSV to ("csv" to "text/csv"),
        )
        assertEquals(ReportFileType.entries.toSet(), expected.keys)
        for ((type, extensionAndMime) in expected) {
            assertEquals(extensionAndMime.first, type.extension)
            assertEquals(extensionAndMime.second, type.mimeType)
            assertEquals(type, ReportFileType.ofExtension(type.extension))
            val saved = reports.write(canary.toByteArray(), type, LocalDate.of(2025, 1, 9))
            val name = saved.file.name
            assertEquals("report-2025-01-09.${type.extension}", name)
            assertTrue(name, Regex("report-\\d{4}-\\d{2}-\\d{2}\\.[a-z]+").matches(name))
            for (word in listOf("intima", "therap", "innermost", "journal", "fear", "pulled")) {
                assertFalse("$name says $word", name.lowercase().contains(word))
            }
        }
        assertEquals(5, reports.list().size)
    }

    @Test
    fun `writing again replaces the report atomically, and a reader of the old one still reads it whole`(): Unit = runBlocking {
        val first = reports.write(pdf, ReportFileType.PDF, day)
        val newer = "%PDF-1.7\nshorter\n".toByteArray()
        first.file.inputStream().use { reader ->
            val second = reports.write(newer, ReportFileType.PDF, day)
            assertEquals(first.file, second.file)
            assertArrayEquals(newer, second.file.readBytes())
            // Renamed over, not truncated and rewritten: the open file is the old one, whole.
            assertArrayEquals(pdf, reader.readBytes())
        }
        assertEquals(listOf("report-2026-11-02.pdf"), reports.directory.list()!!.toList())
        assertEquals(listOf(first), reports.list())
    }

    @Test
    fun `a killed write leaves no report, is not listed, and the next write removes what it left`(): Unit = runBlocking {
        reports.write(pdf, ReportFileType.PDF, day)
        val leftover = File(reports.directory, ".report-123456.tmp").apply { writeBytes(pdf.copyOf(5)) }

        assertEquals(listOf(ReportFiles.fileName(ReportFileType.PDF, day)), reports.list().map { it.file.name })
        assertThrows(IllegalArgumentException::class.java) { reports.contentUri(leftover) }

        reports.write(pdf, ReportFileType.CSV, day)
        assertFalse(leftover.exists())
    }

    @Test
    fun `a write that cannot finish leaves the directory as it was`(): Unit = runBlocking {
        val kept = reports.write(pdf, ReportFileType.PDF, day)
        // A directory where the new report should go: the rename cannot replace it.
        val blocker = File(reports.directory, ReportFiles.fileName(ReportFileType.HTML, day))
        File(blocker.apply { mkdirs() }, "x").writeText("x")

        val failure = runCatching { reports.write(pdf, ReportFileType.HTML, day) }.exceptionOrNull()
        assertTrue(failure.toString(), failure is IOException)
        assertEquals(setOf(kept.file.name, blocker.name), reports.directory.list()!!.toSet())
        assertArrayEquals(pdf, kept.file.readBytes())
    }

    // ---- sharing --------------------------------------------------------------------

    @Test
    fun `the share intent is a chooser around ACTION_SEND whose content URI reads back the file`(): Unit = runBlocking {
        val saved = reports.write(pdf, ReportFileType.PDF, day)

        val chooser = reports.shareIntent(saved, "Share")
        assertEquals(Intent.ACTION_CHOOSER, chooser.action)
        assertEquals("Share", chooser.getCharSequenceExtra(Intent.EXTRA_TITLE))
        val send = chooser.getParcelableExtra(Intent.EXTRA_INTENT, Intent::class.java)!!
        assertEquals(Intent.ACTION_SEND, send.action)
        assertEquals("application/pdf", send.type)
        assertTrue(send.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION != 0)
        assertEquals(0, send.flags and Intent.FLAG_GRANT_WRITE_URI_PERMISSION)
        assertEquals("the grant reaches the chosen app", Intent.FLAG_GRANT_READ_URI_PERMISSION, chooser.flags and Intent.FLAG_GRANT_READ_URI_PERMISSION)
        assertNull("no text of ours", send.getStringExtra(Intent.EXTRA_TEXT))
        assertNull(send.getStringExtra(Intent.EXTRA_SUBJECT))

        val uri = send.getParcelableExtra(Intent.EXTRA_STREAM, Uri::class.java)!!
        assertEquals("content://${app.packageName}.innermost.reports/reports/report-2026-11-02.pdf", uri.toString())
        assertEquals(uri, send.clipData!!.getItemAt(0).uri)
        assertEquals(uri, reports.contentUri(saved.file))

        val read = app.contentResolver.openInputStream(uri)!!.use { it.readBytes() }
        assertArrayEquals(pdf, read)
        app.contentResolver.query(uri, null, null, null, null)!!.use { cursor ->
            assertTrue(cursor.moveToFirst())
            assertEquals("report-2026-11-02.pdf", cursor.getString(cursor.getColumnIndexOrThrow(OpenableColumns.DISPLAY_NAME)))
            assertEquals(pdf.size.toLong(), cursor.getLong(cursor.getColumnIndexOrThrow(OpenableColumns.SIZE)))
        }
    }

    @Test
    fun `each type is shared with its MIME type`(): Unit = runBlocking {
        for (type in ReportFileType.entries) {
            val saved = reports.write(pdf, type, day)
            val send = reports.shareIntent(saved).getParcelableExtra(Intent.EXTRA_INTENT, Intent::class.java)!!
            assertEquals(type.mimeType, send.type)
            val uri = send.getParcelableExtra(Intent.EXTRA_STREAM, Uri::class.java)!!
            assertEquals("/reports/report-2026-11-02.${type.extension}", uri.path)
        }
    }

    @Test
    fun `a file outside the reports directory is refused, by the shell and by the provider`(): Unit = runBlocking {
        reports.write(pdf, ReportFileType.PDF, day)
        val journal = File(app.filesDir, "journal.innermost").apply { writeText("sealed") }
        val outside = listOf(
            journal,
            File(reports.directory, "../journal.innermost"),
            File(app.cacheDir, "report-2026-11-02.pdf").apply { writeBytes(pdf) },
            File(app.filesDir, "report-2026-11-02.pdf").apply { writeBytes(pdf) },
            File(reports.directory, "notes.txt").apply { writeText("x") },
            File("/etc/hosts"),
        )
        for (file in outside) {
            assertThrows(file.path, IllegalArgumentException::class.java) { reports.contentUri(file) }
            assertThrows(file.path, IllegalArgumentException::class.java) {
                reports.shareIntent(SavedReport(file, ReportFileType.PDF, day))
            }
            assertThrows(file.path, IllegalArgumentException::class.java) {
                runBlocking { reports.delete(SavedReport(file, ReportFileType.PDF, day)) }
            }
        }
        assertTrue(journal.exists())

        // The provider's own paths: nothing beyond reports/, whatever the URI says.
        val authority = reports.authority
        assertThrows(SecurityException::class.java) {
            app.contentResolver.openInputStream(Uri.parse("content://$authority/reports/..%2Fjournal.innermost"))
        }
        assertThrows(IllegalArgumentException::class.java) {
            app.contentResolver.openInputStream(Uri.parse("content://$authority/files/journal.innermost"))
        }
        assertThrows(IllegalArgumentException::class.java) {
            FileProvider.getUriForFile(app, authority, journal)
        }
    }

    // ---- listing and deleting -------------------------------------------------------

    @Test
    fun `list gives the reports newest first and delete removes one`(): Unit = runBlocking {
        val older = reports.write(pdf, ReportFileType.PDF, day.minusDays(14))
        val html = reports.write(pdf, ReportFileType.HTML, day)
        val csv = reports.write(pdf, ReportFileType.CSV, day)
        assertEquals(listOf(html, csv, older), reports.list())

        assertTrue(reports.delete(older))
        assertFalse(older.file.exists())
        assertFalse("already gone", reports.delete(older))
        assertEquals(listOf(html, csv), reports.list())
    }

    @Test
    fun `deleting everything removes every report and the directory, and nothing else`(): Unit = runBlocking {
        for (type in ReportFileType.entries) reports.write(pdf, type, day)
        reports.write(pdf, ReportFileType.PDF, day.minusDays(1))
        File(reports.directory, ".report-99.tmp").writeBytes(pdf)
        File(reports.directory, "stray").apply { mkdirs() }.resolve("copy.pdf").writeBytes(pdf)
        val journal = File(app.filesDir, "journal.innermost").apply { writeText("sealed") }

        assertEquals(6, reports.deleteAll())
        assertFalse(reports.directory.exists())
        assertEquals(emptyList<SavedReport>(), reports.list())
        assertTrue(journal.exists())
        assertEquals("nothing left anywhere in the app's files holds the report", emptyList<File>(), filesHolding(canary))
        assertEquals(0, reports.deleteAll())

        // And writing works again afterwards.
        assertArrayEquals(pdf, reports.write(pdf, ReportFileType.PDF, day).file.readBytes())
    }

    /** Files under the app's data directories whose bytes contain [text]. */
    private fun filesHolding(text: String): List<File> =
        listOfNotNull(app.filesDir, app.cacheDir, app.dataDir, app.getExternalFilesDir(null))
            .flatMap { it.walk().filter(File::isFile).toList() }
            .distinct()
            .filter { String(it.readBytes(), Charsets.ISO_8859_1).contains(text) }

    @Test
    fun `a report rendered by the core is saved and shared, and reads back through the provider`(): Unit = runBlocking {
        val vaultDir = File(app.filesDir, "vault-test").apply { mkdirs() }
        InnermostVault.create(File(vaultDir, "v.innermost"), "the river at dusk, twice", insecureFastKdfParamsForTests()).use { vault ->
            val today = LocalDate.now(ZoneId.of("Europe/Paris"))
            val request = ReportRequest(
                from = today.minusDays(6).toString(),
                to = today.toString(),
                zone = "Europe/Paris",
                template = "cbt",
                turnedOn = emptyList(),
                turnedOff = emptyList(),
                pickedEntries = emptyList(),
                pickedPractice = emptyList(),
                pickedMeasures = emptyList(),
                agenda = listOf("What to try before the next argument"),
                sessionDates = emptyList(),
            )
            val saved = reports.write(vault, request, ReportFormat.PDF, day)
            assertEquals(ReportFileType.PDF, saved.type)
            assertEquals("report-2026-11-02.pdf", saved.file.name)
            val send = reports.shareIntent(saved).getParcelableExtra(Intent.EXTRA_INTENT, Intent::class.java)!!
            assertEquals("application/pdf", send.type)
            val uri = send.getParcelableExtra(Intent.EXTRA_STREAM, Uri::class.java)!!
            val read = app.contentResolver.openInputStream(uri)!!.use { it.readBytes() }
            assertArrayEquals(saved.file.readBytes(), read)
            assertTrue(String(read, Charsets.ISO_8859_1).startsWith("%PDF-1.7"))
            assertTrue(String(read, Charsets.ISO_8859_1).trimEnd().endsWith("%%EOF"))
        }
    }
}
