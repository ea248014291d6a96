// The recovery code through the Swift facade: the way back in when a passphrase is forgotten.

import Foundation
import Innermost
import XCTest

final class RecoveryCodeTests: TemporaryDirectoryTestCase {
    private let passphrase = "recovery test passphrase"

    private var fast: KdfParams {
        insecureFastKdfParamsForTests()
    }

    private var vaultURL: URL {
        directory.appendingPathComponent("journal.innermost")
    }

    private func newVault(named name: String = "journal.innermost") async throws -> InnermostVault {
        let url = directory.appendingPathComponent(name)
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: fast)
    }

    func testARecoveryCodeUnlocksAndResetsAForgottenPassphrase() async throws {
        let vault = try await newVault()
        let entry = try await vault.addReflection(text: "kept through a forgotten passphrase")
        let hadCode = try await vault.hasRecoveryCode()
        XCTAssertFalse(hadCode)
        let code = try await vault.setUpRecoveryCode(kdf: fast)
        let groups = code.split(separator: "-")
        XCTAssertEqual(groups.count, 7, "seven groups")
        XCTAssertTrue(groups.allSatisfy { $0.count == 4 }, "of four")
        let hasCode = try await vault.hasRecoveryCode()
        XCTAssertTrue(hasCode)
        try await vault.close()

        // Typed back the way people do: lower case, spaces instead of dashes.
        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
        XCTAssertNoThrow(try InnermostVault.checkRecoveryCode(typed))
        let reopened = try await InnermostVault.open(at: vaultURL)
        let stillHasCode = try await reopened.hasRecoveryCode()
        XCTAssertTrue(stillHasCode, "readable while locked")
        try await reopened.unlockWithRecoveryCode(code: typed)
        XCTAssertFalse(reopened.isLocked)
        let reread = try await reopened.entry(id: entry.id)
        XCTAssertEqual(reread, entry)
        reopened.lock()

        try await reopened.resetPassphraseWithRecoveryCode(code: typed, newPassphrase: "a new passphrase", kdf: fast)
        XCTAssertFalse(reopened.isLocked, "the reset leaves the vault unlocked")
        reopened.lock()
        let old = await thrownInnermostError { try await reopened.unlock(passphrase: self.passphrase) }
        XCTAssertEqual(old, InnermostError.WrongPassphrase)
        try await reopened.unlock(passphrase: "a new passphrase")
        reopened.lock()
        try await reopened.unlockWithRecoveryCode(code: code)
        XCTAssertFalse(reopened.isLocked, "the code keeps working after the reset")
        try await reopened.close()
    }

    func testATypoIsRefusedBeforeAnyKeyDerivation() async throws {
        let vault = try await newVault()
        let code = try await vault.setUpRecoveryCode(kdf: fast)
        vault.lock()
        let typo = mistype(code)
        XCTAssertNotEqual(typo, code)

        XCTAssertThrowsError(try InnermostVault.checkRecoveryCode(typo)) { error in
            guard case let .InvalidInput(field, reason)? = error as? InnermostError else {
                XCTFail("expected InvalidInput, got \(error)")
                return
            }
            XCTAssertEqual(field, "code")
            XCTAssertTrue(reason.contains("mistyped"), reason)
            XCTAssertFalse(reason.contains(String(self.groups(of: code)[1])), "the reason never repeats the code")
        }
        let unlock = await thrownInvalidInputField { try await vault.unlockWithRecoveryCode(code: typo) }
        XCTAssertEqual(unlock, "code")
        XCTAssertTrue(vault.isLocked)

        let short = String(code.dropLast(5))
        XCTAssertThrowsError(try InnermostVault.checkRecoveryCode(short))
        let shortUnlock = await thrownInvalidInputField { try await vault.unlockWithRecoveryCode(code: short) }
        XCTAssertEqual(shortUnlock, "code")
        let notACode = await thrownInvalidInputField { try await vault.unlockWithRecoveryCode(code: "forgot it, sorry") }
        XCTAssertEqual(notACode, "code")

        try await vault.unlockWithRecoveryCode(code: code)
        try await vault.close()
    }

    func testAWellFormedCodeOfAnotherVaultDoesNotOpenThisOne() async throws {
        let other = try await newVault(named: "other.innermost")
        let othersCode = try await other.setUpRecoveryCode(kdf: fast)
        try await other.close()

        let vault = try await newVault()
        vault.lock()
        let none = await thrownInnermostError { try await vault.unlockWithRecoveryCode(code: othersCode) }
        XCTAssertEqual(none, InnermostError.NotFound(what: "recovery code"), "no code was set up here")
        let whileLocked = await thrownInnermostError { try await vault.setUpRecoveryCode(kdf: self.fast) }
        XCTAssertEqual(whileLocked, InnermostError.Locked)

        try await vault.unlock(passphrase: passphrase)
        let code = try await vault.setUpRecoveryCode(kdf: fast)
        vault.lock()
        let wrong = await thrownInnermostError { try await vault.unlockWithRecoveryCode(code: othersCode) }
        XCTAssertEqual(wrong, InnermostError.WrongPassphrase)
        XCTAssertTrue(vault.isLocked)
        try await vault.unlockWithRecoveryCode(code: code)
        try await vault.close()
    }

    func testANewCodeRetiresTheOldOne() async throws {
        let vault = try await newVault()
        let old = try await vault.setUpRecoveryCode(kdf: fast)
        let new = try await vault.setUpRecoveryCode(kdf: fast)
        XCTAssertNotEqual(old, new)
        vault.lock()
        let retired = await thrownInnermostError { try await vault.unlockWithRecoveryCode(code: old) }
        XCTAssertEqual(retired, InnermostError.WrongPassphrase)
        try await vault.unlockWithRecoveryCode(code: new)
        try await vault.close()
    }

    // MARK: - Helpers

    /// `code` with its first symbol replaced by the next one in the recovery alphabet
    /// (Crockford's base 32): a single mistyped character, which the check letters always
    /// catch.
    private func mistype(_ code: String) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var characters = Array(code)
        guard let position = alphabet.firstIndex(of: characters[0]) else {
            XCTFail("a code starts with a symbol of the alphabet")
            return code
        }
        characters[0] = alphabet[(position + 1) % alphabet.count]
        return String(characters)
    }

    private func groups(of code: String) -> [Substring] {
        code.split(separator: "-")
    }
}
