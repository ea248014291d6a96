package app.innermost

import android.app.AlarmManager
import android.app.NotificationManager
import android.content.Intent
import app.innermost.ffi.NewRitual
import app.innermost.ffi.NotificationPlan
import app.innermost.ffi.PlanRequest
import app.innermost.ffi.RitualDetails
import app.innermost.ffi.RitualKind
import app.innermost.ffi.Schedule
import app.innermost.ffi.Vault
import app.innermost.ffi.ZoneMode
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import java.time.Instant
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowAlarmManager

/**
 * What the Robolectric reminder tests share: a vault with two rituals (created unlocked
 * with the fast test KDF, then closed, so every later use is a *locked* open), the app,
 * and readers for the shadow alarm and notification managers.
 */
class ReminderFixture(
    dir: File,
    now: Instant = Instant.parse("2026-03-02T10:00:00Z"),
    checkInTime: String = "20:00",
) {
    /** The Robolectric application, a [ReminderHost]. */
    val app: ReminderTestApp = RuntimeEnvironment.getApplication() as ReminderTestApp

    /** The vault file. */
    val file = File(dir, "journal.innermost")

    /** Sealed title and notes of the rituals: must never appear outside the vault. */
    val secrets = listOf("Talk about the debt with Sam", "bring up the letter from the bank", "Sunday walk with Sam")

    /** The person's own lock-screen label of the walk. */
    val label = "Our walk"

    /** A daily check-in (20:00 unless told) in Europe/Paris that wants an exact alarm, neutral wording. */
    val checkIn: String

    /** A weekly Sunday 17:00 walk, floating, no exact alarm, with its own label. */
    val walk: String

    init {
        app.vaultFile = file
        app.at(now)
        val start = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusDays(1).toString()
        val vault = Vault.create(file.path, "the river at dusk, twice", insecureFastKdfParamsForTests())
        try {
            checkIn = vault.addRitual(
                NewRitual(
                    RitualKind.DAILY_CHECK_IN,
                    RitualDetails(secrets[0], secrets[1], emptyList()),
                    Schedule("FREQ=DAILY", listOf(checkInTime), start, ZoneMode.Fixed("Europe/Paris"), 0u, true, null),
                ),
            ).id
            walk = vault.addRitual(
                NewRitual(
                    RitualKind.SHARED_ACTIVITY,
                    RitualDetails(secrets[2], "", emptyList()),
                    Schedule("FREQ=WEEKLY;BYDAY=SU", listOf("17:00"), start, ZoneMode.Floating, 15u, false, label),
                ),
            ).id
        } finally {
            vault.closeVault()
            vault.close()
        }
    }

    /** Runs [block] with the vault opened **locked**, as the receivers open it. */
    fun <T> locked(block: (Vault) -> T): T {
        val vault = Vault.open(file.path)
        try {
            check(vault.isLocked())
            return block(vault)
        } finally {
            vault.closeVault()
            vault.close()
        }
    }

    /** The plan the shell should have armed at the app's clock. */
    fun plan(missedSince: Instant? = null): NotificationPlan = locked {
        it.planReminders(
            PlanRequest(
                app.clock.millis(), app.clock.zone.id, 64u, 365u, missedSince?.toEpochMilli(),
            ),
        )
    }

    /** [Reminders.refresh] on the calling thread. */
    fun refresh(): ApplyResult = runBlocking { Reminders.refresh(app, io = Dispatchers.Unconfined) }

    /** The alarm manager's shadow. */
    val alarms: ShadowAlarmManager
        get() = shadowOf(app.getSystemService(AlarmManager::class.java))

    /** The notification manager's shadow. */
    val notifications
        get() = shadowOf(app.getSystemService(NotificationManager::class.java))

    /** What each scheduled alarm would broadcast. */
    fun armed(): List<Armed> = alarms.scheduledAlarms.map { alarm ->
        val intent = shadowOf(alarm.operation).savedIntent
        Armed(
            action = intent.action,
            itemId = intent.getStringExtra(ReminderIntents.EXTRA_ITEM_ID),
            triggerAt = alarm.triggerAtTime,
            window = alarm.windowLengthMs,
            allowWhileIdle = alarm.isAllowWhileIdle,
            intent = intent,
        )
    }

    /** The item alarms by item id. */
    fun itemAlarms(): Map<String, Armed> =
        armed().filter { it.action == ReminderIntents.ACTION_FIRE }.associateBy { it.itemId!! }

    /** The replan alarm. */
    fun replanAlarm(): Armed = armed().single { it.action == ReminderIntents.ACTION_REPLAN }

    /**
     * Fires [alarm] as AlarmManager does: the alarm leaves the schedule and its intent
     * reaches [ReminderAlarmReceiver] (called directly: Robolectric has no merged manifest
     * to route the broadcast by).
     */
    fun deliver(alarm: Armed) {
        val manager = app.getSystemService(AlarmManager::class.java)!!
        val scheduled = alarms.scheduledAlarms.single { shadowOf(it.operation).savedIntent.filterEquals(alarm.intent) }
        manager.cancel(scheduled.operation!!)
        ReminderAlarmReceiver().onReceive(app, alarm.intent)
    }

    /** Clears every alarm, as a reboot does. */
    fun reboot() {
        val manager = app.getSystemService(AlarmManager::class.java)!!
        for (alarm in alarms.scheduledAlarms.toList()) manager.cancel(alarm.operation!!)
        check(alarms.scheduledAlarms.isEmpty())
    }

    /** One scheduled alarm as the tests look at it. */
    data class Armed(
        val action: String?,
        val itemId: String?,
        val triggerAt: Long,
        val window: Long,
        val allowWhileIdle: Boolean,
        val intent: Intent,
    )
}
