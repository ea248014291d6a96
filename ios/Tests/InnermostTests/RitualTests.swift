// Rituals, pauses, the completion log, reminder settings and planning through the facade.
// Mirrors core/tests/rituals.rs where the same scenario is checked in Rust.

import Foundation
import Innermost
import XCTest

final class RitualTests: TemporaryDirectoryTestCase {
    private let passphrase = "rituals test passphrase"

    private func newVault() async throws -> InnermostVault {
        let url = directory.appendingPathComponent("journal.innermost")
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
    }

    private func weeklyConversation(cadence: String = "FREQ=WEEKLY;BYDAY=SU", times: [String] = ["19:00"]) -> NewRitual {
        NewRitual(
            kind: .weeklyConversation,
            details: RitualDetails(title: "Sunday talk", notes: "", guide: []),
            schedule: Schedule(
                cadence: cadence,
                times: times,
                startDate: "2026-01-04",
                zone: .fixed(zone: "Europe/Paris"),
                leadMinutes: 15,
                exact: true,
                label: nil
            )
        )
    }

    func testRitualsRoundTripArchiveAndDelete() async throws {
        let vault = try await newVault()
        let added = try await vault.addRitual(weeklyConversation())
        XCTAssertEqual(added.details.guide, InnermostVault.defaultConversationGuide(), "the default guide")
        XCTAssertNil(added.archivedAt)
        let read = try await vault.ritual(id: added.id)
        XCTAssertEqual(read, added)

        let base = weeklyConversation(times: ["20:00"])
        let changed = NewRitual(
            kind: base.kind,
            details: RitualDetails(title: "Sunday evening talk", notes: "slowly", guide: base.details.guide),
            schedule: base.schedule
        )
        let updated = try await vault.updateRitual(id: added.id, ritual: changed)
        XCTAssertEqual(updated.id, added.id)
        XCTAssertEqual(updated.details.title, "Sunday evening talk")
        XCTAssertEqual(updated.schedule.times, ["20:00"])

        try await vault.setRitualArchived(id: added.id, archived: true)
        let active = try await vault.rituals()
        XCTAssertEqual(active, [])
        let all = try await vault.rituals(includeArchived: true)
        XCTAssertEqual(all.map(\.id), [added.id])
        XCTAssertNotNil(all.first?.archivedAt)

        try await vault.deleteRitual(id: added.id)
        let error = await thrownInnermostError { try await vault.ritual(id: added.id) }
        guard case .NotFound? = error else {
            return XCTFail("expected NotFound, got \(String(describing: error))")
        }
        try await vault.close()
    }

    func testAdherenceCountsDoneAndSkippedAndPausesCostNothing() async throws {
        let vault = try await newVault()
        let utc = TimeZone(identifier: "UTC")!
        let daily = NewRitual(
            kind: .dailyCheckIn,
            details: RitualDetails(title: "Check-in", notes: "", guide: []),
            schedule: Schedule(
                cadence: "FREQ=DAILY",
                times: ["21:00"],
                startDate: "2026-01-07",
                zone: .fixed(zone: "Europe/Paris"),
                leadMinutes: 0,
                exact: false,
                label: nil
            )
        )
        let id = try await vault.addRitual(daily).id
        for day in ["07", "08", "09", "12", "13"] {
            _ = try await vault.recordOccurrence("\(id)/2026-01-\(day)T21:00", status: .done, timeZone: utc)
        }
        _ = try await vault.recordOccurrence("\(id)/2026-01-10T21:00", status: .skipped, timeZone: utc)
        let pause = try await vault.pauseRitual(id: id, from: "2026-01-15", until: "2026-01-19")
        XCTAssertEqual(pause, Pause(from: "2026-01-15", until: "2026-01-19"))
        let pauses = try await vault.ritualPauses(id: id)
        XCTAssertEqual(pauses, [pause])

        let weeks = try await vault.weeklyAdherence(ritual: id, from: "2026-01-01", to: "2026-01-25", timeZone: utc)
        XCTAssertEqual(weeks.map(\.weekStart), ["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"])
        XCTAssertEqual(weeks.map(\.planned), [0, 5, 3, 7])
        XCTAssertEqual(weeks.map(\.done), [0, 3, 2, 0])
        XCTAssertEqual(weeks.map(\.skipped), [0, 1, 0, 0])

        // A Done tapped by mistake can be taken back.
        try await vault.clearOccurrence("\(id)/2026-01-13T21:00")
        let records = try await vault.occurrenceRecords(ritual: id, from: "2026-01-13", to: "2026-01-13")
        XCTAssertEqual(records, [])
        try await vault.close()
    }

