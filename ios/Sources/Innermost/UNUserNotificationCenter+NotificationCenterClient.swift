// The system's notification center as a `NotificationCenterClient`.

import Foundation
import UserNotifications

/// `UNUserNotificationCenter` is the ``NotificationCenterClient`` apps use:
/// `ReminderScheduler(center: UNUserNotificationCenter.current())`.
///
/// Each method is a one-line wrapper around the center's own API.
extension UNUserNotificationCenter: NotificationCenterClient {
    /// `pendingNotificationRequests()`.
    public func pendingRequests() async -> [UNNotificationRequest] {
        await pendingNotificationRequests()
    }

    /// `add(_:)`.
    public func addRequest(_ request: UNNotificationRequest) async throws {
        try await add(request)
    }

    /// `removePendingNotificationRequests(withIdentifiers:)`.
    public func removePendingRequests(withIdentifiers identifiers: [String]) {
        removePendingNotificationRequests(withIdentifiers: identifiers)
    }

    /// `setNotificationCategories(_:)`.
    public func setCategories(_ categories: Set<UNNotificationCategory>) {
        setNotificationCategories(categories)
    }

    /// `requestAuthorization(options:)`.
    public func requestPermission(options: UNAuthorizationOptions) async throws -> Bool {
        try await requestAuthorization(options: options)
    }

    /// `notificationSettings().authorizationStatus`.
    public func authorizationStatus() async -> UNAuthorizationStatus {
        await notificationSettings().authorizationStatus
    }
}
