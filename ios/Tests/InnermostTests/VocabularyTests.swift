// The emotion and trigger vocabulary and the prompts, through the Swift facade.
// Mirrors android/innermost/src/test/kotlin/app/innermost/VocabularyTest.kt.

import Foundation
import Innermost
import XCTest

final class VocabularyTests: TemporaryDirectoryTestCase {
    private let passphrase = "vocabulary test passphrase"

    func testBuiltInWordsHaveStableKeysAndWorkWhileLocked() {
        let families = builtinEmotions()
        XCTAssertEqual(families.count, 8)
        for family in families {
            XCTAssertTrue(family.words.allSatisfy { $0.key.hasPrefix(family.key + ".") && !$0.custom })
        }
        XCTAssertTrue(builtinTriggers().contains { $0.key == "being_seen" })
    }

    func testAPersonsOwnWordsAreAddedAndKept() async throws {
        let url = directory.appendingPathComponent("v.innermost")
        let vault = try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
        let word = try await vault.addCustomEmotion(family: "closeness", label: "held without asking")
        _ = try await vault.addCustomTrigger(label: "being asked about my plans")
        try await vault.close()

        let reopened = try await InnermostVault.open(at: url)
        try await reopened.unlock(passphrase: passphrase)
        let closeness = try await reopened.emotionVocabulary().first { $0.key == "closeness" }
        XCTAssertEqual(closeness?.words.last, word)
        let triggers = try await reopened.triggerVocabulary()
        XCTAssertEqual(triggers.last?.label, "being asked about my plans")
        try await reopened.close()
    }

    func testUnknownFamilyIsInvalidInputNamingTheField() async throws {
        let url = directory.appendingPathComponent("v.innermost")
        let vault = try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
        do {
            _ = try await vault.addCustomEmotion(family: "dread", label: "heavy")
            XCTFail("an unknown family was accepted")
        } catch InnermostError.InvalidInput(let field, _) {
            XCTAssertEqual(field, "family")
        }
        try await vault.close()
    }

    func testThePromptOfTheDayIsDeterministic() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        let day = Date(timeIntervalSince1970: 1_795_852_800)
        let first = try InnermostVault.promptOfTheDay(for: day, in: calendar)
        let again = try InnermostVault.promptOfTheDay(for: day, in: calendar)
        XCTAssertEqual(first, again)
        XCTAssertThrowsError(try promptOfTheDay(date: "2026-02-30"))
    }
}
