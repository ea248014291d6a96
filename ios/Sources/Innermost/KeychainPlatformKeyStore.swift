// Platform (Face ID / Touch ID / passcode) unlock on Apple platforms: the `PlatformKeyStore`
// the core calls, backed by the Keychain.
//
// What the core hands a store is a random 32-byte *slot key*, never the data key: the core
// itself wraps the data key under the slot key, and checks whatever comes back. This store
// wraps the slot key in turn, under a random 256-bit key kept in one Keychain item per alias,
// behind access control (biometry or user presence). Every failure is reported as a
// `PlatformKeyError`, which the core turns into "ask for the passphrase": nothing is lost,
// because a passphrase slot always sits beside the platform slot.

import CryptoKit
import Foundation
import InnermostFFI
import LocalAuthentication
import Security

/// A ``PlatformKeyStore`` backed by the Keychain, for unlocking a vault with Face ID, Touch ID
/// or the device passcode.
///
/// ```swift
/// let store = KeychainPlatformKeyStore(reason: "Unlock your journal")
/// if store.isAvailable {
///     try await vault.enablePlatformUnlock(store: store)         // while unlocked
/// }
/// // Later, on a locked vault:
/// switch try await vault.unlockWithPlatformKey(store: store) {
/// case .unlocked: showJournal()
/// default: askForPassphrase()                                    // every other outcome
/// }
/// ```
///
/// ## What is stored where
///
/// For each alias the core asks for (one per platform slot, `innermost-<uuid>`), ``wrap(alias:slotKey:)``
/// creates a random 256-bit AES key and saves it as a generic-password Keychain item:
///
/// * service ``service``, account = the alias, in ``accessGroup`` if one is given;
/// * accessible only when the device is unlocked, **on this device only**
///   (`kSecAttrAccessibleWhenUnlockedThisDeviceOnly`): never synchronised with iCloud
///   Keychain and never restored from a backup onto another device;
/// * read only after the authentication chosen with ``Authentication`` (a `SecAccessControl`);
/// * in the data-protection Keychain (`kSecUseDataProtectionKeychain`, which also makes
///   macOS behave like iOS).
///
/// The slot key is sealed with that key by AES-256-GCM (CryptoKit) and returned to the core
/// as an opaque blob: one version byte (`1`) followed by CryptoKit's combined form
/// (12-byte nonce, ciphertext, 16-byte tag), with `innermost/platform-key/v1|<alias>` as
/// associated data so a blob only opens under its own alias. The core keeps the blob in the
/// vault; the key never leaves the Keychain except, briefly, into this process's memory
/// after the person authenticated. (Swift cannot wipe memory reliably; the key is dropped
/// as soon as the blob is sealed or opened.)
///
/// ## Errors
///
/// Every method throws only ``PlatformKeyError``:
///
/// * `.PermanentlyInvalidated`: the item is gone (`errSecItemNotFound`, e.g. after the
///   Face ID or Touch ID enrolment changed under ``Authentication/biometryCurrentSet``, or
///   after the vault was restored on another device), `errSecAuthFailed` when the enrolment
///   has changed since ``wrap(alias:slotKey:)``, or a blob that does not open. The core marks
///   the slot stale; the person unlocks with the passphrase and may turn platform unlock on
///   again.
/// * `.Cancelled`: the person dismissed the prompt (`errSecUserCanceled`).
/// * `.Unavailable(reason:)`: anything else, e.g. `"OSStatus -25308"` (interaction not
///   allowed: the device is locked) or `"LocalAuthentication -7"` (no biometrics enrolled).
///   `reason` holds only status codes, never anything personal.
///
/// ## Threading
///
/// ``unwrap(alias:wrapped:)`` shows the system prompt and blocks its thread until the person
/// answers. The core calls the store on the thread that called the vault, without holding
/// the vault's lock; ``InnermostVault`` makes those calls on a background queue. Never call
/// these methods on the main thread yourself.
///
/// ## Requirements
///
/// * Face ID needs `NSFaceIDUsageDescription` in the app's Info.plist; without it the
///   system terminates the app at the first Face ID prompt.
/// * On macOS the data-protection Keychain needs a signed app with a
///   `keychain-access-groups` entitlement; unsigned test runners get `OSStatus -34018`
///   (`.Unavailable`). The package's tests therefore use an in-memory store.
public final class KeychainPlatformKeyStore: PlatformKeyStore {
    /// How the person proves it is them before the key can be read.
    public enum Authentication: Sendable, Equatable {
        /// Face ID or Touch ID with the fingers/face enrolled **now**
        /// (`SecAccessControlCreateFlags.biometryCurrentSet`). Adding or removing a
        /// fingerprint or face invalidates every key, so someone who learns the device
        /// passcode cannot enrol their own face and unlock the journal; the person then
        /// unlocks once with the passphrase and turns platform unlock on again. No passcode
        /// fallback. The stricter choice, and the default.
        case biometryCurrentSet
        /// Face ID or Touch ID, falling back to the device passcode
        /// (`SecAccessControlCreateFlags.userPresence`). Survives enrolment changes and
        /// works on devices without biometrics, but anyone who knows the device passcode
        /// can open the journal.
        case userPresence
    }

