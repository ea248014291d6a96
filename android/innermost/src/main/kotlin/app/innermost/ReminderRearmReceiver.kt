package app.innermost

// Re-arms the reminders when the alarms were lost or their instants moved: boot, app
// update, clock change, time-zone change, exact alarms allowed.

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/**
 * Declared in the library's manifest for the system broadcasts after which the armed
 * alarms cannot be trusted. It opens the vault **locked** (no passphrase: planning works
 * locked), plans and applies:
 *
 * * `BOOT_COMPLETED`: alarms do not survive a reboot. Every item is armed again, and the
 *   plan's `missedSince` is the instant the alarms were last known to be armed, so a
 *   reminder due while the phone was off comes once, as a catch-up (within the core's
 *   grace window), not as a burst.
 *   `LOCKED_BOOT_COMPLETED` is deliberately not used: it arrives before the first unlock,
 *   when credential-encrypted storage (the app's `filesDir`, where the vault lives) cannot
 *   be read, and this receiver is not direct-boot aware. `BOOT_COMPLETED` comes right
 *   after the person unlocks the phone for the first time.
 * * `MY_PACKAGE_REPLACED` (the app was updated): every item is armed again, nothing is
 *   counted as missed (alarms normally survive an update, and past-due ones still fire).
 * * `TIME_SET`, `TIMEZONE_CHANGED`: the new plan is applied as a diff; the instants of
 *   floating rituals ("8 pm wherever I am") and of quiet hours move with the zone. No
 *   `missedSince`: the alarms were not lost, and Android fires an alarm whose instant the
 *   clock jumped over at once.
 * * `SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED` (exact alarms were allowed): items
 *   armed in a window are armed again as exact alarms.
 *
 * The work runs off the main thread under `goAsync()`; no failure escapes ([ReminderWork]).
 */
class ReminderRearmReceiver : BroadcastReceiver() {
    /** Handles the broadcasts listed on the class; ignores anything else. */
    override fun onReceive(context: Context, intent: Intent) {
        val kind = when (intent.action) {
            Intent.ACTION_BOOT_COMPLETED -> ReplanKind.AFTER_REBOOT
            Intent.ACTION_MY_PACKAGE_REPLACED -> ReplanKind.REARM_ALL
            Intent.ACTION_TIME_CHANGED, Intent.ACTION_TIMEZONE_CHANGED, EXACT_ALARM_PERMISSION_CHANGED -> ReplanKind.DIFF
            else -> return
        }
        val app = context.applicationContext ?: context
        ReminderWork.launch(this, "reminder re-arm") {
            val host = ReminderEngine.host(app) ?: return@launch
            ReminderEngine.replan(app, host, kind)
        }
    }

    private companion object {
        /** `AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED` (API 31). */
        const val EXACT_ALARM_PERMISSION_CHANGED = "android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED"
    }
}
