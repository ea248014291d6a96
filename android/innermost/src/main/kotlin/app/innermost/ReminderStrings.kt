package app.innermost

// The user-visible words of the reminders shell, so the app can localise them without
// this library carrying Android resources.

/**
 * The words the reminders shell shows; the app passes translated ones through
 * [ReminderHost.reminderStrings]. All are shown on the lock screen, so none may say what a
 * ritual is about.
 *
 * @property channelName the notification channel's name in the system settings (neutral).
 * @property channelDescription its description in the system settings.
 * @property done the label of the action that marks the occurrence done.
 * @property snooze the label of the action that puts the reminder off.
 * @property neutralTitle replaces the core's neutral title (English "Reminder") of items
 *   without a label of the person's own; `null` keeps the core's wording.
 * @property neutralBody replaces the core's neutral text of upcoming and snoozed reminders;
 *   `null` keeps the core's wording.
 * @property neutralCatchUpBody replaces the core's neutral text of a catch-up reminder
 *   (one that was due while the phone was off); `null` keeps the core's wording.
 */
data class ReminderStrings(
    val channelName: String = "Reminders",
    val channelDescription: String = "Reminders for the moments you planned",
    val done: String = "Done",
    val snooze: String = "Snooze",
    val neutralTitle: String? = null,
    val neutralBody: String? = null,
    val neutralCatchUpBody: String? = null,
)
