package app.innermost

import app.innermost.ffi.EntryFilter
import app.innermost.ffi.InnermostException
import app.innermost.ffi.PageCursor
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.cancellation.CancellationException
import kotlin.random.Random
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.yield
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * Specification: one [InnermostVault] shared by many coroutines stays correct.
 *
 * Eight workers, half on [Dispatchers.IO] and half on [Dispatchers.Default], each run 40
 * operations chosen by a seeded [Random]: writes, timeline pages, searches and lock/unlock
 * cycles. The choice of operation never depends on timing, so how many of each kind are
 * attempted is the same on every run; only which calls meet a locked vault varies, and no
 * assertion depends on that. The vault promises:
 *
 * 1. no deadlock: the whole workload finishes well inside a minute;
 * 2. the only failure a worker may see is [InnermostException.Locked], when another worker
 *    had locked the vault, and a refused write stores nothing;
 * 3. afterwards (and after reopening the file) the vault holds exactly the entries whose
 *    writes returned, each with the text it was written with, and a search for a worker's
 *    own word finds exactly that worker's entries.
 */
class ConcurrencyTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "many hands, one journal"

    /** One word per worker; none is a substring of another or of [moments]. */
    private val words = listOf(
        "amberlight", "birchwood", "cobaltsea", "dunegrass",
        "emberfall", "fjordmist", "garnetsky", "harborbell",
    )
    private val moments = listOf(
        "a quiet morning", "the phone call", "an awkward dinner",
        "rain on the window", "a kind message", "the drive back",
    )
    private val seed = 424_242L
    private val opsPerWorker = 40

    /** What one worker did; touched only by its own coroutine until the workload ends. */
    private class Worker(val index: Int, val word: String) {
        val written = LinkedHashMap<String, String>() // id -> text, in write order
        var writesAttempted = 0
        var readsAttempted = 0
        var searchesAttempted = 0
        var lockCycles = 0
        var writesRefused = 0
        var lockedFailures = 0
    }

    @Test
    fun `coroutines mixing writes, reads, searches and lock cycles on one vault leave it consistent`() = runBlocking<Unit> {
        val file = File(dir, "shared.innermost")
        val vault = InnermostVault.create(file, passphrase, insecureFastKdfParamsForTests())
        val workers = words.mapIndexed { i, word -> Worker(i, word) }
        val unexpected = ConcurrentLinkedQueue<String>()

        // The workload runs in its own scope so that a call stuck in native code cannot keep
        // the timeout below from firing: waiting for it is cancellable, the call is not.
        val workload = CoroutineScope(Job()).async(Dispatchers.Default) {
            runWorkload(vault, workers, unexpected)
        }
        val finished = withTimeoutOrNull(60_000) { workload.await() }
        if (finished == null) {
            workload.cancel()
            // The vault is deliberately left open: closing it would wait on the stuck call.
            fail<Unit>("the workload did not finish within 60 s: a deadlock? ${summary(workers)}")
        }

        val report = summary(workers)
        println("ConcurrencyTest: $report")
        assertTrue(unexpected.isEmpty(), "only Locked may be thrown; also saw:\n${unexpected.joinToString("\n")}")

        // The operation mix is fixed by the seed, whatever the threads did.
        assertEquals(workers.size * opsPerWorker, workers.sumOf { it.writesAttempted + it.readsAttempted + it.searchesAttempted + it.lockCycles })
        assertTrue(workers.sumOf { it.lockCycles } > 0, "the seed must produce lock cycles: $report")
        assertTrue(workers.sumOf { it.searchesAttempted } > 0 && workers.sumOf { it.readsAttempted } > 0, report)
        for (w in workers) {
            assertEquals(w.writesAttempted, w.written.size + w.writesRefused, "worker ${w.index}: every write either returned or was refused as Locked")
            assertTrue(w.written.isNotEmpty(), "worker ${w.index}: its first write runs before anyone locks, so it always succeeds")
        }

        vault.use {
            vault.unlock(passphrase)
            assertFalse(vault.isLocked)
            assertConsistent(vault, workers)
        }
        InnermostVault.open(file).use { reopened ->
            reopened.unlock(passphrase)
            assertConsistent(reopened, workers)
        }
    }

    private suspend fun runWorkload(vault: InnermostVault, workers: List<Worker>, unexpected: ConcurrentLinkedQueue<String>) {
        // Nobody locks until every worker's first write has returned: that write then always
        // succeeds, so each worker has at least one entry for the final search to find.
        val firstWritesDone = AtomicInteger(0)
        val everyoneWroteOnce = CompletableDeferred<Unit>()
        coroutineScope {
            for (w in workers) {
                launch(if (w.index % 2 == 0) Dispatchers.IO else Dispatchers.Default) {
                    val random = Random(seed + w.index)
                    repeat(opsPerWorker) { step ->
                        val roll = if (step == 0) 0 else random.nextInt(100)
                        var isWrite = false
                        try {
                            when {
                                roll < 50 -> {
                                    isWrite = true
                                    w.writesAttempted++
                                    val text = "${w.word} note $step: ${moments[random.nextInt(moments.size)]}"
                                    val entry = vault.addReflection(text)
                                    check(entry.text() == text) { "worker ${w.index}: the returned entry has other text" }
                                    check(w.written.put(entry.id, text) == null) { "worker ${w.index}: id ${entry.id} returned twice" }
                                }
                                roll < 70 -> {
                                    w.readsAttempted++
                                    val limit = random.nextInt(1, 61)
                                    val page = vault.entries(limit = limit)
                                    check(page.entries.size <= limit) { "a page of $limit held ${page.entries.size}" }
                                    check(page.entries.map { it.id }.toSet().size == page.entries.size) { "a page repeated an entry" }
                                    check(page.entries.all { e -> words.any { e.text().startsWith("$it note ") } }) { "a page held an entry nobody wrote" }
                                }
                                roll < 85 -> {
                                    w.searchesAttempted++
                                    val target = words[random.nextInt(words.size)]
                                    val found = vault.search(EntryFilter(text = target), limit = 500)
                                    check(found.next == null) { "fewer than 500 entries exist, so one page holds them all" }
                                    check(found.entries.all { it.text().startsWith("$target note ") }) { "search for $target matched another worker's entry" }
                                    if (target == w.word) {
                                        // This worker is the only one writing its word, and its
                                        // calls are sequential: it must see exactly its own writes.
                                        check(found.entries.map { it.id }.toSet() == w.written.keys) {
                                            "worker ${w.index}: search saw ${found.entries.size} of its ${w.written.size} entries"
                                        }
                                    }
                                }
                                else -> {
                                    everyoneWroteOnce.await()
                                    w.lockCycles++
                                    vault.lock()
                                    yield()
                                    vault.unlock(passphrase)
                                }
                            }
                        } catch (e: InnermostException.Locked) {
                            w.lockedFailures++
                            if (isWrite) w.writesRefused++
                        } catch (e: CancellationException) {
                            throw e
                        } catch (e: Throwable) {
                            unexpected += "worker ${w.index} step $step: $e"
                        }
                        if (step == 0 && firstWritesDone.incrementAndGet() == workers.size) everyoneWroteOnce.complete(Unit)
                    }
                }
            }
        }
    }

    private suspend fun assertConsistent(vault: InnermostVault, workers: List<Worker>) {
        val expected = workers.flatMap { it.written.entries }.associate { it.key to it.value }

        val timeline = LinkedHashMap<String, String>()
        var cursor: PageCursor? = null
        do {
            val page = vault.entries(limit = 64, after = cursor)
            for (e in page.entries) assertEquals(null, timeline.put(e.id, e.text()), "the timeline lists ${e.id} twice")
            cursor = page.next
        } while (cursor != null)
        assertEquals(expected.size, timeline.size, "entries in the vault = writes that returned")
        assertEquals(expected, timeline)

        for ((id, text) in expected) assertEquals(text, vault.entry(id).text(), "entry $id reads back as written")

        for (w in workers) {
            val found = mutableSetOf<String>()
            var after: PageCursor? = null
            do {
                val page = vault.search(EntryFilter(text = w.word), limit = 7, after = after)
                page.entries.forEach { assertTrue(found.add(it.id), "search listed ${it.id} twice") }
                after = page.next
            } while (after != null)
            assertEquals(w.written.keys, found, "search for ${w.word} finds exactly worker ${w.index}'s entries")
        }
    }

    private fun summary(workers: List<Worker>): String =
        "seed $seed, ${workers.size} workers x $opsPerWorker ops: " +
            "${workers.sumOf { it.writesAttempted }} writes attempted, ${workers.sumOf { it.written.size }} succeeded, " +
            "${workers.sumOf { it.writesRefused }} refused as Locked; ${workers.sumOf { it.readsAttempted }} timeline pages, " +
            "${workers.sumOf { it.searchesAttempted }} searches, ${workers.sumOf { it.lockCycles }} lock/unlock cycles; " +
            "${workers.sumOf { it.lockedFailures }} Locked in all"
}
