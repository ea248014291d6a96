package app.innermost

import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.PlatformUnlock
import app.innermost.ffi.PlatformUnlockState
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** A new data key: everything re-encrypted, the other ways in renewed or removed. */
class KeyRotationTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "rotate me gently"
    private val fast: KdfParams = insecureFastKdfParamsForTests()

    private fun vaultFile() = File(dir, "journal.innermost")

    @Test
    fun `rotation re-encrypts everything, replaces the recovery code and removes platform slots`() = runBlocking<Unit> {
        val keys = SoftwareKeyBackend()
        val store = AndroidKeystorePlatformKeyStore(backend = keys)
        InnermostVault.create(vaultFile(), passphrase, fast).use { vault ->
            repeat(20) { vault.addReflection("before the rotation, number $it") }
            val oldCode = vault.setUpRecoveryCode(fast)
            vault.enablePlatformUnlock(store)

            val progress = mutableListOf<Pair<Long, Long>>()
            val outcome = vault.rotateDataKey(passphrase, fast) { done, total -> progress += done to total; true }
            assertTrue(outcome.valuesResealed >= 20uL)
            assertEquals(1u, outcome.platformSlotsRemoved)
            val newCode = requireNotNull(outcome.recoveryCode) { "the vault had a code, so rotation makes a new one" }
            assertNotEquals(oldCode, newCode)
            assertEquals(progress.last().second, progress.last().first)
            assertEquals(PlatformUnlockState.NOT_ENROLLED, vault.platformUnlockState())
            vault.integrityCheck()

            vault.lock()
            assertEquals(PlatformUnlock.NotEnrolled, vault.unlockWithPlatformKey(store))
            assertThrows(InnermostException.WrongPassphrase::class.java) { runBlocking { vault.unlockWithRecoveryCode(oldCode) } }
            vault.unlockWithRecoveryCode(newCode)
            assertEquals(20, vault.entries(limit = 100).entries.size)
        }
        InnermostVault.open(vaultFile()).use { vault ->
            vault.unlock(passphrase)
            assertEquals(20, vault.entries(limit = 100).entries.size)
        }
    }

    @Test
    fun `a stopped rotation changes nothing`() = runBlocking<Unit> {
        InnermostVault.create(vaultFile(), passphrase, fast).use { vault ->
            repeat(5) { vault.addReflection("entry $it") }
            val code = vault.setUpRecoveryCode(fast)
            assertThrows(InnermostException.Interrupted::class.java) {
                runBlocking { vault.rotateDataKey(passphrase, fast) { _, _ -> false } }
            }
            assertThrows(InnermostException.WrongPassphrase::class.java) {
                runBlocking { vault.rotateDataKey("not the passphrase", fast) }
            }
            vault.lock()
            vault.unlockWithRecoveryCode(code) // still the same code
            assertEquals(5, vault.entries().entries.size)
            val plain = vault.rotateDataKey(passphrase, fast)
            assertNotNull(plain.recoveryCode)
            assertEquals(0u, plain.platformSlotsRemoved)
        }
        InnermostVault.create(File(dir, "other.innermost"), passphrase, fast).use { vault ->
            assertNull(vault.rotateDataKey(passphrase, fast).recoveryCode, "no code before, none after")
        }
    }
}
