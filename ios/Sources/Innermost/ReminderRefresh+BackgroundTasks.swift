// Background app refresh for reminders (iOS only): BGTaskScheduler registration and
// scheduling of a BGAppRefreshTask that replans shortly before the plan runs out.

#if os(iOS)
import BackgroundTasks
import Foundation

/// Background app refresh (iOS).
///
/// A plan arms at most 64 reminders, so it runs out: its `replanBy` says when a new one is
/// needed. Opening the app replans anyway; for the days it stays closed, iOS can wake it
/// for a `BGAppRefreshTask`, which replans.
///
/// ## Setup
///
/// 1. *Signing & Capabilities* > *Background Modes* > **Background fetch** (adds `fetch`
///    to `UIBackgroundModes` in Info.plist).
/// 2. Info.plist: `BGTaskSchedulerPermittedIdentifiers` (an array) containing the
///    ``ReminderRefresh/backgroundTaskIdentifier``, e.g. `com.example.journal.reminders`.
///    Submitting an identifier not listed there raises an exception.
/// 3. Call ``ReminderRefresh/registerBackgroundTask()`` in
///    `application(_:didFinishLaunchingWithOptions:)`, before it returns (for a SwiftUI
///    app: in the `UIApplicationDelegateAdaptor`'s delegate, or use
///    `.backgroundTask(.appRefresh(identifier))` and call ``ReminderRefresh/replan(now:calendar:)``
///    from it instead).
///
/// Each ``ReminderRefresh/replan(now:calendar:)`` then asks for the next refresh no earlier
/// than `replanBy` minus ``ReminderRefresh/backgroundMargin``. iOS decides when it runs
/// (it learns from how often the person opens the app), may delay it for hours, and never
/// runs it when the person turned Background App Refresh off or force-quit the app. That is
/// why `replanBy` is well before the plan runs dry (at least a day before, halfway to it
/// at most) and why a late replan asks the planner for catch-ups (see `missedSince`).
///
/// To try it in the debugger, pause the app after a replan and run
/// `e -l objc -- (void)[[BGTaskScheduler sharedScheduler] _simulateLaunchForTaskWithIdentifier:@"<identifier>"]`.
extension ReminderRefresh {
    /// Registers the background refresh task's launch handler. Call it exactly once per
    /// launch, before `application(_:didFinishLaunchingWithOptions:)` returns; iOS refuses
    /// registrations after that.
    ///
    /// - Returns: `false` if there is no ``backgroundTaskIdentifier`` or iOS refused the
    ///   registration (e.g. the identifier is missing from
    ///   `BGTaskSchedulerPermittedIdentifiers`).
    @discardableResult
    public func registerBackgroundTask() -> Bool {
        guard let identifier = backgroundTaskIdentifier else {
            return false
        }
        return BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { [self] task in
            handleBackgroundRefresh(task)
        }
    }

    /// Asks iOS for a background refresh no earlier than `replanBy` minus
    /// ``backgroundMargin`` (and not before `now`). Replaces any earlier request.
    /// ``replan(now:calendar:)`` calls this itself; call it directly only to reschedule.
    ///
    /// - Throws: `BGTaskScheduler.Error` (`.unavailable` in the Simulator or when
    ///   Background App Refresh is off; `.notPermitted` for an identifier missing from
    ///   Info.plist). Does nothing without a ``backgroundTaskIdentifier``.
    public func scheduleBackgroundRefresh(replanBy: Date, now: Date = Date()) throws {
        guard let identifier = backgroundTaskIdentifier else {
            return
        }
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = max(now, replanBy.addingTimeInterval(-backgroundMargin))
        try BGTaskScheduler.shared.submit(request)
    }

    /// Runs one background refresh: a replan (which schedules the next refresh), reported
    /// to iOS exactly once, as a failure if the task ran out of time first.
    private func handleBackgroundRefresh(_ task: BGTask) {
        let completion = BackgroundTaskCompletion(task)
        let work = Task {
            do {
                try await replan()
                completion.finish(success: !Task.isCancelled)
            } catch {
                completion.finish(success: false)
            }
        }
        task.expirationHandler = {
            // A call already in the core finishes regardless (its write is durable); the
            // pending requests are consistent either way, and the next replan tidies up.
            work.cancel()
            completion.finish(success: false)
        }
    }
}

/// Calls `setTaskCompleted(success:)` on a background task once, whichever of the work and
/// the expiration handler gets there first.
private final class BackgroundTaskCompletion: @unchecked Sendable {
    // `@unchecked Sendable`: `finished` is only touched under `lock`; `task` is only used
    // by the one caller that flips `finished`.
    private let task: BGTask
    private let lock = NSLock()
    private var finished = false

    init(_ task: BGTask) {
        self.task = task
    }

    /// Reports the task complete, the first time only.
    func finish(success: Bool) {
        lock.lock()
        let first = !finished
        finished = true
        lock.unlock()
        if first {
            task.setTaskCompleted(success: success)
        }
    }
}
#endif
