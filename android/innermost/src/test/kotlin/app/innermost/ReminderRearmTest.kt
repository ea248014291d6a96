package app.innermost

import android.content.Context
import android.content.Intent
import android.content.IntentFilter
import android.os.Looper
import app.innermost.ffi.PlanItemReason
import java.time.Instant
import java.time.ZoneId
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager

/** The re-arm receiver: after a reboot, and after a time-zone change. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = ReminderTestApp::class)
class ReminderRearmTest {
    @get:Rule
    val tmp = TemporaryFolder()

    private lateinit var f: ReminderFixture

    @Before
    fun setUp() {
        f = ReminderFixture(tmp.newFolder())
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
    }

    private fun armedItems() = f.itemAlarms().mapValues { it.value.triggerAt }

    @Test
    fun `after a reboot BOOT_COMPLETED re-arms the plan from the locked vault with one catch-up`() {
        f.refresh()
        val armedAt = f.app.clock.instant()
        assertEquals(64, f.itemAlarms().size)

        // The phone is off over Monday's 20:00 (Paris) check-in and comes back at 20:30;
        // the reboot cleared every alarm.
        f.reboot()
        f.app.at(Instant.parse("2026-03-02T19:30:00Z"))
        ReminderRearmReceiver().onReceive(f.app, Intent(Intent.ACTION_BOOT_COMPLETED))

        val plan = f.plan(missedSince = armedAt)
        assertEquals(plan.items.associate { it.id to it.fireAt }, armedItems())
        assertEquals(plan.replanBy, f.replanAlarm().triggerAt)
        val catchUp = plan.items.single { it.reason == PlanItemReason.CATCH_UP }
        assertEquals(f.checkIn, catchUp.ritualId)
        assertEquals("2026-03-02T19:00:00Z", Instant.ofEpochMilli(catchUp.occursAt).toString())
        assertEquals(f.app.clock.millis(), f.itemAlarms().getValue(catchUp.id).triggerAt)
    }

    @Test
    fun `a time-zone change moves the floating ritual's alarms and leaves the fixed one alone`() {
        f.refresh()
        val before = armedItems()
        f.app.inZone(ZoneId.of("America/New_York"))
        ReminderRearmReceiver().onReceive(f.app, Intent(Intent.ACTION_TIMEZONE_CHANGED))
        val after = armedItems()
        val plan = f.plan()
        assertEquals(plan.items.associate { it.id to it.fireAt }, after)
        val walks = plan.items.filter { it.ritualId == f.walk }
        assertTrue(walks.isNotEmpty())
        for (walk in walks) {
            // Sunday 17:00 less 15 minutes, now in New York.
            val local = Instant.ofEpochMilli(walk.fireAt).atZone(ZoneId.of("America/New_York")).toLocalTime()
            assertEquals("16:45", local.toString())
            assertTrue(before[walk.id] != walk.fireAt)
        }
        for (item in plan.items.filter { it.ritualId == f.checkIn }) {
            assertEquals(before[item.id], item.fireAt)
        }
    }

    @Test
    fun `a broadcast from the system is handled off the main thread under goAsync`() {
        f.refresh()
        f.app.inZone(ZoneId.of("Asia/Tokyo"))
        val receiver = ReminderRearmReceiver()
        f.app.registerReceiver(receiver, IntentFilter(Intent.ACTION_TIMEZONE_CHANGED), Context.RECEIVER_NOT_EXPORTED)
        f.app.sendBroadcast(Intent(Intent.ACTION_TIMEZONE_CHANGED).setPackage(f.app.packageName))
        shadowOf(Looper.getMainLooper()).idle()
        val expected = f.plan().items.associate { it.id to it.fireAt }
        val deadline = System.nanoTime() + 20_000_000_000L
        while (armedItems() != expected && System.nanoTime() < deadline) Thread.sleep(20)
        assertEquals(expected, armedItems())
        f.app.unregisterReceiver(receiver)
    }

    @Test
    fun `a receiver never crashes, even when the vault cannot be opened`() {
        f.refresh()
        f.app.vaultFile = java.io.File(tmp.root, "missing.innermost")
        ReminderRearmReceiver().onReceive(f.app, Intent(Intent.ACTION_BOOT_COMPLETED))
        ReminderRearmReceiver().onReceive(f.app, Intent(Intent.ACTION_TIME_CHANGED))
        ReminderAlarmReceiver().onReceive(f.app, Intent(ReminderIntents.ACTION_REPLAN))
        ReminderActionReceiver().onReceive(f.app, Intent(ReminderIntents.ACTION_DONE))
        ReminderRearmReceiver().onReceive(f.app, Intent("some.other.ACTION"))
    }
}
