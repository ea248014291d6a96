// Every kind of entry and drafts, through the Swift facade.
// Mirrors android/innermost/src/test/kotlin/app/innermost/JournalTest.kt.

import Foundation
import Innermost
import XCTest

final class JournalTests: TemporaryDirectoryTestCase {
    private let passphrase = "journal test passphrase"

    private func newVault() async throws -> InnermostVault {
        let url = directory.appendingPathComponent("journal.innermost")
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
    }

    private let patternLog = EntryContent.patternLog(
        situation: "He asked what I was thinking.",
        involved: "my partner",
        feltSafety: 4,
        urgeToPullAway: 8,
        response: .other(description: "changed the subject"),
        triggers: ["being_seen"],
        emotions: [EmotionRating(key: "fear.exposed", intensity: 7)],
        bodySensations: "tight throat",
        note: nil
    )

    func testEveryKindRoundTrips() async throws {
        let vault = try await newVault()
        let thought = EntryContent.thoughtRecord(
            situation: "No reply for an hour.",
            automaticThought: "I said too much.",
            emotionsBefore: [EmotionRating(key: "shame.embarrassed", intensity: 6)],
            evidenceFor: nil,
            evidenceAgainst: "They were at work.",
            verdict: .basedOnFear,
            balancedThought: "Silence is not a verdict on me.",
            beliefBefore: 70,
            beliefAfter: 20,
            emotionsAfter: [EmotionRating(key: "shame.embarrassed", intensity: 2)]
        )
        let conversation = EntryContent.conversationReflection(
            stayedPresent: .partly,
            grounding: [.breathing, .other(description: "hand on my chest")],
            heardPartnerSay: "They feel lonely when I go quiet.",
            needExpressed: "A moment to find words.",
            boundarySet: nil
        )
        var written: [Entry] = []
        for content in [patternLog, thought, conversation] {
            written.append(try await vault.addEntry(NewEntry(content: content, tags: ["swift"], links: [])))
        }
        for entry in written {
            let reread = try await vault.entry(id: entry.id)
            XCTAssertEqual(reread, entry)
        }
        try await vault.close()
    }

    func testOutOfRangeRatingNamesTheField() async throws {
        let vault = try await newVault()
        let bad = EntryContent.patternLog(
            situation: "x",
            involved: nil,
            feltSafety: 11,
            urgeToPullAway: 0,
            response: .withdrew,
            triggers: [],
            emotions: [],
            bodySensations: nil,
            note: nil
        )
        do {
            _ = try await vault.addEntry(NewEntry(content: bad, tags: [], links: []))
            XCTFail("an out-of-range rating was accepted")
        } catch InnermostError.InvalidInput(let field, _) {
            XCTAssertEqual(field, "pattern_log.felt_safety")
        }
        try await vault.close()
    }

    func testDraftsFinishIntoEntries() async throws {
        let vault = try await newVault()
        let draft = try await vault.saveDraft(NewEntry(content: patternLog, tags: [], links: []))
        let drafts = try await vault.drafts()
        XCTAssertEqual(drafts, [draft])
        let entry = try await vault.finishDraft(id: draft.id)
        XCTAssertEqual(entry.id, draft.id)
        let remaining = try await vault.drafts()
        XCTAssertTrue(remaining.isEmpty)
        try await vault.close()
    }

    func testSearchIgnoresCaseAndAccents() async throws {
        let vault = try await newVault()
        let calm = try await vault.addReflection(text: "Je suis resté calme pendant la dispute")
        _ = try await vault.addEntry(NewEntry(content: patternLog, tags: [], links: []))
        let found = try await vault.search(EntryFilter(text: "RESTE"))
        XCTAssertEqual(found.entries.map(\.id), [calm.id])
        let logs = try await vault.search(EntryFilter(kinds: [.patternLog]))
        XCTAssertEqual(logs.entries.count, 1)
        try await vault.close()
    }
}
