package app.innermost

// The permission state the reminders depend on, surfaced to the app in one value.

/**
 * What stands between a planned reminder and the person seeing it, read by
 * [Reminders.permissions]. Cheap; safe on any thread.
 *
 * @property notifications the POST_NOTIFICATIONS runtime permission (Android 13+): ask
 *   for it with `ActivityResultContracts.RequestPermission` when [NotificationPermission.DENIED].
 * @property notificationsEnabled whether notifications from the app are switched on in the
 *   system settings (`NotificationManager.areNotificationsEnabled`): false also when the
 *   permission is denied, and when the person turned them off by hand (then only
 *   [Reminders.notificationSettingsIntent] helps).
 * @property exactAlarmsAllowed whether exact alarms may be set (`canScheduleExactAlarms`,
 *   Android 12+; always true below). Android 14 denies them by default to new installs;
 *   without them, reminders that want to be on time come within a window of about ten
 *   minutes instead ([ApplyResult.windowed]). [Reminders.exactAlarmSettingsIntent] opens
 *   the screen where the person can allow them.
 */
data class ReminderPermissions(
    val notifications: NotificationPermission,
    val notificationsEnabled: Boolean,
    val exactAlarmsAllowed: Boolean,
) {
    /** Whether a reminder can be shown at all. */
    val canNotify: Boolean
        get() = notifications != NotificationPermission.DENIED && notificationsEnabled
}
