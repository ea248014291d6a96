package app.innermost

import app.innermost.ffi.EntryContent
import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.NewEntry
import app.innermost.ffi.NewPracticeEvent
import app.innermost.ffi.PracticeKind
import app.innermost.ffi.ReportFormat
import app.innermost.ffi.ReportRequest
import app.innermost.ffi.Victory
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Reports for therapy through the facade: every format, only what was picked. */
class ReportTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "the river at dusk, twice"
    private val fast: KdfParams = insecureFastKdfParamsForTests()
    private val paris = ZoneId.of("Europe/Paris")
    private val unpicked = "kt-unpicked-canary"

    /**
     * What a reader of the file sees: the text, or for a PDF the text its pages draw (hex
     * strings of WinAnsi bytes in the standard font), so a search finds what is shown.
     */
    private fun readable(format: ReportFormat, bytes: ByteArray): String =
        if (format != ReportFormat.PDF) {
            String(bytes, Charsets.UTF_8)
        } else {
            Regex("<([0-9A-F]+)> Tj").findAll(String(bytes, Charsets.ISO_8859_1)).joinToString(" ") { m ->
                m.groupValues[1].chunked(2).map { it.toInt(16).toChar() }.joinToString("")
            }
        }

    private fun reflection(text: String) = NewEntry(EntryContent.Reflection(null, text, null), emptyList(), emptyList())

    private fun request(picked: List<String>, template: String = "general"): ReportRequest {
        val today = LocalDate.now(paris)
        return ReportRequest(
            from = today.minusDays(13).toString(),
            to = today.toString(),
            zone = paris.id,
            template = template,
            turnedOn = emptyList(),
            turnedOff = emptyList(),
            pickedEntries = picked,
            pickedPractice = emptyList(),
            pickedMeasures = emptyList(),
            agenda = listOf("Why does silence feel like leaving?"),
            sessionDates = emptyList(),
        )
    }

    @Test
    fun `every format carries the picked entry and never the unpicked one`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            vault.addEntry(reflection("private: $unpicked"))
            val picked = vault.addEntry(reflection("I told A. about the silence"))
            vault.logPractice(
                NewPracticeEvent(
                    PracticeKind.Victory(Victory.SharedDifficultFeeling),
                    Instant.now().toEpochMilli(),
                    unpicked,
                    listOf("being_seen"),
                    unpicked,
                ),
                paris,
            )
            val req = request(listOf(picked.id))
            for (format in ReportFormat.values()) {
                val bytes = vault.renderReport(req, format)
                val text = readable(format, bytes)
                if (format == ReportFormat.PDF) {
                    assertTrue(String(bytes, Charsets.ISO_8859_1).startsWith("%PDF-1.7"), "a PDF")
                }
                assertFalse(text.contains(unpicked), "$format leaks unpicked text")
                if (format != ReportFormat.CSV) {
                    assertTrue(text.contains("silence"), "$format lacks the picked entry")
                }
            }
            val html = String(vault.renderReport(req, ReportFormat.HTML), Charsets.UTF_8)
            assertTrue(html.startsWith("<!DOCTYPE html>"))
            assertTrue(html.contains("<svg") && !html.contains("<script"))
            assertTrue(html.contains("Not a diagnosis"))
            val json = String(vault.renderReport(req, ReportFormat.JSON), Charsets.UTF_8)
            assertTrue(json.contains("\"schema\": \"innermost.report\""))
            assertTrue(json.contains("\"key\": \"entry_text\""), "the unpicked entry is listed as withheld")
            val md = String(vault.renderReport(req, ReportFormat.MARKDOWN), Charsets.UTF_8)
            assertTrue(md.startsWith("# Innermost report for therapy"))
            val csv = String(vault.renderReport(req, ReportFormat.CSV), Charsets.UTF_8)
            assertTrue(csv.startsWith("record_type,date,key,name,value"))
            assertTrue(csv.contains("victory,,victory.shared_difficult_feeling,shared a difficult feeling,1"))
            assertArrayEquals(
                vault.renderReport(req, ReportFormat.JSON),
                vault.renderReport(req, ReportFormat.JSON),
                "same request, same bytes",
            )
        }
    }

    @Test
    fun `a bad request names the field`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val bad = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.renderReport(request(emptyList(), template = "horoscope"), ReportFormat.JSON) }
            }
            assertEquals("template", bad.field)
            val inverted = request(emptyList()).let { it.copy(from = it.to, to = it.from) }
            val e = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.renderReport(inverted, ReportFormat.HTML) }
            }
            assertEquals("to", e.field)
        }
    }

    @Test
    fun `a PDF draws every character with the fonts given and refuses what no font covers`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val picked = vault.addEntry(reflection("Ich fühlte mich sicher — Ήρεμα, спокойно → 安心"))
            val req = request(listOf(picked.id))
            val refused = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.renderReport(req, ReportFormat.PDF) }
            }
            assertEquals("fonts", refused.field)
            assertFalse(refused.reason.contains("安心"), "the refusal never repeats the text")
            val dejavu = File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
            if (!dejavu.isFile) {
                println("note: DejaVu Sans is not installed; the embedded-font half is skipped")
                return@use
            }
            // DejaVu has no CJK: still refused, by count, until a font covers it.
            val partly = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.renderReport(req, ReportFormat.PDF, listOf(dejavu.readBytes())) }
            }
            assertEquals("fonts", partly.field)
            val latinOnly = request(listOf(vault.addEntry(reflection("Ήρεμα, спокойно → sicher")).id))
            val pdf = vault.renderReport(latinOnly, ReportFormat.PDF, listOf(dejavu.readBytes()))
            val text = String(pdf, Charsets.ISO_8859_1)
            assertTrue(text.contains("/FontFile2") && text.contains("/ToUnicode"), "an embedded subset with a text map")
            assertArrayEquals(pdf, vault.renderReport(latinOnly, ReportFormat.PDF, listOf(dejavu.readBytes())))
        }
    }
}
