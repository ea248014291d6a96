package app.innermost.bench

import app.innermost.ffi.EntryContent
import app.innermost.ffi.NewEntry
import app.innermost.ffi.Vault
import app.innermost.ffi.insecureFastKdfParamsForTests
import com.sun.jna.Library
import com.sun.jna.Native
import java.nio.file.Files

/** libc through JNA: the floor any JNA call pays, measured in the same JVM as the core. */
interface CLib : Library {
    fun getpid(): Int
}

private inline fun nanosPerCall(calls: Int, body: () -> Unit): Double {
    val start = System.nanoTime()
    repeat(calls) { body() }
    return (System.nanoTime() - start).toDouble() / calls
}

private fun median(samples: List<Double>): Double = samples.sorted()[samples.size / 2]

/**
 * What one call into the core costs from Kotlin (JNA + uniffi lowering/lifting):
 * a trivial call (`isLocked`) against a bare JNA call into libc, and a timeline-sized call
 * (a page of 50 ~1 KiB entries, decrypted in Rust and lifted into Kotlin records).
 * Prints Markdown table rows. Not a test: it asserts nothing.
 */
fun main(args: Array<String>) {
    val quick = args.contains("--quick")
    val trivialCalls = if (quick) 20_000 else 200_000
    val pageCalls = if (quick) 200 else 2_000
    val rounds = if (quick) 3 else 7

    val dir = Files.createTempDirectory("innermost-ffi-bench").toFile()
    try {
        val vault = Vault.create(dir.resolve("bench.innermost").path, "benchmark passphrase", insecureFastKdfParamsForTests())
        val text = "today I noticed the urge to pull away and stayed ".repeat(21).take(1024)
        repeat(60) { vault.addEntry(NewEntry(EntryContent.Reflection(null, text, null), emptyList(), emptyList())) }
        val libc = Native.load("c", CLib::class.java)

        var sink = 0L
        repeat(3) { // warm-up: JIT, JNA caches
            nanosPerCall(trivialCalls) { if (vault.isLocked()) sink++ }
            nanosPerCall(trivialCalls) { sink += libc.getpid() }
            nanosPerCall(pageCalls / 4) { sink += vault.entries(50u, null).entries.size }
        }
        val trivial = median(List(rounds) { nanosPerCall(trivialCalls) { if (vault.isLocked()) sink++ } })
        val jna = median(List(rounds) { nanosPerCall(trivialCalls) { sink += libc.getpid() } })
        val page = median(List(rounds) { nanosPerCall(pageCalls) { sink += vault.entries(50u, null).entries.size } })
        vault.close()

        fun us(ns: Double) = "%.2f µs".format(ns / 1000)
        println("| FFI call from Kotlin: trivial (`isLocked`) | report | ${us(trivial)} | ${us(jna)} bare JNA call (libc getpid) | ${"%.2fx".format(trivial / jna)} | reported |")
        println("| FFI call from Kotlin: timeline page of 50 entries | report | ${us(page)} | — | — | reported |")
        if (sink == Long.MIN_VALUE) println(sink) // keep the JIT from discarding the loops
    } finally {
        dir.deleteRecursively()
    }
}
