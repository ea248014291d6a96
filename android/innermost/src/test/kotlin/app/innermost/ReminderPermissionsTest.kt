package app.innermost

import android.Manifest
import android.provider.Settings
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowAlarmManager

/** The permission state surfaced to the app, on Android 15 and on Android 12L (API 32). */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], application = ReminderTestApp::class)
class ReminderPermissionsTest {
    private val app get() = RuntimeEnvironment.getApplication()

    @Test
    fun `on Android 13+ POST_NOTIFICATIONS is reported granted or denied`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        shadowOf(app).denyPermissions(Manifest.permission.POST_NOTIFICATIONS)
        val denied = Reminders.permissions(app)
        assertEquals(NotificationPermission.DENIED, denied.notifications)
        assertFalse(denied.canNotify)
        assertTrue(denied.exactAlarmsAllowed)

        shadowOf(app).grantPermissions(Manifest.permission.POST_NOTIFICATIONS)
        val granted = Reminders.permissions(app)
        assertEquals(NotificationPermission.GRANTED, granted.notifications)
        assertTrue(granted.canNotify)

        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        assertFalse(Reminders.permissions(app).exactAlarmsAllowed)
        val settings = Reminders.exactAlarmSettingsIntent(app)!!
        assertEquals(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, settings.action)
        assertEquals("package:${app.packageName}", settings.dataString)
        assertEquals(app.packageName, Reminders.notificationSettingsIntent(app).getStringExtra(Settings.EXTRA_APP_PACKAGE))
    }

    @Test
    @Config(sdk = [32])
    fun `below Android 13 there is no notification permission to ask for`() {
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        val state = Reminders.permissions(app)
        assertEquals(NotificationPermission.NOT_NEEDED, state.notifications)
        assertTrue(state.canNotify)
        assertTrue(state.exactAlarmsAllowed)
        assertTrue("exact alarms need the settings screen from Android 12 on", Reminders.exactAlarmSettingsIntent(app) != null)
    }
}
