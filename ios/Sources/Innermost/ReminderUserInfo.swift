// What a reminder's `userInfo` holds: identifiers and an instant, never private text.

import Foundation
import InnermostFFI

/// The keys of a reminder's `UNNotificationContent.userInfo`, and reading them back.
///
/// The dictionary holds only what the scheduler and the response handler need, none of it
/// private: a marker that the request is a reminder, the occurrence and ritual ids (random
/// UUIDs and a local time), the planned fire instant, and the zone its calendar trigger was
/// built in. Titles, notes and labels never go in (the title and body of the content are
/// the only text, and they are neutral unless the person chose a label).
public enum ReminderUserInfo {
    /// Present (value `1`) on every request the scheduler made; requests without it belong
    /// to the app's other notifications and are never touched.
    public static let markerKey = "innermost.reminder"

    /// The occurrence id (`<ritual id>/<YYYY-MM-DDTHH:MM>`), what Done and Snooze record.
    public static let occurrenceIdKey = "innermost.occurrenceId"

    /// The ritual id.
    public static let ritualIdKey = "innermost.ritualId"

    /// The planned fire instant, UTC epoch milliseconds (`PlanItem.fireAt`).
    public static let fireAtKey = "innermost.fireAt"

    /// The IANA zone whose wall-clock time the calendar trigger was built from; absent for
    /// a time-interval trigger.
    public static let triggerZoneKey = "innermost.triggerZone"

    /// The `userInfo` of the reminder for `item`.
    ///
    /// - Parameters:
    ///   - item: The plan item.
    ///   - triggerZone: The zone of its calendar trigger, or `nil` for a time-interval trigger.
    public static func make(for item: PlanItem, triggerZone: String?) -> [AnyHashable: Any] {
        var info: [AnyHashable: Any] = [
            markerKey: 1,
            occurrenceIdKey: item.occurrenceId,
            ritualIdKey: item.ritualId,
            fireAtKey: NSNumber(value: item.fireAt),
        ]
        if let zone = triggerZone {
            info[triggerZoneKey] = zone
        }
        return info
    }

    /// Whether `userInfo` is a reminder's.
    public static func isReminder(_ userInfo: [AnyHashable: Any]) -> Bool {
        userInfo[markerKey] != nil
    }

    /// The occurrence id in a reminder's `userInfo`.
    public static func occurrenceId(in userInfo: [AnyHashable: Any]) -> String? {
        userInfo[occurrenceIdKey] as? String
    }

    /// The ritual id in a reminder's `userInfo`.
    public static func ritualId(in userInfo: [AnyHashable: Any]) -> RitualId? {
        userInfo[ritualIdKey] as? String
    }

    /// The planned fire instant (UTC epoch ms) in a reminder's `userInfo`.
    public static func fireAt(in userInfo: [AnyHashable: Any]) -> Int64? {
        (userInfo[fireAtKey] as? NSNumber)?.int64Value
    }

    /// The zone of a reminder's calendar trigger, `nil` for a time-interval trigger.
    public static func triggerZone(in userInfo: [AnyHashable: Any]) -> String? {
        userInfo[triggerZoneKey] as? String
    }
}
