package app.innermost

// Why a new plan is applied, which decides whether the old alarms can be trusted.

/** How [ReminderEngine.replan] treats the alarms armed before. */
internal enum class ReplanKind {
    /** They are still armed: apply the new plan as a diff (alarm fired, action, app). */
    DIFF,

    /** They may or may not be armed (app updated): arm every item again. */
    REARM_ALL,

    /**
     * They are gone (the phone restarted): arm every item again, and ask the core for
     * catch-ups of what was due since they were last known to be armed.
     */
    AFTER_REBOOT,
}
