// Arms the core's notification plan as local notifications: a diff against the pending
// requests, within iOS's limit of 64.

import Foundation
import InnermostFFI
import UserNotifications

/// Applies a ``NotificationPlan`` to the notification center: adds what is new, removes
/// what is gone, replaces what moved, and leaves the rest alone.
///
/// ```swift
/// let center = UNUserNotificationCenter.current()
/// ReminderCategory.register(on: center)
/// let scheduler = ReminderScheduler(center: center)
/// let replan = try await scheduler.replan { budget in
///     try await vault.planReminders(budget: budget)
/// }
/// ```
///
/// Most apps do not call this type directly but through ``ReminderRefresh``, which also
/// remembers when to plan again and schedules background refreshes.
///
/// ## The diff
///
/// Each plan item becomes one request whose identifier is the item's `id`; ids are stable
/// across replans, so the same reminder keeps the same request. A pending reminder is left
/// alone when its planned fire instant, title, body, interruption level and category are
/// as planned and its trigger is still valid (see *Triggers*); otherwise it is removed and
/// added again (its id is then in both ``ReminderApplySummary/removed`` and
/// ``ReminderApplySummary/added``). Reminders no longer planned (done, skipped, paused,
/// archived, deleted, moved) are removed. Requests the app scheduled itself (without
/// ``ReminderUserInfo/markerKey``) are never touched. Removals happen before additions.
///
/// ## The 64-request limit
///
/// iOS keeps only the 64 soonest pending requests of an app and silently drops the rest.
/// The planner never returns more items than the budget it is given, shared fairly across
/// rituals. The budget is 64 minus the pending requests the app holds for its own
/// notifications (``availableBudget()``): ``replan(now:calendar:planner:)`` passes that
/// budget to the planner. ``apply(_:now:calendar:)`` enforces the same limit on any plan:
/// it arms only the soonest items that fit (the others are in
/// ``ReminderApplySummary/notArmed``), so the app's pending requests never exceed
/// ``maximumPendingRequests``.
///
/// ## Content
///
/// Only the item's `title` and `body`: a neutral wording ("Reminder") unless the person
/// chose their own lock-screen label for the ritual. Never the ritual's title or notes,
/// which stay sealed in the vault. `userInfo` holds identifiers only (see
/// ``ReminderUserInfo``); the thread identifier is a constant, so reminders group
/// together without saying what they are about. An app that localises the neutral wording
/// passes `neutralText`, which is used only for items without the person's own label.
///
/// ## Interruption level
///
/// `.timeSensitive` when the item is `exact` (the person asked for the reminder on the
/// minute; a snoozed reminder is always exact), else `.active`. Time-sensitive
/// notifications break through Focus and notification summaries **only if** the app has
/// the *Time Sensitive Notifications* capability (the
/// `com.apple.developer.usernotifications.time-sensitive` entitlement) and the person has
/// not turned time-sensitive delivery off for it; without the entitlement iOS delivers
/// them as `.active`, so setting the level is harmless either way.
///
/// ## Triggers
///
/// A reminder at least ``calendarTriggerThreshold`` ahead gets a
/// `UNCalendarNotificationTrigger` with the fire instant's date and time (to the second)
/// in the calendar's zone, normally the device's. Calendar triggers follow the device's
/// zone: after the person flies from Paris to New York a reminder built for 20:00 fires at
/// 20:00 New York time. That is right for *floating* rituals ("8 pm wherever I am"), the
/// common case, and between a zone change and the next replan it is what the core would
/// have planned. A *fixed*-zone ritual (a call with a partner abroad) is brought back to
/// the right instant by the replan after the zone change: the pending request remembers
/// the zone it was built in (``ReminderUserInfo/triggerZoneKey``), so a replan in another
/// zone replaces every calendar trigger. (Calendar triggers also follow a clock the person
/// sets by hand.)
///
/// A time-interval trigger (`UNTimeIntervalNotificationTrigger`) counts elapsed seconds
/// and ignores zone changes, which would leave floating rituals an hour or more off until
/// the next replan. It is used only for items due within ``calendarTriggerThreshold``
/// (catch-ups fire "now"): a calendar trigger for a moment that has passed by the time
/// the center stores it would never fire. Its interval is `fireAt - now`, at least 1 s.
///
/// ## Concurrency
///
/// An actor: ``apply(_:now:calendar:)`` and ``replan(now:calendar:planner:)`` run one at a
/// time, in the order they were called, each from reading the pending requests to the
/// last addition. ``replan(now:calendar:planner:)`` also makes the plan inside that turn, so
/// a plan made before a Done can never be applied after the plan that followed it.
public actor ReminderScheduler {
    /// How many pending requests iOS keeps per app: 64.
    public static let maximumPendingRequests = 64

    /// Items due sooner than this (60 s) get a time-interval trigger instead of a calendar one.
    public static let calendarTriggerThreshold: TimeInterval = 60

    /// The thread identifier of every reminder (neutral: it groups reminders together).
    public static let defaultThreadIdentifier = "app.innermost.reminders"

    /// Localised wording for items without the person's own label: given the item, the
    /// title and body to show instead of the core's English neutral wording.
    public typealias NeutralText = @Sendable (_ item: PlanItem) -> (title: String, body: String)

    private let center: any NotificationCenterClient
    private let threadIdentifier: String
    private let neutralText: NeutralText?
    /// The last operation queued; the next one waits for it (see ``serialized(_:)``).
    private var tail: Task<Void, Never>?

    /// A scheduler arming reminders on `center`.
    ///
    /// - Parameters:
    ///   - center: Usually `UNUserNotificationCenter.current()`; a fake in tests.
    ///   - threadIdentifier: The thread identifier of every reminder.
    ///   - neutralText: Localised neutral wording (default: the core's, in English). Called
    ///     only for items whose `hasOwnLabel` is false; it must return the same text for
    ///     the same item every time, or every replan replaces every reminder.
    public init(
        center: any NotificationCenterClient,
        threadIdentifier: String = ReminderScheduler.defaultThreadIdentifier,
        neutralText: NeutralText? = nil
    ) {
        self.center = center
        self.threadIdentifier = threadIdentifier
        self.neutralText = neutralText
    }

    // MARK: - Permission

    /// Asks the person for permission to show alerts and play sounds. Call it when they
    /// turn a reminder on, not at first launch, so the prompt makes sense to them.
    ///
    /// - Returns: Whether notifications are allowed.
    /// - Throws: whatever the center reports.
    public func requestPermission() async throws -> Bool {
        try await center.requestPermission(options: [.alert, .sound])
    }

    /// Whether the app may show notifications now. Reminders are armed either way; while
    /// this is `.denied` iOS does not show them (say so where reminders are set up).
    public func authorizationStatus() async -> UNAuthorizationStatus {
        await center.authorizationStatus()
    }

    // MARK: - Applying plans

    /// The budget to plan with: ``maximumPendingRequests`` minus the pending requests that
    /// are not reminders (the app's own notifications), at least 1 (the planner's minimum;
    /// ``apply(_:now:calendar:)`` then arms what fits).
    public func availableBudget() async -> UInt32 {
        let pending = await center.pendingRequests()
        let others = pending.filter { !ReminderUserInfo.isReminder($0.content.userInfo) }.count
        return UInt32(max(1, Self.maximumPendingRequests - others))
    }

    /// Makes a plan with the budget available now and applies it, as one uninterrupted turn.
    ///
    /// ```swift
    /// try await scheduler.replan { budget in try await vault.planReminders(budget: budget) }
    /// ```
    ///
    /// - Parameters:
    ///   - now: The current instant (the planner gets the same).
    ///   - calendar: The calendar whose zone triggers are built in: the device's
    ///     (`.current`), the zone the plan was made for.
    ///   - planner: Makes the plan for a budget, normally with
    ///     ``InnermostVault/planReminders(now:timeZone:budget:horizonDays:missedSince:)``.
    /// - Returns: The plan and what applying it changed.
    /// - Throws: what `planner` or the center throws (see ``apply(_:now:calendar:)``).
    public func replan(
        now: Date = Date(),
        calendar: Calendar = .current,
        planner: @escaping @Sendable (_ budget: UInt32) async throws -> NotificationPlan
    ) async throws -> ReminderReplan {
        try await serialized { () async throws -> ReminderReplan in
            let budget = await self.availableBudget()
            let plan = try await planner(budget)
            let summary = try await self.applyNow(plan, now: now, calendar: calendar)
            return ReminderReplan(plan: plan, summary: summary)
        }
    }

    /// Applies `plan` to the pending requests (see the type's documentation for the rules).
    ///
    /// - Parameters:
    ///   - plan: A plan from the core, made with a budget no larger than
    ///     ``availableBudget()`` (larger plans are cut to what fits, soonest first).
    ///   - now: The current instant, for choosing triggers.
    ///   - calendar: The device's calendar (`.current`), in the zone the plan was made for.
    /// - Returns: What was added, removed and left alone.
    /// - Throws: the first error the center reports when adding a request. Removals and
    ///   earlier additions have happened; the next replan completes the rest.
    public func apply(
        _ plan: NotificationPlan,
        now: Date = Date(),
        calendar: Calendar = .current
    ) async throws -> ReminderApplySummary {
        try await serialized {
            try await self.applyNow(plan, now: now, calendar: calendar)
        }
    }

    /// The request armed for `item`: its content, trigger and identifier (the item's id).
    ///
    /// - Parameters:
    ///   - item: The plan item.
    ///   - now: The current instant (decides the kind of trigger).
    ///   - calendar: The calendar whose zone a calendar trigger is built in.
    public nonisolated func request(for item: PlanItem, now: Date = Date(), calendar: Calendar = .current) -> UNNotificationRequest {
        let fireDate = Date(timeIntervalSince1970: TimeInterval(item.fireAt) / 1000)
        let secondsAhead = fireDate.timeIntervalSince(now)
        let trigger: UNNotificationTrigger
        let triggerZone: String?
        if secondsAhead >= Self.calendarTriggerThreshold {
            let components = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: fireDate)
            trigger = UNCalendarNotificationTrigger(dateMatching: components, repeats: false)
            triggerZone = calendar.timeZone.identifier
        } else {
            trigger = UNTimeIntervalNotificationTrigger(timeInterval: max(1, secondsAhead), repeats: false)
            triggerZone = nil
        }
        let text = wording(for: item)
        let content = UNMutableNotificationContent()
        content.title = text.title
        content.body = text.body
        content.sound = .default
        content.categoryIdentifier = ReminderCategory.identifier
        content.threadIdentifier = threadIdentifier
        content.interruptionLevel = Self.interruptionLevel(for: item)
        content.userInfo = ReminderUserInfo.make(for: item, triggerZone: triggerZone)
        return UNNotificationRequest(identifier: item.id, content: content, trigger: trigger)
    }

    /// `.timeSensitive` for an exact item, `.active` otherwise (see the type's documentation
    /// for the entitlement this needs to take effect).
    public static func interruptionLevel(for item: PlanItem) -> UNNotificationInterruptionLevel {
        item.exact ? .timeSensitive : .active
    }

    // MARK: - Inside one turn

    /// The diff and its application; callers hold the turn (``serialized(_:)``).
    private func applyNow(_ plan: NotificationPlan, now: Date, calendar: Calendar) async throws -> ReminderApplySummary {
        let pending = await center.pendingRequests()
        let reminders = pending.filter { ReminderUserInfo.isReminder($0.content.userInfo) }
        let capacity = max(0, Self.maximumPendingRequests - (pending.count - reminders.count))

        let ordered = plan.items.sorted { ($0.fireAt, $0.id) < ($1.fireAt, $1.id) }
        var seen = Set<String>()
        let unique = ordered.filter { seen.insert($0.id).inserted }
        let wanted = Array(unique.prefix(capacity))
        let wantedIds = Set(wanted.map(\.id))

        var summary = ReminderApplySummary()
        summary.notArmed = unique.dropFirst(capacity).map(\.id)

        var pendingById: [String: UNNotificationRequest] = [:]
        for request in reminders {
            pendingById[request.identifier] = request
        }
        summary.removed = reminders.map(\.identifier).filter { !wantedIds.contains($0) }

        var additions: [UNNotificationRequest] = []
        for item in wanted {
            if let existing = pendingById[item.id] {
                if isArmed(existing, as: item, calendar: calendar) {
                    summary.unchanged.append(item.id)
                    continue
                }
                summary.removed.append(item.id)
            }
            additions.append(request(for: item, now: now, calendar: calendar))
        }

        if !summary.removed.isEmpty {
            center.removePendingRequests(withIdentifiers: summary.removed)
        }
        for request in additions {
            try await center.addRequest(request)
            summary.added.append(request.identifier)
        }
        return summary
    }

    /// Whether `request` already arms `item` as planned: same fire instant, text, level and
    /// category, and a trigger that is still right (a time-interval trigger, or a calendar
    /// trigger built in the calendar's zone).
    private func isArmed(_ request: UNNotificationRequest, as item: PlanItem, calendar: Calendar) -> Bool {
        let content = request.content
        let info = content.userInfo
        guard ReminderUserInfo.fireAt(in: info) == item.fireAt,
              ReminderUserInfo.occurrenceId(in: info) == item.occurrenceId
        else {
            return false
        }
        let text = wording(for: item)
        guard content.title == text.title,
              content.body == text.body,
              content.categoryIdentifier == ReminderCategory.identifier,
              content.threadIdentifier == threadIdentifier,
              content.interruptionLevel == Self.interruptionLevel(for: item)
        else {
            return false
        }
        if request.trigger is UNCalendarNotificationTrigger {
            return ReminderUserInfo.triggerZone(in: info) == calendar.timeZone.identifier
        }
        return request.trigger is UNTimeIntervalNotificationTrigger
    }

    /// The title and body shown for `item`.
    private nonisolated func wording(for item: PlanItem) -> (title: String, body: String) {
        guard !item.hasOwnLabel, let neutralText = neutralText else {
            return (item.title, item.body)
        }
        return neutralText(item)
    }

    /// Runs `work` after every operation queued before it has finished. An actor alone
    /// does not give that: its methods may interleave at each `await`.
    private func serialized<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let previous = tail
        let task = Task<T, Error> {
            await previous?.value
            return try await work()
        }
        tail = Task {
            _ = try? await task.value
        }
        return try await task.value
    }
}
