package app.innermost

import android.content.Context
import android.content.Intent
import app.innermost.ffi.OccurrenceStatus
import app.innermost.ffi.PlanItem
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager

/**
 * Applying notification plans to AlarmManager (Robolectric's shadow), with the real core
 * planning from a vault that is only ever opened locked.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = ReminderTestApp::class)
class ReminderSchedulerTest {
    @get:Rule
    val tmp = TemporaryFolder()

    private lateinit var f: ReminderFixture

    @Before
    fun setUp() {
        f = ReminderFixture(tmp.newFolder())
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
    }

    /** Asserts the shadow holds exactly the plan's alarms, of the right kind, and the replan alarm. */
    private fun assertArmedExactly(items: List<PlanItem>, replanBy: Long, exactAllowed: Boolean) {
        val alarms = f.itemAlarms()
        assertEquals("one alarm per item, nothing else", items.map { it.id }.toSet(), alarms.keys)
        assertEquals(items.size + 1, f.alarms.scheduledAlarms.size)
        for (item in items) {
            val alarm = alarms.getValue(item.id)
            assertEquals(item.id, item.fireAt, alarm.triggerAt)
            val expectedWindow = when {
                item.exact && exactAllowed -> ShadowAlarmManager.WINDOW_EXACT
                item.exact -> ReminderScheduler.EXACT_FALLBACK_WINDOW.toMillis()
                else -> ShadowAlarmManager.WINDOW_HEURISTIC
            }
            assertEquals(item.id, expectedWindow, alarm.window)
            if (expectedWindow != ReminderScheduler.EXACT_FALLBACK_WINDOW.toMillis()) {
                assertTrue("allowed while idle", alarm.allowWhileIdle)
            }
            assertEquals(item.occurrenceId, alarm.intent.getStringExtra(ReminderIntents.EXTRA_OCCURRENCE_ID))
        }
        assertEquals(replanBy, f.replanAlarm().triggerAt)
    }

    @Test
    fun `applying a plan arms exactly its alarms, a second time changes nothing, and a Done cancels that occurrence`() {
        val plan = f.plan()
        assertEquals(64, plan.items.size)
        assertTrue(plan.items.any { it.exact } && plan.items.any { !it.exact })

        val first = f.refresh()
        assertArmedExactly(plan.items, plan.replanBy, exactAllowed = true)
        assertEquals(64, first.armed)
        assertEquals(0, first.cancelled)
        assertEquals(0, first.unchanged)
        assertTrue(first.exactAlarmsAllowed)
        assertEquals(plan.items.count { it.exact }, first.exact)
        assertEquals(plan.items.count { !it.exact }, first.inexact)
        assertEquals(0, first.windowed)

        val before = f.armed().map { Triple(it.itemId, it.triggerAt, it.window) }.toSet()
        val again = f.refresh()
        assertEquals(0, again.armed)
        assertEquals(0, again.cancelled)
        assertEquals(64, again.unchanged)
        assertEquals(before, f.armed().map { Triple(it.itemId, it.triggerAt, it.window) }.toSet())

        // The third check-in is done ahead of time (e.g. from the app): its alarm goes.
        val done = plan.items.filter { it.ritualId == f.checkIn }[2]
        f.locked { it.recordOccurrence(done.occurrenceId, OccurrenceStatus.Done, null, "Europe/Paris") }
        val afterDone = f.refresh()
        assertEquals(1, afterDone.cancelled)
        assertFalse(done.id in f.itemAlarms().keys)
        val replanned = f.plan()
        assertArmedExactly(replanned.items, replanned.replanBy, exactAllowed = true)
        assertEquals("the budget's free slot went to a later reminder", 1, afterDone.armed)
    }

    @Test
    fun `without exact alarms the exact reminders get a window and the result says so`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        val plan = f.plan()
        val result = f.refresh()
        assertFalse(result.exactAlarmsAllowed)
        assertEquals(0, result.exact)
        assertEquals(plan.items.count { it.exact }, result.windowed)
        assertEquals(plan.items.count { !it.exact }, result.inexact)
        assertFalse(Reminders.permissions(f.app).exactAlarmsAllowed)
        assertArmedExactly(plan.items, plan.replanBy, exactAllowed = false)

        // Allowed later: the broadcast re-arms those items as exact alarms.
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        ReminderRearmReceiver().onReceive(
            f.app,
            Intent("android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED"),
        )
        assertArmedExactly(plan.items, plan.replanBy, exactAllowed = true)
        val settled = f.refresh()
        assertEquals(0, settled.armed)
        assertEquals(plan.items.count { it.exact }, settled.exact)
    }

    @Test
    fun `the scheduler remembers ids, request codes and instants only`() {
        f.refresh()
        val stored = f.app.getSharedPreferences(ArmedAlarmStore.FILE, Context.MODE_PRIVATE).all
        val text = stored.values.joinToString("\n") { value ->
            if (value is Set<*>) value.joinToString("\n") else value.toString()
        }
        for (secret in f.secrets + f.label + "Reminder") {
            assertFalse("'$secret' must not be stored", text.contains(secret))
        }
        @Suppress("UNCHECKED_CAST")
        val armed = (stored["armed"] as Set<String>).map { ArmedAlarm.decode(it)!! }
        assertEquals(f.plan().items.map { Triple(it.id, it.requestCode, it.fireAt) }.toSet(),
            armed.map { Triple(it.id, it.requestCode, it.fireAt) }.toSet())
    }

    @Test
    fun `a reboot noticed through the boot count re-arms everything and catches up`() {
        val settings = f.app.contentResolver
        android.provider.Settings.Global.putInt(settings, android.provider.Settings.Global.BOOT_COUNT, 7)
        f.refresh()
        val armedAt = f.app.clock.instant()

        // Off from before 20:00 Paris until 20:30; BOOT_COMPLETED never came (say the app
        // had been force-stopped), the app starts and refreshes.
        f.reboot()
        android.provider.Settings.Global.putInt(settings, android.provider.Settings.Global.BOOT_COUNT, 8)
        f.app.at(java.time.Instant.parse("2026-03-02T19:30:00Z"))
        val result = f.refresh()
        val plan = f.plan(missedSince = armedAt)
        assertEquals(plan.items.size, result.armed)
        assertArmedExactly(plan.items, plan.replanBy, exactAllowed = true)
        assertTrue(plan.items.any { it.reason == app.innermost.ffi.PlanItemReason.CATCH_UP })
    }
}
