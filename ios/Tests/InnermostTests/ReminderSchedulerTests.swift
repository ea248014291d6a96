// ReminderScheduler's diff against hand-made plans, on a FakeNotificationCenter: exactly
// the planned requests, no-op re-application, moves, the 64-request limit, triggers, text.
// No vault is needed here; ReminderResponseHandlerTests plans with a real one.

import Foundation
import Innermost
import UserNotifications
import XCTest

final class ReminderSchedulerTests: XCTestCase {
    private var center: FakeNotificationCenter!
    private var scheduler: ReminderScheduler!

    /// The device calendar the tests pretend to have: Gregorian, Paris.
    private let paris: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }()

    /// 2030-01-15T12:00:00Z, a fixed "now".
    private let now = Date(timeIntervalSince1970: 1_894_708_800)

    override func setUp() {
        super.setUp()
        center = FakeNotificationCenter()
        scheduler = ReminderScheduler(center: center)
    }

    /// UTC epoch ms of `now + seconds`.
    private func ms(_ seconds: TimeInterval) -> Int64 {
        Int64((now.timeIntervalSince1970 + seconds) * 1000)
    }

    private func item(
        _ name: String,
        in seconds: TimeInterval,
        exact: Bool = false,
        label: String? = nil,
        reason: PlanItemReason = .scheduled
    ) -> PlanItem {
        let occurrence = "0190f0a0-0000-7000-8000-000000000001/\(name)"
        let id: String
        switch reason {
        case .scheduled: id = occurrence
        case .snoozed: id = occurrence + "/snooze"
        case .catchUp: id = occurrence + "/catch-up"
        }
        return PlanItem(
            id: id,
            occurrenceId: occurrence,
            ritualId: "0190f0a0-0000-7000-8000-000000000001",
            reason: reason,
            fireAt: ms(seconds),
            occursAt: ms(seconds),
            exact: exact,
            title: label ?? "Reminder",
            body: label == nil ? "A moment you planned is coming up." : "",
            hasOwnLabel: label != nil,
            requestCode: 0
        )
    }

    private func plan(_ items: [PlanItem]) -> NotificationPlan {
        NotificationPlan(items: items, replanBy: ms(86_400))
    }

    // MARK: - The diff

    func testAppliesExactlyThePlannedRequests() async throws {
        let items = [
            item("2030-01-15T20:00", in: 7 * 3600),
            item("2030-01-16T08:00", in: 19 * 3600, exact: true),
            item("2030-01-16T20:00", in: 31 * 3600, label: "Call Sam"),
        ]
        let summary = try await scheduler.apply(plan(items), now: now, calendar: paris)

        XCTAssertEqual(summary.added, items.map(\.id))
        XCTAssertEqual(summary.removed, [])
        XCTAssertEqual(summary.unchanged, [])
        XCTAssertEqual(summary.notArmed, [])
        XCTAssertEqual(center.pendingIdentifiers, items.map(\.id).sorted())

        for planned in items {
            let request = try XCTUnwrap(center.request(withIdentifier: planned.id))
            let content = request.content
            XCTAssertEqual(content.title, planned.title)
            XCTAssertEqual(content.body, planned.body)
            XCTAssertEqual(content.categoryIdentifier, ReminderCategory.identifier)
            XCTAssertEqual(content.threadIdentifier, ReminderScheduler.defaultThreadIdentifier)
            XCTAssertEqual(content.interruptionLevel, planned.exact ? .timeSensitive : .active)
            XCTAssertTrue(ReminderUserInfo.isReminder(content.userInfo))
            XCTAssertEqual(ReminderUserInfo.occurrenceId(in: content.userInfo), planned.occurrenceId)
            XCTAssertEqual(ReminderUserInfo.ritualId(in: content.userInfo), planned.ritualId)
            XCTAssertEqual(ReminderUserInfo.fireAt(in: content.userInfo), planned.fireAt)
            XCTAssertEqual(ReminderUserInfo.triggerZone(in: content.userInfo), "Europe/Paris")
            for value in content.userInfo.values {
                XCTAssertFalse("\(value)".contains("Call Sam"), "no text in userInfo")
            }
        }

        // 2030-01-15T19:00Z is 20:00 in Paris (CET, UTC+1).
        let first = try XCTUnwrap(center.request(withIdentifier: items[0].id)?.trigger as? UNCalendarNotificationTrigger)
        XCTAssertFalse(first.repeats)
        XCTAssertEqual(first.dateComponents.year, 2030)
        XCTAssertEqual(first.dateComponents.month, 1)
        XCTAssertEqual(first.dateComponents.day, 15)
        XCTAssertEqual(first.dateComponents.hour, 20)
        XCTAssertEqual(first.dateComponents.minute, 0)
        XCTAssertEqual(first.dateComponents.second, 0)
    }

    func testReapplyingTheSamePlanIsANoOp() async throws {
        let same = plan([item("a", in: 3600), item("b", in: 7200), item("c", in: 10_800, exact: true)])
        _ = try await scheduler.apply(same, now: now, calendar: paris)
        let addsBefore = center.addCount

        let again = try await scheduler.apply(same, now: now.addingTimeInterval(60), calendar: paris)

        XCTAssertTrue(again.isNoOp)
        XCTAssertEqual(again.unchanged, same.items.map(\.id))
        XCTAssertEqual(center.addCount, addsBefore, "nothing was added again")
        XCTAssertEqual(center.removeCount, 0)
    }

    func testMovedItemIsRemovedAndAddedAndVanishedItemIsRemoved() async throws {
        let kept = item("kept", in: 3600)
        let moving = item("moving", in: 7200)
        let going = item("going", in: 10_800)
        _ = try await scheduler.apply(plan([kept, moving, going]), now: now, calendar: paris)

        let moved = item("moving", in: 9000)
        let summary = try await scheduler.apply(plan([kept, moved]), now: now, calendar: paris)

        XCTAssertEqual(summary.unchanged, [kept.id])
        XCTAssertEqual(Set(summary.removed), [going.id, moving.id])
        XCTAssertEqual(summary.added, [moved.id])
        XCTAssertEqual(center.pendingIdentifiers, [kept.id, moved.id].sorted())
        let request = try XCTUnwrap(center.request(withIdentifier: moved.id))
        XCTAssertEqual(ReminderUserInfo.fireAt(in: request.content.userInfo), moved.fireAt)
    }

    func testChangedTextIsReplaced() async throws {
        let neutral = item("x", in: 3600)
        _ = try await scheduler.apply(plan([neutral]), now: now, calendar: paris)
        let labelled = item("x", in: 3600, label: "Walk")
        let summary = try await scheduler.apply(plan([labelled]), now: now, calendar: paris)
        XCTAssertEqual(summary.removed, [labelled.id])
        XCTAssertEqual(summary.added, [labelled.id])
        XCTAssertEqual(center.request(withIdentifier: labelled.id)?.content.title, "Walk")
    }

    func testAZoneChangeReplacesCalendarTriggers() async throws {
        let same = plan([item("a", in: 3600), item("b", in: 7200)])
        _ = try await scheduler.apply(same, now: now, calendar: paris)

        var newYork = Calendar(identifier: .gregorian)
        newYork.timeZone = TimeZone(identifier: "America/New_York")!
        let summary = try await scheduler.apply(same, now: now, calendar: newYork)

        XCTAssertEqual(summary.added, same.items.map(\.id))
        XCTAssertEqual(Set(summary.removed), Set(same.items.map(\.id)))
        let trigger = try XCTUnwrap(center.request(withIdentifier: same.items[0].id)?.trigger as? UNCalendarNotificationTrigger)
        // 13:00Z is 08:00 in New York (EST, UTC-5).
        XCTAssertEqual(trigger.dateComponents.hour, 8)
    }

    // MARK: - The 64-request limit

    func testNeverMoreThan64PendingAndTheAppsOwnRequestsAreKept() async throws {
        center.addOwnNotification(identifier: "own-1")
        center.addOwnNotification(identifier: "own-2")
        let budget = await scheduler.availableBudget()
        XCTAssertEqual(budget, 62)

        // A plan made with too large a budget: the scheduler arms what fits, soonest first.
        let items = (0..<70).map { item(String(format: "n%02d", $0), in: TimeInterval(3600 + 60 * $0)) }
        let summary = try await scheduler.apply(plan(Array(items.reversed())), now: now, calendar: paris)

        XCTAssertEqual(summary.added, items.prefix(62).map(\.id))
        XCTAssertEqual(summary.notArmed, items.suffix(8).map(\.id))
        XCTAssertEqual(center.pending.count, 64)
        XCTAssertLessThanOrEqual(center.maximumPendingSeen, ReminderScheduler.maximumPendingRequests)
        XCTAssertNotNil(center.request(withIdentifier: "own-1"))
        XCTAssertNotNil(center.request(withIdentifier: "own-2"))

        // Sooner items arrive: later ones make room first, so the count never goes over.
        let sooner = (0..<5).map { item("s\($0)", in: TimeInterval(600 + $0)) }
        let next = try await scheduler.apply(plan(sooner + items), now: now, calendar: paris)
        XCTAssertEqual(next.added, sooner.map(\.id))
        XCTAssertEqual(Set(next.removed), Set(items[57..<62].map(\.id)))
        XCTAssertEqual(center.pending.count, 64)
        XCTAssertLessThanOrEqual(center.maximumPendingSeen, 64)
    }

    func testBudgetIsAtLeastOne() async {
        for index in 0..<70 {
            center.addOwnNotification(identifier: "own-\(index)")
        }
        let budget = await scheduler.availableBudget()
        XCTAssertEqual(budget, 1)
    }

    // MARK: - Triggers and text

    func testImminentItemsGetATimeIntervalTrigger() async throws {
        let soon = item("soon", in: 5, reason: .catchUp)
        let past = item("past", in: -3, reason: .catchUp)
        _ = try await scheduler.apply(plan([past, soon]), now: now, calendar: paris)

        let soonTrigger = try XCTUnwrap(center.request(withIdentifier: soon.id)?.trigger as? UNTimeIntervalNotificationTrigger)
        XCTAssertEqual(soonTrigger.timeInterval, 5, accuracy: 0.01)
        XCTAssertFalse(soonTrigger.repeats)
        let pastTrigger = try XCTUnwrap(center.request(withIdentifier: past.id)?.trigger as? UNTimeIntervalNotificationTrigger)
        XCTAssertEqual(pastTrigger.timeInterval, 1, "at least one second")
        let info = try XCTUnwrap(center.request(withIdentifier: soon.id)?.content.userInfo)
        XCTAssertNil(ReminderUserInfo.triggerZone(in: info))

        // Still pending later, in another zone: a time-interval trigger stays valid.
        var tokyo = Calendar(identifier: .gregorian)
        tokyo.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let again = try await scheduler.apply(plan([past, soon]), now: now.addingTimeInterval(2), calendar: tokyo)
        XCTAssertTrue(again.isNoOp)
    }

    func testNeutralWordingCanBeLocalisedButOwnLabelsAreKept() async throws {
        let localised = ReminderScheduler(center: center) { _ in
            (title: "Rappel", body: "Un moment prévu approche.")
        }
        let neutral = item("n", in: 3600)
        let labelled = item("l", in: 7200, label: "Call Sam")
        _ = try await localised.apply(plan([neutral, labelled]), now: now, calendar: paris)

        XCTAssertEqual(center.request(withIdentifier: neutral.id)?.content.title, "Rappel")
        XCTAssertEqual(center.request(withIdentifier: neutral.id)?.content.body, "Un moment prévu approche.")
        XCTAssertEqual(center.request(withIdentifier: labelled.id)?.content.title, "Call Sam")

        let again = try await localised.apply(plan([neutral, labelled]), now: now, calendar: paris)
        XCTAssertTrue(again.isNoOp)
    }

    // MARK: - Category and permission

    func testCategoryHasDoneAndSnoozeWithoutAuthentication() throws {
        let own = UNNotificationCategory(identifier: "own", actions: [], intentIdentifiers: [], options: [])
        ReminderCategory.register(on: center, alongside: [own])

        let categories = center.categories
        XCTAssertEqual(Set(categories.map(\.identifier)), ["own", ReminderCategory.identifier])
        let reminder = try XCTUnwrap(categories.first { $0.identifier == ReminderCategory.identifier })
        XCTAssertEqual(
            reminder.actions.map(\.identifier),
            [ReminderCategory.doneActionIdentifier, ReminderCategory.snoozeActionIdentifier]
        )
        XCTAssertEqual(reminder.actions.map(\.title), ["Done", "Snooze"])
        for action in reminder.actions {
            XCTAssertFalse(action.options.contains(.authenticationRequired))
            XCTAssertFalse(action.options.contains(.foreground))
        }
    }

    func testPermissionGoesThroughTheCenter() async throws {
        let before = await scheduler.authorizationStatus()
        XCTAssertEqual(before, .notDetermined)
        let granted = try await scheduler.requestPermission()
        XCTAssertTrue(granted)
        let after = await scheduler.authorizationStatus()
        XCTAssertEqual(after, .authorized)
    }
}
