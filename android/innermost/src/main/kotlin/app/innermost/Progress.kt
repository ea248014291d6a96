package app.innermost

import app.innermost.ffi.InnermostException
import app.innermost.ffi.ProgressListener
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Job
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.withContext

/**
 * Progress of a long call (key rotation, backups, restore, verify, export, import):
 * `done` of `total` units, where a unit is a value for rotation, an item for import, an
 * entry for export and a byte of the database for backups. The last call has
 * `done == total` when the operation ran to its end.
 *
 * Return `false` to stop: the call then fails with `InnermostException.Interrupted` having
 * changed nothing. Cancelling the calling coroutine stops it the same way (the call then
 * ends with the coroutine's `CancellationException`), and so does an exception thrown
 * here (the call then rethrows it).
 *
 * Called after each batch on the thread that runs the call (a `Dispatchers.IO` thread,
 * never the main thread): keep it short, and hand values to the UI through a `StateFlow`
 * or the main dispatcher.
 */
typealias ProgressCallback = (done: Long, total: Long) -> Boolean

/**
 * The generated [ProgressListener] over an optional [ProgressCallback]. It also says
 * "stop" once [job] (the calling coroutine's) is cancelled, so that cancelling a coroutine
 * ends a backup or a rotation at its next batch instead of letting it run on unseen, and
 * it keeps an exception thrown by the callback (Rust cannot carry it) in [failure].
 */
internal class CoroutineProgressListener(
    private val job: Job?,
    private val callback: ProgressCallback?,
) : ProgressListener {
    /** What the callback threw, if it did; the call stopped at that point. */
    @Volatile
    var failure: Throwable? = null
        private set

    override fun onProgress(done: ULong, total: ULong): Boolean {
        if (failure != null || job?.isActive == false) return false
        val goOn = try {
            callback?.invoke(done.toLong(), total.toLong()) ?: true
        } catch (e: Throwable) {
            failure = e
            false
        }
        // The callback may itself have cancelled the coroutine (a "Cancel" button's handler).
        return goOn && job?.isActive != false
    }
}

/**
 * Runs [call] on [io] with a listener over [onProgress]. When the call was stopped, the
 * callback's own exception or the coroutine's cancellation is thrown in place of
 * `InnermostException.Interrupted`; a `false` from the callback stays `Interrupted`.
 */
internal suspend fun <T> withProgress(
    io: CoroutineDispatcher,
    onProgress: ProgressCallback?,
    call: (ProgressListener) -> T,
): T = withContext(io) {
    val listener = CoroutineProgressListener(coroutineContext[Job], onProgress)
    try {
        call(listener)
    } catch (e: InnermostException.Interrupted) {
        listener.failure?.let { throw it }
        ensureActive()
        throw e
    }
}
