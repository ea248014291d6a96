package app.innermost

import javax.crypto.Cipher

/**
 * Lets the person authorise one use of a key that requires user authentication: on
 * Android, by showing a `BiometricPrompt` with a `BiometricPrompt.CryptoObject` made from
 * the cipher. The library only defines this interface; the prompt (and the
 * `androidx.biometric` dependency) stays in the app.
 *
 * [authorize] is called on the background thread that called the vault (the facade runs
 * on `Dispatchers.IO`), never on the main thread. It must show the prompt on the main
 * thread, block the calling thread until the prompt ends, and then
 *
 * * return the authorised cipher (`result.cryptoObject?.cipher`, normally the very object
 *   it was given) when authentication succeeded;
 * * throw [java.util.concurrent.CancellationException] (or
 *   `kotlinx.coroutines.CancellationException`, the same class) when the person dismissed
 *   the prompt (`ERROR_USER_CANCELED`, `ERROR_NEGATIVE_BUTTON`, `ERROR_CANCELED`): the
 *   vault reports `Cancelled` and stays locked;
 * * throw anything else for any other error (lockout, no biometric enrolled, hardware
 *   unavailable): the vault reports `Unavailable` and the app asks for the passphrase.
 *   A failed attempt (`onAuthenticationFailed`, a finger that did not match) is not the
 *   end of the prompt: keep waiting.
 *
 * An interrupted wait counts as a cancellation.
 *
 * A sketch of an implementation in an app (Activity `activity`, a `PromptInfo` built with
 * `setAllowedAuthenticators(BIOMETRIC_STRONG)`, which a `CryptoObject` requires):
 *
 * ```kotlin
 * val authorizer = CipherAuthorizer { cipher ->
 *     runBlocking(Dispatchers.Main) {
 *         suspendCancellableCoroutine { done ->
 *             val callback = object : BiometricPrompt.AuthenticationCallback() {
 *                 override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
 *                     done.resume(result.cryptoObject?.cipher ?: cipher)
 *                 }
 *                 override fun onAuthenticationError(code: Int, text: CharSequence) {
 *                     val dismissed = code == BiometricPrompt.ERROR_USER_CANCELED ||
 *                         code == BiometricPrompt.ERROR_NEGATIVE_BUTTON || code == BiometricPrompt.ERROR_CANCELED
 *                     done.resumeWithException(
 *                         if (dismissed) CancellationException("dismissed") else IllegalStateException("biometric error $code"),
 *                     )
 *                 }
 *             }
 *             BiometricPrompt(activity, callback).authenticate(promptInfo, BiometricPrompt.CryptoObject(cipher))
 *         }
 *     }
 * }
 * ```
 */
fun interface CipherAuthorizer {
    /**
     * Blocks until the person authorised [cipher] and returns the authorised cipher, or
     * throws a cancellation if they dismissed the prompt. See the interface's description.
     */
    fun authorize(cipher: Cipher): Cipher
}
