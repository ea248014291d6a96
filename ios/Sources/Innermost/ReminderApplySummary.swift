// What applying a notification plan changed.

import Foundation

/// What ``ReminderScheduler`` did to the pending notification requests, by plan item id
/// (which is each request's identifier).
///
/// A reminder whose fire instant, text or trigger changed is removed and added again, so
/// its id is in both ``removed`` and ``added``. Applying the same plan twice gives only
/// ``unchanged`` the second time.
public struct ReminderApplySummary: Equatable, Sendable {
    /// Requests added, in plan order (soonest first).
    public var added: [String]
    /// Requests removed: gone from the plan, or changed (then also in ``added``).
    public var removed: [String]
    /// Requests already pending exactly as planned, left alone.
    public var unchanged: [String]
    /// Plan items not armed because the 64 pending requests were used up (by sooner
    /// reminders and the app's own notifications). Empty when the plan was made with the
    /// budget ``ReminderScheduler/availableBudget()`` gave.
    public var notArmed: [String]

    /// A summary; every list defaults to empty.
    public init(added: [String] = [], removed: [String] = [], unchanged: [String] = [], notArmed: [String] = []) {
        self.added = added
        self.removed = removed
        self.unchanged = unchanged
        self.notArmed = notArmed
    }

    /// Whether nothing was added or removed.
    public var isNoOp: Bool {
        added.isEmpty && removed.isEmpty
    }
}
