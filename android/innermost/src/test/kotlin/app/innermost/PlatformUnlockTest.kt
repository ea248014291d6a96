package app.innermost

import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.PlatformUnlock
import app.innermost.ffi.PlatformUnlockState
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Platform (biometric) unlock through the facade, with [AndroidKeystorePlatformKeyStore]
 * over [SoftwareKeyBackend]: the store's real code, keys in memory instead of the Keystore.
 */
class PlatformUnlockTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "a lighthouse in the fog"
    private val fast: KdfParams = insecureFastKdfParamsForTests()
    private val keys = SoftwareKeyBackend()

    private fun vaultFile() = File(dir, "journal.innermost")

    private suspend fun newVault() = InnermostVault.create(vaultFile(), passphrase, fast)

    /** A store whose keys need the (imaginary) biometric prompt, as an app would configure it. */
    private fun biometricStore() =
        AndroidKeystorePlatformKeyStore(requireUserAuthentication = true, authorizer = keys.authorizer, backend = keys)

    @Test
    fun `a vault unlocks through the platform slot, also after reopening`() = runBlocking<Unit> {
        val store = AndroidKeystorePlatformKeyStore(backend = keys)
        newVault().use { vault ->
            assertEquals(PlatformUnlockState.NOT_ENROLLED, vault.platformUnlockState())
            assertEquals(PlatformUnlock.NotEnrolled, vault.unlockWithPlatformKey(store))
            vault.addReflection("I asked for a hug and got one.")
            vault.enablePlatformUnlock(store)
            assertEquals(PlatformUnlockState.ENROLLED, vault.platformUnlockState())
            assertEquals(1, keys.aliases.size)
            assertTrue(keys.aliases.single().startsWith("innermost-"), "the core names the key")
            vault.lock()
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
            assertFalse(vault.isLocked)
        }
        InnermostVault.open(vaultFile()).use { vault ->
            assertTrue(vault.isLocked)
            assertEquals(PlatformUnlockState.ENROLLED, vault.platformUnlockState(), "readable while locked")
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
            assertEquals("I asked for a hug and got one.", vault.entries().entries.single().text())
        }
    }

    @Test
    fun `with user authentication every use of the key goes through the prompt`() = runBlocking<Unit> {
        val store = biometricStore()
        newVault().use { vault ->
            vault.enablePlatformUnlock(store)
            assertEquals(1, keys.prompts.get(), "encrypting the slot key needs the prompt too")
            vault.lock()
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
            assertEquals(2, keys.prompts.get())
            vault.lock()
            // The key itself says it needs authentication: a store configured without it
            // but with an authorizer still prompts; one with no authorizer cannot use it.
            val relaxed = AndroidKeystorePlatformKeyStore(authorizer = keys.authorizer, backend = keys)
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(relaxed))
            assertEquals(3, keys.prompts.get())
            vault.lock()
            val noPrompt = AndroidKeystorePlatformKeyStore(backend = keys)
            assertInstanceOf(PlatformUnlock.Unavailable::class.java, vault.unlockWithPlatformKey(noPrompt))
            assertTrue(vault.isLocked)
            assertEquals(PlatformUnlockState.ENROLLED, vault.platformUnlockState())
        }
    }

    @Test
    fun `an invalidated key turns the slot stale and the passphrase still works`() = runBlocking<Unit> {
        val store = biometricStore()
        newVault().use { vault ->
            vault.addReflection("kept safe whatever the key store does")
            vault.enablePlatformUnlock(store)
            vault.lock()

            keys.enrollNewBiometric()
            assertEquals(PlatformUnlock.Stale, vault.unlockWithPlatformKey(store))
            assertTrue(vault.isLocked)
            assertEquals(PlatformUnlockState.STALE, vault.platformUnlockState())
            assertTrue(keys.aliases.isEmpty(), "the core asked the store to delete the dead key")
            assertEquals(PlatformUnlock.NotEnrolled, vault.unlockWithPlatformKey(store), "a stale slot is not tried again")

            vault.unlock(passphrase)
            assertEquals("kept safe whatever the key store does", vault.entries().entries.single().text())
            vault.enablePlatformUnlock(store)
            assertEquals(PlatformUnlockState.ENROLLED, vault.platformUnlockState(), "turned on again")
            vault.lock()
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
        }
    }

    @Test
    fun `a key deleted behind the vault's back is stale too`() = runBlocking<Unit> {
        val store = AndroidKeystorePlatformKeyStore(backend = keys)
        newVault().use { vault ->
            vault.enablePlatformUnlock(store)
            vault.lock()
            keys.deleteKey(keys.aliases.single())
            assertEquals(PlatformUnlock.Stale, vault.unlockWithPlatformKey(store))
            assertEquals(PlatformUnlockState.STALE, vault.platformUnlockState())
            vault.unlock(passphrase)
        }
    }

    @Test
    fun `a dismissed prompt is Cancelled and the vault stays locked`() = runBlocking<Unit> {
        val store = biometricStore()
        newVault().use { vault ->
            vault.enablePlatformUnlock(store)
            vault.lock()
            keys.cancelPrompts = true
            assertEquals(PlatformUnlock.Cancelled, vault.unlockWithPlatformKey(store))
            assertTrue(vault.isLocked)
            assertThrows(InnermostException.Locked::class.java) { runBlocking { vault.entries() } }
            assertEquals(PlatformUnlockState.ENROLLED, vault.platformUnlockState(), "a cancellation keeps the slot")

            keys.cancelPrompts = false
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
        }
    }

    @Test
    fun `a failing key store is Unavailable, keeps the slot and says nothing personal`() = runBlocking<Unit> {
        val store = AndroidKeystorePlatformKeyStore(backend = keys)
        newVault().use { vault ->
            vault.enablePlatformUnlock(store)
            vault.lock()
            keys.unavailable = true
            val outcome = vault.unlockWithPlatformKey(store)
            assertInstanceOf(PlatformUnlock.Unavailable::class.java, outcome)
            assertEquals("unwrap: ProviderException", (outcome as PlatformUnlock.Unavailable).reason)
            assertTrue(vault.isLocked)
            assertEquals(PlatformUnlockState.ENROLLED, vault.platformUnlockState())
            keys.unavailable = false
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
        }
    }

    @Test
    fun `turning platform unlock on needs the prompt, and turning it off deletes the key`() = runBlocking<Unit> {
        val store = biometricStore()
        newVault().use { vault ->
            keys.cancelPrompts = true
            assertThrows(InnermostException.Interrupted::class.java) { runBlocking { vault.enablePlatformUnlock(store) } }
            assertEquals(PlatformUnlockState.NOT_ENROLLED, vault.platformUnlockState())
            assertTrue(keys.aliases.isEmpty(), "the key made for the refused slot is deleted again")

            keys.cancelPrompts = false
            vault.enablePlatformUnlock(store)
            vault.lock()
            vault.disablePlatformUnlock(store) // works while locked
            assertEquals(PlatformUnlockState.NOT_ENROLLED, vault.platformUnlockState())
            assertTrue(keys.aliases.isEmpty())
            assertEquals(PlatformUnlock.NotEnrolled, vault.unlockWithPlatformKey(store))
            assertTrue(vault.isLocked)

            keys.unavailable = true
            vault.unlock(passphrase)
            assertThrows(InnermostException.Unsupported::class.java) { runBlocking { vault.enablePlatformUnlock(store) } }
            assertEquals(PlatformUnlockState.NOT_ENROLLED, vault.platformUnlockState())
        }
    }

    @Test
    fun `enabling again replaces the old slot and its key`() = runBlocking<Unit> {
        val store = AndroidKeystorePlatformKeyStore(backend = keys)
        newVault().use { vault ->
            vault.enablePlatformUnlock(store)
            val first = keys.aliases.single()
            vault.enablePlatformUnlock(store)
            val second = keys.aliases.single()
            assertTrue(first != second, "a new key under a new alias; the old one is deleted")
            vault.lock()
            assertEquals(PlatformUnlock.Unlocked, vault.unlockWithPlatformKey(store))
        }
    }
}
