package app.innermost

// The reminders' notification channel and the notifications themselves: neutral channel,
// only the plan item's lock-screen text, actions Done and Snooze.

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context
import android.graphics.drawable.Icon
import app.innermost.ffi.PlanItemReason

/**
 * Posts and removes reminder notifications, on one channel, [CHANNEL_ID].
 *
 * A notification shows only the plan item's title and text: the core's neutral wording
 * (translated through [ReminderStrings] when the app gives a translation) or the label the
 * person chose for their lock screen. It is `VISIBILITY_PRIVATE` with a public version
 * that holds that same lock-screen text and nothing else (no actions), so a secure lock
 * screen never shows more than the person chose to let anyone see, and with the
 * "hide sensitive content" setting it shows only the app's name.
 */
internal object ReminderNotifications {
    /** The channel every reminder is posted on. */
    const val CHANNEL_ID = "app.innermost.reminders"

    /** The tag of every reminder notification; the id is the plan item's request code. */
    const val TAG = "app.innermost.reminder"

    private fun manager(context: Context): NotificationManager? =
        context.getSystemService(Context.NOTIFICATION_SERVICE) as? NotificationManager

    /** Creates (or renames) the reminders channel. Idempotent and cheap. */
    fun ensureChannel(context: Context, strings: ReminderStrings) {
        val channel = NotificationChannel(CHANNEL_ID, strings.channelName, NotificationManager.IMPORTANCE_DEFAULT).apply {
            description = strings.channelDescription
            lockscreenVisibility = Notification.VISIBILITY_PRIVATE
        }
        manager(context)?.createNotificationChannel(channel)
    }

    /** The title and text [notice] is shown with, translated if the app says so. */
    fun text(notice: ReminderNotice, strings: ReminderStrings): Pair<String, String> {
        if (notice.hasOwnLabel) return notice.title to notice.body
        val title = strings.neutralTitle ?: notice.title.ifEmpty { FALLBACK_TITLE }
        val body = when (notice.reason) {
            PlanItemReason.CATCH_UP -> strings.neutralCatchUpBody
            else -> strings.neutralBody
        } ?: notice.body
        return title to body
    }

    /** Shows [notice] with the actions Done and Snooze; replaces an earlier one for the same item. */
    fun post(context: Context, host: ReminderHost, notice: ReminderNotice) {
        val manager = manager(context) ?: return
        val strings = host.reminderStrings(context)
        ensureChannel(context, strings)
        val (title, body) = text(notice, strings)
        val icon = host.reminderSmallIcon

        val public = Notification.Builder(context, CHANNEL_ID)
            .setSmallIcon(icon)
            .setContentTitle(title)
            .apply { if (body.isNotEmpty()) setContentText(body) }
            .build()
        val done = Notification.Action.Builder(
            Icon.createWithResource(context, icon),
            strings.done,
            ReminderIntents.action(context, ReminderIntents.ACTION_DONE, notice),
        ).build()
        val snooze = Notification.Action.Builder(
            Icon.createWithResource(context, icon),
            strings.snooze,
            ReminderIntents.action(context, ReminderIntents.ACTION_SNOOZE, notice),
        ).build()
        val notification = Notification.Builder(context, CHANNEL_ID)
            .setSmallIcon(icon)
            .setContentTitle(title)
            .apply { if (body.isNotEmpty()) setContentText(body) }
            .setCategory(Notification.CATEGORY_REMINDER)
            .setVisibility(Notification.VISIBILITY_PRIVATE)
            .setPublicVersion(public)
            .setAutoCancel(true)
            .setContentIntent(host.reminderContentIntent(context))
            .addAction(done)
            .addAction(snooze)
            .build()
        try {
            manager.notify(TAG, notice.requestCode, notification)
        } catch (_: SecurityException) {
            // POST_NOTIFICATIONS not granted on a system that throws instead of dropping.
        }
    }

    /** Removes the notification of the item with [requestCode]. */
    fun dismiss(context: Context, requestCode: Int) {
        manager(context)?.cancel(TAG, requestCode)
    }

    private const val FALLBACK_TITLE = "Reminder"
}
