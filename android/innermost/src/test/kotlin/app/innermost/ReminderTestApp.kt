package app.innermost

import android.app.Application
import java.io.File
import java.time.Clock
import java.time.Instant
import java.time.ZoneId

/**
 * The Application of the Robolectric reminder tests: a [ReminderHost] whose vault file
 * and clock the test sets (`@Config(application = ReminderTestApp::class)`).
 */
class ReminderTestApp : Application(), ReminderHost {
    /** Set by the test before anything runs. */
    lateinit var vaultFile: File

    /** The tests' clock: fixed, moved by [at]. */
    var clock: Clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneId.of("Europe/Paris"))

    override val reminderVaultFile: File
        get() = vaultFile

    override val reminderClock: Clock
        get() = clock

    /** Moves the clock to [instant], keeping its zone. */
    fun at(instant: Instant) {
        clock = Clock.fixed(instant, clock.zone)
    }

    /** Moves the clock to [zone], keeping its instant. */
    fun inZone(zone: ZoneId) {
        clock = Clock.fixed(clock.instant(), zone)
    }
}
