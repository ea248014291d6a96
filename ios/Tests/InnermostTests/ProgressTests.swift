// Practice, a setback with its plan, the ladder, measures and the growth score through the
// facade. Mirrors core/tests/progress.rs where the same scenarios are checked in Rust.

import Foundation
import Innermost
import XCTest

final class ProgressTests: TemporaryDirectoryTestCase {
    private let passphrase = "progress test passphrase"
    private let paris = TimeZone(identifier: "Europe/Paris")!

    private func newVault() async throws -> InnermostVault {
        let url = directory.appendingPathComponent("journal.innermost")
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
    }

    private func event(_ kind: PracticeKind) -> NewPracticeEvent {
        NewPracticeEvent(
            kind: kind,
            occurredAt: Int64(Date().timeIntervalSince1970 * 1000),
            context: "at dinner",
            triggerKeys: ["being_seen"],
            whatHelped: "breathing first"
        )
    }

    func testASetbackReturnsThePlanAndNeverLowersTheScore() async throws {
        let vault = try await newVault()
        let first = try await vault.logPractice(event(.victory(victory: .sharedDifficultFeeling)), timeZone: paris)
        XCTAssertEqual(first.newMilestones.map(\.kind), [.firstVictory])
        try await vault.setSetbackPlan(SetbackPlan(
            warningSigns: ["I stop answering"],
            selfCareSteps: ["a walk"],
            supportPeople: ["my sister"],
            resources: [],
            selfCompassion: ["Going quiet once kept me safe."]
        ))
        let before = try await vault.growthScore(timeZone: paris)
        let setback = try await vault.logPractice(event(.setback(setback: .withdrew)), timeZone: paris)
        XCTAssertEqual(setback.setbackSupport?.plan?.warningSigns, ["I stop answering"])
        XCTAssertEqual(setback.setbackSupport?.reminders.victoriesSinceStart, 1)
        let after = try await vault.growthScore(timeZone: paris)
        XCTAssertGreaterThanOrEqual(after.value, before.value)
        XCTAssertEqual(after.frozen, .recoveryWindow)
        let again = try await vault.checkMilestones(timeZone: paris)
        XCTAssertTrue(again.isEmpty, "raised once")
    }

    func testTheLadderAndAMeasure() async throws {
        let vault = try await newVault()
        let worry = try await vault.addLadderStep(NewLadderStep(text: "share a minor worry", expectedDifficulty: 2))
        let next = try await vault.nextLadderStep()
        XCTAssertEqual(next, worry)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let outcome = try await vault.recordLadderAttempt(
            NewLadderAttempt(stepId: worry.id, attemptedAt: now, predictedAnxiety: 8, anxietyBefore: 6, anxietyPeak: 4, anxietyAfter: 2, outcome: ""),
            timeZone: paris
        )
        XCTAssertNil(outcome.nextStep)
        let answered = try await vault.recordMeasureResponse(measureId: "reflection.felt_safety", answers: [7], timeZone: paris)
        XCTAssertEqual(answered.response.score.total, 7)
    }

    func testAWrongAttemptOrAnswerIsDeletedAloneAndAMeasureGoesWithItsAnswers() async throws {
        let vault = try await newVault()
        let step = try await vault.addLadderStep(NewLadderStep(text: "share a minor worry", expectedDifficulty: 2))
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let wrong = try await vault.recordLadderAttempt(
            NewLadderAttempt(stepId: step.id, attemptedAt: now, predictedAnxiety: 8, anxietyBefore: 6, anxietyPeak: 9, anxietyAfter: 2, outcome: ""),
            timeZone: paris
        )
        try await vault.deleteLadderAttempt(id: wrong.attempt.id)
        let attempts = try await vault.ladderAttempts()
        XCTAssertTrue(attempts.isEmpty)

        let measure = try await vault.addMeasure(MeasureDefinition(
            name: "Closeness",
            items: [MeasureItem(text: "I said what I felt", reverseKeyed: false, subscale: nil)],
            min: 0, max: 4, scoring: .sum
        ))
        _ = try await vault.recordMeasureResponse(measureId: measure.id, answers: [1], timeZone: paris)
        let safety = try await vault.recordMeasureResponse(measureId: "reflection.felt_safety", answers: [7], timeZone: paris)
        try await vault.deleteMeasureResponse(id: safety.response.id)
        let left = try await vault.measureResponses(measureId: "reflection.felt_safety")
        XCTAssertTrue(left.isEmpty)
        let deleted = try await vault.deleteMeasure(measureId: measure.id)
        XCTAssertEqual(deleted, 1)
    }
}
