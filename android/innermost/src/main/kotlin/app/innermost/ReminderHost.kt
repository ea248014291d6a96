package app.innermost

// What the reminder receivers need from the app, and how they find it: the app's
// Application class implements ReminderHost. Owns nothing else.

import android.app.PendingIntent
import android.content.Context
import java.io.File
import java.time.Clock
import java.time.Duration

/**
 * Implemented by the app's [android.app.Application] subclass so that the reminder
 * receivers ([ReminderAlarmReceiver], [ReminderActionReceiver], [ReminderRearmReceiver]),
 * which Android starts on their own (after a reboot, when an alarm fires, when a
 * notification action is tapped), can find the vault and the device's clock:
 *
 * ```kotlin
 * class InnermostApp : Application(), ReminderHost {
 *     override val reminderVaultFile: File get() = File(filesDir, "journal.innermost")
 * }
 * ```
 *
 * The receivers look it up as `context.applicationContext as? ReminderHost`. If the
 * Application does not implement it, they do nothing (and log that, without details).
 *
 * The receivers open [reminderVaultFile] **locked** (no passphrase is ever needed:
 * planning and recording Done/Snooze without a note work locked) and close it when done,
 * so they work while the app's own vault instance is locked, unlocked or not open at all.
 */
interface ReminderHost {
    /**
     * The vault file. It must be in credential-encrypted storage (`filesDir`, the
     * default), which is why reminders are re-armed on `BOOT_COMPLETED` and not on
     * `LOCKED_BOOT_COMPLETED`: before the first unlock after a reboot the file cannot be
     * read (see [ReminderRearmReceiver]).
     */
    val reminderVaultFile: File

    /**
     * The current instant and the phone's zone (floating rituals and quiet hours follow
     * it). Read again for every plan. Default: the system clock in the system's current
     * default zone. Tests replace it with a fixed clock.
     */
    val reminderClock: Clock
        get() = Clock.systemDefaultZone()

    /**
     * The notification's small icon (a drawable resource of the app, white on
     * transparent). Default: a framework reminder icon.
     */
    val reminderSmallIcon: Int
        get() = android.R.drawable.ic_popup_reminder

    /** How long Snooze puts a reminder off. Default: 10 minutes. */
    val reminderSnooze: Duration
        get() = Duration.ofMinutes(10)

    /**
     * The words the shell shows (channel name, action labels, and the neutral reminder
     * text in the person's language). Default: English; see [ReminderStrings].
     */
    fun reminderStrings(context: Context): ReminderStrings = ReminderStrings()

    /**
     * What tapping the notification opens, usually the app's main activity (an immutable
     * `PendingIntent.getActivity`). Default: none (tapping only dismisses it).
     */
    fun reminderContentIntent(context: Context): PendingIntent? = null
}
