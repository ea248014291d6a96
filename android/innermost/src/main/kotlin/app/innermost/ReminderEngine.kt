package app.innermost

// The work behind every receiver and Reminders.refresh: open the vault locked, plan,
// apply; show a fired reminder if its occurrence is still open; record Done and Snooze.

import android.content.Context
import android.content.Intent
import app.innermost.ffi.OccurrenceStatus
import app.innermost.ffi.PlanItemReason
import app.innermost.ffi.PlanRequest
import app.innermost.ffi.Vault
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneOffset

/**
 * Glue between the receivers, the core and the [ReminderScheduler]. Runs on a background
 * thread (see [ReminderWork]); every call is synchronous.
 */
internal object ReminderEngine {
    /** The most items asked of the core (Android allows an app 500 alarms; iOS's 64 is plenty). */
    const val BUDGET = 64

    /** Days ahead to plan. */
    const val HORIZON_DAYS = 365

    private val DAY_MS = Duration.ofDays(1).toMillis()

    /** The app's [ReminderHost], or null (logged) if its Application does not implement it. */
    fun host(context: Context): ReminderHost? {
        val host = context.applicationContext as? ReminderHost
        if (host == null) ReminderWork.warn("the Application does not implement ReminderHost; reminders are off")
        return host
    }

    /** The zone id the core understands (`Z` is `UTC` there). */
    fun zoneId(clock: Clock): String {
        val zone = clock.zone.normalized()
        return if (zone == ZoneOffset.UTC) "UTC" else clock.zone.id
    }

    /** Opens the host's vault **locked**, runs [block], and closes it whatever happens. */
    fun <T> withLockedVault(host: ReminderHost, block: (Vault) -> T): T {
        val vault = Vault.open(host.reminderVaultFile.path)
        try {
            return block(vault)
        } finally {
            try {
                vault.closeVault()
            } catch (_: Exception) {
            }
            vault.close()
        }
    }

    /**
     * Plans from [vault] at [clock]'s instant and applies the plan. After a reboot (said
     * by [kind], or noticed by the scheduler) the plan's `missedSince` is the instant the
     * alarms were last known to be armed, so the core adds one catch-up per ritual.
     */
    fun replan(context: Context, vault: Vault, clock: Clock, kind: ReplanKind): ApplyResult {
        val scheduler = ReminderScheduler(context)
        synchronized(ReminderScheduler.LOCK) {
            val rebooted = kind == ReplanKind.AFTER_REBOOT || scheduler.rebootedSinceLastApply
            val missedSince = if (rebooted) scheduler.lastArmedAt?.toEpochMilli() else null
            val now = clock.instant()
            val plan = vault.planReminders(
                PlanRequest(now.toEpochMilli(), zoneId(clock), BUDGET.toUInt(), HORIZON_DAYS.toUInt(), missedSince),
            )
            return scheduler.apply(plan, now, rearmAll = rebooted || kind == ReplanKind.REARM_ALL)
        }
    }

    /** [replan] with the host's vault, opened locked. */
    fun replan(context: Context, host: ReminderHost, kind: ReplanKind): ApplyResult =
        withLockedVault(host) { replan(context, it, host.reminderClock, kind) }

    /**
     * An item's alarm fired: shows its notification if the core still plans it (not done,
     * skipped, paused, archived or deleted since it was armed), with the text the core gives
     * now, then applies a fresh plan. If the vault cannot be read, shows the text the alarm
     * carried: better a reminder too many than a lost one.
     */
    fun fire(context: Context, host: ReminderHost, intent: Intent) {
        val armed = ReminderNotice.from(intent) ?: return
        val fireAt = intent.getLongExtra(ReminderIntents.EXTRA_FIRE_AT, Long.MIN_VALUE)
        try {
            ReminderScheduler(context).forgetFired(armed.itemId)
        } catch (e: RuntimeException) {
            ReminderWork.warn("forgetting a fired alarm failed", e)
        }
        var checked = false
        try {
            withLockedVault(host) { vault ->
                val current = current(vault, host.reminderClock, armed, fireAt)
                checked = true
                if (current != null) ReminderNotifications.post(context, host, current)
                replan(context, vault, after(host.reminderClock, fireAt), ReplanKind.DIFF)
            }
        } catch (e: Exception) {
            ReminderWork.warn("reminder check failed", e)
            if (!checked) ReminderNotifications.post(context, host, armed)
        }
    }

    /**
     * [clock], or a clock just after [fireAt] if it does not read later than that yet (an
     * alarm delivered on its millisecond): a plan made *at* the firing instant would still
     * hold the item and arm it again.
     */
    private fun after(clock: Clock, fireAt: Long): Clock =
        if (fireAt != Long.MIN_VALUE && clock.millis() <= fireAt) {
            Clock.fixed(Instant.ofEpochMilli(fireAt + 1), clock.zone)
        } else {
            clock
        }

    /**
     * The item [armed] as the core plans it now, or null if it is no longer planned.
     * Asks for the plan as it was a day before the alarm (a snooze is at most a day ahead,
     * quiet hours move a reminder by less than a day), so the item is in it if it is still
     * wanted. A catch-up is not looked up: it was planned a moment before it fired.
     */
    private fun current(vault: Vault, clock: Clock, armed: ReminderNotice, fireAt: Long): ReminderNotice? {
        if (armed.reason == PlanItemReason.CATCH_UP || fireAt == Long.MIN_VALUE) return armed
        val plan = vault.planReminders(
            PlanRequest(fireAt - DAY_MS, zoneId(clock), 500u, 2u, null),
        )
        return plan.items.firstOrNull { it.id == armed.itemId }?.let(ReminderNotice::of)
    }

    /**
     * A notification action: removes the notification, records Done or Snoozed (until
     * now + the host's snooze length) in the core (locked, no note), and applies a new
     * plan (a snooze becomes a one-off alarm; a done occurrence loses its alarms).
     */
    fun act(context: Context, host: ReminderHost, intent: Intent) {
        val notice = ReminderNotice.from(intent) ?: return
        ReminderNotifications.dismiss(context, notice.requestCode)
        val clock = host.reminderClock
        val status = when (intent.action) {
            ReminderIntents.ACTION_DONE -> OccurrenceStatus.Done
            ReminderIntents.ACTION_SNOOZE -> OccurrenceStatus.Snoozed(clock.millis() + host.reminderSnooze.toMillis())
            else -> return
        }
        withLockedVault(host) { vault ->
            vault.recordOccurrence(notice.occurrenceId, status, null, zoneId(clock))
            replan(context, vault, clock, ReplanKind.DIFF)
        }
    }
}
