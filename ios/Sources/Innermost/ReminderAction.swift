// What a person did with a reminder, read from a notification response.

import Foundation
import InnermostFFI
import UserNotifications

/// What a notification response asks for, independent of `UNNotificationResponse` (which
/// has no public initialiser, so tests build these from an action identifier and a
/// `userInfo` instead).
public enum ReminderAction: Equatable, Sendable {
    /// The **Done** button: record the occurrence as done.
    case done(occurrenceId: String)
    /// The **Snooze** button: record a snooze; a one-off reminder follows.
    case snooze(occurrenceId: String)
    /// The notification itself was tapped: the app opens. Nothing is recorded; the app
    /// may show the ritual (``ReminderResponseHandler``'s `onOpen`).
    case open(occurrenceId: String, ritualId: RitualId)
    /// Not a reminder, or nothing to do (e.g. a dismissal).
    case ignore

    /// Reads a response's action identifier and the notification's `userInfo`.
    ///
    /// - Parameters:
    ///   - actionIdentifier: `UNNotificationResponse.actionIdentifier`.
    ///   - userInfo: `response.notification.request.content.userInfo`.
    public init(actionIdentifier: String, userInfo: [AnyHashable: Any]) {
        guard ReminderUserInfo.isReminder(userInfo),
              let occurrenceId = ReminderUserInfo.occurrenceId(in: userInfo)
        else {
            self = .ignore
            return
        }
        switch actionIdentifier {
        case ReminderCategory.doneActionIdentifier:
            self = .done(occurrenceId: occurrenceId)
        case ReminderCategory.snoozeActionIdentifier:
            self = .snooze(occurrenceId: occurrenceId)
        case UNNotificationDefaultActionIdentifier:
            let ritualId = ReminderUserInfo.ritualId(in: userInfo) ?? ""
            self = .open(occurrenceId: occurrenceId, ritualId: ritualId)
        default:
            self = .ignore
        }
    }
}
