package app.innermost

import java.security.GeneralSecurityException

/**
 * Thrown by a [PlatformKeyBackend] when a key exists but can never be used again (on
 * Android, what `KeyPermanentlyInvalidatedException` reports after a new biometric was
 * enrolled or the screen lock was removed). [AndroidKeystorePlatformKeyStore] reports it
 * to the core as `PlatformKeyException.PermanentlyInvalidated`, which marks the platform
 * slot stale: the person unlocks with the passphrase and turns platform unlock on again.
 *
 * A plain JVM type, so that the store's logic never names an Android class.
 */
class PlatformKeyInvalidatedException(cause: Throwable? = null) :
    GeneralSecurityException("the platform key was permanently invalidated", cause)
