package app.innermost

// Receives the reminder alarms (an item is due) and the replan alarm.

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * Declared in the library's manifest (not exported); only this library's alarms reach it.
 *
 * * An item's alarm: shows the reminder if the core still plans that occurrence (checked
 *   with the vault opened locked), then applies a fresh plan to keep the alarms topped up.
 * * The replan alarm (the plan's `replanBy`): applies a fresh plan.
 *
 * The work runs off the main thread under `goAsync()`; no failure escapes
 * ([ReminderWork]).
 */
class ReminderAlarmReceiver : BroadcastReceiver() {
    /** Handles [ReminderIntents.ACTION_FIRE] and [ReminderIntents.ACTION_REPLAN]; ignores anything else. */
    override fun onReceive(context: Context, intent: Intent) {
        val action = intent.action
        if (action != ReminderIntents.ACTION_FIRE && action != ReminderIntents.ACTION_REPLAN) return
        val app = context.applicationContext ?: context
        ReminderWork.launch(this, "reminder alarm") {
            val host = ReminderEngine.host(app) ?: return@launch
            if (action == ReminderIntents.ACTION_FIRE) {
                ReminderEngine.fire(app, host, intent)
            } else {
                ReminderEngine.replan(app, host, ReplanKind.DIFF)
            }
        }
    }
}
