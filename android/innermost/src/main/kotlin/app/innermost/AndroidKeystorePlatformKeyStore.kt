package app.innermost

import app.innermost.ffi.PlatformKeyException
import app.innermost.ffi.PlatformKeyStore
import java.util.concurrent.CancellationException
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.SecretKey

/**
 * The Android implementation of the core's [PlatformKeyStore]: platform ("biometric" or
 * "keep unlocked") unlock through a per-slot AES-256-GCM key in the Android Keystore.
 *
 * What it protects: the core hands [wrap] a random 32-byte *slot key*, never the data
 * key, and checks whatever [unwrap] returns itself. A key in the Keystore never leaves
 * secure hardware (StrongBox when the device has it, else the TEE), so a copy of the app's
 * files does not open the vault through this slot.
 *
 * Keys: one per alias (the core names them `innermost-<slot id>`), created by
 * [PlatformKeyBackend.createKey] with purposes encrypt and decrypt, GCM, no padding,
 * randomized encryption. With [requireUserAuthentication] each use needs the person's
 * strong biometric through [authorizer], and a newly enrolled biometric invalidates the
 * key (the slot turns stale; the person unlocks with the passphrase and turns platform
 * unlock on again). Whether a key needs authentication is read from the key itself, so a
 * slot made under one setting keeps working after the app changes it; to change the
 * protection of an existing slot, turn platform unlock off and on again. Turning it on
 * with [requireUserAuthentication] shows the prompt once too: encrypting needs the
 * authorised key as well.
 *
 * Blob layout (what [wrap] returns and the core stores in the slot; 61 bytes for a 32-byte
 * slot key):
 *
 * ```text
 *   offset 0       1 byte    format version, 1
 *   offset 1       12 bytes  GCM IV, chosen by the Keystore (randomized encryption)
 *   offset 13      n + 16    AES-256-GCM ciphertext of the slot key, then the 128-bit tag
 * ```
 *
 * The associated data is the UTF-8 text `innermost/platform-key/v1|<alias>`, so a blob
 * opens only under the alias it was made for.
 *
 * Failures, as the core expects them (every one of them means "ask for the passphrase";
 * no reason carries personal data, only a step and an exception class name):
 *
 * * key missing, permanently invalidated ([PlatformKeyInvalidatedException]), or a blob
 *   that this key cannot open or that is too short to be one:
 *   [PlatformKeyException.PermanentlyInvalidated] (the slot becomes stale);
 * * the person dismissed the prompt ([CancellationException] from [authorizer], or the
 *   thread was interrupted while waiting): [PlatformKeyException.Cancelled];
 * * anything else, a blob of an unknown version included:
 *   [PlatformKeyException.Unavailable] (the slot is kept for next time).
 *
 * The core calls the store on the thread that called the vault, never while it holds the
 * vault's lock; the facade's calls run on `Dispatchers.IO`, where blocking on a prompt is
 * fine. Safe to use from several threads.
 *
 * @param requireUserAuthentication new keys need a strong biometric for every use
 *   (`setUserAuthenticationRequired(true)`, `setInvalidatedByBiometricEnrollment(true)`,
 *   and on API 30+ `setUserAuthenticationParameters(0, AUTH_BIOMETRIC_STRONG)`).
 * @param authorizer shows the app's `BiometricPrompt`; required with
 *   [requireUserAuthentication], and used for any key that needs authentication.
 * @param backend where keys live: [AndroidKeystoreBackend] in the app; tests pass one
 *   that keeps keys in memory.
 */
