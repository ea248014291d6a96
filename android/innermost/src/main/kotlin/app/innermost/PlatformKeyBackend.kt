package app.innermost

import javax.crypto.Cipher
import javax.crypto.SecretKey

/**
 * Where the AES-256 keys of [AndroidKeystorePlatformKeyStore] live: create, find and
 * delete a [SecretKey] by alias, and start an AES/GCM/NoPadding [Cipher] with one.
 *
 * The app uses [AndroidKeystoreBackend]. The interface exists so that everything else in
 * the store (the blob layout, the associated data, the authorisation step and the mapping
 * of failures onto `PlatformKeyException`) runs in the JVM unit tests over keys kept in
 * memory, where the Android Keystore does not exist.
 *
 * Implementations must be safe to call from several threads. No method may block on the
 * person: authentication happens in [CipherAuthorizer], between [newCipher] and the use of
 * the cipher.
 */
interface PlatformKeyBackend {
    /**
     * Creates a new AES-256 key under [alias], replacing any key of that alias, and returns
     * it. With [requireUserAuthentication] every use of the key needs the person's strong
     * biometric, and enrolling a new biometric invalidates the key for good.
     */
    fun createKey(alias: String, requireUserAuthentication: Boolean): SecretKey

    /**
     * The key under [alias], or null if there is none. Throws
     * [PlatformKeyInvalidatedException] when the key exists but can never be used again.
     */
    fun getKey(alias: String): SecretKey?

    /** Deletes the key under [alias]; deleting a missing key succeeds. */
    fun deleteKey(alias: String)

    /** Whether [key] can only be used through a cipher authorised by [CipherAuthorizer]. */
    fun requiresUserAuthentication(key: SecretKey): Boolean

    /**
     * An AES/GCM/NoPadding cipher initialised with [key] for [mode] ([Cipher.ENCRYPT_MODE]
     * or [Cipher.DECRYPT_MODE]). For encryption [iv] is null and the cipher picks a random
     * 12-byte IV itself (read it from [Cipher.getIV]); for decryption it is the IV the blob
     * carries, with a 128-bit tag. Throws [PlatformKeyInvalidatedException] when the key
     * was permanently invalidated (on Android: a new biometric was enrolled, or the screen
     * lock was removed).
     */
    fun newCipher(key: SecretKey, mode: Int, iv: ByteArray?): Cipher
}