    /// The Keychain service (`kSecAttrService`) used when none is given.
    public static let defaultService = "app.innermost.platform-key"

    /// The Keychain service under which every key of this store is saved.
    public let service: String

    /// The Keychain access group (`kSecAttrAccessGroup`), or `nil` for the app's default one.
    public let accessGroup: String?

    /// What must be proven before a key is read; fixed when a key is created.
    public let authentication: Authentication

    /// The explanation shown in the system prompt (`LAContext.localizedReason`), e.g.
    /// "Unlock your journal". Touch ID and the passcode prompt show it; Face ID shows the
    /// Info.plist's `NSFaceIDUsageDescription` the first time instead.
    public let reason: String

    /// Makes a store; nothing is read or written until the core calls it.
    ///
    /// - Parameters:
    ///   - reason: The prompt's explanation (must not be empty), in the person's language.
    ///   - authentication: ``Authentication/biometryCurrentSet`` (default) or
    ///     ``Authentication/userPresence``. Applies to keys created from now on; a vault
    ///     enabled under the other choice keeps its key until platform unlock is turned on
    ///     again.
    ///   - service: The Keychain service; keep the default unless several independent
    ///     journals share one app.
    ///   - accessGroup: A Keychain access group shared with app extensions, or `nil`.
    public init(
        reason: String,
        authentication: Authentication = .biometryCurrentSet,
        service: String = KeychainPlatformKeyStore.defaultService,
        accessGroup: String? = nil
    ) {
        precondition(!reason.isEmpty, "KeychainPlatformKeyStore needs a reason to show in the prompt")
        self.reason = reason
        self.authentication = authentication
        self.service = service
        self.accessGroup = accessGroup
    }

    // MARK: - What the app asks

    /// Whether this device can protect a key the way ``authentication`` asks: biometrics
    /// enrolled (``Authentication/biometryCurrentSet``) or a passcode set
    /// (``Authentication/userPresence``). Offer platform unlock only when `true`.
    ///
    /// Cheap and synchronous; shows nothing.
    public var isAvailable: Bool {
        LAContext().canEvaluatePolicy(policy, error: nil)
    }

