// A `PlatformKeyStore` in memory, for the tests only.
//
// The Keychain store cannot run under `swift test`: the data-protection Keychain needs a
// signed app with a keychain-access-groups entitlement. This store behaves like it as far
// as the core can tell (a random AES-256 key per alias, the slot key sealed with AES-GCM),
// and can be told to fail the ways the Keychain does: an enrolment change that invalidates
// every key, a cancelled prompt, an unavailable store, or bytes that open nothing.

import CryptoKit
import Foundation
import Innermost

final class InMemoryPlatformKeyStore: PlatformKeyStore, @unchecked Sendable {
    // `@unchecked Sendable`: every mutable property is read and written only under `lock`.
    private let lock = NSLock()
    private var keys: [String: SymmetricKey] = [:]
    private var nextWrapFailure: PlatformKeyError?
    private var nextUnwrapFailure: PlatformKeyError?
    private var wrongBytesOnNextUnwrap = false
    private var unwraps = 0

    /// The aliases that have a key now, sorted.
    var aliases: [String] {
        locked { keys.keys.sorted() }
    }

    /// How many times the core asked to unwrap (that is, how many prompts a person saw).
    var unwrapCount: Int {
        locked { unwraps }
    }

    /// What a Face ID / Touch ID enrolment change does to `.biometryCurrentSet` keys: every
    /// key is gone, and unwrapping reports `.PermanentlyInvalidated`.
    func invalidateAllKeys() {
        locked { keys.removeAll() }
    }

    /// The next `wrap` fails with `error` (then the store works again).
    func failNextWrap(with error: PlatformKeyError) {
        locked { nextWrapFailure = error }
    }

    /// The next `unwrap` fails with `error`, e.g. `.Cancelled` for a dismissed prompt.
    func failNextUnwrap(with error: PlatformKeyError) {
        locked { nextUnwrapFailure = error }
    }

    /// The next `unwrap` succeeds but returns 32 bytes that are not the slot key.
    func returnWrongBytesOnNextUnwrap() {
        locked { wrongBytesOnNextUnwrap = true }
    }

    // MARK: - PlatformKeyStore

    func wrap(alias: String, slotKey: Data) throws -> Data {
        try locked {
            if let failure = nextWrapFailure {
                nextWrapFailure = nil
                throw failure
            }
            let key = SymmetricKey(size: .bits256)
            let combined: Data?
            do {
                combined = try AES.GCM.seal(slotKey, using: key).combined
            } catch {
                throw PlatformKeyError.Unavailable(reason: "AES-GCM sealing failed")
            }
            guard let blob = combined else {
                throw PlatformKeyError.Unavailable(reason: "AES-GCM gave no combined form")
            }
            keys[alias] = key
            return blob
        }
    }

    func unwrap(alias: String, wrapped: Data) throws -> Data {
        try locked {
            unwraps += 1
            if let failure = nextUnwrapFailure {
                nextUnwrapFailure = nil
                throw failure
            }
            guard let key = keys[alias] else {
                throw PlatformKeyError.PermanentlyInvalidated
            }
            if wrongBytesOnNextUnwrap {
                wrongBytesOnNextUnwrap = false
                return Data(repeating: 0x5A, count: 32)
            }
            do {
                return try AES.GCM.open(AES.GCM.SealedBox(combined: wrapped), using: key)
            } catch {
                throw PlatformKeyError.PermanentlyInvalidated
            }
        }
    }

    func remove(alias: String) throws {
        locked { keys[alias] = nil }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
