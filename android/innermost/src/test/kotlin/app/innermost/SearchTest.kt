package app.innermost

import app.innermost.ffi.EmotionRating
import app.innermost.ffi.EntryContent
import app.innermost.ffi.EntryFilter
import app.innermost.ffi.EntryKind
import app.innermost.ffi.InnermostException
import app.innermost.ffi.NewEntry
import app.innermost.ffi.Response
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import java.time.LocalDate
import java.time.ZoneId
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Search and filters through the Kotlin facade. */
class SearchTest {
    @TempDir
    lateinit var dir: File


    private fun log(situation: String, safety: UByte) = NewEntry(
        EntryContent.PatternLog(situation, null, safety, 5u, Response.Withdrew, listOf("conflict"), listOf(EmotionRating("fear.uneasy", 4u)), null, null),
        emptyList(),
        emptyList(),
    )

    @Test
    fun `text search ignores case and accents and combines with filters`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), "search passphrase", insecureFastKdfParamsForTests()).use { vault ->
            val calm = vault.addReflection("Je suis resté calme pendant la dispute")
            val tense = vault.addEntry(log("Une dispute au café", 2u))
            val safe = vault.addEntry(log("Dîner tranquille, pas de dispute", 9u))

            assertEquals(listOf(calm.id), vault.search(EntryFilter(text = "RESTE")).entries.map { it.id })
            assertEquals(setOf(calm.id, tense.id, safe.id), vault.search(EntryFilter(text = "dispute")).entries.map { it.id }.toSet())
            assertEquals(listOf(tense.id), vault.search(EntryFilter(text = "dispute", minSafety = 0u, maxSafety = 3u)).entries.map { it.id })
            assertEquals(listOf(safe.id, tense.id), vault.search(EntryFilter(kinds = listOf(EntryKind.PATTERN_LOG))).entries.map { it.id })
            assertEquals(listOf(safe.id, tense.id), vault.search(EntryFilter(emotions = listOf("fear.uneasy"))).entries.map { it.id })
            assertEquals(listOf(safe.id, tense.id), vault.search(EntryFilter(text = "uneasy")).entries.map { it.id }, "labels are searchable")

            val page = vault.search(EntryFilter(text = "dispute"), limit = 2)
            assertEquals(2, page.entries.size)
            val rest = vault.search(EntryFilter(text = "dispute"), limit = 2, after = page.next)
            assertEquals(1, rest.entries.size)

            val bad = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.search(EntryFilter(minSafety = 11u)) }
            }
            assertEquals("min_safety", bad.field)
            assertTrue(vault.onThisDay(LocalDate.now(), ZoneId.of("Europe/Paris")).isEmpty(), "nothing from earlier years yet")

            val insights = vault.patternInsights(java.time.Instant.now().minusSeconds(86_400), java.time.Instant.now().plusSeconds(60), ZoneId.of("UTC"))
            assertEquals(2u, insights.patternLogs)
            assertEquals(5.5, insights.averageSafety)
            assertEquals("conflict", insights.triggers.single().key)
            assertEquals(2u, insights.triggers.single().responses.single().count)
        }
    }
}
