package app.innermost

// The intents and PendingIntents of the reminders shell: their actions, extras and
// identities. Every PendingIntent is explicit (a component of this app) and immutable.

import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri

/**
 * Builds the broadcasts the alarms and the notification actions send to this library's
 * receivers. A PendingIntent's identity is its request code plus its intent's action,
 * data and component (extras do not count), so each one carries the plan item's id in its
 * data URI: two items can never share a PendingIntent, even if their 32-bit request codes
 * collided. Extras carry what the receiver needs when it runs: ids, the instant, and the
 * item's lock-screen text (only ever the core's neutral wording or the person's own
 * label), which is used only if the vault cannot be read then.
 */
internal object ReminderIntents {
    const val ACTION_FIRE = "app.innermost.reminders.action.FIRE"
    const val ACTION_REPLAN = "app.innermost.reminders.action.REPLAN"
    const val ACTION_DONE = "app.innermost.reminders.action.DONE"
    const val ACTION_SNOOZE = "app.innermost.reminders.action.SNOOZE"

    const val EXTRA_ITEM_ID = "app.innermost.reminders.extra.ITEM_ID"
    const val EXTRA_OCCURRENCE_ID = "app.innermost.reminders.extra.OCCURRENCE_ID"
    const val EXTRA_REQUEST_CODE = "app.innermost.reminders.extra.REQUEST_CODE"
    const val EXTRA_FIRE_AT = "app.innermost.reminders.extra.FIRE_AT"
    const val EXTRA_REASON = "app.innermost.reminders.extra.REASON"
    const val EXTRA_TITLE = "app.innermost.reminders.extra.TITLE"
    const val EXTRA_BODY = "app.innermost.reminders.extra.BODY"
    const val EXTRA_OWN_LABEL = "app.innermost.reminders.extra.OWN_LABEL"

    /** The replan alarm's request code (plan items use the core's, derived from their id). */
    const val REPLAN_REQUEST_CODE = 0x1A2E_7001

    private const val SCHEME = "innermost-reminder"
    private const val FLAGS = PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT

    /** The data URI that makes an item's PendingIntents unique: `innermost-reminder://<kind>/<id>`. */
    private fun itemUri(kind: String, itemId: String): Uri =
        Uri.Builder().scheme(SCHEME).authority(kind).appendPath(itemId).build()

    /** The alarm of one plan item, with what the notification needs in its extras. */
    fun fire(context: Context, notice: ReminderNotice, fireAt: Long): PendingIntent {
        val intent = Intent(context, ReminderAlarmReceiver::class.java)
            .setAction(ACTION_FIRE)
            .setData(itemUri("item", notice.itemId))
            .putExtra(EXTRA_FIRE_AT, fireAt)
        notice.writeTo(intent)
        return PendingIntent.getBroadcast(context, notice.requestCode, intent, FLAGS)
    }

    /** The alarm of an item as remembered (enough to cancel it: extras do not matter). */
    fun fire(context: Context, itemId: String, requestCode: Int): PendingIntent {
        val intent = Intent(context, ReminderAlarmReceiver::class.java)
            .setAction(ACTION_FIRE)
            .setData(itemUri("item", itemId))
        return PendingIntent.getBroadcast(context, requestCode, intent, FLAGS)
    }

    /** The alarm that asks for a new plan. */
    fun replan(context: Context): PendingIntent {
        val intent = Intent(context, ReminderAlarmReceiver::class.java)
            .setAction(ACTION_REPLAN)
            .setData(Uri.Builder().scheme(SCHEME).authority("replan").build())
        return PendingIntent.getBroadcast(context, REPLAN_REQUEST_CODE, intent, FLAGS)
    }

    /** A notification action ([ACTION_DONE] or [ACTION_SNOOZE]) for [notice]. */
    fun action(context: Context, action: String, notice: ReminderNotice): PendingIntent {
        val kind = if (action == ACTION_DONE) "done" else "snooze"
        val intent = Intent(context, ReminderActionReceiver::class.java)
            .setAction(action)
            .setData(itemUri(kind, notice.itemId))
        notice.writeTo(intent)
        return PendingIntent.getBroadcast(context, notice.requestCode, intent, FLAGS)
    }
}
