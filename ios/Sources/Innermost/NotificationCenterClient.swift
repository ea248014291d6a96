// The parts of `UNUserNotificationCenter` that the reminder scheduler uses, as a protocol, so
// the tests (and an app's own previews) can stand in a fake for the system's center.

import Foundation
import UserNotifications

/// What ``ReminderScheduler`` and ``ReminderCategory`` need from a notification center.
///
/// `UNUserNotificationCenter` conforms (see its extension in this module), so an app passes
/// `UNUserNotificationCenter.current()`. Tests pass a fake that keeps requests in memory.
///
/// The method names differ from `UNUserNotificationCenter`'s own on purpose: the
/// conformance then consists of small explicit wrappers instead of relying on how Swift
/// imports the Objective-C completion-handler methods as `async` ones, and
/// ``authorizationStatus()`` can return a plain value (`UNNotificationSettings` has no
/// public initialiser, so a fake could not make one).
///
/// Implementations must apply removals and additions in the order they are called (the
/// system's center does: it runs them on one serial queue).
public protocol NotificationCenterClient: AnyObject {
    /// The requests scheduled and not yet delivered: this app's reminders and any other
    /// notification the app scheduled itself.
    func pendingRequests() async -> [UNNotificationRequest]

    /// Schedules `request`, replacing a pending request with the same identifier.
    ///
    /// - Throws: whatever the center reports, e.g. notifications not allowed.
    func addRequest(_ request: UNNotificationRequest) async throws

    /// Removes the pending requests with these identifiers (unknown ones are ignored).
    func removePendingRequests(withIdentifiers identifiers: [String])

    /// Replaces **all** of the app's notification categories with `categories`.
    func setCategories(_ categories: Set<UNNotificationCategory>)

    /// Asks the person for permission to show notifications (the system prompt appears
    /// only the first time).
    ///
    /// - Returns: Whether notifications are allowed.
    func requestPermission(options: UNAuthorizationOptions) async throws -> Bool

    /// Whether the app may show notifications now (`.authorized`, `.provisional`,
    /// `.denied`, `.notDetermined`, `.ephemeral`).
    func authorizationStatus() async -> UNAuthorizationStatus
}
