package app.innermost

// Applies a notification plan to AlarmManager: diffs it against what was armed before,
// cancels what left the plan, arms what is new or changed (exact when the item wants it
// and the system allows it, a window otherwise), and arms the replan alarm.

import android.app.AlarmManager
import android.content.Context
import android.os.Build
import android.provider.Settings
import app.innermost.ffi.NotificationPlan
import app.innermost.ffi.PlanItem
import java.time.Duration
import java.time.Instant

/**
 * Arms the alarms of a [NotificationPlan] and remembers them (ids, request codes and
 * instants only, in the app's private SharedPreferences) so the next plan is applied as a
 * diff: an item whose id, firing instant and alarm kind are unchanged is left alone.
 *
 * What it guarantees after [apply] returns:
 * * every plan item has exactly one alarm at its `fireAt` (`RTC_WAKEUP`): exact
 *   (`setExactAndAllowWhileIdle`) when the item asks for it and exact alarms are allowed,
 *   a window of [EXACT_FALLBACK_WINDOW] when the item asks for it but they are not, and
 *   `setAndAllowWhileIdle` (the system's inexact window) when it does not ask;
 * * the alarms of items that left the plan are cancelled, except those already due
 *   (`fireAt` passed, not fired yet because inexact alarms come late): they still fire,
 *   and [ReminderAlarmReceiver] checks with the core that the occurrence is still open
 *   before it notifies;
 * * one more alarm fires at the plan's `replanBy` and asks for a new plan;
 * * the instant of the plan is remembered as the moment alarms were last known to be
 *   armed: after a reboot, reminders due since then are the plan's `missedSince`.
 *
 * Alarms and PendingIntents do not survive a reboot; pass `rearmAll = true` then (the
 * receivers do), or let the scheduler notice: it keeps `Settings.Global.BOOT_COUNT` and
 * re-arms everything when it changed.
 *
 * Calls are serialised process-wide. They make binder calls and a synchronous
 * SharedPreferences write: call from a background thread.
 */