    func testPlanningAndDoneWorkLockedButANoteNeedsTheKey() async throws {
        let vault = try await newVault()
        let ritual = try await vault.addRitual(weeklyConversation())
        vault.lock()

        let now = Date()
        let plan = try await vault.planReminders(now: now, timeZone: TimeZone(identifier: "Europe/Paris")!, budget: 4)
        XCTAssertEqual(plan.items.count, 4)
        XCTAssertTrue(plan.items.allSatisfy { $0.ritualId == ritual.id && $0.exact && !$0.hasOwnLabel })
        XCTAssertTrue(plan.items.allSatisfy { $0.fireAt == $0.occursAt - 15 * 60_000 }, "15 minutes' lead")
        XCTAssertGreaterThan(plan.replanBy, Int64(now.timeIntervalSince1970 * 1000))
        let first = try XCTUnwrap(plan.items.first)

        let error = await thrownInnermostError {
            try await vault.recordOccurrence(first.occurrenceId, status: .done, note: "we laughed")
        }
        guard case .Locked? = error else {
            return XCTFail("expected Locked, got \(String(describing: error))")
        }
        let done = try await vault.recordOccurrence(first.occurrenceId, status: .done)
        XCTAssertEqual(done.status, .done)
        XCTAssertNil(done.note)

        let after = try await vault.planReminders(now: now, timeZone: TimeZone(identifier: "Europe/Paris")!, budget: 4)
        XCTAssertFalse(after.items.contains { $0.occurrenceId == first.occurrenceId })

        let field = await thrownInvalidInputField {
            try await vault.planReminders(now: now, timeZone: .current, budget: 0)
        }
        XCTAssertEqual(field, "budget")
        try await vault.close()
    }

    func testReminderSettingsRoundTrip() async throws {
        let vault = try await newVault()
        let defaults = try await vault.reminderSettings()
        XCTAssertNil(defaults.quietHours)
        XCTAssertEqual(defaults.catchUpGraceMinutes, 120)
        let quiet = ReminderSettings(quietHours: QuietHours(start: "22:00", end: "07:00"), catchUpGraceMinutes: 30)
        try await vault.setReminderSettings(quiet)
        let read = try await vault.reminderSettings()
        XCTAssertEqual(read, quiet)
        try await vault.close()
    }

    func testScheduleHelpersNeedNoVault() throws {
        XCTAssertEqual(
            try InnermostVault.canonicalCadence("rrule:byday=th,tu;freq=weekly;interval=1;wkst=mo"),
            "FREQ=WEEKLY;BYDAY=TU,TH"
        )
        XCTAssertThrowsError(try InnermostVault.canonicalCadence("FREQ=SECONDLY")) { error in
            guard case InnermostError.InvalidInput(let field, _) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertEqual(field, "cadence")
        }

        let schedule = Schedule(
            cadence: "FREQ=DAILY;COUNT=5",
            times: ["20:00", "08:00"],
            startDate: "2026-03-01",
            zone: .floating,
            leadMinutes: 0,
            exact: false,
            label: nil
        )
        let preview = try InnermostVault.previewSchedule(
            schedule, from: "2026-03-01", limit: 50, timeZone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(
            preview.map(\.local),
            ["2026-03-01T08:00", "2026-03-01T20:00", "2026-03-02T08:00", "2026-03-02T20:00", "2026-03-03T08:00"]
        )

        XCTAssertFalse(InnermostVault.defaultConversationGuide().isEmpty)
        // 2030-01-15T23:30Z is already the 16th in Paris.
        let lateEvening = Date(timeIntervalSince1970: 1_894_750_200)
        XCTAssertEqual(InnermostVault.localDate(lateEvening, timeZone: TimeZone(identifier: "UTC")!), "2030-01-15")
        XCTAssertEqual(InnermostVault.localDate(lateEvening, timeZone: TimeZone(identifier: "Europe/Paris")!), "2030-01-16")
    }
}
