// The outcome of one replan: the plan the core made and what applying it changed.

import Foundation
import InnermostFFI

/// What ``ReminderScheduler/replan(now:calendar:planner:)`` and
/// ``ReminderRefresh/replan(now:calendar:)`` return.
public struct ReminderReplan: Equatable, Sendable {
    /// The plan the core made.
    public let plan: NotificationPlan
    /// What changed among the pending requests.
    public let summary: ReminderApplySummary

    /// Pairs a plan with what applying it did.
    public init(plan: NotificationPlan, summary: ReminderApplySummary) {
        self.plan = plan
        self.summary = summary
    }

    /// By when to plan again (`plan.replanBy` as a `Date`): ``ReminderRefresh`` asks for a
    /// background refresh a little before it.
    public var replanBy: Date {
        Date(timeIntervalSince1970: TimeInterval(plan.replanBy) / 1000)
    }
}