class ReminderScheduler internal constructor(
    context: Context,
    private val store: ArmedAlarmStore,
) {
    /** A scheduler for the app of [context]. */
    constructor(context: Context) : this(context.applicationContext, ArmedAlarmStore(context.applicationContext))

    private val context: Context = context.applicationContext ?: context

    private fun alarmManager(): AlarmManager =
        context.getSystemService(Context.ALARM_SERVICE) as? AlarmManager
            ?: throw IllegalStateException("no AlarmManager")

    /** Whether exact alarms may be set now (`canScheduleExactAlarms`; always true below Android 12). */
    val exactAlarmsAllowed: Boolean
        get() = exactAlarmsAllowed(alarmManager())

    /**
     * The instant alarms were last known to be armed for everything due from then on,
     * or null if no plan was applied yet.
     */
    val lastArmedAt: Instant?
        get() = store.lastArmedAt?.let(Instant::ofEpochMilli)

    /**
     * Whether the phone restarted since the last plan was applied (so its alarms are
     * gone), as far as `Settings.Global.BOOT_COUNT` tells; false when unknown.
     */
    val rebootedSinceLastApply: Boolean
        get() {
            val stored = store.bootCount ?: return false
            val current = currentBootCount() ?: return false
            return stored != current
        }

    /**
     * Arms [plan], computed at [now], as a diff against what was armed before; with
     * [rearmAll] every item is armed again whatever was remembered (after a reboot, or
     * an app update). Throws [IllegalStateException] only if the system has no
     * AlarmManager.
     */
    fun apply(plan: NotificationPlan, now: Instant, rearmAll: Boolean = false): ApplyResult = synchronized(LOCK) {
        val alarms = alarmManager()
        val nowMs = now.toEpochMilli()
        val exactAllowed = exactAlarmsAllowed(alarms)
        val fresh = rearmAll || rebootedSinceLastApply
        val previous = if (fresh) emptyMap() else store.alarms()

        val next = LinkedHashMap<String, ArmedAlarm>()
        var armed = 0
        var unchanged = 0
        for (item in plan.items) {
            if (next.containsKey(item.id)) continue
            val wanted = ArmedAlarm(item.id, item.requestCode, item.fireAt, modeFor(item, exactAllowed))
            if (previous[item.id] == wanted) {
                unchanged++
                next[item.id] = wanted
            } else {
                next[item.id] = wanted.copy(mode = arm(alarms, item, wanted.mode))
                armed++
            }
        }

        var cancelled = 0
        for ((id, had) in previous) {
            if (id in next) continue
            val due = had.fireAt <= nowMs
            if (due && nowMs - had.fireAt < KEEP_DUE_MS) {
                next[id] = had
                continue
            }
            cancel(alarms, had)
            if (!due) cancelled++
        }

        // Set every time (it replaces itself): cheap, and right even after it fired.
        val replanBy = plan.replanBy
        alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, replanBy, ReminderIntents.replan(context))
        store.save(next.values, replanBy, nowMs, currentBootCount())

        val planned = plan.items.mapNotNull { next[it.id] }
        ApplyResult(
            armed = armed,
            cancelled = cancelled,
            unchanged = unchanged,
            exactAlarmsAllowed = exactAllowed,
            exact = planned.count { it.mode == AlarmMode.EXACT },
            windowed = planned.count { it.mode == AlarmMode.WINDOW },
            inexact = planned.count { it.mode == AlarmMode.INEXACT },
            replanAt = Instant.ofEpochMilli(replanBy),
        )
    }

    /**
     * Cancels every reminder alarm and the replan alarm and forgets them (reminders turned
     * off, or the vault deleted). Returns how many item alarms were cancelled.
     */
    fun cancelAll(): Int = synchronized(LOCK) {
        val alarms = alarmManager()
        val armed = store.alarms().values
        armed.forEach { cancel(alarms, it) }
        val replan = ReminderIntents.replan(context)
        alarms.cancel(replan)
        replan.cancel()
        store.clear()
        armed.size
    }

    /** Forgets an alarm that fired, so it is not taken for a pending one. */
    internal fun forgetFired(itemId: String) = synchronized(LOCK) { store.forget(itemId) }

    private fun modeFor(item: PlanItem, exactAllowed: Boolean): AlarmMode = when {
        !item.exact -> AlarmMode.INEXACT
        exactAllowed -> AlarmMode.EXACT
        else -> AlarmMode.WINDOW
    }

    /** Sets one item's alarm; returns the mode it got (exact can fall back to a window). */
    private fun arm(alarms: AlarmManager, item: PlanItem, mode: AlarmMode): AlarmMode {
        val operation = ReminderIntents.fire(context, ReminderNotice.of(item), item.fireAt)
        when (mode) {
            AlarmMode.EXACT -> try {
                alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, item.fireAt, operation)
            } catch (_: SecurityException) {
                // The permission was revoked between the check and this call.
                alarms.setWindow(AlarmManager.RTC_WAKEUP, item.fireAt, EXACT_FALLBACK_WINDOW_MS, operation)
                return AlarmMode.WINDOW
            }
            AlarmMode.WINDOW ->
                alarms.setWindow(AlarmManager.RTC_WAKEUP, item.fireAt, EXACT_FALLBACK_WINDOW_MS, operation)
            AlarmMode.INEXACT ->
                alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, item.fireAt, operation)
        }
        return mode
    }

    private fun cancel(alarms: AlarmManager, alarm: ArmedAlarm) {
        val operation = ReminderIntents.fire(context, alarm.id, alarm.requestCode)
        alarms.cancel(operation)
        operation.cancel()
    }

    private fun currentBootCount(): Int? = try {
        Settings.Global.getInt(context.contentResolver, Settings.Global.BOOT_COUNT, -1).takeIf { it >= 0 }
    } catch (_: RuntimeException) {
        null
    }

    companion object {
        /**
         * The window an exact-wanting reminder gets when exact alarms are not allowed: it
         * fires between its instant and ten minutes later (the shortest window Android 12+
         * honours).
         */
        val EXACT_FALLBACK_WINDOW: Duration = Duration.ofMinutes(10)
        private val EXACT_FALLBACK_WINDOW_MS = EXACT_FALLBACK_WINDOW.toMillis()

        /** How long a due alarm that left the plan is still expected to fire (late inexact alarms). */
        private val KEEP_DUE_MS = Duration.ofHours(6).toMillis()

        /** Serialises every change to the alarms and their memory in this process. */
        internal val LOCK = Any()

        /** `canScheduleExactAlarms()` on Android 12+, true below. */
        internal fun exactAlarmsAllowed(alarms: AlarmManager): Boolean =
            if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) alarms.canScheduleExactAlarms() else true
    }
}
