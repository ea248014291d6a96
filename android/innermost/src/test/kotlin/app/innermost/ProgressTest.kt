package app.innermost

import app.innermost.ffi.FreezeReason
import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfParams
import app.innermost.ffi.MeasureDefinition
import app.innermost.ffi.MeasureItem
import app.innermost.ffi.MilestoneKind
import app.innermost.ffi.NewLadderAttempt
import app.innermost.ffi.NewLadderStep
import app.innermost.ffi.NewPracticeEvent
import app.innermost.ffi.PracticeKind
import app.innermost.ffi.Scoring
import app.innermost.ffi.Setback
import app.innermost.ffi.SetbackPlan
import app.innermost.ffi.StreakSettings
import app.innermost.ffi.Victory
import app.innermost.ffi.insecureFastKdfParamsForTests
import app.innermost.ffi.reflectionScales
import java.io.File
import java.time.Instant
import java.time.ZoneId
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** The progress calls of the facade: victories, a setback with its plan, the ladder, measures, the score. */
class ProgressTest {
    @TempDir
    lateinit var dir: File
    private val passphrase = "the river at dusk, twice"
    private val fast: KdfParams = insecureFastKdfParamsForTests()
    private val paris = ZoneId.of("Europe/Paris")

    private fun event(kind: PracticeKind, at: Instant = Instant.now()) =
        NewPracticeEvent(kind, at.toEpochMilli(), "at dinner", listOf("being_seen"), "breathing first")

    @Test
    fun `victories and a setback come back with the plan, the record and a score that did not drop`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val first = vault.logPractice(event(PracticeKind.Victory(Victory.SharedDifficultFeeling)), paris)
            assertEquals(listOf(MilestoneKind.FIRST_VICTORY), first.newMilestones.map { it.kind })
            assertNull(first.setbackSupport)
            vault.logPractice(event(PracticeKind.Victory(Victory.Own("told Sam I was scared"))), paris)
            vault.setSetbackPlan(
                SetbackPlan(
                    listOf("I stop answering"), listOf("a walk"), listOf("my sister"),
                    listOf("Thursday session"), listOf("Going quiet once kept me safe."),
                ),
            )
            val before = vault.growthScore(paris)
            val setback = vault.logPractice(event(PracticeKind.Setback(Setback.Withdrew)), paris)
            val support = requireNotNull(setback.setbackSupport)
            assertEquals(listOf("I stop answering"), support.plan?.warningSigns)
            assertEquals(2u, support.reminders.victoriesSinceStart)
            val after = vault.growthScore(paris)
            assertTrue(after.value >= before.value, "a setback never lowers the score")
            assertEquals(FreezeReason.RECOVERY_WINDOW, after.frozen)
            assertEquals(13.0, after.halfLifeDays)
            assertTrue(after.reasons.any { it.labelKey == "victory.shared_difficult_feeling" })
            assertEquals(3, vault.practiceEvents().size)
            assertTrue(vault.milestones().isNotEmpty())
            assertTrue(vault.checkMilestones(paris).isEmpty(), "raised once")
            assertNull(vault.streak(paris), "streaks are off by default")
            vault.setStreakSettings(StreakSettings(true, 1u, 1u))
            assertNotNull(vault.streak(paris))
        }
    }

    @Test
    fun `the ladder suggests the smallest step and measures score reverse keys and subscales`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val fear = vault.addLadderStep(NewLadderStep("share a fear", 8u))
            val worry = vault.addLadderStep(NewLadderStep("share a minor worry", 2u))
            assertEquals(worry, vault.nextLadderStep())
            val outcome = vault.recordLadderAttempt(
                NewLadderAttempt(worry.id, Instant.now().toEpochMilli(), 8u, 6u, 4u, 2u, "it went fine"), paris,
            )
            assertEquals(fear, outcome.nextStep)
            assertEquals(1u, vault.ladderStats().predictionsAbovePeak)
            assertEquals(listOf(true, false), vault.ladder().map { it.climbed })

            assertEquals(3, reflectionScales().size)
            val measure = vault.addMeasure(
                MeasureDefinition(
                    "Closeness (from my therapist)",
                    listOf(
                        MeasureItem("I said what I felt", false, "openness"),
                        MeasureItem("I hid how I felt", true, "openness"),
                    ),
                    1u, 5u, Scoring.SUM,
                ),
            )
            val answered = vault.recordMeasureResponse(measure.id, listOf(4u, 2u), paris)
            assertEquals(8.0, answered.response.score.total)
            assertEquals("openness", answered.response.score.subscales.single().name)
            vault.recordMeasureResponse("reflection.felt_safety", listOf(7u), paris)
            assertEquals(1, vault.measureResponses("reflection.felt_safety").size)
            assertFalse(vault.progressTrends(java.time.LocalDate.now(paris).minusDays(6), java.time.LocalDate.now(paris), paris).weeks.isEmpty())
        }
    }

    @Test
    fun `a wrong attempt or answer is deleted alone and a measure goes with its answers`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val step = vault.addLadderStep(NewLadderStep("share a minor worry", 2u))
            val now = Instant.now().toEpochMilli()
            val wrong = vault.recordLadderAttempt(NewLadderAttempt(step.id, now, 8u, 6u, 9u, 2u, ""), paris)
            val right = vault.recordLadderAttempt(NewLadderAttempt(step.id, now, 8u, 6u, 4u, 2u, ""), paris)
            vault.deleteLadderAttempt(wrong.attempt.id)
            assertEquals(listOf(right.attempt), vault.ladderAttempts())
            assertThrows(InnermostException.NotFound::class.java) {
                runBlocking { vault.deleteLadderAttempt(wrong.attempt.id) }
            }

            val measure = vault.addMeasure(
                MeasureDefinition("Closeness", listOf(MeasureItem("I said what I felt", false, null)), 0u, 4u, Scoring.SUM),
            )
            vault.recordMeasureResponse(measure.id, listOf(1u), paris)
            vault.recordMeasureResponse(measure.id, listOf(3u), paris)
            val safety = vault.recordMeasureResponse("reflection.felt_safety", listOf(7u), paris)
            vault.deleteMeasureResponse(safety.response.id)
            assertTrue(vault.measureResponses("reflection.felt_safety").isEmpty())
            val builtIn = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.deleteMeasure("reflection.felt_safety") }
            }
            assertEquals("measure_id", builtIn.field)
            assertEquals(2u, vault.deleteMeasure(measure.id))
            assertFalse(vault.measures().any { it.id == measure.id })
        }
    }

    @Test
    fun `bad input names the field`() = runBlocking<Unit> {
        InnermostVault.create(File(dir, "v.innermost"), passphrase, fast).use { vault ->
            val step = vault.addLadderStep(NewLadderStep("state a preference", 4u))
            val tooAnxious = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking {
                    vault.recordLadderAttempt(NewLadderAttempt(step.id, Instant.now().toEpochMilli(), 5u, 5u, 11u, 5u, ""), paris)
                }
            }
            assertEquals("anxiety_peak", tooAnxious.field)
            val missing = assertThrows(InnermostException.InvalidInput::class.java) {
                runBlocking { vault.recordMeasureResponse("reflection.felt_safety", emptyList(), paris) }
            }
            assertEquals("answers", missing.field)
            assertTrue(vault.ladderAttempts().isEmpty())
        }
    }
}
