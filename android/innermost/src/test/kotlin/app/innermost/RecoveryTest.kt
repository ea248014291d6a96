package app.innermost

import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The recovery code: the way back in when the passphrase is forgotten. */
class RecoveryTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "the first snow of the year"
    private val fast: KdfParams = insecureFastKdfParamsForTests()

    private fun vaultFile() = File(dir, "journal.innermost")

    /** The code as a person might type it from paper: lower case, groups split by spaces. */
    private fun typedCasually(code: String) = code.lowercase().replace("-", " ")

    /** [code] with its first symbol changed to another valid one: a single typo. */
    private fun withTypo(code: String): String {
        val other = if (code[0] == 'A') 'B' else 'A'
        return other + code.substring(1)
    }

    @Test
    fun `set up, unlock with the code as typed, reset the passphrase, old one refused`() = runBlocking<Unit> {
        val code = InnermostVault.create(vaultFile(), passphrase, fast).use { vault ->
            vault.addReflection("What I would tell my younger self.")
            assertFalse(vault.hasRecoveryCode())
            val code = vault.setUpRecoveryCode(fast)
            assertTrue(Regex("[0-9A-Z]{4}(-[0-9A-Z]{4}){6}").matches(code), "seven groups of four")
            assertTrue(vault.hasRecoveryCode())

            vault.lock()
            assertTrue(vault.hasRecoveryCode(), "readable while locked")
            vault.unlockWithRecoveryCode(typedCasually(code))
            assertFalse(vault.isLocked)
            assertEquals("What I would tell my younger self.", vault.entries().entries.single().text())
            code
        }

        // Passphrase forgotten: a fresh start with only the code.
        InnermostVault.open(vaultFile()).use { vault ->
            vault.resetPassphraseWithRecoveryCode(typedCasually(code), "a brand new passphrase", fast)
            assertFalse(vault.isLocked, "the reset leaves the vault unlocked")
            assertEquals(1, vault.entries().entries.size)
        }
        InnermostVault.open(vaultFile()).use { vault ->
            assertThrows(InnermostException.WrongPassphrase::class.java) { runBlocking { vault.unlock(passphrase) } }
            vault.unlock("a brand new passphrase")
            vault.lock()
            vault.unlockWithRecoveryCode(code) // the code keeps working
            assertFalse(vault.isLocked)
        }
    }

    @Test
    fun `a typo is InvalidInput, caught before any key derivation and without echoing the code`() = runBlocking<Unit> {
        InnermostVault.create(vaultFile(), passphrase, fast).use { vault ->
            val code = vault.setUpRecoveryCode(fast)
            InnermostVault.checkRecoveryCode(code)
            InnermostVault.checkRecoveryCode(typedCasually(code))

            val typo = withTypo(code)
            val e = assertThrows(InnermostException.InvalidInput::class.java) { InnermostVault.checkRecoveryCode(typo) }
            assertEquals("code", e.field)
            // Symbols 2 to 9 are the same in the code and in the typo: neither is repeated.
            val shared = code.replace("-", "").substring(1, 9)
            assertFalse(e.message.contains(shared) || e.reason.contains(shared), "the error never repeats the code")
            val short = assertThrows(InnermostException.InvalidInput::class.java) {
                InnermostVault.checkRecoveryCode(code.dropLast(2))
            }
            assertEquals("code", short.field)

            vault.lock()
            val unlock = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.unlockWithRecoveryCode(typo) }
            }
            assertEquals("code", unlock.field)
            assertTrue(vault.isLocked)
            val reset = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.resetPassphraseWithRecoveryCode(typo, "whatever comes next", fast) }
            }
            assertEquals("code", reset.field)
            vault.unlock(passphrase) // nothing changed
        }
    }

    @Test
    fun `a new code retires the old one, and a vault without a code says NotFound`() = runBlocking<Unit> {
        InnermostVault.create(vaultFile(), passphrase, fast).use { vault ->
            vault.lock()
            assertThrows(InnermostException.NotFound::class.java) {
                runBlocking { vault.unlockWithRecoveryCode("0000-0000-0000-0000-0000-0000-0000") }
            }
            assertThrows(InnermostException.Locked::class.java) { runBlocking { vault.setUpRecoveryCode(fast) } }
            vault.unlock(passphrase)
            val first = vault.setUpRecoveryCode(fast)
            val second = vault.setUpRecoveryCode(fast)
            assertNotEquals(first, second)
            vault.lock()
            assertThrows(InnermostException.WrongPassphrase::class.java) { runBlocking { vault.unlockWithRecoveryCode(first) } }
            assertTrue(vault.isLocked)
            vault.unlockWithRecoveryCode(second)
        }
    }
}
