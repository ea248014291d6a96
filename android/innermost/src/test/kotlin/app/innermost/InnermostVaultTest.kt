package app.innermost

import app.innermost.ffi.Entry
import app.innermost.ffi.EntryContent
import app.innermost.ffi.InnermostException
import app.innermost.ffi.NewEntry
import app.innermost.ffi.KdfParams
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * The facade as an Android app uses it, against the real Rust library loaded through JNA.
 * The library is built with the `test-support` feature so vaults use fast KDF parameters.
 */
class InnermostVaultTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "the river at dusk, twice"
    private val fast: KdfParams = insecureFastKdfParamsForTests()


    private fun vaultFile() = File(dir, "journal.innermost")

    private suspend fun newVault() = InnermostVault.create(vaultFile(), passphrase, fast)

    @Test
    fun `entries written through the facade survive lock, unlock and reopening`() = runBlocking<Unit> {
        val written = newVault().use { vault ->
            assertFalse(vault.isLocked)
            val first = vault.addReflection("I felt safe on the walk home.")
            val second = vault.addReflection("I wanted to leave when she asked about my family.")
            vault.lock()
            assertTrue(vault.isLocked)
            vault.unlock(passphrase)
            assertEquals(first, vault.entry(first.id))
            listOf(second, first)
        }
        InnermostVault.open(vaultFile()).use { vault ->
            assertTrue(vault.isLocked, "an opened vault starts locked")
            vault.unlock(passphrase)
            val page = vault.entries(limit = 50)
            assertEquals(written, page.entries)
            assertNull(page.next)
        }
    }

    @Test
    fun `a wrong passphrase is WrongPassphrase and leaves the vault usable`() = runBlocking<Unit> {
        newVault().use { it.addReflection("still here") }
        InnermostVault.open(vaultFile()).use { vault ->
            assertThrows(InnermostException.WrongPassphrase::class.java) {
                runBlocking { vault.unlock("not the passphrase") }
            }
            assertTrue(vault.isLocked)
            vault.unlock(passphrase)
            assertEquals("still here", vault.entries().entries.single().text())
        }
    }

    @Test
    fun `a locked vault refuses journal calls with Locked`() = runBlocking<Unit> {
        newVault().use { vault ->
            vault.lock()
            assertThrows(InnermostException.Locked::class.java) { runBlocking { vault.addReflection("x") } }
            assertThrows(InnermostException.Locked::class.java) { runBlocking { vault.entries() } }
        }
    }

    @Test
    fun `InvalidInput carries the name of the offending field`() = runBlocking<Unit> {
        newVault().use { vault ->
            val empty = assertThrows(InnermostException.InvalidInput::class.java) { runBlocking { vault.addReflection("   ") } }
            assertEquals("reflection.text", empty.field)
            val limit = assertThrows(InnermostException.InvalidInput::class.java) { runBlocking { vault.entries(limit = 0) } }
            assertEquals("limit", limit.field)
            val id = assertThrows(InnermostException.InvalidInput::class.java) { runBlocking { vault.entry("not-a-uuid") } }
            assertEquals("id", id.field)
        }
        val weak = KdfParams(memoryKib = 8u * 1024u, iterations = 3u, lanes = 1u)
        val kdf = assertThrows(InnermostException.InvalidInput::class.java) {
            runBlocking { InnermostVault.create(File(dir, "weak.innermost"), passphrase, weak) }
        }
        assertEquals("memory_kib", kdf.field)
        assertFalse(File(dir, "weak.innermost").exists(), "a refused create leaves no file")
        val notVault = File(dir, "notes.txt").apply { writeText("dear diary ".repeat(20)) }
        val path = assertThrows(InnermostException.InvalidInput::class.java) { runBlocking { InnermostVault.open(notVault) } }
        assertEquals("path", path.field)
        assertEquals("dear diary ".repeat(20), notVault.readText(), "the foreign file is untouched")
    }

    @Test
    fun `changing the passphrase retires the old one`() = runBlocking<Unit> {
        newVault().use { vault ->
            vault.addReflection("kept across the change")
            vault.changePassphrase(passphrase, "a new and longer phrase", fast)
        }
        InnermostVault.open(vaultFile()).use { vault ->
            assertThrows(InnermostException.WrongPassphrase::class.java) { runBlocking { vault.unlock(passphrase) } }
            vault.unlock("a new and longer phrase")
            assertEquals("kept across the change", vault.entries().entries.single().text())
        }
    }

    @Test
    fun `several coroutines writing at once lose nothing`() = runBlocking<Unit> {
        newVault().use { vault ->
            val ids = (0 until 8).map { worker ->
                async(Dispatchers.IO) { (0 until 25).map { i -> vault.addReflection("worker $worker entry $i").id } }
            }.awaitAll().flatten()
            assertEquals(200, ids.toSet().size)

            val seen = mutableListOf<String>()
            var cursor: String? = null
            do {
                val page = vault.entries(limit = 30, after = cursor)
                seen += page.entries.map { it.id }
                cursor = page.next
            } while (cursor != null)
            assertEquals(ids.toSet(), seen.toSet())
            assertEquals(200, seen.size, "every entry exactly once")
        }
    }

    @Test
    fun `a closed vault fails cleanly instead of crashing`() = runBlocking<Unit> {
        val vault = newVault()
        vault.addReflection("before closing")
        vault.close()
        vault.close() // idempotent
        assertTrue(vault.isLocked)
        assertThrows(IllegalStateException::class.java) { runBlocking { vault.addReflection("after closing") } }
        assertThrows(IllegalStateException::class.java) { runBlocking { vault.unlock(passphrase) } }

        // The raw generated object: after closeVault() calls fail with Storage; after
        // close() (release) uniffi refuses the call.
        val raw = app.innermost.ffi.Vault.open(vaultFile().path)
        raw.closeVault()
        assertThrows(InnermostException.Storage::class.java) { raw.unlock(passphrase) }
        raw.close()
        assertThrows(IllegalStateException::class.java) { raw.isLocked() }
    }

    @Test
    fun `plaintext never reaches the vault files`() = runBlocking<Unit> {
        val canaries = listOf("CANARY-kotlin-3f9e1d", "CANARY-kotlin-ünï-😶-77aa", "CANARY-kotlin-edit-0c4b")
        newVault().use { vault ->
            vault.addReflection("tonight ${canaries[0]}")
            val e = vault.addReflection(canaries[1])
            vault.updateEntry(e.id, NewEntry(EntryContent.Reflection(null, "changed to ${canaries[2]}", null), emptyList(), emptyList()))
            assertTrue(File(dir, "journal.innermost-wal").exists(), "the WAL is scanned too")
            assertNoCanary(canaries + passphrase, "before checkpoint")
            vault.checkpoint()
            assertNoCanary(canaries + passphrase, "after checkpoint")
        }
        assertNoCanary(canaries + passphrase, "after close")
        InnermostVault.open(vaultFile()).use { vault ->
            vault.unlock(passphrase)
            assertTrue(vault.entries().entries.any { it.text().contains(canaries[0]) }, "the text is sealed, not lost")
        }
    }

    private fun assertNoCanary(needles: List<String>, moment: String) {
        val files = dir.walkTopDown().filter { it.isFile }.toList()
        assertTrue(files.isNotEmpty())
        for (file in files) {
            val bytes = file.readBytes()
            for (needle in needles) {
                assertFalse(indexOf(bytes, needle.toByteArray(Charsets.UTF_8)) >= 0, "$moment: found a canary in ${file.name}")
            }
        }
    }

    private fun indexOf(haystack: ByteArray, needle: ByteArray): Int {
        outer@ for (i in 0..haystack.size - needle.size) {
            for (j in needle.indices) if (haystack[i + j] != needle[j]) continue@outer
            return i
        }
        return -1
    }
}

/** The text of a reflection: the kind these tests write. */
internal fun Entry.text(): String = (content as EntryContent.Reflection).text
