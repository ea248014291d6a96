package app.innermost

import android.annotation.TargetApi
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyInfo
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import java.security.KeyStore
import java.security.UnrecoverableKeyException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.SecretKeyFactory
import javax.crypto.spec.GCMParameterSpec

/**
 * [PlatformKeyBackend] over the Android Keystore (provider `AndroidKeyStore`): the keys
 * never leave secure hardware, and this process only ever holds handles to them.
 *
 * Keys are AES-256 with purposes encrypt and decrypt, block mode GCM, no padding and
 * randomized encryption required (the Keystore chooses every IV). They are created in
 * StrongBox when [preferStrongBox] is set and the device has one (API 28+); when StrongBox
 * refuses (`StrongBoxUnavailableException`) the key is created in the TEE instead, and
 * StrongBox is not tried again by this instance.
 *
 * With user authentication required, a key needs a strong biometric for every use and is
 * invalidated for good when a new biometric is enrolled. On API 30+ that is
 * `setUserAuthenticationParameters(0, AUTH_BIOMETRIC_STRONG)`; on API 26-29 the default
 * validity of -1 seconds means the same (every use, biometric only).
 *
 * Invalidation is reported as [PlatformKeyInvalidatedException]: from [newCipher] when the
 * Keystore throws `KeyPermanentlyInvalidatedException`, and from [getKey] when it cannot
 * load the key at all (`UnrecoverableKeyException`, which some releases throw instead for
 * a key that can no longer be used).
 *
 * Safe to use from several threads: key management is serialised on this instance (it
 * never waits for the person). This class uses Android framework classes and so runs only
 * on a device or emulator; the JVM unit tests replace it with a backend that keeps keys in
 * memory.
 *
 * @param preferStrongBox try StrongBox first (recommended: StrongBox is slower than the
 *   TEE, but a slot key is used once per unlock).
 */
class AndroidKeystoreBackend(private val preferStrongBox: Boolean = true) : PlatformKeyBackend {
    private val keyStore: KeyStore by lazy { KeyStore.getInstance(PROVIDER).apply { load(null) } }

    /** Set once StrongBox refused a key, so later keys go to the TEE directly. */
    private var strongBoxRefused = false

    /** Names of the provider, the cipher and the key sizes used. */
    private companion object {
        const val PROVIDER = "AndroidKeyStore"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val KEY_BITS = 256
        const val TAG_BITS = 128

        fun newKey(spec: KeyGenParameterSpec): SecretKey =
            KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER).run {
                init(spec)
                generateKey()
            }
    }

    /** Creates the key, in StrongBox if possible (see the class description). */
    @Synchronized
    override fun createKey(alias: String, requireUserAuthentication: Boolean): SecretKey {
        if (preferStrongBox && !strongBoxRefused && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            StrongBox.generate(spec(alias, requireUserAuthentication))?.let { return it }
            strongBoxRefused = true
        }
        return newKey(spec(alias, requireUserAuthentication).build())
    }

    /** The key, or null when the alias is unknown. */
    @Synchronized
    override fun getKey(alias: String): SecretKey? = try {
        keyStore.getKey(alias, null) as? SecretKey
    } catch (e: UnrecoverableKeyException) {
        throw PlatformKeyInvalidatedException(e)
    }

    /** Deletes the entry if it exists. */
    @Synchronized
    override fun deleteKey(alias: String) {
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    /** Read from the key's [KeyInfo], not from how this instance is configured. */
    override fun requiresUserAuthentication(key: SecretKey): Boolean {
        val info = SecretKeyFactory.getInstance(key.algorithm, PROVIDER).getKeySpec(key, KeyInfo::class.java) as KeyInfo
        return info.isUserAuthenticationRequired
    }

    /** `AES/GCM/NoPadding`; the Keystore picks the IV when encrypting. */
    override fun newCipher(key: SecretKey, mode: Int, iv: ByteArray?): Cipher {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        try {
            if (iv == null) cipher.init(mode, key) else cipher.init(mode, key, GCMParameterSpec(TAG_BITS, iv))
        } catch (e: KeyPermanentlyInvalidatedException) {
            throw PlatformKeyInvalidatedException(e)
        }
        return cipher
    }

    private fun spec(alias: String, requireUserAuthentication: Boolean): KeyGenParameterSpec.Builder =
        KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setKeySize(KEY_BITS)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .apply {
                if (requireUserAuthentication) {
                    setUserAuthenticationRequired(true)
                    setInvalidatedByBiometricEnrollment(true)
                    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
                        setUserAuthenticationParameters(0, KeyProperties.AUTH_BIOMETRIC_STRONG)
                    }
                }
            }

    /**
     * The API 28 part, in a class of its own so that older releases never verify code that
     * names `StrongBoxUnavailableException`.
     */
    @TargetApi(Build.VERSION_CODES.P)
    private object StrongBox {
        /** The key made in StrongBox, or null when the device has none. */
        fun generate(spec: KeyGenParameterSpec.Builder): SecretKey? = try {
            newKey(spec.setIsStrongBoxBacked(true).build())
        } catch (e: StrongBoxUnavailableException) {
            null
        }
    }
}
