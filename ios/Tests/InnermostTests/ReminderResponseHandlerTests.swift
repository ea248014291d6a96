// Reminders end to end against the real core: plans from a vault armed on a
// FakeNotificationCenter, Done / Snooze / a tap routed into the core (with the vault
// locked, as after a reboot), replanning, the 64-request limit, and missed reminders.

import Foundation
import Innermost
import UserNotifications
import XCTest

final class ReminderResponseHandlerTests: TemporaryDirectoryTestCase {
    private let passphrase = "reminders test passphrase"
    private var vault: InnermostVault!
    private var center: FakeNotificationCenter!
    private var refresh: ReminderRefresh!
    private var defaults: UserDefaults!
    private var defaultsSuite: String!

    /// The device calendar the tests pretend to have: Gregorian, Paris.
    private let paris: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }()

    /// A fresh vault (unlocked), a fake center and a refresh with its own `UserDefaults`.
    /// Called first by every test: an `async` `setUp()` would run before the superclass's
    /// `setUpWithError()` has made `directory`.
    private func start() async throws {
        let url = directory.appendingPathComponent("journal.innermost")
        vault = try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
        center = FakeNotificationCenter()
        defaultsSuite = "innermost-tests-\(UUID().uuidString)"
        defaults = try XCTUnwrap(UserDefaults(suiteName: defaultsSuite))
        refresh = ReminderRefresh(vault: vault, scheduler: ReminderScheduler(center: center), defaults: defaults)
    }

    override func tearDown() async throws {
        // Runs before the superclass's tearDownWithError() removes `directory`.
        try await vault?.close()
        if let suite = defaultsSuite {
            defaults?.removePersistentDomain(forName: suite)
        }
        vault = nil
        refresh = nil
        try await super.tearDown()
    }

    /// Adds a daily ritual at `times` (floating: it follows the phone's zone).
    @discardableResult
    private func addDailyRitual(
        title: String = "Evening check-in",
        times: [String] = ["08:00", "20:00"],
        label: String? = nil
    ) async throws -> Ritual {
        let schedule = Schedule(
            cadence: "FREQ=DAILY",
            times: times,
            startDate: "2024-01-01",
            zone: .floating,
            leadMinutes: 0,
            exact: false,
            label: label
        )
        let details = RitualDetails(title: title, notes: "what we talk about", guide: [])
        return try await vault.addRitual(NewRitual(kind: .dailyCheckIn, details: details, schedule: schedule))
    }

    /// The reminder request pending soonest.
    private func soonestPending() throws -> UNNotificationRequest {
        let reminders = center.pending.filter { ReminderUserInfo.isReminder($0.content.userInfo) }
        let soonest = reminders.min {
            (ReminderUserInfo.fireAt(in: $0.content.userInfo) ?? 0) < (ReminderUserInfo.fireAt(in: $1.content.userInfo) ?? 0)
        }
        return try XCTUnwrap(soonest, "no reminder is pending")
    }

    // MARK: - Planning and arming

    func testAPlanFromTheVaultIsArmedAndReplanningAgainChangesNothing() async throws {
        try await start()
        try await addDailyRitual(title: "Private words", label: nil)
        vault.lock()

        let first = try await refresh.replan(calendar: paris)
        XCTAssertEqual(first.plan.items.count, 64, "a daily ritual fills the budget")
        XCTAssertEqual(first.summary.added, first.plan.items.map(\.id))
        XCTAssertEqual(center.pendingIdentifiers, first.plan.items.map(\.id).sorted())
        for request in center.pending {
            XCTAssertEqual(request.content.title, "Reminder", "neutral without a label")
            XCTAssertFalse(request.content.body.contains("Private"))
            XCTAssertEqual(request.content.categoryIdentifier, ReminderCategory.identifier)
        }

        let second = try await refresh.replan(calendar: paris)
        XCTAssertTrue(second.summary.isNoOp)
        XCTAssertEqual(second.summary.unchanged.count, 64)
    }

    func testTheOwnLabelIsShown() async throws {
        try await start()
        try await addDailyRitual(label: "Tea time")
        try await refresh.replan(calendar: paris)
        let request = try soonestPending()
        XCTAssertEqual(request.content.title, "Tea time")
    }

    func testNeverMoreThan64PendingWithManyRitualsAndTheAppsOwnRequests() async throws {
        try await start()
        let times = (8..<20).map { String(format: "%02d:30", $0) }
        for index in 0..<6 {
            try await addDailyRitual(title: "ritual \(index)", times: times)
        }
        center.addOwnNotification(identifier: "own-1")
        center.addOwnNotification(identifier: "own-2")
        center.addOwnNotification(identifier: "own-3")

        let replan = try await refresh.replan(calendar: paris)

        XCTAssertEqual(replan.plan.items.count, 61, "planned with 64 minus the app's own 3")
        XCTAssertEqual(replan.summary.notArmed, [])
        XCTAssertEqual(center.pending.count, 64)
        XCTAssertLessThanOrEqual(center.maximumPendingSeen, ReminderScheduler.maximumPendingRequests)
        XCTAssertEqual(Set(replan.plan.items.map(\.ritualId)).count, 6, "every ritual keeps a reminder")
    }

    // MARK: - Responses

    func testDoneWhileLockedRecordsAndTheNextPlanDropsThatRequest() async throws {
        try await start()
        let ritual = try await addDailyRitual()
        try await refresh.replan(calendar: paris)
        let request = try soonestPending()
        let occurrenceId = try XCTUnwrap(ReminderUserInfo.occurrenceId(in: request.content.userInfo))
        let countBefore = center.pending.count
        vault.lock()

        let handler = ReminderResponseHandler(refresh: refresh)
        let record = try await handler.handle(
            actionIdentifier: ReminderCategory.doneActionIdentifier,
            userInfo: request.content.userInfo,
            calendar: paris
        )

        XCTAssertEqual(record?.occurrenceId, occurrenceId)
        XCTAssertEqual(record?.status, .done)
        XCTAssertNil(center.request(withIdentifier: request.identifier), "the done reminder is gone")
        XCTAssertEqual(center.pending.count, countBefore, "the next one beyond the old plan took its place")
        let records = try await vault.occurrenceRecords(ritual: ritual.id, from: "2024-01-01", to: "2099-12-31")
        XCTAssertEqual(records.map(\.occurrenceId), [occurrenceId])

        // Replanning again keeps it gone.
        let again = try await refresh.replan(calendar: paris)
        XCTAssertFalse(again.plan.items.map(\.occurrenceId).contains(occurrenceId))
        XCTAssertTrue(again.summary.isNoOp)
    }

    func testSnoozeRecordsAndArmsAOneOffTimeSensitiveReminder() async throws {
        try await start()
        try await addDailyRitual()
        try await refresh.replan(calendar: paris)
        let request = try soonestPending()
        let occurrenceId = try XCTUnwrap(ReminderUserInfo.occurrenceId(in: request.content.userInfo))
        vault.lock()

        let handler = ReminderResponseHandler(refresh: refresh)
        XCTAssertEqual(handler.snoozeInterval, 600)
        let now = Date()
        let record = try await handler.handle(
            actionIdentifier: ReminderCategory.snoozeActionIdentifier,
            userInfo: request.content.userInfo,
            now: now,
            calendar: paris
        )

        let until = Int64((now.addingTimeInterval(600).timeIntervalSince1970 * 1000).rounded(.down))
        XCTAssertEqual(record?.status, .snoozed(until: until))
        XCTAssertNil(center.request(withIdentifier: request.identifier))
        let snoozed = try XCTUnwrap(center.request(withIdentifier: occurrenceId + "/snooze"))
        XCTAssertEqual(ReminderUserInfo.occurrenceId(in: snoozed.content.userInfo), occurrenceId)
        XCTAssertEqual(ReminderUserInfo.fireAt(in: snoozed.content.userInfo), until)
        XCTAssertEqual(snoozed.content.interruptionLevel, .timeSensitive, "a snoozed reminder is exact")

        // Done on the snoozed reminder ends it too.
        try await handler.handle(
            actionIdentifier: ReminderCategory.doneActionIdentifier,
            userInfo: snoozed.content.userInfo,
            calendar: paris
        )
        XCTAssertNil(center.request(withIdentifier: occurrenceId + "/snooze"))
    }

    func testATapRecordsNothingAndTellsTheApp() async throws {
        try await start()
        let ritual = try await addDailyRitual()
        try await refresh.replan(calendar: paris)
        let request = try soonestPending()
        let occurrenceId = try XCTUnwrap(ReminderUserInfo.occurrenceId(in: request.content.userInfo))
        let pendingBefore = center.pendingIdentifiers

        let opened = OpenedLog()
        let handler = ReminderResponseHandler(refresh: refresh, onOpen: { occurrence, ritualId in
            opened.record(occurrence, ritualId)
        })
        let record = try await handler.handle(
            actionIdentifier: UNNotificationDefaultActionIdentifier,
            userInfo: request.content.userInfo,
            calendar: paris
        )

        XCTAssertNil(record)
        XCTAssertEqual(opened.entries.map { $0.occurrenceId }, [occurrenceId])
        XCTAssertEqual(opened.entries.map { $0.ritualId }, [ritual.id])
        XCTAssertEqual(center.pendingIdentifiers, pendingBefore)
        let records = try await vault.occurrenceRecords(ritual: ritual.id, from: "2024-01-01", to: "2099-12-31")
        XCTAssertEqual(records, [])
    }

    func testOtherNotificationsAndDismissalsAreIgnored() async throws {
        try await start()
        try await addDailyRitual()
        try await refresh.replan(calendar: paris)
        let request = try soonestPending()
        XCTAssertEqual(
            ReminderAction(actionIdentifier: UNNotificationDismissActionIdentifier, userInfo: request.content.userInfo),
            .ignore
        )
        XCTAssertEqual(
            ReminderAction(actionIdentifier: ReminderCategory.doneActionIdentifier, userInfo: ["something": "else"]),
            .ignore
        )
        let handler = ReminderResponseHandler(refresh: refresh)
        let record = try await handler.handle(
            actionIdentifier: ReminderCategory.doneActionIdentifier,
            userInfo: ["something": "else"],
            calendar: paris
        )
        XCTAssertNil(record)
    }

    func testDoneForADeletedRitualThrowsAndStillReplans() async throws {
        try await start()
        let ritual = try await addDailyRitual()
        try await refresh.replan(calendar: paris)
        let request = try soonestPending()
        try await vault.deleteRitual(id: ritual.id)

        let handler = ReminderResponseHandler(refresh: refresh)
        let error = await thrownInnermostError {
            try await handler.handle(
                actionIdentifier: ReminderCategory.doneActionIdentifier,
                userInfo: request.content.userInfo,
                calendar: paris
            )
        }
        guard case .NotFound? = error else {
            return XCTFail("expected NotFound, got \(String(describing: error))")
        }
        XCTAssertEqual(center.pending.count, 0, "the replan removed the deleted ritual's reminders")
    }

    // MARK: - Missed reminders

    func testALateReplanAsksForCatchUpsFromTheLastReplanBy() async throws {
        try await start()
        try await addDailyRitual()
        XCTAssertNil(refresh.missedSince(), "nothing planned yet")
        let replan = try await refresh.replan(calendar: paris)
        XCTAssertNil(refresh.missedSince(now: replan.replanBy.addingTimeInterval(-1)))
        let late = replan.replanBy.addingTimeInterval(1)
        XCTAssertEqual(refresh.missedSince(now: late), replan.replanBy)
        refresh.forgetReplanBy()
        XCTAssertNil(refresh.missedSince(now: late))
    }
}

/// What a response handler's `onOpen` was told, safe to fill from any thread.
private final class OpenedLog: @unchecked Sendable {
    // `@unchecked Sendable`: `list` is only touched under `lock`.
    private let lock = NSLock()
    private var list: [(occurrenceId: String, ritualId: String)] = []

    func record(_ occurrenceId: String, _ ritualId: String) {
        lock.lock()
        list.append((occurrenceId: occurrenceId, ritualId: ritualId))
        lock.unlock()
    }

    var entries: [(occurrenceId: String, ritualId: String)] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
