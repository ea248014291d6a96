package app.innermost

import java.security.ProviderException
import java.util.concurrent.CancellationException
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * A [PlatformKeyBackend] for the JVM tests: AES-256 keys from `javax.crypto`, held in
 * memory, with switches that make it fail the ways the Android Keystore does.
 *
 * * [invalidate] / [enrollNewBiometric]: keys that exist but can never be used again
 *   ([newCipher] throws [PlatformKeyInvalidatedException], as the Keystore throws
 *   `KeyPermanentlyInvalidatedException`).
 * * [cancelPrompts]: [authorizer] throws a cancellation, as the app's does when the person
 *   dismisses the `BiometricPrompt`.
 * * [unavailable]: every call fails with a `ProviderException`, as a busy or broken
 *   Keystore does.
 *
 * What it cannot do is refuse a cipher that skipped the prompt (a JVM cipher has no such
 * state); tests count [prompts] instead.
 */
class SoftwareKeyBackend : PlatformKeyBackend {
    private class Slot(val key: SecretKey, val needsAuthentication: Boolean) {
        @Volatile
        var invalidated = false
    }

    private val slots = ConcurrentHashMap<String, Slot>()

    /** When set, every call fails as an unavailable key store. */
    @Volatile
    var unavailable = false

    /** When set, [authorizer] throws a cancellation, as if the person dismissed the prompt. */
    @Volatile
    var cancelPrompts = false

    /** How many times [authorizer] showed its (imaginary) prompt. */
    val prompts = AtomicInteger()

    /** Stands in for the app's `BiometricPrompt`: see [cancelPrompts] and [prompts]. */
    val authorizer = CipherAuthorizer { cipher ->
        prompts.incrementAndGet()
        if (cancelPrompts) throw CancellationException("the person dismissed the prompt")
        cipher
    }

    /** The aliases that have a key now. */
    val aliases: Set<String>
        get() = slots.keys.toSet()

    /** Makes the key under [alias] unusable for good, as a biometric change does on Android. */
    fun invalidate(alias: String) {
        slots.getValue(alias).invalidated = true
    }

    /** Invalidates every key made with user authentication, as enrolling a fingerprint does. */
    fun enrollNewBiometric() {
        slots.values.filter { it.needsAuthentication }.forEach { it.invalidated = true }
    }

    /** The AES-256 key of [alias], for tests that check the blob with their own cipher. */
    fun rawKey(alias: String): SecretKey = slots.getValue(alias).key

    override fun createKey(alias: String, requireUserAuthentication: Boolean): SecretKey {
        failIfUnavailable()
        val key = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
        slots[alias] = Slot(key, requireUserAuthentication)
        return key
    }

    override fun getKey(alias: String): SecretKey? {
        failIfUnavailable()
        return slots[alias]?.key
    }

    override fun deleteKey(alias: String) {
        failIfUnavailable()
        slots.remove(alias)
    }

    override fun requiresUserAuthentication(key: SecretKey): Boolean = slotOf(key).needsAuthentication

    override fun newCipher(key: SecretKey, mode: Int, iv: ByteArray?): Cipher {
        failIfUnavailable()
        if (slotOf(key).invalidated) throw PlatformKeyInvalidatedException()
        return Cipher.getInstance("AES/GCM/NoPadding").apply {
            if (iv == null) init(mode, key) else init(mode, key, GCMParameterSpec(128, iv))
        }
    }

    private fun slotOf(key: SecretKey): Slot =
        slots.values.firstOrNull { it.key === key } ?: throw ProviderException("key no longer in the store")

    private fun failIfUnavailable() {
        if (unavailable) throw ProviderException("simulated: key store unavailable")
    }
}