    /// The kind of biometrics the device has (`.faceID`, `.touchID`, or `.none`), to label
    /// the button ("Unlock with Face ID"). Cheap and synchronous; shows nothing.
    public var biometryType: LABiometryType {
        let context = LAContext()
        _ = context.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: nil)
        return context.biometryType
    }

    /// Deletes every key this store saved under ``service`` (and ``accessGroup``), whatever
    /// vault it belonged to.
    ///
    /// Keychain items outlive the app: deleting the app does not delete them. Call this
    /// after ``InnermostVault/deleteEverything(backupsDirectory:)``, and on the first
    /// launch after a fresh install if the app keeps a marker of earlier installs. A key
    /// without its vault opens nothing, so this is tidiness, not secrecy.
    ///
    /// - Throws: ``PlatformKeyError``: `.Unavailable(reason:)` with the `OSStatus`.
    public func removeAllKeys() throws {
        var query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecUseDataProtectionKeychain as String: true,
        ]
        if let accessGroup = accessGroup {
            query[kSecAttrAccessGroup as String] = accessGroup
        }
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw PlatformKeyError.Unavailable(reason: "OSStatus \(status)")
        }
    }

    // MARK: - PlatformKeyStore (called by the core)

    /// Creates a fresh key under `alias` (replacing any earlier key of that alias) and seals
    /// `slotKey` with it. Shows no prompt.
    ///
    /// - Parameters:
    ///   - alias: The core's name for the platform slot.
    ///   - slotKey: The 32-byte slot key.
    /// - Returns: The blob the core stores: version byte `1`, then nonce, ciphertext and tag.
    /// - Throws: ``PlatformKeyError``: `.Unavailable(reason:)` when the device cannot
    ///   protect a key this way (no biometrics enrolled, no passcode), or the Keychain
    ///   refused the item. The core then reports that platform unlock cannot be turned on.
    public func wrap(alias: String, slotKey: Data) throws -> Data {
        let context = LAContext()
        var laError: NSError?
        guard context.canEvaluatePolicy(policy, error: &laError) else {
            throw PlatformKeyError.Unavailable(reason: "LocalAuthentication \(laError?.code ?? 0)")
        }
        // Recorded beside the key so that a later errSecAuthFailed can be told apart: the
        // enrolment changed (the key is gone for good) or not (try again later).
        let enrolment = authentication == .biometryCurrentSet ? context.evaluatedPolicyDomainState : nil
        let access = try accessControl()

        let key = SymmetricKey(size: .bits256)
        let blob = try PlatformKeyBlob.seal(slotKey, with: key, alias: alias)

        let deleted = SecItemDelete(itemQuery(alias: alias) as CFDictionary)
        guard deleted == errSecSuccess || deleted == errSecItemNotFound else {
            throw PlatformKeyError.Unavailable(reason: "OSStatus \(deleted)")
        }
        var attributes = itemQuery(alias: alias)
        attributes[kSecAttrAccessControl as String] = access
        attributes[kSecValueData as String] = key.withUnsafeBytes { Data($0) }
        if let enrolment = enrolment {
            attributes[kSecAttrGeneric as String] = enrolment
        }
        let added = SecItemAdd(attributes as CFDictionary, nil)
        guard added == errSecSuccess else {
            throw PlatformKeyError.Unavailable(reason: "OSStatus \(added)")
        }
        return blob
    }

    /// Reads the key of `alias` (the system shows its prompt with ``reason``) and opens
    /// `wrapped` with it. Blocks until the person answers.
    ///
    /// - Returns: The slot key.
    /// - Throws: ``PlatformKeyError``: `.PermanentlyInvalidated` (no such item, enrolment
    ///   changed, or a blob this key does not open); `.Cancelled` (the person dismissed the
    ///   prompt); `.Unavailable(reason:)` otherwise.
    public func unwrap(alias: String, wrapped: Data) throws -> Data {
        let context = LAContext()
        context.localizedReason = reason
        var query = itemQuery(alias: alias)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        query[kSecUseAuthenticationContext as String] = context

        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            break
        case errSecAuthFailed where enrolmentChanged(alias: alias):
            throw PlatformKeyError.PermanentlyInvalidated
        default:
            throw Self.keyError(status)
        }
        guard let keyData = result as? Data, keyData.count == 32 else {
            // An item under this alias that does not hold one of our keys opens nothing.
            throw PlatformKeyError.PermanentlyInvalidated
        }
        return try PlatformKeyBlob.open(wrapped, with: SymmetricKey(data: keyData), alias: alias)
    }

    /// Deletes the key of `alias`. Deleting a key that does not exist succeeds. Shows no
    /// prompt.
    ///
    /// - Throws: ``PlatformKeyError``: `.Unavailable(reason:)` with the `OSStatus`.
    public func remove(alias: String) throws {
        let status = SecItemDelete(itemQuery(alias: alias) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw PlatformKeyError.Unavailable(reason: "OSStatus \(status)")
        }
    }

    // MARK: - Keychain details

    /// The LocalAuthentication policy matching ``authentication``.
    private var policy: LAPolicy {
        switch authentication {
        case .biometryCurrentSet:
            return .deviceOwnerAuthenticationWithBiometrics
        case .userPresence:
            return .deviceOwnerAuthentication
        }
    }

    /// Accessible only while the device is unlocked, only on this device, only after
    /// ``authentication``.
    private func accessControl() throws -> SecAccessControl {
        let flags: SecAccessControlCreateFlags
        switch authentication {
        case .biometryCurrentSet:
            flags = .biometryCurrentSet
        case .userPresence:
            flags = .userPresence
        }
        var error: Unmanaged<CFError>?
        guard let access = SecAccessControlCreateWithFlags(
            nil,
            kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
            flags,
            &error
        ) else {
            let code = error.map { CFErrorGetCode($0.takeRetainedValue()) } ?? 0
            throw PlatformKeyError.Unavailable(reason: "SecAccessControl \(code)")
        }
        return access
    }

    /// The attributes that name the item of `alias` (for adding, reading and deleting).
    private func itemQuery(alias: String) -> [String: Any] {
        var query: [String: Any] = [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: alias,
            kSecAttrSynchronizable as String: false,
            kSecUseDataProtectionKeychain as String: true,
        ]
        if let accessGroup = accessGroup {
            query[kSecAttrAccessGroup as String] = accessGroup
        }
        return query
    }

    /// After `errSecAuthFailed` under ``Authentication/biometryCurrentSet``: whether the
    /// biometric enrolment is no longer the one the key of `alias` was made under (or
    /// biometrics were removed altogether), so the key can never be read again. Reads only
    /// the item's attributes and never prompts; `false` whenever it cannot tell.
    private func enrolmentChanged(alias: String) -> Bool {
        guard authentication == .biometryCurrentSet else {
            return false
        }
        let silent = LAContext()
        silent.interactionNotAllowed = true
        var query = itemQuery(alias: alias)
        query[kSecReturnAttributes as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        query[kSecUseAuthenticationContext as String] = silent
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        if status == errSecItemNotFound {
            return true
        }
        guard status == errSecSuccess,
              let attributes = result as? [String: Any],
              let recorded = attributes[kSecAttrGeneric as String] as? Data
        else {
            return false
        }
        let now = LAContext()
        var laError: NSError?
        guard now.canEvaluatePolicy(.deviceOwnerAuthenticationWithBiometrics, error: &laError) else {
            return laError?.code == LAError.Code.biometryNotEnrolled.rawValue
        }
        guard let current = now.evaluatedPolicyDomainState else {
            return false
        }
        return current != recorded
    }

    /// The ``PlatformKeyError`` for a failed Keychain read.
    private static func keyError(_ status: OSStatus) -> PlatformKeyError {
        switch status {
        case errSecItemNotFound:
            return .PermanentlyInvalidated
        case errSecUserCanceled:
            return .Cancelled
        default:
            return .Unavailable(reason: "OSStatus \(status)")
        }
    }
}

