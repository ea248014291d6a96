package app.innermost

// The POST_NOTIFICATIONS runtime permission as the app should read it.

/** Whether the app may post notifications, as far as the runtime permission goes. */
enum class NotificationPermission {
    /** Android 13+ and the person granted POST_NOTIFICATIONS. */
    GRANTED,

    /** Android 13+ and POST_NOTIFICATIONS is not granted (not asked yet, or refused). */
    DENIED,

    /** Below Android 13 there is no such permission: notifications are allowed by default. */
    NOT_NEEDED,
}
