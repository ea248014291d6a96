// Platform (Face ID / Touch ID) unlock through the Swift facade, with the in-memory key
// store standing in for the Keychain: every failure of the store leaves the vault locked
// and means "ask for the passphrase", and nothing is ever lost.

import Foundation
import Innermost
import XCTest

final class PlatformUnlockTests: TemporaryDirectoryTestCase {
    private let passphrase = "platform unlock test passphrase"

    private var fast: KdfParams {
        insecureFastKdfParamsForTests()
    }

    private func newVault() async throws -> InnermostVault {
        let url = directory.appendingPathComponent("journal.innermost")
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: fast)
    }

    /// A vault with platform unlock turned on through `store`, then locked.
    private func lockedVaultWithPlatformUnlock(_ store: InMemoryPlatformKeyStore) async throws -> InnermostVault {
        let vault = try await newVault()
        try await vault.enablePlatformUnlock(store: store)
        vault.lock()
        return vault
    }

    func testThePlatformKeyUnlocksAndThePassphraseKeepsWorking() async throws {
        let store = InMemoryPlatformKeyStore()
        let vault = try await newVault()
        let entry = try await vault.addReflection(text: "opened with a glance")
        let before = try await vault.platformUnlockState()
        XCTAssertEqual(before, PlatformUnlockState.notEnrolled)

        try await vault.enablePlatformUnlock(store: store)
        let after = try await vault.platformUnlockState()
        XCTAssertEqual(after, PlatformUnlockState.enrolled)
        XCTAssertEqual(store.aliases.count, 1)
        let firstAlias = store.aliases[0]

        try await vault.enablePlatformUnlock(store: store)
        XCTAssertEqual(store.aliases.count, 1, "turning it on again replaces the slot and its key")
        XCTAssertNotEqual(store.aliases[0], firstAlias)

        vault.lock()
        let whileLocked = try await vault.platformUnlockState()
        XCTAssertEqual(whileLocked, PlatformUnlockState.enrolled, "readable while locked")
        let outcome = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(outcome, PlatformUnlock.unlocked)
        XCTAssertFalse(vault.isLocked)
        let reread = try await vault.entry(id: entry.id)
        XCTAssertEqual(reread, entry)

        vault.lock()
        try await vault.unlock(passphrase: passphrase)
        XCTAssertFalse(vault.isLocked, "the passphrase still opens the vault")
        try await vault.close()
    }

    func testACancelledOrUnavailableStoreKeepsTheSlotForNextTime() async throws {
        let store = InMemoryPlatformKeyStore()
        let vault = try await lockedVaultWithPlatformUnlock(store)

        store.failNextUnwrap(with: .Cancelled)
        let cancelled = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(cancelled, PlatformUnlock.cancelled)
        XCTAssertTrue(vault.isLocked)
        let afterCancel = try await vault.platformUnlockState()
        XCTAssertEqual(afterCancel, PlatformUnlockState.enrolled)

        store.failNextUnwrap(with: .Unavailable(reason: "OSStatus -25308"))
        let unavailable = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(unavailable, PlatformUnlock.unavailable(reason: "OSStatus -25308"))
        XCTAssertTrue(vault.isLocked)
        let afterUnavailable = try await vault.platformUnlockState()
        XCTAssertEqual(afterUnavailable, PlatformUnlockState.enrolled)

        let unlocked = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(unlocked, PlatformUnlock.unlocked)
        try await vault.close()
    }

    func testAnInvalidatedKeyMakesTheSlotStaleUntilItIsTurnedOnAgain() async throws {
        let store = InMemoryPlatformKeyStore()
        let vault = try await lockedVaultWithPlatformUnlock(store)

        store.invalidateAllKeys()  // e.g. a face or fingerprint was enrolled
        let outcome = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(outcome, PlatformUnlock.stale)
        XCTAssertTrue(vault.isLocked)
        let state = try await vault.platformUnlockState()
        XCTAssertEqual(state, PlatformUnlockState.stale)

        let prompts = store.unwrapCount
        let again = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(again, PlatformUnlock.notEnrolled, "a stale slot is never tried again")
        XCTAssertEqual(store.unwrapCount, prompts, "so no prompt is shown for it")

        try await vault.unlock(passphrase: passphrase)
        try await vault.enablePlatformUnlock(store: store)
        let renewed = try await vault.platformUnlockState()
        XCTAssertEqual(renewed, PlatformUnlockState.enrolled)
        vault.lock()
        let unlocked = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(unlocked, PlatformUnlock.unlocked)
        try await vault.close()
    }

    func testAStoreReturningTheWrongBytesOpensNothing() async throws {
        let store = InMemoryPlatformKeyStore()
        let vault = try await lockedVaultWithPlatformUnlock(store)

        store.returnWrongBytesOnNextUnwrap()
        let outcome = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(outcome, PlatformUnlock.stale)
        XCTAssertTrue(vault.isLocked)
        let state = try await vault.platformUnlockState()
        XCTAssertEqual(state, PlatformUnlockState.stale)
        try await vault.unlock(passphrase: passphrase)
        try await vault.close()
    }

    func testTurningItOnNeedsTheUnlockedVaultAndAStoreThatAnswers() async throws {
        let store = InMemoryPlatformKeyStore()
        let vault = try await newVault()
        vault.lock()
        let locked = await thrownInnermostError { try await vault.enablePlatformUnlock(store: store) }
        XCTAssertEqual(locked, InnermostError.Locked)

        try await vault.unlock(passphrase: passphrase)
        store.failNextWrap(with: .Cancelled)
        let cancelled = await thrownInnermostError { try await vault.enablePlatformUnlock(store: store) }
        XCTAssertEqual(cancelled, InnermostError.Interrupted)

        store.failNextWrap(with: .Unavailable(reason: "LocalAuthentication -7"))
        let unavailable = await thrownInnermostError { try await vault.enablePlatformUnlock(store: store) }
        guard case .Unsupported? = unavailable else {
            XCTFail("expected Unsupported, got \(String(describing: unavailable))")
            return
        }

        let state = try await vault.platformUnlockState()
        XCTAssertEqual(state, PlatformUnlockState.notEnrolled, "a refused wrap turns nothing on")
        XCTAssertTrue(store.aliases.isEmpty)
        try await vault.close()
    }

    func testTurningItOffRemovesTheSlotAndTheKey() async throws {
        let store = InMemoryPlatformKeyStore()
        let vault = try await lockedVaultWithPlatformUnlock(store)
        XCTAssertEqual(store.aliases.count, 1)

        try await vault.disablePlatformUnlock(store: store)  // works while locked
        XCTAssertTrue(store.aliases.isEmpty)
        let state = try await vault.platformUnlockState()
        XCTAssertEqual(state, PlatformUnlockState.notEnrolled)
        let outcome = try await vault.unlockWithPlatformKey(store: store)
        XCTAssertEqual(outcome, PlatformUnlock.notEnrolled)
        XCTAssertTrue(vault.isLocked)
        try await vault.close()
    }
}
