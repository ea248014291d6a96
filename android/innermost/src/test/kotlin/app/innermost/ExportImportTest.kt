package app.innermost

import app.innermost.ffi.EmotionRating
import app.innermost.ffi.EntryContent
import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.NewEntry
import app.innermost.ffi.Response
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The open JSON export, and importing it into another vault. */
class ExportImportTest {
    @TempDir
    lateinit var dir: File
    private val fast: KdfParams = insecureFastKdfParamsForTests()

    @Test
    fun `export then import into a new vault gives the same entries, drafts and words`() = runBlocking<Unit> {
        val export = File(dir, "journal.json")
        val (entries, drafts) = InnermostVault.create(File(dir, "a.innermost"), "first vault", fast).use { vault ->
            val word = vault.addCustomEmotion("fear", "on edge")
            vault.addReflection("Told him I was scared, and stayed.", title = "Staying", tags = listOf("courage"))
            vault.addEntry(
                NewEntry(
                    EntryContent.PatternLog(
                        "A text left unanswered", null, 3u, 7u, Response.Withdrew, listOf("conflict"),
                        listOf(EmotionRating(word.key, 4u)), null, null,
                    ),
                    emptyList(),
                    emptyList(),
                ),
            )
            val gone = vault.addReflection("in the trash, but mine all the same")
            vault.deleteEntry(gone.id)
            vault.saveDraft(NewEntry(EntryContent.Reflection(null, "not finished", null), emptyList(), emptyList()))

            val progress = mutableListOf<Pair<Long, Long>>()
            val summary = vault.exportJson(export) { done, total -> progress += done to total; true }
            assertEquals(3uL, summary.entries, "the trash is exported too")
            assertEquals(1uL, summary.drafts)
            assertEquals(1uL, summary.words)
            assertEquals(export.length().toULong(), summary.bytes)
            assertEquals(progress.last().second, progress.last().first)
            Pair(vault.entries().entries + vault.trashedEntries().entries, vault.drafts())
        }

        InnermostVault.create(File(dir, "b.innermost"), "second vault", fast).use { vault ->
            val progress = mutableListOf<Pair<Long, Long>>()
            val imported = vault.importJson(export) { done, total -> progress += done to total; true }
            assertEquals(3uL, imported.entriesAdded)
            assertEquals(1uL, imported.draftsAdded)
            assertEquals(1uL, imported.wordsAdded)
            assertEquals(progress.last().second, progress.last().first)

            assertEquals(entries, vault.entries().entries + vault.trashedEntries().entries, "same ids, instants and content")
            assertEquals(drafts, vault.drafts())
            assertTrue(vault.emotionVocabulary().flatMap { it.words }.any { it.label == "on edge" })

            val again = vault.importJson(export)
            assertEquals(0uL, again.entriesAdded)
            assertEquals(3uL, again.entriesSkipped, "importing twice adds nothing")
        }
    }

    @Test
    fun `export refuses to overwrite, and a stopped import adds nothing`() = runBlocking<Unit> {
        val export = File(dir, "journal.json")
        InnermostVault.create(File(dir, "a.innermost"), "first vault", fast).use { vault ->
            repeat(3) { vault.addReflection("entry $it") }
            vault.exportJson(export)
            val before = export.readBytes()
            assertThrows(InnermostException.InvalidInput::class.java) { runBlocking { vault.exportJson(export) } }
            assertTrue(before.contentEquals(export.readBytes()), "the existing file is untouched")
            val stopped = File(dir, "stopped.json")
            assertThrows(InnermostException.Interrupted::class.java) { runBlocking { vault.exportJson(stopped) { _, _ -> false } } }
            assertFalse(stopped.exists())
        }
        InnermostVault.create(File(dir, "b.innermost"), "second vault", fast).use { vault ->
            assertThrows(InnermostException.Interrupted::class.java) { runBlocking { vault.importJson(export) { _, _ -> false } } }
            assertTrue(vault.entries().entries.isEmpty())
            vault.lock()
            assertThrows(InnermostException.Locked::class.java) { runBlocking { vault.importJson(export) } }
        }
    }
}
