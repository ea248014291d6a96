package app.innermost

import app.innermost.ffi.EmotionRating
import app.innermost.ffi.EntryContent
import app.innermost.ffi.Grounding
import app.innermost.ffi.InnermostException
import app.innermost.ffi.NewEntry
import app.innermost.ffi.Presence
import app.innermost.ffi.Response
import app.innermost.ffi.Verdict
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Every kind of entry, drafts and the trash, through the Kotlin facade. */
class JournalTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "journal test passphrase"


    private fun file() = File(dir, "journal.innermost")

    private suspend fun newVault() = InnermostVault.create(file(), passphrase, insecureFastKdfParamsForTests())

    private fun entry(content: EntryContent) = NewEntry(content, listOf("kotlin"), emptyList())

    private val patternLog = EntryContent.PatternLog(
        situation = "He asked what I was thinking.",
        involved = "my partner",
        feltSafety = 4u,
        urgeToPullAway = 8u,
        response = Response.Other("changed the subject"),
        triggers = listOf("being_seen"),
        emotions = listOf(EmotionRating("fear.exposed", 7u)),
        bodySensations = "tight throat",
        note = null,
    )

    private val thoughtRecord = EntryContent.ThoughtRecord(
        situation = "No reply for an hour.",
        automaticThought = "I said too much.",
        emotionsBefore = listOf(EmotionRating("shame.embarrassed", 6u)),
        evidenceFor = null,
        evidenceAgainst = "They were at work.",
        verdict = Verdict.BASED_ON_FEAR,
        balancedThought = "Silence is not a verdict on me.",
        beliefBefore = 70u,
        beliefAfter = 20u,
        emotionsAfter = listOf(EmotionRating("shame.embarrassed", 2u)),
    )

    private val conversation = EntryContent.ConversationReflection(
        stayedPresent = Presence.PARTLY,
        grounding = listOf(Grounding.Breathing, Grounding.Other("hand on my chest")),
        heardPartnerSay = "They feel lonely when I go quiet.",
        needExpressed = "A moment to find words.",
        boundarySet = null,
    )

    @Test
    fun `every kind of entry round-trips through lock and reopen`() = runBlocking<Unit> {
        val contents = listOf(EntryContent.Reflection("Title", "Free writing.", "someone_closer"), patternLog, thoughtRecord, conversation)
        val written = newVault().use { vault -> contents.map { vault.addEntry(entry(it)) } }
        InnermostVault.open(file()).use { vault ->
            vault.unlock(passphrase)
            for (e in written) assertEquals(e, vault.entry(e.id))
            assertEquals(contents.reversed(), vault.entries().entries.map { it.content })
        }
    }

    @Test
    fun `bad entries name the kind and field and store nothing`() = runBlocking<Unit> {
        newVault().use { vault ->
            val safety = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.addEntry(entry(patternLog.copy(feltSafety = 11u))) }
            }
            assertEquals("pattern_log.felt_safety", safety.field)
            val emotion = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.addEntry(entry(patternLog.copy(emotions = listOf(EmotionRating("fear.invented", 3u))))) }
            }
            assertEquals("pattern_log.emotions", emotion.field)
            val belief = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.addEntry(entry(thoughtRecord.copy(beliefAfter = 101u))) }
            }
            assertEquals("thought_record.belief_after", belief.field)
            assertTrue(vault.entries().entries.isEmpty())
        }
    }

    @Test
    fun `drafts keep unfinished work and finish into entries`() = runBlocking<Unit> {
        newVault().use { vault ->
            val unfinished = vault.saveDraft(entry(thoughtRecord.copy(automaticThought = "")))
            val refused = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.finishDraft(unfinished.id) }
            }
            assertEquals("thought_record.automatic_thought", refused.field)
            assertEquals(listOf(unfinished), vault.drafts())
            val saved = vault.saveDraft(entry(thoughtRecord), id = unfinished.id)
            val finished = vault.finishDraft(saved.id)
            assertEquals(saved.id, finished.id)
            assertEquals(thoughtRecord, finished.content)
            assertTrue(vault.drafts().isEmpty())
        }
    }

    @Test
    fun `the trash restores and purges`() = runBlocking<Unit> {
        newVault().use { vault ->
            val kept = vault.addReflection("kept")
            val gone = vault.addReflection("gone")
            vault.deleteEntry(gone.id)
            assertNotNull(vault.entry(gone.id).trashedAt)
            assertEquals(listOf(kept.id), vault.entries().entries.map { it.id })
            assertEquals(listOf(gone.id), vault.trashedEntries().entries.map { it.id })
            vault.restoreEntry(gone.id)
            assertNull(vault.entry(gone.id).trashedAt)
            vault.deleteEntry(gone.id)
            vault.purgeEntry(gone.id)
            assertThrows(InnermostException.NotFound::class.java) { runBlocking { vault.entry(gone.id) } }
            assertEquals(0L, vault.purgeExpiredTrash(30))
            assertFalse(vault.entries().entries.isEmpty())
        }
    }
}