class AndroidKeystorePlatformKeyStore(
    private val requireUserAuthentication: Boolean = false,
    private val authorizer: CipherAuthorizer? = null,
    private val backend: PlatformKeyBackend = AndroidKeystoreBackend(),
) : PlatformKeyStore {
    init {
        require(!requireUserAuthentication || authorizer != null) {
            "requireUserAuthentication needs a CipherAuthorizer to show the prompt"
        }
    }

    /** Constants of the blob layout (see the class description). */
    companion object {
        /** The first byte of every blob this version writes. */
        const val BLOB_VERSION: Byte = 1

        /** Length of the GCM IV that follows the version byte. */
        const val IV_LENGTH = 12

        /** Length of the GCM tag at the end of the blob. */
        const val TAG_LENGTH = 16

        /** Bytes before the ciphertext: the version and the IV. */
        const val HEADER_LENGTH = 1 + IV_LENGTH

        /** The associated data binding a blob to its [alias]. */
        internal fun associatedData(alias: String): ByteArray =
            "innermost/platform-key/v1|$alias".toByteArray(Charsets.UTF_8)
    }

    /**
     * Creates the key [alias] (replacing one of that alias), encrypts [slotKey] with it and
     * returns the blob. [slotKey] is overwritten with zeros afterwards. If encryption fails
     * the new key is deleted again.
     */
    override fun wrap(alias: String, slotKey: ByteArray): ByteArray = mapFailures("wrap") {
        try {
            val key = backend.createKey(alias, requireUserAuthentication)
            try {
                val cipher = authorized(key, backend.newCipher(key, Cipher.ENCRYPT_MODE, null))
                val iv = cipher.iv
                if (iv == null || iv.size != IV_LENGTH) {
                    throw PlatformKeyException.Unavailable("wrap: the cipher chose no ${IV_LENGTH}-byte IV")
                }
                cipher.updateAAD(associatedData(alias))
                val sealed = cipher.doFinal(slotKey)
                ByteArray(HEADER_LENGTH + sealed.size).also { blob ->
                    blob[0] = BLOB_VERSION
                    iv.copyInto(blob, 1)
                    sealed.copyInto(blob, HEADER_LENGTH)
                }
            } catch (e: Throwable) {
                // Best effort: the core stores nothing when wrap fails, so the key is unused.
                runCatching { backend.deleteKey(alias) }
                throw e
            }
        } finally {
            slotKey.fill(0)
        }
    }

    /**
     * Decrypts a blob made by [wrap] under [alias] and returns the slot key. May show the
     * biometric prompt (through [authorizer]) and block until it ends.
     */
    override fun unwrap(alias: String, wrapped: ByteArray): ByteArray = mapFailures("unwrap") {
        if (wrapped.isNotEmpty() && wrapped[0] != BLOB_VERSION) {
            throw PlatformKeyException.Unavailable("unwrap: unknown blob version ${wrapped[0].toInt() and 0xff}")
        }
        if (wrapped.size < HEADER_LENGTH + TAG_LENGTH) {
            // Can never open: as good as an invalidated key.
            throw PlatformKeyException.PermanentlyInvalidated()
        }
        val key = backend.getKey(alias) ?: throw PlatformKeyException.PermanentlyInvalidated()
        val iv = wrapped.copyOfRange(1, HEADER_LENGTH)
        val cipher = authorized(key, backend.newCipher(key, Cipher.DECRYPT_MODE, iv))
        cipher.updateAAD(associatedData(alias))
        try {
            cipher.doFinal(wrapped, HEADER_LENGTH, wrapped.size - HEADER_LENGTH)
        } catch (e: AEADBadTagException) {
            // The key under this alias is not the one the blob was made with (or the blob
            // was altered): it will never open.
            throw PlatformKeyException.PermanentlyInvalidated().apply { initCause(e) }
        }
    }

    /** Deletes the key [alias]; a missing key is not an error. */
    override fun remove(alias: String) = mapFailures("remove") { backend.deleteKey(alias) }

    /** [cipher] itself, or as authorised by the person when [key] needs it. */
    private fun authorized(key: SecretKey, cipher: Cipher): Cipher {
        if (!backend.requiresUserAuthentication(key)) return cipher
        val authorizer = authorizer
            ?: throw PlatformKeyException.Unavailable("the key needs user authentication but no CipherAuthorizer was given")
        return authorizer.authorize(cipher)
    }

    /**
     * Runs [block], turning every failure into the [PlatformKeyException] the core
     * understands. Reasons name the [step] and an exception class, never a message (a
     * message could one day carry something personal).
     */
    private inline fun <T> mapFailures(step: String, block: () -> T): T = try {
        block()
    } catch (e: PlatformKeyException) {
        throw e
    } catch (e: PlatformKeyInvalidatedException) {
        throw PlatformKeyException.PermanentlyInvalidated().apply { initCause(e) }
    } catch (e: CancellationException) {
        throw PlatformKeyException.Cancelled().apply { initCause(e) }
    } catch (e: InterruptedException) {
        Thread.currentThread().interrupt()
        throw PlatformKeyException.Cancelled().apply { initCause(e) }
    } catch (e: Exception) {
        throw PlatformKeyException.Unavailable("$step: ${e.javaClass.simpleName}").apply { initCause(e) }
    }
}
