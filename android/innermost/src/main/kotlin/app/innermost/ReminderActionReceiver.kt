package app.innermost

// Receives the notification actions Done and Snooze and routes them into the core.

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * Declared in the library's manifest (not exported); only the actions of this library's
 * notifications reach it.
 *
 * * Done: `recordOccurrence(occurrenceId, Done, note = null, zone)`.
 * * Snooze: `recordOccurrence(occurrenceId, Snoozed(until = now + ReminderHost.reminderSnooze), …)`.
 *
 * Both work while the vault is locked (no note), remove the notification, and apply a new
 * plan: the done occurrence's alarms go, a snooze becomes a one-off alarm. The work runs
 * off the main thread under `goAsync()`; no failure escapes ([ReminderWork]).
 */
class ReminderActionReceiver : BroadcastReceiver() {
    /** Handles [ReminderIntents.ACTION_DONE] and [ReminderIntents.ACTION_SNOOZE]; ignores anything else. */
    override fun onReceive(context: Context, intent: Intent) {
        val action = intent.action
        if (action != ReminderIntents.ACTION_DONE && action != ReminderIntents.ACTION_SNOOZE) return
        val app = context.applicationContext ?: context
        ReminderWork.launch(this, "reminder action") {
            val host = ReminderEngine.host(app) ?: return@launch
            ReminderEngine.act(app, host, intent)
        }
    }
}
