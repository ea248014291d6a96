// A `NotificationCenterClient` in memory, for the tests only: `UNUserNotificationCenter`
// needs a bundled app (under `swift test` it has no bundle identifier and stops the
// process), and its requests cannot be inspected synchronously anyway.

import Foundation
import Innermost
import UserNotifications

final class FakeNotificationCenter: NotificationCenterClient, @unchecked Sendable {
    // `@unchecked Sendable`: every mutable property is read and written only under `lock`.
    private let lock = NSLock()
    private var requests: [UNNotificationRequest] = []
    private var registered: Set<UNNotificationCategory> = []
    private var mostPending = 0
    private var additions = 0
    private var removals = 0
    private var status: UNAuthorizationStatus = .notDetermined

    /// The pending requests, in the order they were added (a replaced one keeps its place).
    var pending: [UNNotificationRequest] {
        locked { requests }
    }

    /// The identifiers of the pending requests, sorted.
    var pendingIdentifiers: [String] {
        locked { requests.map(\.identifier).sorted() }
    }

    /// The pending request with this identifier.
    func request(withIdentifier identifier: String) -> UNNotificationRequest? {
        locked { requests.first { $0.identifier == identifier } }
    }

    /// The most requests ever pending at once. iOS silently drops all but the 64 soonest;
    /// this fake keeps them, so a test can see that the scheduler never went over.
    var maximumPendingSeen: Int {
        locked { mostPending }
    }

    /// How many requests were added (including replacements) so far.
    var addCount: Int {
        locked { additions }
    }

    /// How many identifiers were passed to `removePendingRequests` so far.
    var removeCount: Int {
        locked { removals }
    }

    /// The categories registered last.
    var categories: Set<UNNotificationCategory> {
        locked { registered }
    }

    /// Schedules a notification of the app's own (not a reminder), an hour from now.
    func addOwnNotification(identifier: String) {
        let content = UNMutableNotificationContent()
        content.title = "Something else"
        let trigger = UNTimeIntervalNotificationTrigger(timeInterval: 3600, repeats: false)
        insert(UNNotificationRequest(identifier: identifier, content: content, trigger: trigger))
    }

    // MARK: - NotificationCenterClient

    func pendingRequests() async -> [UNNotificationRequest] {
        pending
    }

    func addRequest(_ request: UNNotificationRequest) async throws {
        insert(request)
    }

    func removePendingRequests(withIdentifiers identifiers: [String]) {
        let gone = Set(identifiers)
        locked {
            removals += identifiers.count
            requests.removeAll { gone.contains($0.identifier) }
        }
    }

    func setCategories(_ categories: Set<UNNotificationCategory>) {
        locked { registered = categories }
    }

    func requestPermission(options: UNAuthorizationOptions) async throws -> Bool {
        locked {
            status = .authorized
            return true
        }
    }

    func authorizationStatus() async -> UNAuthorizationStatus {
        locked { status }
    }

    // MARK: - Helpers

    private func insert(_ request: UNNotificationRequest) {
        locked {
            additions += 1
            if let index = requests.firstIndex(where: { $0.identifier == request.identifier }) {
                requests[index] = request
            } else {
                requests.append(request)
            }
            mostPending = max(mostPending, requests.count)
        }
    }

    /// Runs `body` under `lock` (a synchronous helper, so async callers never hold the lock
    /// across a suspension point).
    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
