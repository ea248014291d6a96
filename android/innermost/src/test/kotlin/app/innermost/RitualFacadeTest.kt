package app.innermost

import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.NewRitual
import app.innermost.ffi.OccurrenceStatus
import app.innermost.ffi.PlanItemReason
import app.innermost.ffi.QuietHours
import app.innermost.ffi.ReminderSettings
import app.innermost.ffi.RitualDetails
import app.innermost.ffi.RitualKind
import app.innermost.ffi.Schedule
import app.innermost.ffi.ZoneMode
import app.innermost.ffi.insecureFastKdfParamsForTests
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The ritual and reminder calls of the facade: java.time in, the core's answers out. */
class RitualFacadeTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "the river at dusk, twice"
    private val fast: KdfParams = insecureFastKdfParamsForTests()
    private val paris = ZoneId.of("Europe/Paris")

    private fun weekly() = NewRitual(
        RitualKind.WEEKLY_CONVERSATION,
        RitualDetails("Our Sunday talk", "", emptyList()),
        Schedule("freq=weekly;byday=su", listOf("18:00"), "2026-03-01", ZoneMode.Fixed("Europe/Paris"), 0u, false, null),
    )

    @Test
    fun `rituals are stored, listed, paused, archived and deleted through the facade`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val ritual = vault.addRitual(weekly())
            assertEquals("FREQ=WEEKLY;BYDAY=SU", ritual.schedule.cadence, "returned in canonical form")
            assertEquals(4, ritual.details.guide.size, "a weekly conversation gets the default guide")
            assertEquals(listOf(ritual), vault.rituals())
            assertEquals(ritual, vault.ritual(ritual.id))

            val renamed = vault.updateRitual(ritual.id, weekly().copy(details = RitualDetails("Sunday", "", emptyList())))
            assertEquals("Sunday", renamed.details.title)

            val pause = vault.pauseRitual(ritual.id, LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 15))
            assertEquals("2026-03-08", pause.from)
            assertEquals(listOf(pause), vault.ritualPauses(ritual.id))
            vault.resumeRitual(ritual.id, LocalDate.of(2026, 3, 10))

            vault.setRitualArchived(ritual.id, true)
            assertTrue(vault.rituals().isEmpty())
            assertEquals(1, vault.rituals(includeArchived = true).size)
            vault.deleteRitual(ritual.id)
            assertThrows(InnermostException.NotFound::class.java) { runBlocking { vault.ritual(ritual.id) } }
        }
    }

    @Test
    fun `plans, records and adherence work locked, with java time types`() = runBlocking<Unit> {
        val file = File(dir, "v.innermost")
        val id = InnermostVault.create(file, passphrase, fast).use { vault ->
            vault.setReminderSettings(ReminderSettings(QuietHours("22:00", "07:00"), 60u))
            vault.addRitual(weekly()).id
        }
        InnermostVault.open(file).use { vault ->
            assertTrue(vault.isLocked)
            assertEquals(ReminderSettings(QuietHours("22:00", "07:00"), 60u), vault.reminderSettings())
            val now = Instant.parse("2026-03-02T10:00:00Z")
            val plan = vault.planReminders(now, paris, budget = 3, horizonDays = 30)
            assertEquals(3, plan.items.size)
            val first = plan.items.first()
            assertEquals(PlanItemReason.SCHEDULED, first.reason)
            assertEquals("2026-03-08T17:00:00Z", Instant.ofEpochMilli(first.fireAt).toString())
            assertEquals("Reminder", first.title)
            assertFalse(first.hasOwnLabel)

            val record = vault.recordOccurrence(first.occurrenceId, OccurrenceStatus.Done, zone = paris)
            assertNull(record.note)
            val day = LocalDate.of(2026, 3, 8)
            assertEquals(listOf(record), vault.occurrenceRecords(id, day, day))
            assertFalse(vault.planReminders(now, paris).items.any { it.occurrenceId == first.occurrenceId })
            val week = vault.weeklyAdherence(id, LocalDate.of(2026, 3, 2), day, paris).single()
            assertEquals("2026-03-02", week.weekStart)
            assertEquals(1u, week.done)
            assertThrows(InnermostException.Locked::class.java) {
                runBlocking { vault.recordOccurrence(first.occurrenceId, OccurrenceStatus.Done, note = "a note", zone = paris) }
            }
            assertThrows(InnermostException.Locked::class.java) { runBlocking { vault.clearOccurrence(first.occurrenceId) } }
            vault.unlock(passphrase)
            vault.clearOccurrence(first.occurrenceId)
            assertTrue(vault.occurrenceRecords(id, day, day).isEmpty())
        }
    }

    @Test
    fun `schedule previews and cadences need no vault`() = runBlocking<Unit> {
        val schedule = weekly().schedule
        val next = InnermostVault.previewSchedule(schedule, LocalDate.of(2026, 3, 2), limit = 2, zone = paris)
        assertEquals(listOf("2026-03-08T18:00", "2026-03-15T18:00"), next.map { it.local })
        assertEquals("FREQ=DAILY;INTERVAL=2", InnermostVault.canonicalCadence("interval=2;freq=daily"))
        assertThrows(InnermostException.InvalidInput::class.java) { InnermostVault.canonicalCadence("FREQ=HOURLY") }
        assertEquals(4, InnermostVault.defaultConversationGuide().size)
    }
}
