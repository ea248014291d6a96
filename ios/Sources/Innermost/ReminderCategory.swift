// The notification category of ritual reminders: the Done and Snooze buttons.

import Foundation
import UserNotifications

/// The category every reminder is filed under, with two actions: **Done** and **Snooze**.
///
/// Register it once at launch, before any reminder can be shown:
///
/// ```swift
/// ReminderCategory.register(on: UNUserNotificationCenter.current())
/// ```
///
/// `setNotificationCategories` replaces all of an app's categories: if the app has
/// categories of its own, pass them as `alongside`.
///
/// ## The actions
///
/// * Neither action opens the app (no `.foreground`): iOS wakes the app in the background,
///   hands the response to ``ReminderResponseHandler``, and the person stays where they were.
/// * Neither asks to unlock the device (no `.authenticationRequired`). Done and Snooze are
///   recorded with `recordOccurrence` without a note, which the core accepts while the
///   vault is **locked** (only the schedule and the completion log are touched, both in
///   plaintext by design). With the vault file's Data Protection class
///   `.completeUntilFirstUserAuthentication` (see ``InnermostVault``) the file is also
///   readable while the device is locked, so a tap on the lock screen works. An app that
///   prefers the person to unlock their phone first may build its own category with the
///   same identifiers and `.authenticationRequired`.
/// * The titles are neutral (nothing about the ritual), like the reminders themselves.
///   Pass localised titles; a label such as "Snooze 10 min" should match the handler's
///   ``ReminderResponseHandler/snoozeInterval``.
public enum ReminderCategory {
    /// The category identifier set on every reminder's content.
    public static let identifier = "app.innermost.reminder"

    /// The action identifier of **Done**: records the occurrence as done.
    public static let doneActionIdentifier = "app.innermost.reminder.done"

    /// The action identifier of **Snooze**: records a snooze, and a one-off reminder follows.
    public static let snoozeActionIdentifier = "app.innermost.reminder.snooze"

    /// The category with its Done and Snooze actions.
    ///
    /// - Parameters:
    ///   - doneTitle: The Done button's title (default `"Done"`).
    ///   - snoozeTitle: The Snooze button's title (default `"Snooze"`).
    public static func make(doneTitle: String = "Done", snoozeTitle: String = "Snooze") -> UNNotificationCategory {
        let done = UNNotificationAction(identifier: doneActionIdentifier, title: doneTitle, options: [])
        let snooze = UNNotificationAction(identifier: snoozeActionIdentifier, title: snoozeTitle, options: [])
        return UNNotificationCategory(
            identifier: identifier,
            actions: [done, snooze],
            intentIdentifiers: [],
            options: []
        )
    }

    /// Registers the reminder category on `center`, together with the app's other
    /// categories (`setNotificationCategories` replaces them all).
    ///
    /// - Parameters:
    ///   - center: Usually `UNUserNotificationCenter.current()`.
    ///   - others: The app's own categories, kept beside this one.
    ///   - doneTitle: The Done button's title.
    ///   - snoozeTitle: The Snooze button's title.
    public static func register(
        on center: any NotificationCenterClient,
        alongside others: Set<UNNotificationCategory> = [],
        doneTitle: String = "Done",
        snoozeTitle: String = "Snooze"
    ) {
        var categories = others.filter { $0.identifier != identifier }
        categories.insert(make(doneTitle: doneTitle, snoozeTitle: snoozeTitle))
        center.setCategories(categories)
    }
}
