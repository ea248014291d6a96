package app.innermost

import app.innermost.ffi.AutomaticBackup
import app.innermost.ffi.GrowthScore
import app.innermost.ffi.LadderAttempt
import app.innermost.ffi.LadderAttemptOutcome
import app.innermost.ffi.LadderRung
import app.innermost.ffi.LadderStats
import app.innermost.ffi.LadderStep
import app.innermost.ffi.Measure
import app.innermost.ffi.MeasureDefinition
import app.innermost.ffi.MeasureResponse
import app.innermost.ffi.MeasureResponseOutcome
import app.innermost.ffi.Milestone
import app.innermost.ffi.NewLadderAttempt
import app.innermost.ffi.NewLadderStep
import app.innermost.ffi.NewPracticeEvent
import app.innermost.ffi.PracticeEvent
import app.innermost.ffi.PracticeOutcome
import app.innermost.ffi.PracticePause
import app.innermost.ffi.ProgressId
import app.innermost.ffi.ProgressReminders
import app.innermost.ffi.ProgressTrends
import app.innermost.ffi.SetbackPlan
import app.innermost.ffi.StreakSettings
import app.innermost.ffi.StreakStatus
import app.innermost.ffi.BackupSecret
import app.innermost.ffi.BackupSummary
import app.innermost.ffi.Draft
import app.innermost.ffi.EmotionFamily
import app.innermost.ffi.EmotionWord
import app.innermost.ffi.Entry
import app.innermost.ffi.EntryContent
import app.innermost.ffi.EntryFilter
import app.innermost.ffi.EntryId
import app.innermost.ffi.EntryPage
import app.innermost.ffi.ExportSummary
import app.innermost.ffi.ImportSummary
import app.innermost.ffi.InnermostException
import app.innermost.ffi.KdfCalibration
import app.innermost.ffi.GuideStep
import app.innermost.ffi.KdfParams
import app.innermost.ffi.NewEntry
import app.innermost.ffi.NewRitual
import app.innermost.ffi.NotificationPlan
import app.innermost.ffi.OccurrencePreview
import app.innermost.ffi.OccurrenceRecord
import app.innermost.ffi.OccurrenceStatus
import app.innermost.ffi.PageCursor
import app.innermost.ffi.PatternInsights
import app.innermost.ffi.Pause
import app.innermost.ffi.PlanRequest
import app.innermost.ffi.PlatformKeyStore
import app.innermost.ffi.PlatformUnlock
import app.innermost.ffi.PlatformUnlockState
import app.innermost.ffi.Prompt
import app.innermost.ffi.ReminderSettings
import app.innermost.ffi.ReportFormat
import app.innermost.ffi.ReportRequest
import app.innermost.ffi.Ritual
import app.innermost.ffi.RitualId
import app.innermost.ffi.RotationOutcome
import app.innermost.ffi.Schedule
import app.innermost.ffi.TriggerTag
import app.innermost.ffi.Vault
import app.innermost.ffi.WeeklyAdherence
import app.innermost.ffi.calibrateKdf
import app.innermost.ffi.defaultKdfParams
import app.innermost.ffi.canonicalCadence as ffiCanonicalCadence
import app.innermost.ffi.defaultConversationGuide as ffiDefaultConversationGuide
import app.innermost.ffi.listAutomaticBackups as ffiListAutomaticBackups
import app.innermost.ffi.previewSchedule as ffiPreviewSchedule
import app.innermost.ffi.restoreBackup as ffiRestoreBackup
import app.innermost.ffi.verifyBackup as ffiVerifyBackup
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.util.concurrent.atomic.AtomicReference
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/**
 * The app's handle on an encrypted Innermost journal: a thin, coroutine-friendly facade
 * over the generated [Vault].
 *
 * Every call that touches the disk or runs the key derivation is a `suspend` function that
 * runs on [io] (by default [Dispatchers.IO]), so the main thread never waits on Argon2id
 * (hundreds of milliseconds) or on a `synchronous=FULL` commit. The core itself is
 * thread-safe: any number of coroutines may call one vault concurrently; calls are
 * serialised inside Rust.
 *
 * Lifecycle: this class is [AutoCloseable]. [close] locks the vault (wiping the data key),
 * closes the file and releases the Rust object; afterwards every call throws
 * [IllegalStateException]. Prefer `use { }` or close it when the owning scope ends.
 *
 * Errors are [InnermostException] subclasses: `Locked`, `WrongPassphrase`,
 * `NotFound(what)`, `InvalidInput(field, reason)`, `Corrupted(what)`, `Storage(message)`,
 * `Interrupted`, `Unsupported(what)`, `Internal(message)`. None carries user content.
 *
 * Passphrases and recovery codes are passed as [String] because that is what the generated
 * bindings take; the Rust side copies them into memory it wipes. Do not log them.
 *
 * Long calls (key rotation, backups, export, import) take an optional [ProgressCallback];
 * returning `false` from it, or cancelling the calling coroutine, stops them with nothing
 * changed.
 */
