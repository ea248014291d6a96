package app.innermost

import app.innermost.ffi.PlatformKeyException
import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.spec.GCMParameterSpec
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The store on its own: blob layout, binding to the alias, and how failures are reported. */
class AndroidKeystorePlatformKeyStoreTest {
    private val keys = SoftwareKeyBackend()
    private val store = AndroidKeystorePlatformKeyStore(backend = keys)

    private fun slotKey() = ByteArray(32).also { SecureRandom().nextBytes(it) }

    @Test
    fun `a blob is the version, the IV, then AES-GCM ciphertext and tag over the alias`() {
        val slotKey = slotKey()
        val expected = slotKey.copyOf()
        val blob = store.wrap("innermost-a", slotKey)

        assertEquals(1 + 12 + 32 + 16, blob.size)
        assertEquals(1.toByte(), blob[0])
        assertTrue(slotKey.all { it == 0.toByte() }, "the caller's copy of the slot key is wiped")
        // Open it independently with the key and the documented associated data.
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, keys.rawKey("innermost-a"), GCMParameterSpec(128, blob.copyOfRange(1, 13)))
        cipher.updateAAD("innermost/platform-key/v1|innermost-a".toByteArray())
        assertArrayEquals(expected, cipher.doFinal(blob, 13, blob.size - 13))
        assertArrayEquals(expected, store.unwrap("innermost-a", blob))

        val again = store.wrap("innermost-b", expected.copyOf())
        assertFalse(blob.copyOfRange(1, 13).contentEquals(again.copyOfRange(1, 13)), "a fresh IV every time")
    }

    @Test
    fun `a blob opens only under its own alias`() {
        val a = store.wrap("innermost-a", slotKey())
        val b = store.wrap("innermost-b", slotKey())
        assertThrows(PlatformKeyException.PermanentlyInvalidated::class.java) { store.unwrap("innermost-b", a) }
        assertThrows(PlatformKeyException.PermanentlyInvalidated::class.java) { store.unwrap("innermost-a", b) }
        val altered = a.copyOf().also { it[20] = (it[20].toInt() xor 1).toByte() }
        assertThrows(PlatformKeyException.PermanentlyInvalidated::class.java) { store.unwrap("innermost-a", altered) }
    }

    @Test
    fun `failures map onto what the core expects`() {
        val blob = store.wrap("innermost-a", slotKey())
        assertThrows(PlatformKeyException.PermanentlyInvalidated::class.java) { store.unwrap("innermost-missing", blob) }
        assertThrows(PlatformKeyException.PermanentlyInvalidated::class.java) { store.unwrap("innermost-a", blob.copyOf(20)) }
        val future = blob.copyOf().also { it[0] = 2 }
        val unknown = assertThrows(PlatformKeyException.Unavailable::class.java) { store.unwrap("innermost-a", future) }
        assertEquals("unwrap: unknown blob version 2", unknown.reason)

        keys.invalidate("innermost-a")
        assertThrows(PlatformKeyException.PermanentlyInvalidated::class.java) { store.unwrap("innermost-a", blob) }

        keys.unavailable = true
        val down = assertThrows(PlatformKeyException.Unavailable::class.java) { store.wrap("innermost-c", slotKey()) }
        assertEquals("wrap: ProviderException", down.reason)
        assertThrows(PlatformKeyException.Unavailable::class.java) { store.remove("innermost-a") }
        keys.unavailable = false

        store.remove("innermost-a")
        store.remove("innermost-a") // a missing key is not an error
        assertTrue(keys.aliases.isEmpty())
    }

    @Test
    fun `authentication goes through the authorizer, and its cancellation is Cancelled`() {
        assertThrows(IllegalArgumentException::class.java) {
            AndroidKeystorePlatformKeyStore(requireUserAuthentication = true, backend = keys)
        }
        val biometric = AndroidKeystorePlatformKeyStore(requireUserAuthentication = true, authorizer = keys.authorizer, backend = keys)
        val slotKey = slotKey()
        val blob = biometric.wrap("innermost-a", slotKey.copyOf())
        assertArrayEquals(slotKey, biometric.unwrap("innermost-a", blob))
        assertEquals(2, keys.prompts.get())

        keys.cancelPrompts = true
        assertThrows(PlatformKeyException.Cancelled::class.java) { biometric.unwrap("innermost-a", blob) }
        assertThrows(PlatformKeyException.Cancelled::class.java) { biometric.wrap("innermost-b", slotKey()) }
        assertEquals(setOf("innermost-a"), keys.aliases, "a refused wrap leaves no key behind")

        val interrupted = AndroidKeystorePlatformKeyStore(
            requireUserAuthentication = true,
            authorizer = { throw InterruptedException() },
            backend = keys,
        )
        assertThrows(PlatformKeyException.Cancelled::class.java) { interrupted.unwrap("innermost-a", blob) }
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)")

        val broken = AndroidKeystorePlatformKeyStore(
            requireUserAuthentication = true,
            authorizer = { throw IllegalStateException("lockout") },
            backend = keys,
        )
        val lockout = assertThrows(PlatformKeyException.Unavailable::class.java) { broken.unwrap("innermost-a", blob) }
        assertEquals("unwrap: IllegalStateException", lockout.reason, "the reason names the class, never a message")
    }
}
