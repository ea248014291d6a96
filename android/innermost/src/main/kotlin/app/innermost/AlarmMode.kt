package app.innermost

// How one reminder's alarm is set; stored with it so a change of mode re-arms it.

/** The kind of alarm a plan item was armed with. */
internal enum class AlarmMode(
    /** One letter, as kept in [ArmedAlarmStore]. */
    val code: Char,
) {
    /** `setExactAndAllowWhileIdle`: the item wants it and exact alarms are allowed. */
    EXACT('e'),

    /** `setWindow`: the item wants an exact alarm but exact alarms are not allowed. */
    WINDOW('w'),

    /** `setAndAllowWhileIdle`: the item does not need exactness. */
    INEXACT('i');

    companion object {
        /** The mode stored as [code], or null for anything else. */
        fun of(code: Char): AlarmMode? = entries.firstOrNull { it.code == code }
    }
}
