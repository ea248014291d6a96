package app.innermost

// What the scheduler remembers between processes (SharedPreferences): the alarms it
// armed (ids, request codes, instants), the replan instant, when alarms were last known
// to be armed, and the boot count then. Never a title, a label or a note.

import android.content.Context
import android.content.SharedPreferences

/**
 * The scheduler's memory, in the app's private SharedPreferences file
 * [FILE]. Every write is a synchronous `commit()`: receivers may be killed as soon as they
 * finish. Callers serialise access (see [ReminderEngine]).
 */
internal class ArmedAlarmStore(context: Context) {
    private val prefs: SharedPreferences = context.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    /** The armed alarms by item id; malformed entries are dropped. */
    fun alarms(): Map<String, ArmedAlarm> =
        (prefs.getStringSet(KEY_ARMED, null) ?: emptySet())
            .mapNotNull(ArmedAlarm::decode)
            .associateBy { it.id }

    /** When the replan alarm fires (UTC epoch ms), if one is armed. */
    val replanAt: Long?
        get() = prefs.getLong(KEY_REPLAN_AT, NONE).takeIf { it != NONE }

    /**
     * The last instant (UTC epoch ms) at which every reminder due from then on was known
     * to be armed: the `now` of the last applied plan. After a reboot, reminders due since
     * then may never have been shown (the plan's `missedSince`).
     */
    val lastArmedAt: Long?
        get() = prefs.getLong(KEY_LAST_ARMED_AT, NONE).takeIf { it != NONE }

    /** `Settings.Global.BOOT_COUNT` when the alarms were last armed; null if unknown. */
    val bootCount: Int?
        get() = prefs.getInt(KEY_BOOT_COUNT, -1).takeIf { it >= 0 }

    /** Replaces everything at once. */
    fun save(alarms: Collection<ArmedAlarm>, replanAt: Long?, lastArmedAt: Long, bootCount: Int?) {
        prefs.edit()
            .putStringSet(KEY_ARMED, alarms.mapTo(HashSet()) { it.encode() })
            .putLong(KEY_REPLAN_AT, replanAt ?: NONE)
            .putLong(KEY_LAST_ARMED_AT, lastArmedAt)
            .putInt(KEY_BOOT_COUNT, bootCount ?: -1)
            .commit()
    }

    /** Forgets one alarm (it fired). */
    fun forget(id: String) {
        val kept = alarms().values.filter { it.id != id }
        prefs.edit().putStringSet(KEY_ARMED, kept.mapTo(HashSet()) { it.encode() }).commit()
    }

    /** Forgets everything (reminders turned off). */
    fun clear() {
        prefs.edit().clear().commit()
    }

    companion object {
        /** The SharedPreferences file name. */
        const val FILE = "app.innermost.reminders"
        private const val KEY_ARMED = "armed"
        private const val KEY_REPLAN_AT = "replan_at"
        private const val KEY_LAST_ARMED_AT = "last_armed_at"
        private const val KEY_BOOT_COUNT = "boot_count"
        private const val NONE = Long.MIN_VALUE
    }
}
