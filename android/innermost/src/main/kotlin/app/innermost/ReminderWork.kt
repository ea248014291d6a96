package app.innermost

// Runs a receiver's work off the main thread (goAsync + one background thread) and makes
// sure nothing it throws can crash the app; logs carry no private text.

import android.content.BroadcastReceiver
import android.util.Log
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.RejectedExecutionException

/**
 * The background side of the reminder receivers. One thread for all of them, so their
 * work is serialised in arrival order (a boot and a time-zone change arriving together do
 * not interleave). Every failure is caught and logged as its class name only: the core's
 * errors carry no user content, but nothing else is trusted to be free of it.
 */
internal object ReminderWork {
    /** The log tag of the reminders shell. */
    const val LOG_TAG = "InnermostReminders"

    private val executor: ExecutorService by lazy {
        Executors.newSingleThreadExecutor { runnable ->
            Thread(runnable, "innermost-reminders").apply { isDaemon = true }
        }
    }

    /**
     * Runs [block] for [receiver] on the background thread, keeping the broadcast alive
     * with `goAsync()` until it is done. Outside a broadcast (`goAsync()` gives nothing,
     * e.g. `onReceive` called directly) it runs on the calling thread.
     */
    fun launch(receiver: BroadcastReceiver, what: String, block: () -> Unit) {
        val pending: BroadcastReceiver.PendingResult? = try {
            receiver.goAsync()
        } catch (_: RuntimeException) {
            null
        }
        val task = Runnable {
            try {
                block()
            } catch (t: Throwable) {
                warn("$what failed", t)
            } finally {
                try {
                    pending?.finish()
                } catch (_: RuntimeException) {
                }
            }
        }
        if (pending == null) {
            task.run()
            return
        }
        try {
            executor.execute(task)
        } catch (_: RejectedExecutionException) {
            task.run()
        }
    }

    /** Logs [message] (fixed text) and the class of [t], never its message. */
    fun warn(message: String, t: Throwable? = null) {
        try {
            Log.w(LOG_TAG, if (t == null) message else "$message: ${t.javaClass.simpleName}")
        } catch (_: RuntimeException) {
            // android.util.Log stubbed out (plain JVM): nothing to do.
        }
    }
}
