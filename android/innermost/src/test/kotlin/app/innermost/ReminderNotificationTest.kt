package app.innermost

import android.app.Notification
import app.innermost.ffi.OccurrenceStatus
import app.innermost.ffi.PlanItem
import app.innermost.ffi.PlanItemReason
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.ChronoUnit
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
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

/** An alarm firing, the notification it posts, and its Done and Snooze actions. */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = ReminderTestApp::class)
class ReminderNotificationTest {
    @get:Rule
    val tmp = TemporaryFolder()

    private lateinit var f: ReminderFixture

    /**
     * The core checks a snooze against the real clock (later than now, within a day), so
     * these tests run at the real time, with a check-in two hours from now.
     */
    @Before
    fun setUp() {
        val now = Instant.now().truncatedTo(ChronoUnit.MINUTES)
        val soon = now.plus(Duration.ofHours(2)).atZone(ZoneId.of("Europe/Paris")).toLocalTime()
        f = ReminderFixture(tmp.newFolder(), now, "%02d:%02d".format(soon.hour, soon.minute))
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        f.refresh()
    }

    /** Fires the alarm of [item] (by default the first planned of [ritual]) at its instant. */
    private fun fire(ritual: String, item: PlanItem = f.plan().items.first { it.ritualId == ritual }): ReminderFixture.Armed {
        val alarm = f.itemAlarms().getValue(item.id)
        f.app.at(Instant.ofEpochMilli(alarm.triggerAt))
        f.deliver(alarm)
        return alarm
    }

    /** The local date (Paris) of the occurrence an alarm is for. */
    private fun localDay(alarm: ReminderFixture.Armed): LocalDate =
        LocalDate.parse(alarm.intent.getStringExtra(ReminderIntents.EXTRA_OCCURRENCE_ID)!!.substringAfter('/').substringBefore('T'))

    private fun posted(): Notification = f.notifications.allNotifications.single()

    private fun Notification.title() = extras.getCharSequence(Notification.EXTRA_TITLE)?.toString()
    private fun Notification.text() = extras.getCharSequence(Notification.EXTRA_TEXT)?.toString()

    private fun assertNothingPrivate(notification: Notification) {
        val shown = listOf(notification, notification.publicVersion).joinToString("\n") {
            "${it.title()} ${it.text()} ${it.extras}"
        }
        for (secret in f.secrets) assertFalse("'$secret' on a notification", shown.contains(secret))
    }

    @Test
    fun `a fired alarm posts a neutral notification on the reminders channel with Done and Snooze`() {
        val alarm = fire(f.checkIn)
        val notification = posted()
        assertEquals(Reminders.CHANNEL_ID, notification.channelId)
        val channel = f.app.getSystemService(android.app.NotificationManager::class.java)!!
            .getNotificationChannel(Reminders.CHANNEL_ID)
        assertEquals("Reminders", channel.name.toString())
        assertEquals(Notification.VISIBILITY_PRIVATE, channel.lockscreenVisibility)

        assertEquals("Reminder", notification.title())
        assertEquals("A moment you planned is coming up.", notification.text())
        assertEquals(Notification.VISIBILITY_PRIVATE, notification.visibility)
        val public = notification.publicVersion
        assertNotNull(public)
        assertEquals("Reminder", public.title())
        assertEquals(0, public.actions?.size ?: 0)
        assertEquals(listOf("Done", "Snooze"), notification.actions.map { it.title.toString() })
        assertEquals(Notification.CATEGORY_REMINDER, notification.category)
        assertNothingPrivate(notification)

        val requestCode = alarm.intent.getIntExtra(ReminderIntents.EXTRA_REQUEST_CODE, 0)
        assertNotNull(f.notifications.getNotification(ReminderNotifications.TAG, requestCode))
        assertFalse("the fired alarm is gone from the plan", alarm.itemId in f.itemAlarms().keys)
    }

    @Test
    fun `a ritual with its own label shows that label and nothing else`() {
        fire(f.walk)
        val notification = posted()
        assertEquals(f.label, notification.title())
        assertEquals(f.label, notification.publicVersion.title())
        assertNothingPrivate(notification)
    }

    @Test
    fun `an alarm for an occurrence done in the meantime posts nothing`() {
        val item = f.plan().items.first { it.ritualId == f.checkIn }
        f.locked { it.recordOccurrence(item.occurrenceId, OccurrenceStatus.Done, null, "Europe/Paris") }
        fire(f.checkIn, item)
        assertTrue(f.notifications.allNotifications.isEmpty())
    }

    @Test
    fun `Done records the occurrence as done in the core and removes the notification and its alarms`() {
        val alarm = fire(f.checkIn)
        val occurrence = alarm.intent.getStringExtra(ReminderIntents.EXTRA_OCCURRENCE_ID)!!
        val done = posted().actions.single { it.title.toString() == "Done" }
        ReminderActionReceiver().onReceive(f.app, shadowOf(done.actionIntent).savedIntent)

        val day = localDay(alarm)
        val records = f.locked { it.occurrenceRecords(f.checkIn, day.toString(), day.toString()) }
        assertEquals(occurrence, records.single().occurrenceId)
        assertEquals(OccurrenceStatus.Done, records.single().status)
        assertTrue(f.notifications.allNotifications.isEmpty())
        assertTrue(f.itemAlarms().values.none { it.intent.getStringExtra(ReminderIntents.EXTRA_OCCURRENCE_ID) == occurrence })
        val plan = f.plan()
        assertEquals(plan.items.associate { it.id to it.fireAt }, f.itemAlarms().mapValues { it.value.triggerAt })
    }

    @Test
    fun `Snooze records a snooze and arms a one-off exact alarm ten minutes later`() {
        val alarm = fire(f.checkIn)
        val occurrence = alarm.intent.getStringExtra(ReminderIntents.EXTRA_OCCURRENCE_ID)!!
        val firedAt = f.app.clock.instant()
        val snooze = posted().actions.single { it.title.toString() == "Snooze" }
        ReminderActionReceiver().onReceive(f.app, shadowOf(snooze.actionIntent).savedIntent)

        val until = firedAt.plus(Duration.ofMinutes(10)).toEpochMilli()
        val day = localDay(alarm)
        val record = f.locked { it.occurrenceRecords(f.checkIn, day.toString(), day.toString()) }.single()
        assertEquals(OccurrenceStatus.Snoozed(until), record.status)
        assertTrue(f.notifications.allNotifications.isEmpty())

        val snoozed = f.plan().items.single { it.reason == PlanItemReason.SNOOZED }
        assertEquals("$occurrence/snooze", snoozed.id)
        val armed = f.itemAlarms().getValue(snoozed.id)
        assertEquals(until, armed.triggerAt)
        assertEquals(ShadowAlarmManager.WINDOW_EXACT, armed.window)

        // Ten minutes later it fires again, as the snoozed reminder.
        f.app.at(Instant.ofEpochMilli(until))
        f.deliver(armed)
        assertEquals("Reminder", posted().title())
    }

    @Test
    fun `the app's translation replaces the neutral wording but never a label`() {
        val notice = ReminderNotice("i", "o", 1, PlanItemReason.SCHEDULED, "Reminder", "A moment you planned is coming up.", false)
        val german = ReminderStrings(neutralTitle = "Erinnerung", neutralBody = "Gleich ist ein geplanter Moment.")
        assertEquals("Erinnerung" to "Gleich ist ein geplanter Moment.", ReminderNotifications.text(notice, german))
        val labelled = notice.copy(title = f.label, body = "", hasOwnLabel = true)
        assertEquals(f.label to "", ReminderNotifications.text(labelled, german))
    }
}
