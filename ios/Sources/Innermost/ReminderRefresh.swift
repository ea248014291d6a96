// Keeps the armed reminders fresh: replans at launch, when the app becomes active, after
// a Done or Snooze, and in background app refreshes (see ReminderRefresh+BackgroundTasks).

import Foundation
import InnermostFFI

/// Asks the core for a new notification plan and has ``ReminderScheduler`` apply it;
/// remembers by when the next plan is due, and (on iOS) schedules a background app refresh
/// shortly before that.
///
/// ## Wiring
///
/// ```swift
/// // application(_:didFinishLaunchingWithOptions:), before it returns:
/// let center = UNUserNotificationCenter.current()
/// ReminderCategory.register(on: center)
/// let refresh = ReminderRefresh(
///     vault: vault,                                   // opened (locked is fine)
///     scheduler: ReminderScheduler(center: center),
///     backgroundTaskIdentifier: "com.example.journal.reminders"
/// )
/// refresh.registerBackgroundTask()                    // iOS; see its documentation
/// responseHandler = ReminderResponseHandler(refresh: refresh)   // keep a strong reference
/// center.delegate = responseHandler
/// Task { try? await refresh.replan() }
///
/// // Scene became active, the clock or zone changed, a ritual was added, changed,
/// // paused, archived or deleted, reminder settings changed:
/// Task { try? await refresh.replan() }
/// ```
///
/// Planning works while the vault is **locked**: the schedules are stored in plaintext by
/// design, so a phone that restarted re-arms its reminders before anyone types the
/// passphrase (the vault file needs the Data Protection class
/// `.completeUntilFirstUserAuthentication`, see ``InnermostVault``).
///
/// Worth replanning on `UIApplication.significantTimeChangeNotification` and
/// `NSNotification.Name.NSSystemTimeZoneDidChange` too: floating rituals follow the
/// device's zone, fixed ones must not (see ``ReminderScheduler``'s *Triggers*).
///
/// ## Missed reminders
///
/// Every plan covers everything due before its `replanBy` (the planner guarantees it).
/// This type keeps the last `replanBy` in `UserDefaults` (an instant, nothing private). If
/// the next replan comes after it (no background refresh ran, the phone was off), the
/// reminders due since may never have been armed: the request then carries
/// `missedSince = <that replanBy>`, and the planner adds at most one catch-up reminder per
/// ritual within the grace window of the reminder settings, not a burst.
public final class ReminderRefresh: @unchecked Sendable {
    // Why `@unchecked Sendable` is sound: every stored property is an immutable `let`;
    // `InnermostVault` and the `ReminderScheduler` actor are safe to share, and
    // `UserDefaults` is documented as thread-safe.

    /// The `UserDefaults` key under which the last plan's `replanBy` (UTC epoch ms) is kept.
    public static let defaultReplanByKey = "app.innermost.reminders.replanBy"

    /// The vault reminders are planned from.
    public let vault: InnermostVault

    /// The scheduler that arms them.
    public let scheduler: ReminderScheduler

    /// The identifier of the background app refresh task, or `nil` for none. It must be
    /// listed in the app's Info.plist under `BGTaskSchedulerPermittedIdentifiers`.
    public let backgroundTaskIdentifier: String?

    /// How long before a plan's `replanBy` the background refresh may start (default 30 min).
    /// iOS decides when it actually runs, often later, sometimes not at all.
    public let backgroundMargin: TimeInterval

    /// How many days ahead to plan (default 365, at most 730).
    public let horizonDays: UInt32

    private let defaults: UserDefaults
    private let replanByKey: String

    /// A refresh for `vault`'s reminders.
    ///
    /// - Parameters:
    ///   - vault: The app's vault; it may be locked.
    ///   - scheduler: The scheduler arming the reminders.
    ///   - backgroundTaskIdentifier: The `BGAppRefreshTask` identifier (iOS), e.g.
    ///     `"<bundle id>.reminders"`, or `nil` to plan only while the app runs.
    ///   - backgroundMargin: How long before `replanBy` the background refresh may begin.
    ///   - horizonDays: How far ahead to plan, in days.
    ///   - defaults: Where the last `replanBy` is kept.
    ///   - replanByKey: Its key.
    public init(
        vault: InnermostVault,
        scheduler: ReminderScheduler,
        backgroundTaskIdentifier: String? = nil,
        backgroundMargin: TimeInterval = 30 * 60,
        horizonDays: UInt32 = 365,
        defaults: UserDefaults = .standard,
        replanByKey: String = ReminderRefresh.defaultReplanByKey
    ) {
        self.vault = vault
        self.scheduler = scheduler
        self.backgroundTaskIdentifier = backgroundTaskIdentifier
        self.backgroundMargin = backgroundMargin
        self.horizonDays = horizonDays
        self.defaults = defaults
        self.replanByKey = replanByKey
    }

    /// Plans and arms the reminders now; then remembers the plan's `replanBy` and, on iOS
    /// with a ``backgroundTaskIdentifier``, schedules the next background refresh.
    ///
    /// Call it at launch, when a scene becomes active, after anything that changes what is
    /// planned (rituals, pauses, settings; ``ReminderResponseHandler`` does it after Done
    /// and Snooze), and after a clock or zone change. Cheap: a few milliseconds in the
    /// core, and only changed requests touch the notification center.
    ///
    /// - Parameters:
    ///   - now: The current instant.
    ///   - calendar: The device's calendar; its zone is the `deviceZone` of the plan.
    /// - Returns: The plan and what changed.
    /// - Throws: ``InnermostError`` from the planner (e.g. `.Storage` once the vault is
    ///   closed, `.InvalidInput(field: "device_zone", ...)` for a zone the core does not
    ///   know); errors of the notification center.
    @discardableResult
    public func replan(now: Date = Date(), calendar: Calendar = .current) async throws -> ReminderReplan {
        let missedSince = self.missedSince(now: now)
        let vault = self.vault
        let horizonDays = self.horizonDays
        let timeZone = calendar.timeZone
        let replan = try await scheduler.replan(now: now, calendar: calendar) { budget in
            try await vault.planReminders(
                now: now,
                timeZone: timeZone,
                budget: budget,
                horizonDays: horizonDays,
                missedSince: missedSince
            )
        }
        defaults.set(NSNumber(value: replan.plan.replanBy), forKey: replanByKey)
        scheduleNextBackgroundRefresh(replanBy: replan.replanBy, now: now)
        return replan
    }

    /// The `missedSince` of the next plan: the previous plan's `replanBy` if it has passed,
    /// else `nil` (everything due so far was armed).
    public func missedSince(now: Date = Date()) -> Date? {
        guard let stored = defaults.object(forKey: replanByKey) as? NSNumber else {
            return nil
        }
        let replanBy = Date(timeIntervalSince1970: TimeInterval(stored.int64Value) / 1000)
        return replanBy < now ? replanBy : nil
    }

    /// Forgets the remembered `replanBy`, e.g. after ``InnermostVault/deleteEverything(backupsDirectory:)``.
    public func forgetReplanBy() {
        defaults.removeObject(forKey: replanByKey)
    }

    /// Schedules the background refresh for a plan due again at `replanBy` (iOS with a
    /// ``backgroundTaskIdentifier``; does nothing elsewhere).
    private func scheduleNextBackgroundRefresh(replanBy: Date, now: Date) {
        #if os(iOS)
        if backgroundTaskIdentifier != nil {
            // Refused in the Simulator and when Background App Refresh is off; nothing to
            // do about it here: the next launch or activation replans.
            try? scheduleBackgroundRefresh(replanBy: replanBy, now: now)
        }
        #endif
    }
}
