package app.innermost

// What applying one notification plan did to the alarms.

import java.time.Instant

/**
 * What [ReminderScheduler.apply] changed, and how the reminders are armed.
 *
 * @property armed alarms set by this call: items new to the plan, items whose firing
 *   instant or alarm kind changed, and every item when all alarms had to be re-armed
 *   (after a reboot).
 * @property cancelled alarms of items that left the plan (done, skipped, paused, archived,
 *   deleted, or moved), cancelled.
 * @property unchanged items already armed exactly as planned, left alone.
 * @property exactAlarmsAllowed whether exact alarms could be used (`canScheduleExactAlarms`;
 *   always true below Android 12).
 * @property exact items armed as exact alarms (`setExactAndAllowWhileIdle`).
 * @property windowed items that asked for an exact alarm but got a window of
 *   [ReminderScheduler.EXACT_FALLBACK_WINDOW] after their instant instead, because exact
 *   alarms are not allowed. Non-zero means: tell the person, offer
 *   [Reminders.exactAlarmSettingsIntent].
 * @property inexact items that did not need exactness, armed with
 *   `setAndAllowWhileIdle` (the system's inexact window, up to about an hour).
 * @property replanAt when the replan alarm fires (the plan's `replanBy`).
 */
data class ApplyResult(
    val armed: Int,
    val cancelled: Int,
    val unchanged: Int,
    val exactAlarmsAllowed: Boolean,
    val exact: Int,
    val windowed: Int,
    val inexact: Int,
    val replanAt: Instant,
)
