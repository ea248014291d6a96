package app.innermost

import app.innermost.ffi.BackupSecret
import app.innermost.ffi.EntryContent
import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.NewEntry
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** Encrypted backups through the facade: write, verify, restore, replace, automatic ones. */
class BackupTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "my vault's own passphrase"
    private val backupSecret = BackupSecret.Passphrase("a separate backup passphrase")
    private val fast: KdfParams = insecureFastKdfParamsForTests()

    private fun vaultFile() = File(dir, "journal.innermost")

    /** A vault with [count] reflections and a draft, unlocked. */
    private suspend fun vaultWithEntries(count: Int = 12): InnermostVault {
        val vault = InnermostVault.create(vaultFile(), passphrase, fast)
        repeat(count) { vault.addReflection("Entry $it: the day I said what I needed.") }
        vault.saveDraft(NewEntry(EntryContent.Reflection(null, "half a thought", null), emptyList(), emptyList()))
        return vault
    }

    @Test
    fun `backup, verify and restore into another directory keep every entry`() = runBlocking<Unit> {
        val backup = File(dir, "journal.innermost-backup")
        val (written, drafts) = vaultWithEntries().use { vault ->
            val summary = vault.writeBackup(backup, backupSecret, fast)
            assertEquals(12uL, summary.entries)
            assertEquals(1uL, summary.drafts)
            assertEquals(backup.length().toULong(), summary.backupBytes)
            allEntries(vault) to vault.drafts()
        }

        val verified = InnermostVault.verifyBackup(backup, backupSecret)
        assertEquals(12uL, verified.entries)

        val elsewhere = File(dir, "restored").apply { mkdirs() }
        val restoredFile = File(elsewhere, "journal.innermost")
        val restored = InnermostVault.restoreBackup(backup, backupSecret, restoredFile)
        assertEquals(verified, restored)
        InnermostVault.open(restoredFile).use { vault ->
            assertTrue(vault.isLocked)
            vault.unlock(passphrase) // the restored vault keeps its own passphrase
            assertEquals(written, allEntries(vault))
            assertEquals(drafts, vault.drafts())
        }
    }

    @Test
    fun `a wrong backup passphrase is WrongPassphrase and restores nothing`() = runBlocking<Unit> {
        val backup = File(dir, "b.innermost-backup")
        vaultWithEntries(2).use { it.writeBackup(backup, backupSecret, fast) }
        val wrong = BackupSecret.Passphrase("not the backup passphrase")
        assertThrows(InnermostException.WrongPassphrase::class.java) { runBlocking { InnermostVault.verifyBackup(backup, wrong) } }
        val target = File(dir, "never.innermost")
        assertThrows(InnermostException.WrongPassphrase::class.java) {
            runBlocking { InnermostVault.restoreBackup(backup, wrong, target) }
        }
        assertFalse(target.exists())
        // The vault's own passphrase is not the backup's secret either.
        assertThrows(InnermostException.WrongPassphrase::class.java) {
            runBlocking { InnermostVault.verifyBackup(backup, BackupSecret.Passphrase(passphrase)) }
        }
    }

    @Test
    fun `a flipped byte is Corrupted and restores nothing`() = runBlocking<Unit> {
        val backup = File(dir, "b.innermost-backup")
        vaultWithEntries(5).use { it.writeBackup(backup, backupSecret, fast) }
        val bytes = backup.readBytes()
        val at = bytes.size - 100
        bytes[at] = (bytes[at].toInt() xor 1).toByte()
        val damaged = File(dir, "damaged.innermost-backup").apply { writeBytes(bytes) }

        assertThrows(InnermostException.Corrupted::class.java) { runBlocking { InnermostVault.verifyBackup(damaged, backupSecret) } }
        val target = File(dir, "never.innermost")
        assertThrows(InnermostException.Corrupted::class.java) {
            runBlocking { InnermostVault.restoreBackup(damaged, backupSecret, target) }
        }
        assertFalse(target.exists(), "nothing half-restored")
        assertEquals(5uL, InnermostVault.verifyBackup(backup, backupSecret).entries, "the good copy still verifies")
    }

    @Test
    fun `progress reaches done == total, and returning false stops with Interrupted`() = runBlocking<Unit> {
        val backup = File(dir, "b.innermost-backup")
        vaultWithEntries().use { vault ->
            val seen = mutableListOf<Pair<Long, Long>>()
            vault.writeBackup(backup, backupSecret, fast) { done, total -> seen += done to total; true }
            assertTrue(seen.isNotEmpty())
            val (done, total) = seen.last()
            assertEquals(total, done)
            assertTrue(total > 0)
            assertEquals(seen.sortedBy { it.first }, seen, "done only grows")

            val stopped = File(dir, "stopped.innermost-backup")
            assertThrows(InnermostException.Interrupted::class.java) {
                runBlocking { vault.writeBackup(stopped, backupSecret, fast) { _, _ -> false } }
            }
            assertFalse(stopped.exists(), "a stopped backup leaves no file under its name")
            assertTrue(dir.listFiles()!!.none { it.name.contains("stopped") }, "nor a partial file")
        }
        var verifyCalls = 0
        val lastVerify = mutableListOf<Pair<Long, Long>>()
        InnermostVault.verifyBackup(backup, backupSecret) { done, total -> verifyCalls++; lastVerify += done to total; true }
        assertTrue(verifyCalls > 0)
        assertEquals(lastVerify.last().second, lastVerify.last().first)
        assertThrows(InnermostException.Interrupted::class.java) {
            runBlocking { InnermostVault.verifyBackup(backup, backupSecret) { _, _ -> false } }
        }
        val target = File(dir, "never.innermost")
        assertThrows(InnermostException.Interrupted::class.java) {
            runBlocking { InnermostVault.restoreBackup(backup, backupSecret, target) { _, _ -> false } }
        }
        assertFalse(target.exists())
    }

    @Test
    fun `cancelling the coroutine stops a backup, and a throwing callback's exception comes back`() = runBlocking<Unit> {
        vaultWithEntries().use { vault ->
            val cancelled = File(dir, "cancelled.innermost-backup")
            val job = launch(Dispatchers.IO) {
                vault.writeBackup(cancelled, backupSecret, fast) { _, _ ->
                    cancel() // the coroutine goes away while the backup runs
                    true
                }
            }
            job.join()
            assertTrue(job.isCancelled)
            assertFalse(cancelled.exists())

            val boom = IllegalStateException("the UI went away")
            val thrown = assertThrows(IllegalStateException::class.java) {
                runBlocking { vault.writeBackup(File(dir, "boom.innermost-backup"), backupSecret, fast) { _, _ -> throw boom } }
            }
            assertSame(boom, thrown)
            assertFalse(File(dir, "boom.innermost-backup").exists())
        }
    }

    @Test
    fun `a backup keyed by the recovery code opens with the code as typed`() = runBlocking<Unit> {
        val backup = File(dir, "r.innermost-backup")
        val code = vaultWithEntries(3).use { vault ->
            val code = vault.setUpRecoveryCode(fast)
            vault.writeBackup(backup, BackupSecret.RecoveryCode(code), fast)
            code
        }
        val summary = InnermostVault.verifyBackup(backup, BackupSecret.RecoveryCode(code.lowercase().replace("-", " ")))
        assertEquals(3uL, summary.entries)
    }

    @Test
    fun `replacing the vault with a backup brings back exactly what was backed up`() = runBlocking<Unit> {
        val backup = File(dir, "b.innermost-backup")
        vaultWithEntries(4).use { vault ->
            vault.writeBackup(backup, backupSecret, fast)
            val backedUp = allEntries(vault)
            vault.addReflection("written after the backup")
            assertEquals(5, allEntries(vault).size)

            val summary = vault.replaceWithBackup(backup, backupSecret)
            assertEquals(4uL, summary.entries)
            assertTrue(vault.isLocked, "locked after the swap")
            vault.unlock(passphrase)
            assertEquals(backedUp, allEntries(vault))
            vault.integrityCheck()
        }
    }

    @Test
    fun `automatic backups keep the newest ones and stop when turned off`() = runBlocking<Unit> {
        val backups = File(dir, "backups").apply { mkdirs() }
        val unrelated = File(backups, "notes.txt").apply { writeText("not a backup") }
        vaultWithEntries(3).use { vault ->
            assertFalse(vault.automaticBackupsConfigured())
            assertThrows(InnermostException.NotFound::class.java) { runBlocking { vault.runAutomaticBackup(backups, keep = 2) } }
            vault.configureAutomaticBackups(backupSecret, fast)
            assertTrue(vault.automaticBackupsConfigured())

            val first = vault.runAutomaticBackup(backups, keep = 2)
            val second = vault.runAutomaticBackup(backups, keep = 2)
            assertTrue(first.removed.isEmpty() && second.removed.isEmpty())
            val third = vault.runAutomaticBackup(backups, keep = 2)
            assertEquals(listOf(first.path), third.removed)
            assertEquals(listOf(File(third.path), File(second.path)), InnermostVault.listAutomaticBackups(backups))
            assertTrue(unrelated.exists(), "only automatic backups are ever removed")
            assertEquals(3uL, InnermostVault.verifyBackup(File(third.path), backupSecret).entries)

            val invalid = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.runAutomaticBackup(backups, keep = 0) }
            }
            assertEquals("keep", invalid.field)

            vault.lock()
            assertTrue(vault.automaticBackupsConfigured(), "readable while locked")
            vault.unlock(passphrase)
            vault.turnOffAutomaticBackups()
            assertFalse(vault.automaticBackupsConfigured())
            assertEquals(2, InnermostVault.listAutomaticBackups(backups).size, "existing files stay")
        }
    }

    @Test
    fun `deleting everything removes the vault and its automatic backups and closes the facade`() = runBlocking<Unit> {
        val backups = File(dir, "backups").apply { mkdirs() }
        val vault = vaultWithEntries(2)
        vault.configureAutomaticBackups(backupSecret, fast)
        vault.runAutomaticBackup(backups, keep = 5)
        vault.checkpoint()
        assertTrue(vaultFile().exists())

        vault.deleteEverything(backups)
        assertFalse(vaultFile().exists())
        assertTrue(dir.listFiles()!!.none { it.name.startsWith("journal.innermost") }, "no side files left")
        assertTrue(InnermostVault.listAutomaticBackups(backups).isEmpty())
        assertTrue(vault.isLocked)
        assertThrows(IllegalStateException::class.java) { runBlocking { vault.entries() } }
        vault.close() // still idempotent
    }

    /** Every entry of [vault], newest first, across pages. */
    private suspend fun allEntries(vault: InnermostVault): List<app.innermost.ffi.Entry> {
        val all = mutableListOf<app.innermost.ffi.Entry>()
        var cursor: String? = null
        do {
            val page = vault.entries(limit = 5, after = cursor)
            all += page.entries
            cursor = page.next
        } while (cursor != null)
        return all
    }
}
