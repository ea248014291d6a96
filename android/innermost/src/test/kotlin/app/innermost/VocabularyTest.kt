package app.innermost

import app.innermost.ffi.InnermostException
import app.innermost.ffi.builtinEmotions
import app.innermost.ffi.builtinTriggers
import app.innermost.ffi.insecureFastKdfParamsForTests
import app.innermost.ffi.prompts
import java.io.File
import java.time.LocalDate
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The emotion and trigger vocabulary and the prompts, through the Kotlin facade. */
class VocabularyTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "vocabulary test passphrase"


    @Test
    fun `built-in words have stable keys and work while locked`() {
        val families = builtinEmotions()
        assertEquals(8, families.size)
        assertTrue(families.all { f -> f.words.all { it.key.startsWith(f.key + ".") && !it.custom } })
        assertTrue(builtinTriggers().any { it.key == "being_seen" })
    }

    @Test
    fun `a person's own words are added, sealed and kept`() = runBlocking<Unit> {
        val file = File(dir, "v.innermost")
        val word = InnermostVault.create(file, passphrase, insecureFastKdfParamsForTests()).use { vault ->
            val w = vault.addCustomEmotion("closeness", "CANARY-kotlin-word-91d2")
            vault.addCustomTrigger("being asked about my plans")
            w
        }
        assertTrue(word.custom && word.key.startsWith("custom:"))
        dir.walkTopDown().filter { it.isFile }.forEach {
            assertFalse(String(it.readBytes(), Charsets.ISO_8859_1).contains("CANARY-kotlin-word-91d2"), it.name)
        }
        InnermostVault.open(file).use { vault ->
            vault.unlock(passphrase)
            assertEquals(word, vault.emotionVocabulary().single { it.key == "closeness" }.words.last())
            assertEquals("being asked about my plans", vault.triggerVocabulary().last().label)
        }
    }

    @Test
    fun `unknown families and duplicate labels are InvalidInput naming the field`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, insecureFastKdfParamsForTests()).use { vault ->
            val family = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.addCustomEmotion("dread", "heavy") }
            }
            assertEquals("family", family.field)
            val duplicate = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.addCustomTrigger("Criticism") }
            }
            assertEquals("label", duplicate.field)
        }
    }

    @Test
    fun `the prompt of the day is deterministic and walks every prompt`() {
        val start = LocalDate.of(2026, 11, 28)
        assertEquals(InnermostVault.promptOfTheDay(start), InnermostVault.promptOfTheDay(start))
        val all = prompts()
        val cycle = (0 until all.size).map { InnermostVault.promptOfTheDay(start.plusDays(it.toLong())).key }.toSet()
        assertEquals(all.map { it.key }.toSet(), cycle)
        val bad = assertThrows(InnermostException.InvalidInput::class.java) { app.innermost.ffi.promptOfTheDay("2026-02-30") }
        assertEquals("date", bad.field)
    }
}
