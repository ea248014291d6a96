// Routes what the person does with a reminder (Done, Snooze, a tap) into the core, then
// replans so the armed reminders match.

import Foundation
import InnermostFFI
import UserNotifications

/// The notification center delegate for reminders: **Done** records the occurrence as
/// done, **Snooze** records a snooze (a one-off reminder ``snoozeInterval`` later), a tap
/// on the notification opens the app and records nothing. After recording, it replans
/// through ``ReminderRefresh``, which removes the reminder that was acted on (and, for a
/// snooze, arms the one-off reminder).
///
/// ```swift
/// // application(_:didFinishLaunchingWithOptions:), before it returns (a Done tapped
/// // while the app was not running launches it in the background and is delivered then):
/// responseHandler = ReminderResponseHandler(
///     refresh: refresh,
///     onOpen: { occurrenceId, ritualId in Task { @MainActor in router.showRitual(ritualId) } },
///     onError: { error in logger.error("reminder response: \(String(describing: error))") }
/// )
/// UNUserNotificationCenter.current().delegate = responseHandler   // weak: keep it alive
/// ```
///
/// Done and Snooze work while the vault is **locked** (and, with the vault file's Data
/// Protection class `.completeUntilFirstUserAuthentication`, while the device is locked):
/// the core records them without a key because they carry no note.
///
/// An app with notifications of its own can keep its own delegate and hand reminder
/// responses to ``handle(actionIdentifier:userInfo:now:calendar:)``
/// (``ReminderUserInfo/isReminder(_:)`` tells them apart).
public final class ReminderResponseHandler: NSObject, UNUserNotificationCenterDelegate, @unchecked Sendable {
    // Why `@unchecked Sendable` is sound: every stored property is an immutable `let`
    // holding a Sendable value (`ReminderRefresh` is safe to share, the closures are
    // `@Sendable`, `TimeInterval` and the options are values).

    /// What the app does when the person taps a reminder: given the occurrence and the
    /// ritual ids. Called on a background thread.
    public typealias OpenHandler = @Sendable (_ occurrenceId: String, _ ritualId: RitualId) -> Void

    /// What the app does when recording a response or replanning failed (e.g. the ritual
    /// was deleted meanwhile: `.NotFound`). Called on a background thread; the error never
    /// carries private text, so it may be logged.
    public typealias ErrorHandler = @Sendable (_ error: Error) -> Void

    /// The refresh that replans after a response.
    public let refresh: ReminderRefresh

    /// How long Snooze puts a reminder off (default 10 minutes; the core accepts up to a day).
    public let snoozeInterval: TimeInterval

    /// How a reminder is presented while the app is in the foreground (default banner,
    /// Notification Center list and sound).
    public let foregroundPresentation: UNNotificationPresentationOptions

    private let onOpen: OpenHandler?
    private let onError: ErrorHandler?

    /// A handler recording responses into `refresh.vault`.
    ///
    /// - Parameters:
    ///   - refresh: Replans after each Done or Snooze.
    ///   - snoozeInterval: How long Snooze waits (more than 0, at most a day).
    ///   - foregroundPresentation: How reminders show while the app is open.
    ///   - onOpen: Told when the person tapped a reminder (to show the ritual).
    ///   - onError: Told about failures of the delegate path.
    public init(
        refresh: ReminderRefresh,
        snoozeInterval: TimeInterval = 10 * 60,
        foregroundPresentation: UNNotificationPresentationOptions = [.banner, .list, .sound],
        onOpen: OpenHandler? = nil,
        onError: ErrorHandler? = nil
    ) {
        self.refresh = refresh
        self.snoozeInterval = snoozeInterval
        self.foregroundPresentation = foregroundPresentation
        self.onOpen = onOpen
        self.onError = onError
        super.init()
    }

    // MARK: - Routing

    /// Records what a response asks for, then replans.
    ///
    /// - Parameters:
    ///   - actionIdentifier: `UNNotificationResponse.actionIdentifier`.
    ///   - userInfo: The notification's `request.content.userInfo`.
    ///   - now: The current instant (a snooze lasts until `now + snoozeInterval`).
    ///   - calendar: The device's calendar; its zone is passed to the core.
    /// - Returns: What was recorded, or `nil` when nothing was (a tap, a dismissal, or a
    ///   notification that is not a reminder).
    /// - Throws: ``InnermostError`` from recording (e.g. `.NotFound` for a deleted ritual,
    ///   `.InvalidInput(field: "occurrence_id", ...)` when snoozing an occurrence already
    ///   done) or from replanning. The replan runs even when recording failed.
    @discardableResult
    public func handle(
        actionIdentifier: String,
        userInfo: [AnyHashable: Any],
        now: Date = Date(),
        calendar: Calendar = .current
    ) async throws -> OccurrenceRecord? {
        let action = ReminderAction(actionIdentifier: actionIdentifier, userInfo: userInfo)
        return try await handle(action, now: now, calendar: calendar)
    }

    /// Records `action`, then replans (see ``handle(actionIdentifier:userInfo:now:calendar:)``).
    @discardableResult
    public func handle(
        _ action: ReminderAction,
        now: Date = Date(),
        calendar: Calendar = .current
    ) async throws -> OccurrenceRecord? {
        let occurrenceId: String
        let status: OccurrenceStatus
        switch action {
        case let .done(id):
            occurrenceId = id
            status = .done
        case let .snooze(id):
            occurrenceId = id
            let until = now.addingTimeInterval(snoozeInterval)
            status = .snoozed(until: Int64((until.timeIntervalSince1970 * 1000).rounded(.down)))
        case let .open(id, ritualId):
            onOpen?(id, ritualId)
            return nil
        case .ignore:
            return nil
        }
        let recorded: Result<OccurrenceRecord, Error>
        do {
            let record = try await refresh.vault.recordOccurrence(
                occurrenceId, status: status, timeZone: calendar.timeZone)
            recorded = .success(record)
        } catch {
            recorded = .failure(error)
        }
        try await refresh.replan(now: now, calendar: calendar)
        return try recorded.get()
    }

    // MARK: - UNUserNotificationCenterDelegate

    /// Routes a response to ``handle(_:now:calendar:)`` in a task and calls
    /// `completionHandler` once it is done (iOS keeps a backgrounded app awake until then,
    /// for a limited time). Errors go to `onError`.
    public func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        didReceive response: UNNotificationResponse,
        withCompletionHandler completionHandler: @escaping () -> Void
    ) {
        let action = ReminderAction(
            actionIdentifier: response.actionIdentifier,
            userInfo: response.notification.request.content.userInfo
        )
        if action == .ignore {
            completionHandler()
            return
        }
        Task {
            do {
                try await handle(action)
            } catch {
                onError?(error)
            }
            completionHandler()
        }
    }

    /// Shows reminders while the app is in the foreground (``foregroundPresentation``);
    /// other notifications are not shown.
    public func userNotificationCenter(
        _ center: UNUserNotificationCenter,
        willPresent notification: UNNotification,
        withCompletionHandler completionHandler: @escaping (UNNotificationPresentationOptions) -> Void
    ) {
        if ReminderUserInfo.isReminder(notification.request.content.userInfo) {
            completionHandler(foregroundPresentation)
        } else {
            completionHandler([])
        }
    }
}
