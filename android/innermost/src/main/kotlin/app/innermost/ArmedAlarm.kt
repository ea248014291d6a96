package app.innermost

// One alarm the scheduler set, as remembered between processes: identifiers and an
// instant, never any text.

/**
 * An armed reminder.
 *
 * @property id the plan item's id (ritual id and local occurrence time; no text).
 * @property requestCode the plan item's request code (the PendingIntent's).
 * @property fireAt when the alarm fires (UTC epoch ms).
 * @property mode how it was set.
 */
internal data class ArmedAlarm(
    val id: String,
    val requestCode: Int,
    val fireAt: Long,
    val mode: AlarmMode,
) {
    /** The stored form: `requestCode|fireAt|mode|id` (ids never contain `|`). */
    fun encode(): String = "$requestCode|$fireAt|${mode.code}|$id"

    companion object {
        /** Parses [encode]'s form; null for anything malformed (then it is forgotten). */
        fun decode(line: String): ArmedAlarm? {
            val parts = line.split('|', limit = 4)
            if (parts.size != 4 || parts[2].length != 1 || parts[3].isEmpty()) return null
            val requestCode = parts[0].toIntOrNull() ?: return null
            val fireAt = parts[1].toLongOrNull() ?: return null
            val mode = AlarmMode.of(parts[2][0]) ?: return null
            return ArmedAlarm(parts[3], requestCode, fireAt, mode)
        }
    }
}
