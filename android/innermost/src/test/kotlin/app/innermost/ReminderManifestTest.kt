package app.innermost

import android.content.BroadcastReceiver
import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.w3c.dom.Element

/**
 * The library manifest, which no Gradle build checks here: the receivers it declares are
 * this library's BroadcastReceivers, none is exported, the re-arm receiver listens for
 * the right broadcasts, and the permissions are the chosen ones.
 */
class ReminderManifestTest {
    private val ns = "http://schemas.android.com/apk/res/android"

    private fun manifest(): Element {
        val file = listOf("src/main/AndroidManifest.xml", "android/innermost/src/main/AndroidManifest.xml")
            .map(::File).first { it.isFile }
        val factory = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }
        return factory.newDocumentBuilder().parse(file).documentElement
    }

    private fun Element.children(tag: String): List<Element> {
        val nodes = getElementsByTagName(tag)
        return (0 until nodes.length).map { nodes.item(it) as Element }
    }

    @Test
    fun `the manifest declares the reminder receivers and permissions`() {
        val root = manifest()
        val permissions = root.children("uses-permission").map { it.getAttributeNS(ns, "name") }
        assertEquals(
            listOf(
                "android.permission.POST_NOTIFICATIONS",
                "android.permission.RECEIVE_BOOT_COMPLETED",
                "android.permission.SCHEDULE_EXACT_ALARM",
            ),
            permissions,
        )
        assertFalse("android.permission.USE_EXACT_ALARM" in permissions)
        assertTrue(root.children("uses-permission").none { it.hasAttributeNS(ns, "maxSdkVersion") })

        val receivers = root.children("receiver").associateBy { it.getAttributeNS(ns, "name") }
        assertEquals(
            setOf(
                ReminderAlarmReceiver::class.java.name,
                ReminderActionReceiver::class.java.name,
                ReminderRearmReceiver::class.java.name,
            ),
            receivers.keys,
        )
        for ((name, receiver) in receivers) {
            assertTrue(BroadcastReceiver::class.java.isAssignableFrom(Class.forName(name)), name)
            assertEquals("false", receiver.getAttributeNS(ns, "exported"), name)
        }
        val rearm = receivers.getValue(ReminderRearmReceiver::class.java.name)
        assertEquals(
            setOf(
                "android.intent.action.BOOT_COMPLETED",
                "android.intent.action.MY_PACKAGE_REPLACED",
                "android.intent.action.TIME_SET",
                "android.intent.action.TIMEZONE_CHANGED",
                "android.app.action.SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED",
            ),
            rearm.children("action").map { it.getAttributeNS(ns, "name") }.toSet(),
        )
        assertFalse(rearm.children("action").any { it.getAttributeNS(ns, "name").contains("LOCKED_BOOT") })
    }
}