class InnermostVault private constructor(
    vault: Vault,
    private val io: CoroutineDispatcher,
) : AutoCloseable {
    private val handle = AtomicReference<Vault?>(vault)

    companion object {
        /**
         * Creates a new vault file at [file] protected by [passphrase] and returns it
         * unlocked. Fails with `InvalidInput(field = "path")` if a file already exists.
         */
        suspend fun create(
            file: File,
            passphrase: String,
            kdf: KdfParams = defaultKdfParams(),
            io: CoroutineDispatcher = Dispatchers.IO,
        ): InnermostVault = withContext(io) {
            InnermostVault(Vault.create(file.path, passphrase, kdf), io)
        }

        /**
         * Opens an existing vault, locked. A file that is not a vault, is damaged or was
         * written by a newer version is reported and left untouched.
         */
        suspend fun open(file: File, io: CoroutineDispatcher = Dispatchers.IO): InnermostVault =
            withContext(io) { InnermostVault(Vault.open(file.path), io) }

        /**
         * Measures this device and picks Argon2id parameters that unlock in about
         * [targetMillis] (never below the safety floor). Call once when creating a vault.
         */
        suspend fun calibrate(
            targetMillis: Int = 500,
            memoryKib: Int = 64 * 1024,
            lanes: Int = 4,
            io: CoroutineDispatcher = Dispatchers.Default,
        ): KdfCalibration = withContext(io) {
            calibrateKdf(targetMillis.toUInt(), memoryKib.toUInt(), lanes.toUInt())
        }

        /**
         * The reflection prompt for [date], the person's own calendar day. Deterministic and
         * cheap (no disk, works while locked): the same date always gives the same prompt.
         */
        fun promptOfTheDay(date: LocalDate): Prompt = app.innermost.ffi.promptOfTheDay(date.toString())

        /**
         * Checks a recovery code as the person types it: length, alphabet and check letters,
         * without any key derivation (cheap; safe on any thread). Throws
         * `InnermostException.InvalidInput(field = "code")` for a typo; case, spaces and
         * dashes do not matter.
         */
        fun checkRecoveryCode(code: String) = app.innermost.ffi.checkRecoveryCode(code)

        /**
         * Checks a backup end to end without writing anything and says what it holds.
         * `WrongPassphrase` for a wrong [secret], `Corrupted` for a damaged file,
         * `Unsupported` for a newer format. Progress counts bytes.
         */
        suspend fun verifyBackup(
            backup: File,
            secret: BackupSecret,
            io: CoroutineDispatcher = Dispatchers.IO,
            onProgress: ProgressCallback? = null,
        ): BackupSummary = withProgress(io, onProgress) { ffiVerifyBackup(backup.path, secret, it) }

        /**
         * Restores [backup] into a new vault file at [destination], which must not exist.
         * The restored vault opens (with [open]) with the passphrase or recovery code the
         * backed-up vault had. Nothing is left at [destination] when it fails.
         */
        suspend fun restoreBackup(
            backup: File,
            secret: BackupSecret,
            destination: File,
            io: CoroutineDispatcher = Dispatchers.IO,
            onProgress: ProgressCallback? = null,
        ): BackupSummary = withProgress(io, onProgress) { ffiRestoreBackup(backup.path, secret, destination.path, it) }

        /** The automatic backups in [directory] (see [runAutomaticBackup]), newest first. */
        suspend fun listAutomaticBackups(directory: File, io: CoroutineDispatcher = Dispatchers.IO): List<File> =
            withContext(io) { ffiListAutomaticBackups(directory.path).map(::File) }

        /**
         * The first [limit] (at most 500) occurrences of [schedule] from the local date
         * [from], without storing anything: what a schedule editor shows as "next times".
         * Floating schedules are shown in [zone]. `InvalidInput` names what is wrong.
         */
        suspend fun previewSchedule(
            schedule: Schedule,
            from: LocalDate,
            limit: Int = 10,
            zone: ZoneId = ZoneId.systemDefault(),
            io: CoroutineDispatcher = Dispatchers.Default,
        ): List<OccurrencePreview> = withContext(io) {
            ffiPreviewSchedule(schedule, zone.id, from.toString(), limit.toUInt())
        }

        /**
         * Writes an RFC 5545 rule (`FREQ=WEEKLY;BYDAY=SU`) back canonically, or throws
         * `InvalidInput(field = "cadence")` saying what is outside the supported subset.
         * Cheap; safe on any thread.
         */
        fun canonicalCadence(rule: String): String = ffiCanonicalCadence(rule)

        /**
         * The default guide of a weekly relationship conversation (appreciations, what is
         * working, what is hard, one request). Cheap; safe on any thread.
         */
        fun defaultConversationGuide(): List<GuideStep> = ffiDefaultConversationGuide()
    }

    private fun vault(): Vault = handle.get() ?: throw IllegalStateException("the vault is closed")

    /** Whether the data key is absent. Cheap; safe on any thread. */
    val isLocked: Boolean
        get() = handle.get()?.isLocked() ?: true

    /** Unlocks with [passphrase]; throws `InnermostException.WrongPassphrase` otherwise. */
    suspend fun unlock(passphrase: String) = withContext(io) { vault().unlock(passphrase) }

    /** Wipes the data key from memory. Cheap; safe on any thread (e.g. when backgrounded). */
    fun lock() {
        handle.get()?.lock()
    }

    /** Replaces the passphrase; nothing is re-encrypted and the change is atomic. */
    suspend fun changePassphrase(current: String, newPassphrase: String, kdf: KdfParams = defaultKdfParams()) =
        withContext(io) { vault().changePassphrase(current, newPassphrase, kdf) }

    /**
     * Writes a new entry (any kind: see [EntryContent]); it is on disk when this returns.
     * Refused entries throw `InnermostException.InvalidInput` naming the field (for example
     * `pattern_log.felt_safety`) and store nothing.
     */
    suspend fun addEntry(entry: NewEntry): Entry = withContext(io) { vault().addEntry(entry) }

    /** Writes a reflection: the simplest entry, free text with an optional title and prompt. */
    suspend fun addReflection(text: String, title: String? = null, promptKey: String? = null, tags: List<String> = emptyList()): Entry =
        addEntry(NewEntry(EntryContent.Reflection(title, text, promptKey), tags, emptyList()))

    /** Reads one entry (also one in the trash: see `trashedAt`). */
    suspend fun entry(id: EntryId): Entry = withContext(io) { vault().entry(id) }

    /** Replaces what an entry says; its id and creation instant stay. */
    suspend fun updateEntry(id: EntryId, entry: NewEntry): Entry = withContext(io) { vault().updateEntry(id, entry) }

    /** Moves an entry to the trash, from where [restoreEntry] brings it back. */
    suspend fun deleteEntry(id: EntryId) = withContext(io) { vault().deleteEntry(id) }

    /** Brings an entry back from the trash. */
    suspend fun restoreEntry(id: EntryId) = withContext(io) { vault().restoreEntry(id) }

    /** Deletes an entry in the trash for good; its bytes are overwritten. */
    suspend fun purgeEntry(id: EntryId) = withContext(io) { vault().purgeEntry(id) }

    /** Purges what has been in the trash for more than [retentionDays]; returns how many went. */
    suspend fun purgeExpiredTrash(retentionDays: Int = 30): Long =
        withContext(io) { vault().purgeExpiredTrash(retentionDays.toUInt()).toLong() }

    /** A page of the trash, newest first. */
    suspend fun trashedEntries(limit: Int = 50, after: PageCursor? = null): EntryPage =
        withContext(io) { vault().trashedEntries(limit.toUInt(), after) }

    /**
     * A page of journal entries matching [filter], newest first. The first search after
     * unlock opens every entry into memory (tens of milliseconds for 10,000 entries); later
     * ones take a few milliseconds. Text matching ignores case and accents.
     */
    suspend fun search(filter: EntryFilter, limit: Int = 50, after: PageCursor? = null): EntryPage =
        withContext(io) { vault().search(filter, limit.toUInt(), after) }

    /**
     * Pattern insights for entries written in [[from], [until]): top triggers with average
     * safety and urge and what followed them, and a weekly trend (weeks start on Monday in
     * [zone]; weeks without logs are listed, not skipped).
     */
    suspend fun patternInsights(from: Instant, until: Instant, zone: ZoneId = ZoneId.systemDefault()): PatternInsights =
        withContext(io) { vault().patternInsights(from.toEpochMilli(), until.toEpochMilli(), zone.id) }

    /** Entries written on [today]'s day of the year in earlier years, in the person's [zone]. */
    suspend fun onThisDay(today: LocalDate, zone: ZoneId = ZoneId.systemDefault()): List<Entry> =
        withContext(io) { vault().onThisDay(today.toString(), zone.id) }

    /**
     * Saves a draft so no word is lost: a new one when [id] is null, else replaces that draft.
     * Required fields may still be empty.
     */
    suspend fun saveDraft(draft: NewEntry, id: EntryId? = null): Draft = withContext(io) { vault().saveDraft(id, draft) }

    /** Every draft, most recently saved first. */
    suspend fun drafts(): List<Draft> = withContext(io) { vault().drafts() }

    /** Throws a draft away. */
    suspend fun discardDraft(id: EntryId) = withContext(io) { vault().discardDraft(id) }

    /** Turns a draft into an entry with the same id (full checks; a refused finish keeps the draft). */
    suspend fun finishDraft(id: EntryId): Entry = withContext(io) { vault().finishDraft(id) }

    /**
     * One page of the timeline, newest first: up to [limit] (1..500) entries after the
     * cursor [after] (the previous page's `next`), or from the newest entry.
     */
    suspend fun entries(limit: Int = 50, after: PageCursor? = null): EntryPage =
        withContext(io) { vault().entries(limit.toUInt(), after) }

    /** The emotion vocabulary: built-in families with the person's own words added. */
    suspend fun emotionVocabulary(): List<EmotionFamily> = withContext(io) { vault().emotionVocabulary() }

    /** The trigger/theme tags: built-in, then the person's own. */
    suspend fun triggerVocabulary(): List<TriggerTag> = withContext(io) { vault().triggerVocabulary() }

    /** Adds the person's own emotion word to a family (a key such as `"fear"`); stored sealed. */
    suspend fun addCustomEmotion(family: String, label: String): EmotionWord =
        withContext(io) { vault().addCustomEmotion(family, label) }

    /** Adds the person's own trigger/theme tag; stored sealed. */
    suspend fun addCustomTrigger(label: String): TriggerTag = withContext(io) { vault().addCustomTrigger(label) }

    /** Folds the write-ahead log into the main file (e.g. when the app goes to the background). */
    suspend fun checkpoint() = withContext(io) { vault().checkpoint() }

    // ---- Recovery code --------------------------------------------------------------------

    /**
     * Makes a new recovery code and returns it in groups (`7KQ2-M9XD-…`): show it once, it
     * is not stored anywhere. An earlier code stops working. Needs the vault unlocked.
     */
    suspend fun setUpRecoveryCode(kdf: KdfParams = defaultKdfParams()): String =
        withContext(io) { vault().setUpRecoveryCode(kdf) }

    /** Whether a recovery code was set up. Works while locked. */
    suspend fun hasRecoveryCode(): Boolean = withContext(io) { vault().hasRecoveryCode() }

    /**
     * Unlocks with the recovery code (case, spaces and dashes do not matter). A typo is
     * `InvalidInput(field = "code")` before any key derivation; a valid code that is not
     * this vault's is `WrongPassphrase`; `NotFound` if no code was set up.
     */
    suspend fun unlockWithRecoveryCode(code: String) = withContext(io) { vault().unlockWithRecoveryCode(code) }

    /**
     * The forgotten-passphrase path: proves [code] and replaces the passphrase with
     * [newPassphrase] in one transaction. Leaves the vault unlocked; the old passphrase
     * stops working and the recovery code keeps working.
     */
    suspend fun resetPassphraseWithRecoveryCode(code: String, newPassphrase: String, kdf: KdfParams = defaultKdfParams()) =
        withContext(io) { vault().resetPassphraseWithRecoveryCode(code, newPassphrase, kdf) }

    // ---- Platform (biometric) unlock ----------------------------------------------------

    /**
     * Turns on unlocking through [store] (usually an [AndroidKeystorePlatformKeyStore]),
     * replacing an earlier or stale platform slot. Needs the vault unlocked. The store may
     * show a biometric prompt; if the person dismisses it this throws `Interrupted`, and
     * `Unsupported` if the store cannot protect the key. The passphrase keeps working.
     */
    suspend fun enablePlatformUnlock(store: PlatformKeyStore) = withContext(io) { vault().enablePlatformUnlock(store) }

    /** Turns platform unlock off and asks [store] to delete its key. Works while locked. */
    suspend fun disablePlatformUnlock(store: PlatformKeyStore) = withContext(io) { vault().disablePlatformUnlock(store) }

    /**
     * Whether platform unlock is on (`ENROLLED`), off (`NOT_ENROLLED`) or needs turning on
     * again after the key was invalidated (`STALE`). Works while locked: use it to decide
     * whether to offer the biometric button.
     */
    suspend fun platformUnlockState(): PlatformUnlockState = withContext(io) { vault().platformUnlockState() }

    /**
     * Tries to unlock through [store], which may show a biometric prompt. Only
     * [PlatformUnlock.Unlocked] unlocks; every other outcome means "ask for the
     * passphrase" (`Stale`: the key was invalidated, turn platform unlock on again after
     * unlocking; `Cancelled`: the person dismissed the prompt; `Unavailable`: try again
     * later). Failures of the store never throw.
     */
    suspend fun unlockWithPlatformKey(store: PlatformKeyStore): PlatformUnlock =
        withContext(io) { vault().unlockWithPlatformKey(store) }

    // ---- Rituals and reminders -------------------------------------------------------------

    /**
     * Stores a new ritual of connection. Refused rituals throw `InvalidInput` naming the
     * field (e.g. `schedule.cadence`) and store nothing. Needs the vault unlocked (the
     * details are sealed). Call [Reminders.refresh] afterwards so its reminders are armed.
     */
    suspend fun addRitual(ritual: NewRitual): Ritual = withContext(io) { vault().addRitual(ritual) }

    /** Replaces a ritual's kind, details and schedule; its log and pauses stay. Needs the vault unlocked. */
    suspend fun updateRitual(id: RitualId, ritual: NewRitual): Ritual = withContext(io) { vault().updateRitual(id, ritual) }

    /** Reads one ritual. Needs the vault unlocked (its details are sealed). */
    suspend fun ritual(id: RitualId): Ritual = withContext(io) { vault().ritual(id) }

    /** Every ritual, oldest first; archived ones too when [includeArchived]. Needs the vault unlocked. */
    suspend fun rituals(includeArchived: Boolean = false): List<Ritual> =
        withContext(io) { vault().rituals(includeArchived) }

    /** Archives a ritual (no more reminders, history kept) or brings it back. Needs the vault unlocked. */
    suspend fun setRitualArchived(id: RitualId, archived: Boolean) =
        withContext(io) { vault().setRitualArchived(id, archived) }

    /** Deletes a ritual, its pauses and its log for good. Needs the vault unlocked. */
    suspend fun deleteRitual(id: RitualId) = withContext(io) { vault().deleteRitual(id) }

    /** Pauses a ritual's reminders for the dates [from] up to (not including) [until]. Needs the vault unlocked. */
    suspend fun pauseRitual(id: RitualId, from: LocalDate, until: LocalDate): Pause =
        withContext(io) { vault().pauseRitual(id, from.toString(), until.toString()) }

    /** Ends a pause on [today], the person's local date. Needs the vault unlocked. */
    suspend fun resumeRitual(id: RitualId, today: LocalDate) =
        withContext(io) { vault().resumeRitual(id, today.toString()) }

    /** A ritual's pauses, oldest first. Works while locked. */
    suspend fun ritualPauses(id: RitualId): List<Pause> = withContext(io) { vault().ritualPauses(id) }

    /**
     * The reminders to arm from [now] and when to ask again; the same plan locked or
     * unlocked. [missedSince]: reminders due from then on may never have been shown (the
     * phone was off), so the core may add one catch-up per ritual. Apps normally let
     * [Reminders.refresh] call this and arm the result.
     */
    suspend fun planReminders(
        now: Instant,
        zone: ZoneId = ZoneId.systemDefault(),
        budget: Int = 64,
        horizonDays: Int = 365,
        missedSince: Instant? = null,
    ): NotificationPlan = withContext(io) {
        vault().planReminders(
            PlanRequest(now.toEpochMilli(), zone.id, budget.toUInt(), horizonDays.toUInt(), missedSince?.toEpochMilli()),
        )
    }

    /**
     * Records done, skipped or snoozed for an occurrence (a plan item's `occurrenceId`).
     * Works while locked without a [note]; a note needs the vault unlocked.
     */
    suspend fun recordOccurrence(
        occurrenceId: String,
        status: OccurrenceStatus,
        note: String? = null,
        zone: ZoneId = ZoneId.systemDefault(),
    ): OccurrenceRecord = withContext(io) { vault().recordOccurrence(occurrenceId, status, note, zone.id) }

    /** Forgets what was recorded for an occurrence (a Done tapped by mistake). Needs the vault unlocked. */
    suspend fun clearOccurrence(occurrenceId: String) = withContext(io) { vault().clearOccurrence(occurrenceId) }

    /** A ritual's log for the local dates [from] to [to], inclusive. Works while locked; notes only when unlocked. */
    suspend fun occurrenceRecords(ritual: RitualId, from: LocalDate, to: LocalDate): List<OccurrenceRecord> =
        withContext(io) { vault().occurrenceRecords(ritual, from.toString(), to.toString()) }

    /** Planned, done and skipped occurrences per week (Mondays) over the local dates [from] to [to]. Works while locked. */
    suspend fun weeklyAdherence(
        ritual: RitualId,
        from: LocalDate,
        to: LocalDate,
        zone: ZoneId = ZoneId.systemDefault(),
    ): List<WeeklyAdherence> = withContext(io) { vault().weeklyAdherence(ritual, from.toString(), to.toString(), zone.id) }

    /** Quiet hours and the catch-up grace window. Works while locked. */
    suspend fun reminderSettings(): ReminderSettings = withContext(io) { vault().reminderSettings() }

    /** Stores new reminder settings (checked first; needs the vault unlocked); then [Reminders.refresh]. */
    suspend fun setReminderSettings(settings: ReminderSettings) =
        withContext(io) { vault().setReminderSettings(settings) }

    // ---- Progress and setbacks -----------------------------------------------------------
    // Every progress call needs the vault unlocked (it reads or writes sealed values) and
    // throws `InvalidInput` naming the field for bad input, storing nothing. [zone] is the
    // phone's zone: it gives local dates.

    /**
     * Logs a victory, a setback or a recommitment. A setback comes back with the person's
     * plan, reminders of progress and a step to recommit with ([PracticeOutcome.setbackSupport]);
     * [PracticeOutcome.newMilestones] are raised once: celebrate them.
     */
    suspend fun logPractice(event: NewPracticeEvent, zone: ZoneId = ZoneId.systemDefault()): PracticeOutcome =
        withContext(io) { vault().logPractice(event, zone.id) }

    /** Practice events on the local dates [from] to [to] (either bound optional), oldest first. */
    suspend fun practiceEvents(from: LocalDate? = null, to: LocalDate? = null): List<PracticeEvent> =
        withContext(io) { vault().practiceEvents(from?.toString(), to?.toString()) }

    /** Deletes a practice event for good (milestones already raised stay). */
    suspend fun deletePracticeEvent(id: ProgressId) = withContext(io) { vault().deletePracticeEvent(id) }

    /** Pauses practice for the dates [from] up to (not including) [until]: the growth score is frozen, not eased. */
    suspend fun pausePractice(from: LocalDate, until: LocalDate): PracticePause =
        withContext(io) { vault().pausePractice(from.toString(), until.toString()) }

    /** Every practice pause, oldest first. */
    suspend fun practicePauses(): List<PracticePause> = withContext(io) { vault().practicePauses() }

    /** Removes a practice pause. */
    suspend fun deletePracticePause(id: ProgressId) = withContext(io) { vault().deletePracticePause(id) }

    /** Adds a step to the vulnerability ladder. */
    suspend fun addLadderStep(step: NewLadderStep): LadderStep = withContext(io) { vault().addLadderStep(step) }

    /** The ladder from small to deep, with attempts per step. */
    suspend fun ladder(): List<LadderRung> = withContext(io) { vault().ladder() }

    /** The smallest step not yet climbed, or null. */
    suspend fun nextLadderStep(): LadderStep? = withContext(io) { vault().nextLadderStep() }

    /** Deletes a ladder step and its attempts. */
    suspend fun deleteLadderStep(id: ProgressId) = withContext(io) { vault().deleteLadderStep(id) }

    /** Records an attempt of a step with predicted and actual anxiety (0-10). */
    suspend fun recordLadderAttempt(attempt: NewLadderAttempt, zone: ZoneId = ZoneId.systemDefault()): LadderAttemptOutcome =
        withContext(io) { vault().recordLadderAttempt(attempt, zone.id) }

    /** Attempts of one step, or of every step when [step] is null, oldest first. */
    suspend fun ladderAttempts(step: ProgressId? = null): List<LadderAttempt> =
        withContext(io) { vault().ladderAttempts(step) }

    /** Deletes one attempt for good, say one logged against the wrong step; the step and its other attempts stay. */
    suspend fun deleteLadderAttempt(id: ProgressId) = withContext(io) { vault().deleteLadderAttempt(id) }

    /** Predicted against actual anxiety over every attempt. */
    suspend fun ladderStats(): LadderStats = withContext(io) { vault().ladderStats() }

    /** The built-in reflection scales, then the person's own measures. */
    suspend fun measures(): List<Measure> = withContext(io) { vault().measures() }

    /** Stores a measure the person or their therapist defined. */
    suspend fun addMeasure(definition: MeasureDefinition): Measure = withContext(io) { vault().addMeasure(definition) }

    /** Answers a measure now: one answer per item, within its range. */
    suspend fun recordMeasureResponse(
        measureId: String,
        answers: List<UInt>,
        zone: ZoneId = ZoneId.systemDefault(),
    ): MeasureResponseOutcome = withContext(io) { vault().recordMeasureResponse(measureId, answers, zone.id) }

    /** Responses to one measure, oldest first, scored. */
    suspend fun measureResponses(measureId: String): List<MeasureResponse> =
        withContext(io) { vault().measureResponses(measureId) }

    /** Deletes one response for good, to any measure including the built-in scales. */
    suspend fun deleteMeasureResponse(id: ProgressId) = withContext(io) { vault().deleteMeasureResponse(id) }

    /**
     * Deletes one of the person's own measures together with every response to it, in one
     * transaction, and returns how many responses went: tell the person how many answers
     * ([measureResponses]) before calling it. A built-in scale is `InvalidInput` on `measure_id`.
     */
    suspend fun deleteMeasure(measureId: String): UInt = withContext(io) { vault().deleteMeasure(measureId) }

    /** Stores the setback plan, replacing the previous one. */
    suspend fun setSetbackPlan(plan: SetbackPlan) = withContext(io) { vault().setSetbackPlan(plan) }

    /** The setback plan, or null when none was written. */
    suspend fun setbackPlan(): SetbackPlan? = withContext(io) { vault().setbackPlan() }

    /** How far the person has come, from their own record. */
    suspend fun progressReminders(zone: ZoneId = ZoneId.systemDefault()): ProgressReminders =
        withContext(io) { vault().progressReminders(zone.id) }

    /** Stores the streak settings (streaks are off by default). */
    suspend fun setStreakSettings(settings: StreakSettings) = withContext(io) { vault().setStreakSettings(settings) }

    /** The streak settings. */
    suspend fun streakSettings(): StreakSettings = withContext(io) { vault().streakSettings() }

    /** The streak today, or null while streaks are off. */
    suspend fun streak(zone: ZoneId = ZoneId.systemDefault()): StreakStatus? = withContext(io) { vault().streak(zone.id) }

    /** The growth score today (0 to 1) with the reasons it moved. */
    suspend fun growthScore(zone: ZoneId = ZoneId.systemDefault()): GrowthScore =
        withContext(io) { vault().growthScore(zone.id) }

    /** Every milestone raised so far, oldest first. */
    suspend fun milestones(): List<Milestone> = withContext(io) { vault().milestones() }

    /**
     * Raises milestones the record reached and returns only the new ones. Call it after
     * unlocking, after a ritual occurrence is marked done, a setback plan is saved or an
     * import: progress writes raise only the milestones of their own kind, and the rest
     * (a ritual kept four weeks, the setback plan, what an import brought) wait for this check.
     */
    suspend fun checkMilestones(zone: ZoneId = ZoneId.systemDefault()): List<Milestone> =
        withContext(io) { vault().checkMilestones(zone.id) }

    /** Weekly aggregates and first-month-against-last comparisons for the local dates [from] to [to]. */
    suspend fun progressTrends(from: LocalDate, to: LocalDate, zone: ZoneId = ZoneId.systemDefault()): ProgressTrends =
        withContext(io) { vault().progressTrends(from.toString(), to.toString(), zone.id) }

    /**
     * A report for therapy in [format], as bytes the app hands to a share sheet or a file
     * the person picks: nothing is written by the core. The same request over the same
     * record gives the same bytes; nothing unpicked leaves the vault. A refused request is
     * `InvalidInput` naming the request's field.
     *
     * [fonts] matters for PDF only: font files (bytes) in order of preference, e.g. read
     * from `/system/fonts` (`NotoSans-Regular.ttf`, then the CJK and other Noto fonts the
     * person's writing needs), embedded as subsets. Empty means the standard Helvetica,
     * which covers Western European text only; a character no font covers is refused with
     * `InvalidInput` on `fonts`, never dropped.
     */
    suspend fun renderReport(
        request: ReportRequest,
        format: ReportFormat,
        fonts: List<ByteArray> = emptyList(),
    ): ByteArray = withContext(io) { vault().renderReport(request, format, fonts) }

    /**
     * Runs [block] with the generated vault, on the caller's thread (for the reminders
     * shell, which plans and arms in one step on its own background thread).
     */
    internal fun <T> withRawVault(block: (Vault) -> T): T = block(vault())

    // ---- Key rotation ---------------------------------------------------------------------

    /**
     * Makes a new data key and re-encrypts everything in one transaction (interrupted at
     * any moment, the vault keeps the old key or the new one, never neither). [passphrase]
     * (the current one) is rewrapped under [kdf]. A recovery code is replaced: show
     * [RotationOutcome.recoveryCode] once. Platform slots are removed: pass the app's
     * [platformKeyStore] so their keys are deleted from it too, then turn platform unlock on
     * again. Progress counts values.
     */
    suspend fun rotateDataKey(
        passphrase: String,
        kdf: KdfParams = defaultKdfParams(),
        platformKeyStore: PlatformKeyStore? = null,
        onProgress: ProgressCallback? = null,
    ): RotationOutcome = withProgress(io, onProgress) {
        vault().rotateDataKey(passphrase, kdf, platformKeyStore, it)
    }

    // ---- Backups --------------------------------------------------------------------------

    /**
     * Writes an encrypted backup of the whole vault to [destination] (which must not
     * exist), keyed by [secret] through Argon2id with [kdf]. Needs the vault unlocked. A
     * stopped or failed backup leaves nothing under [destination]. Progress counts bytes.
     */
    suspend fun writeBackup(
        destination: File,
        secret: BackupSecret,
        kdf: KdfParams = defaultKdfParams(),
        onProgress: ProgressCallback? = null,
    ): BackupSummary = withProgress(io, onProgress) { vault().writeBackup(destination.path, secret, kdf, it) }

    /**
     * Replaces this vault with the one inside [backup], only after the whole backup
     * checked out (a damaged backup leaves this vault exactly as it was). Afterwards the
     * vault is locked and opens with the backed-up vault's passphrase or recovery code.
     */
    suspend fun replaceWithBackup(
        backup: File,
        secret: BackupSecret,
        onProgress: ProgressCallback? = null,
    ): BackupSummary = withProgress(io, onProgress) { vault().replaceWithBackup(backup.path, secret, it) }

    /**
     * Turns automatic backups on, or changes their secret. The backup key is derived from
     * [secret] once, now, and kept sealed in the vault, so [runAutomaticBackup] never asks
     * for it. Needs the vault unlocked.
     */
    suspend fun configureAutomaticBackups(secret: BackupSecret, kdf: KdfParams = defaultKdfParams()) =
        withContext(io) { vault().configureAutomaticBackups(secret, kdf) }

    /** Whether automatic backups are on. Works while locked. */
    suspend fun automaticBackupsConfigured(): Boolean = withContext(io) { vault().automaticBackupsConfigured() }

    /** Turns automatic backups off; the backup files already written stay. */
    suspend fun turnOffAutomaticBackups() = withContext(io) { vault().turnOffAutomaticBackups() }

    /**
     * Writes a new automatic backup into [directory] (an existing directory, e.g. from a
     * `WorkManager` job) and removes the oldest ones beyond [keep] (1 to 100). Only files
     * named like automatic backups are ever removed. Needs the vault unlocked and automatic
     * backups configured (`NotFound` otherwise).
     */
    suspend fun runAutomaticBackup(
        directory: File,
        keep: Int,
        onProgress: ProgressCallback? = null,
    ): AutomaticBackup = withProgress(io, onProgress) { vault().runAutomaticBackup(directory.path, keep.toUInt(), it) }

    // ---- Export, import, deletion, integrity ----------------------------------------------

    /**
     * Writes everything the person wrote as readable, **unencrypted** JSON to
     * [destination] (which must not exist). Only on the person's explicit request, and
     * into a place they chose. Progress counts entries.
     */
    suspend fun exportJson(destination: File, onProgress: ProgressCallback? = null): ExportSummary =
        withProgress(io, onProgress) { vault().exportJson(destination.path, it) }

    /**
     * Adds what an export at [source] holds, keeping ids and instants; items already
     * present are skipped. The first refused item stops the import with nothing added.
     * Progress counts items.
     */
    suspend fun importJson(source: File, onProgress: ProgressCallback? = null): ImportSummary =
        withProgress(io, onProgress) { vault().importJson(source.path, it) }

    /**
     * Deletes the vault for good: the key slots first (so nothing left on the storage can
     * be decrypted), then the files, and the automatic backups in [backupsDirectory] if
     * given. Works locked or unlocked. This object is closed afterwards, even if the call
     * failed part-way.
     */
    suspend fun deleteEverything(backupsDirectory: File? = null) = withContext(io) {
        val vault = vault()
        try {
            vault.deleteEverything(backupsDirectory?.path)
        } finally {
            if (handle.compareAndSet(vault, null)) vault.close()
        }
    }

    /** Runs SQLite's integrity check over the file; `Corrupted` if it finds damage. */
    suspend fun integrityCheck() = withContext(io) { vault().integrityCheck() }

    /** The vault file. */
    val file: File
        get() = File(vault().path())

    /**
     * Locks, closes the file and releases the Rust object. Idempotent. Errors while
     * closing are thrown once; the object is released regardless.
     */
    override fun close() {
        val vault = handle.getAndSet(null) ?: return
        try {
            vault.closeVault()
        } finally {
            vault.close()
        }
    }
}