/// The blob a ``KeychainPlatformKeyStore`` hands the core: version byte `1`, then
/// CryptoKit's combined AES-GCM form (12-byte nonce | ciphertext | 16-byte tag) of the slot
/// key, with `innermost/platform-key/v1|<alias>` as associated data.
enum PlatformKeyBlob {
    /// The first byte of every blob this version writes.
    static let version: UInt8 = 1

    /// Nonce and tag: a blob is longer than the version byte plus these.
    private static let overhead = 1 + 12 + 16

    /// Seals `slotKey` under `key` for `alias`.
    ///
    /// - Throws: ``PlatformKeyError``: `.Unavailable(reason:)` if CryptoKit fails.
    static func seal(_ slotKey: Data, with key: SymmetricKey, alias: String) throws -> Data {
        let sealed: AES.GCM.SealedBox
        do {
            sealed = try AES.GCM.seal(slotKey, using: key, authenticating: associatedData(alias))
        } catch {
            throw PlatformKeyError.Unavailable(reason: "AES-GCM sealing failed")
        }
        guard let combined = sealed.combined else {
            throw PlatformKeyError.Unavailable(reason: "AES-GCM gave no combined form")
        }
        var blob = Data([version])
        blob.append(combined)
        return blob
    }

    /// Opens a blob made by ``seal(_:with:alias:)`` with the same key and alias.
    ///
    /// - Throws: ``PlatformKeyError``: `.PermanentlyInvalidated` for a blob of another
    ///   version, a damaged one, or one made with another key or alias: it can never open.
    static func open(_ blob: Data, with key: SymmetricKey, alias: String) throws -> Data {
        guard blob.count > overhead, blob.first == version else {
            throw PlatformKeyError.PermanentlyInvalidated
        }
        do {
            let sealed = try AES.GCM.SealedBox(combined: Data(blob.dropFirst()))
            return try AES.GCM.open(sealed, using: key, authenticating: associatedData(alias))
        } catch {
            throw PlatformKeyError.PermanentlyInvalidated
        }
    }

    private static func associatedData(_ alias: String) -> Data {
        Data("innermost/platform-key/v1|\(alias)".utf8)
    }
}
