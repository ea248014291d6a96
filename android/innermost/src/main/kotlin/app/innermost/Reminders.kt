package app.innermost

// The app's entry point to the reminders shell: refresh the alarms after a change,
// read the permission state, open the settings screens, turn reminders off.

import android.Manifest
import android.app.AlarmManager
import android.app.NotificationManager
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import android.provider.Settings
import java.time.Clock
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * What the app calls. The receivers keep the alarms right on their own after a reboot, a
 * clock or zone change, an alarm and a notification action; the app calls [refresh]
 * after anything *it* changes that moves reminders: a ritual added, edited, paused,
 * resumed, archived or deleted, reminder settings changed, an occurrence recorded or
 * cleared in the app, and on start (cheap: the plan is applied as a diff).
 */
object Reminders {
    /**
     * Plans and applies the reminders now. Through [vault] if given (the app's own
     * instance, locked or not), otherwise through the vault file of the app's
     * [ReminderHost], opened locked for the call. [clock] defaults to the host's clock.
     * Runs on [io]. Throws what the core throws (`InnermostException`) and
     * [IllegalStateException] if there is neither a vault nor a [ReminderHost].
     */
    suspend fun refresh(
        context: Context,
        vault: InnermostVault? = null,
        clock: Clock? = null,
        io: CoroutineDispatcher = Dispatchers.IO,
    ): ApplyResult = withContext(io) {
        val app = context.applicationContext ?: context
        val host = app as? ReminderHost
        val now = clock ?: host?.reminderClock ?: Clock.systemDefaultZone()
        if (vault != null) {
            vault.withRawVault { ReminderEngine.replan(app, it, now, ReplanKind.DIFF) }
        } else {
            host ?: throw IllegalStateException("pass a vault, or implement ReminderHost on the Application")
            ReminderEngine.withLockedVault(host) { ReminderEngine.replan(app, it, now, ReplanKind.DIFF) }
        }
    }

    /**
     * Cancels every reminder alarm and forgets them (reminders turned off, or the vault
     * deleted with [InnermostVault.deleteEverything]). Notifications already shown stay.
     * Returns how many alarms were cancelled.
     */
    suspend fun cancelAll(context: Context, io: CoroutineDispatcher = Dispatchers.IO): Int =
        withContext(io) { ReminderScheduler(context).cancelAll() }

    /**
     * Creates the reminders notification channel, so it shows in the system settings
     * before the first reminder. Idempotent; the receivers create it too.
     */
    fun createChannel(context: Context) {
        val app = context.applicationContext ?: context
        val strings = (app as? ReminderHost)?.reminderStrings(app) ?: ReminderStrings()
        ReminderNotifications.ensureChannel(app, strings)
    }

    /** The id of the reminders notification channel. */
    const val CHANNEL_ID: String = ReminderNotifications.CHANNEL_ID

    /** The POST_NOTIFICATIONS and exact-alarm state. Cheap; any thread. */
    fun permissions(context: Context): ReminderPermissions {
        val notifications = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            if (context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED) {
                NotificationPermission.GRANTED
            } else {
                NotificationPermission.DENIED
            }
        } else {
            NotificationPermission.NOT_NEEDED
        }
        val manager = context.getSystemService(Context.NOTIFICATION_SERVICE) as? NotificationManager
        val alarms = context.getSystemService(Context.ALARM_SERVICE) as? AlarmManager
        return ReminderPermissions(
            notifications = notifications,
            notificationsEnabled = notifications != NotificationPermission.DENIED &&
                (manager?.areNotificationsEnabled() ?: false),
            exactAlarmsAllowed = alarms?.let(ReminderScheduler::exactAlarmsAllowed) ?: false,
        )
    }

    /**
     * The system screen where the person allows this app's exact alarms
     * (`ACTION_REQUEST_SCHEDULE_EXACT_ALARM`, Android 12+), or null below Android 12, where
     * they need no permission. Start it with `startActivity`, then [refresh] when the app
     * resumes.
     */
    fun exactAlarmSettingsIntent(context: Context): Intent? =
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.fromParts("package", context.packageName, null))
        } else {
            null
        }

    /**
     * The app's notification settings screen: the way back once the person refused
     * POST_NOTIFICATIONS twice or switched notifications off by hand.
     */
    fun notificationSettingsIntent(context: Context): Intent =
        Intent(Settings.ACTION_APP_NOTIFICATION_SETTINGS).putExtra(Settings.EXTRA_APP_PACKAGE, context.packageName)
}
