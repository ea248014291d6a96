// The Swift shell over the Rust core: an async facade around the uniffi-generated `Vault`.
//
// Everything the generated module declares (`Entry`, `EntryPage`, `EntryId`, `PageCursor`,
// `Timestamp`, `KdfParams`, `KdfCalibration`, `InnermostError`, `BackupSecret`,
// `PlatformKeyStore`, `PlatformUnlock`, `defaultKdfParams()`, ...) is re-exported, so apps
// need only `import Innermost`.

import Foundation
@_exported import InnermostFFI

/// The app's handle on one encrypted Innermost journal: a thin async facade over the
/// uniffi-generated `Vault`.
///
/// ```swift
/// import Innermost
///
/// let vault = try await InnermostVault.create(at: journalURL, passphrase: passphrase)
/// let entry = try await vault.addReflection(text: "Walked home the long way.")
/// vault.lock()
/// try await vault.unlock(passphrase: passphrase)
/// let page = try await vault.entries(limit: 50)
/// try await vault.close()
/// ```
///
/// ## Threading
///
/// Every call that touches the disk or runs the key derivation is `async` and runs on a
/// global dispatch queue (QoS `.userInitiated`), never on the caller's thread. Call them
/// from the main actor freely: the UI never waits on Argon2id (hundreds of milliseconds by
/// design) or on a durable SQLite commit (an fsync). The Rust object is thread-safe and
/// serialises calls internally, so any number of tasks may share one `InnermostVault`.
///
/// Cancelling the awaiting `Task` does not interrupt a call already handed to the core: it
/// runs to completion, and a write that completes is on disk. The exceptions are the long
/// calls that take a ``ProgressHandler`` (key rotation, backups, restore, verify, export,
/// import): cancelling stops them at the next batch with `CancellationError`, having
/// changed nothing. `lock()` and `isLocked` are synchronous and cheap (see their documentation).
///
/// ## Other ways in, backups and the export
///
/// * Recovery code: ``setUpRecoveryCode(kdf:)``, ``unlockWithRecoveryCode(code:)``,
///   ``resetPassphraseWithRecoveryCode(code:newPassphrase:kdf:)``, ``checkRecoveryCode(_:)``.
/// * Platform unlock (Face ID, Touch ID, passcode) through a ``KeychainPlatformKeyStore``:
///   ``enablePlatformUnlock(store:)``, ``unlockWithPlatformKey(store:)``,
///   ``platformUnlockState()``, ``disablePlatformUnlock(store:)``.
/// * Key rotation: ``rotateDataKey(passphrase:kdf:platformKeyStore:progress:)``.
/// * Encrypted backups: ``writeBackup(to:secret:kdf:progress:)``,
///   ``runAutomaticBackup(in:keep:progress:)``, ``verifyBackup(at:secret:progress:)``,
///   ``restoreBackup(at:secret:to:progress:)``, ``replaceWithBackup(_:secret:progress:)``.
///   On iOS, backup files get `FileProtectionType.complete`.
/// * The open (unencrypted) JSON export: ``exportJson(to:progress:)``,
///   ``importJson(from:progress:)``.
/// * ``deleteEverything(backupsDirectory:)`` and ``integrityCheck()``.
/// * Rituals and their reminders: ``addRitual(_:)``, ``rituals(includeArchived:)``,
///   ``pauseRitual(id:from:until:)``, ``recordOccurrence(_:status:note:timeZone:)``,
///   ``planReminders(now:timeZone:budget:horizonDays:missedSince:)`` and the rest of that
///   section; planning and recording without a note work while locked. Arming the plan as
///   notifications is ``ReminderScheduler``'s job, driven by ``ReminderRefresh``.
///
/// ## Lifecycle
///
/// * ``create(at:passphrase:kdf:)`` makes a new vault file and returns it **unlocked**;
///   ``open(at:)`` opens an existing one **locked**.
/// * ``lock()`` wipes the data key from memory, e.g. when the app moves to the background
///   or after a period of inactivity; ``unlock(passphrase:)`` derives it again.
/// * ``close()`` locks, closes the file and reports any error; afterwards every call throws
///   `InnermostError.Storage`. Releasing the last reference also closes the file (errors are
///   then not reported), so call ``close()`` when the owner's scope ends.
/// * Keep one `InnermostVault` per file per process and share it.
///
/// ## Errors
///
/// Every throwing method throws ``InnermostError`` (from the generated module, re-exported
/// here), except that the long calls taking a ``ProgressHandler`` throw `CancellationError`
/// when their task is cancelled. Its cases are spelled as in Rust (UpperCamelCase):
///
/// * `.Locked`: the vault is locked; unlock it, then retry.
/// * `.WrongPassphrase`: the passphrase does not open the vault; nothing changed.
/// * `.NotFound(what:)`: no such entry (or vault file).
/// * `.InvalidInput(field:reason:)`: an argument was refused before anything was stored;
///   `field` is the API name, e.g. `"text"`, `"limit"`, `"id"`, `"path"`, `"memory_kib"`.
///   A file that is not an Innermost vault, or an existing file passed to `create`, is
///   `.InvalidInput(field: "path", ...)`.
/// * `.Corrupted(what:)`: stored data failed an integrity check; the file is left as it is.
/// * `.Storage(detail:)`: the file system or SQLite failed, or the vault was closed.
/// * `.Interrupted`: interrupted before it committed; nothing changed.
/// * `.Unsupported(what:)`: e.g. a vault written by a newer version of Innermost.
/// * `.Internal(detail:)`: a bug in Innermost.
///
/// No case ever carries anything the person wrote, their passphrase or a file path, so
/// errors may be logged and sent in crash reports.
///
/// ## Passphrases
///
/// Passphrases cross as `String` because that is what the bindings take. The core copies
/// them into memory it wipes after use; Swift strings cannot be wiped, so do not keep them
/// longer than needed, and never log them.
///
/// ## File protection (iOS Data Protection)
///
/// Choosing the Data Protection class of the vault is the app's job; this type does not set
/// it. Use `FileProtectionType.completeUntilFirstUserAuthentication` for the vault's
/// directory and file, not `.complete`:
///
/// * What someone writes is already sealed by the core (AES-256-GCM under a data key that
///   is itself wrapped with a key derived from the passphrase, which is never stored), with
///   or without Data Protection. What remains readable in the file is metadata: timestamps,
///   counts and, for reminders, the schedule columns that stay in plaintext on purpose so
///   reminders can be planned while the vault is locked.
/// * Reminders must be re-planned after a reboot, in the background, between the first
///   device unlock and the next time the person opens the app. With `.complete` the file is
///   unreadable whenever the device is locked (from about 10 seconds after locking), so
///   that background work would fail.
/// * SQLite keeps the vault open in WAL mode with a memory-mapped `-shm` file. Under
///   `.complete`, a write in flight when the device locks fails with `.Storage`, and access
///   to the mapped file can fault.
/// * `.completeUntilFirstUserAuthentication` still protects the file on a device that has
///   been switched off or rebooted and not yet unlocked.
///
/// New files inherit the class of the directory they are created in, so set it on a
/// dedicated directory **before** creating the vault; the `-wal` and `-shm` files that
/// SQLite creates later then get it too:
///
/// ```swift
/// let protection = FileProtectionType.completeUntilFirstUserAuthentication
/// let directory = try FileManager.default
///     .url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
///     .appendingPathComponent("Journal", isDirectory: true)
/// try FileManager.default.createDirectory(
///     at: directory,
///     withIntermediateDirectories: true,
///     attributes: [.protectionKey: protection]
/// )
/// let file = directory.appendingPathComponent("journal.innermost")
/// let vault = try await InnermostVault.create(at: file, passphrase: passphrase)
/// try FileManager.default.setAttributes([.protectionKey: protection], ofItemAtPath: file.path)
/// ```
public final class InnermostVault: @unchecked Sendable {
    // Why `@unchecked Sendable` is sound: the compiler cannot see into the Rust object, but
    // both stored properties are immutable (`let`), `URL` is Sendable, and the generated
    // `Vault` is a handle to a Rust `Arc<Vault>` whose state sits behind a mutex, so calls
    // from any thread at any time are safe (uniffi declares `Vault` itself
    // `@unchecked Sendable` for the same reason). A mutable stored property added here
    // would need its own synchronisation.

    /// The vault file this object was created or opened with.
    public let url: URL

    /// The generated handle; every call into Rust goes through it.
    private let vault: Vault

    private init(vault: Vault, url: URL) {
        self.vault = vault
        self.url = url
    }

    // MARK: - Creating and opening

    /// Creates a new vault file at `url`, protected by `passphrase`, and returns it unlocked.
    ///
    /// The file appears only once it is complete (it is built beside `url` and renamed into
    /// place), so a crash never leaves a half-made vault; the directory must exist and be
    /// writable. An existing file is never overwritten.
    ///
    /// Set the directory's Data Protection class before calling this (see the type's
    /// documentation).
    ///
    /// - Parameters:
    ///   - url: A file URL for the new vault, e.g. `<Application Support>/Journal/journal.innermost`.
    ///   - passphrase: The passphrase (1 to 1,024 bytes, not only whitespace).
    ///   - kdf: Argon2id cost. Defaults to `defaultKdfParams()` (64 MiB, 3 passes, 4 lanes);
    ///     ``calibrate(targetMilliseconds:memoryKib:lanes:)`` picks values for this device.
    /// - Returns: The new vault, unlocked.
    /// - Throws: ``InnermostError``: `.InvalidInput(field: "path", ...)` if `url` is not a file
    ///   URL or a file already exists there; `.InvalidInput(field: "passphrase", ...)`;
    ///   `.InvalidInput` naming the KDF field (e.g. `"memory_kib"`) for parameters under the
    ///   safety floor; `.Storage` if the file cannot be written.
    public static func create(
        at url: URL,
        passphrase: String,
        kdf: KdfParams = defaultKdfParams()
    ) async throws -> InnermostVault {
        let path = try filePath(of: url)
        let vault = try await offload {
            try Vault.create(path: path, passphrase: passphrase, kdf: kdf)
        }
        return InnermostVault(vault: vault, url: url)
    }

    /// Opens an existing vault file, locked.
    ///
    /// A file that is not an Innermost vault, is damaged or was written by a newer version is
    /// reported and never modified.
    ///
    /// - Parameter url: The vault file's URL.
    /// - Returns: The vault, locked; call ``unlock(passphrase:)`` next.
    /// - Throws: ``InnermostError``: `.NotFound` if there is no file; `.InvalidInput(field: "path", ...)`
    ///   for a file that is not a vault; `.Corrupted`; `.Unsupported` for a newer vault;
    ///   `.Storage`.
    public static func open(at url: URL) async throws -> InnermostVault {
        let path = try filePath(of: url)
        let vault = try await offload {
            try Vault.open(path: path)
        }
        return InnermostVault(vault: vault, url: url)
    }

    /// Measures this device and picks Argon2id parameters that make unlocking take about
    /// `targetMilliseconds` (never below the safety floor).
    ///
    /// Takes as long as one probe derivation. Call it once, when creating a vault or changing
    /// the passphrase, and pass `calibration.params` as `kdf`.
    ///
    /// - Parameters:
    ///   - targetMilliseconds: The unlock time to aim for.
    ///   - memoryKib: Memory cost in KiB (at least 19,456; default 64 MiB).
    ///   - lanes: Parallel lanes (1 to 16).
    /// - Returns: The chosen parameters and what was measured.
    /// - Throws: ``InnermostError``: `.InvalidInput` for out-of-range arguments.
    public static func calibrate(
        targetMilliseconds: UInt32 = 500,
        memoryKib: UInt32 = 64 * 1024,
        lanes: UInt32 = 4
    ) async throws -> KdfCalibration {
        try await offload {
            try calibrateKdf(targetMs: targetMilliseconds, memoryKib: memoryKib, lanes: lanes)
        }
    }

    // MARK: - Locking

    /// Whether the data key is absent: `true` after ``open(at:)``, ``lock()`` and ``close()``.
    ///
    /// Synchronous and cheap; safe on any thread. It may wait for a database call already
    /// in progress on another thread (one SQLite transaction, never the key derivation).
    public var isLocked: Bool {
        vault.isLocked()
    }

    /// Wipes the data key from memory. Idempotent; does nothing to a closed vault.
    ///
    /// Synchronous so it can run directly in a scene-phase or app-lifecycle handler. It may
    /// wait for a database call already in progress on another thread (one SQLite
    /// transaction, never the key derivation).
    ///
    /// An ``unlock(passphrase:)`` that is still deriving its key when `lock()` runs completes
    /// afterwards and leaves the vault unlocked: if the app moved to the background
    /// meanwhile, call `lock()` again once that unlock returns.
    public func lock() {
        vault.lock()
    }

    /// Unlocks the vault with `passphrase`.
    ///
    /// Runs Argon2id (by design hundreds of milliseconds), off the caller's thread.
    ///
    /// - Throws: ``InnermostError``: `.WrongPassphrase` if it does not open the vault (the
    ///   vault stays as it was); `.InvalidInput(field: "passphrase", ...)` for an empty one;
    ///   `.Storage` once closed.
    public func unlock(passphrase: String) async throws {
        try await offload { [vault] in
            try vault.unlock(passphrase: passphrase)
        }
    }

    /// Replaces the passphrase. Nothing is re-encrypted: the data key is rewrapped in one
    /// transaction, so an interruption leaves a vault that opens with the old passphrase or
    /// the new one. Works whether the vault is locked or not.
    ///
    /// - Parameters:
    ///   - current: The passphrase that opens the vault now.
    ///   - newPassphrase: The replacement.
    ///   - kdf: Argon2id cost for the new passphrase (default `defaultKdfParams()`).
    /// - Throws: ``InnermostError``: `.WrongPassphrase` if `current` is wrong;
    ///   `.InvalidInput` naming `"current"`, `"new_passphrase"` or a KDF field.
    public func changePassphrase(
        current: String,
        newPassphrase: String,
        kdf: KdfParams = defaultKdfParams()
    ) async throws {
        try await offload { [vault] in
            try vault.changePassphrase(current: current, newPassphrase: newPassphrase, kdf: kdf)
        }
    }

    // MARK: - Journal

    /// Writes a new entry of any kind (see `EntryContent`). It is on disk (committed and
    /// synced) when this returns.
    ///
    /// - Returns: The stored entry, with its new id and timestamps.
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput(field:reason:)` naming the kind
    ///   and field (for example `"pattern_log.felt_safety"`); nothing is stored then.
    public func addEntry(_ entry: NewEntry) async throws -> Entry {
        try await offload { [vault] in
            try vault.addEntry(entry: entry)
        }
    }

    /// Writes a reflection: free text with an optional title and the prompt it answers.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput(field: "reflection.text", ...)`.
    public func addReflection(
        text: String,
        title: String? = nil,
        promptKey: String? = nil,
        tags: [String] = []
    ) async throws -> Entry {
        let content = EntryContent.reflection(title: title, text: text, promptKey: promptKey)
        return try await addEntry(NewEntry(content: content, tags: tags, links: []))
    }

    /// Reads one entry.
    ///
    /// - Parameter id: The entry's id (from ``Entry/id``).
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`; `.InvalidInput(field: "id", ...)`
    ///   for text that is not an entry id; `.Corrupted` if it fails its integrity check.
    public func entry(id: EntryId) async throws -> Entry {
        try await offload { [vault] in
            try vault.entry(id: id)
        }
    }

    /// Replaces what an entry says (its `updatedAt` changes, its `createdAt` does not).
    ///
    /// - Returns: The entry as stored now.
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`; `.InvalidInput` naming the field,
    ///   or `"id"` for an entry in the trash (restore it first).
    public func updateEntry(id: EntryId, entry: NewEntry) async throws -> Entry {
        try await offload { [vault] in
            try vault.updateEntry(id: id, entry: entry)
        }
    }

    /// Replaces an entry with a reflection holding `text`.
    public func updateReflection(id: EntryId, text: String) async throws -> Entry {
        let content = EntryContent.reflection(title: nil, text: text, promptKey: nil)
        return try await updateEntry(id: id, entry: NewEntry(content: content, tags: [], links: []))
    }

    /// Brings an entry back from the trash.
    public func restoreEntry(id: EntryId) async throws {
        try await offload { [vault] in
            try vault.restoreEntry(id: id)
        }
    }

    /// Deletes an entry that is in the trash for good; its bytes are overwritten.
    public func purgeEntry(id: EntryId) async throws {
        try await offload { [vault] in
            try vault.purgeEntry(id: id)
        }
    }

    /// Purges what has been in the trash for more than `retentionDays`.
    ///
    /// - Returns: How many entries went.
    public func purgeExpiredTrash(retentionDays: UInt32 = 30) async throws -> UInt64 {
        try await offload { [vault] in
            try vault.purgeExpiredTrash(retentionDays: retentionDays)
        }
    }

    /// A page of the trash, newest first.
    public func trashedEntries(limit: UInt32 = 50, after: PageCursor? = nil) async throws -> EntryPage {
        try await offload { [vault] in
            try vault.trashedEntries(limit: limit, after: after)
        }
    }

    /// A page of journal entries matching `filter`, newest first. The first search after
    /// unlock opens every entry into memory (tens of milliseconds for 10,000 entries);
    /// later ones take a few milliseconds. Text matching ignores case and accents.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput` naming the filter field.
    public func search(_ filter: EntryFilter, limit: UInt32 = 50, after: PageCursor? = nil) async throws -> EntryPage {
        try await offload { [vault] in
            try vault.search(filter: filter, limit: limit, after: after)
        }
    }

    /// Pattern insights for entries written in `[from, until)`: top triggers with average
    /// safety and urge and what followed them, and a weekly trend (weeks start on Monday in
    /// `timeZone`; weeks without logs are listed, not skipped).
    public func patternInsights(from: Date, until: Date, timeZone: TimeZone = .current) async throws -> PatternInsights {
        let start = Int64((from.timeIntervalSince1970 * 1000).rounded(.down))
        let end = Int64((until.timeIntervalSince1970 * 1000).rounded(.down))
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.patternInsights(from: start, until: end, zone: zone)
        }
    }

    /// Entries written on this day of the year in earlier years, in the person's calendar.
    ///
    /// - Parameters:
    ///   - date: Any instant of today.
    ///   - calendar: The calendar whose time zone decides what "today" and "this day" are.
    public func onThisDay(_ date: Date = Date(), in calendar: Calendar = .current) async throws -> [Entry] {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let today = String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        let zone = calendar.timeZone.identifier
        return try await offload { [vault] in
            try vault.onThisDay(today: today, zone: zone)
        }
    }

    /// Saves a draft so no word is lost: a new one when `id` is nil, else replaces that
    /// draft. Required fields may still be empty.
    public func saveDraft(_ draft: NewEntry, id: EntryId? = nil) async throws -> Draft {
        try await offload { [vault] in
            try vault.saveDraft(id: id, draft: draft)
        }
    }

    /// Every draft, most recently saved first.
    public func drafts() async throws -> [Draft] {
        try await offload { [vault] in
            try vault.drafts()
        }
    }

    /// Throws a draft away.
    public func discardDraft(id: EntryId) async throws {
        try await offload { [vault] in
            try vault.discardDraft(id: id)
        }
    }

    /// Turns a draft into an entry with the same id, after the full checks (a refused finish
    /// keeps the draft).
    public func finishDraft(id: EntryId) async throws -> Entry {
        try await offload { [vault] in
            try vault.finishDraft(id: id)
        }
    }

    /// Moves an entry to the trash, from where ``restoreEntry(id:)`` brings it back.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`; `.InvalidInput(field: "id", ...)`.
    public func deleteEntry(id: EntryId) async throws {
        try await offload { [vault] in
            try vault.deleteEntry(id: id)
        }
    }

    /// One page of the timeline, newest first.
    ///
    /// Pass the previous page's `next` as `after` to get the following (older) page;
    /// `next` is `nil` on the last page.
    ///
    /// ```swift
    /// var cursor: PageCursor? = nil
    /// repeat {
    ///     let page = try await vault.entries(limit: 50, after: cursor)
    ///     show(page.entries)
    ///     cursor = page.next
    /// } while cursor != nil
    /// ```
    ///
    /// - Parameters:
    ///   - limit: At most this many entries (1 to 500).
    ///   - after: A cursor from a previous page, or `nil` to start at the newest entry.
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput(field: "limit", ...)`;
    ///   `.InvalidInput(field: "after", ...)` for a malformed cursor; `.Corrupted` if an entry
    ///   on the page fails its integrity check (it is never skipped silently).
    public func entries(limit: Int = 50, after: PageCursor? = nil) async throws -> EntryPage {
        guard let pageSize = UInt32(exactly: limit) else {
            throw InnermostError.InvalidInput(field: "limit", reason: "must be between 1 and 500")
        }
        return try await offload { [vault] in
            try vault.entries(limit: pageSize, after: after)
        }
    }

    // MARK: - Vocabulary

    /// The emotion vocabulary: the built-in families with the person's own words added.
    ///
    /// - Throws: ``InnermostError``: `.Locked` while locked.
    public func emotionVocabulary() async throws -> [EmotionFamily] {
        try await offload { [vault] in
            try vault.emotionVocabulary()
        }
    }

    /// The trigger/theme tags: built-in, then the person's own.
    ///
    /// - Throws: ``InnermostError``: `.Locked` while locked.
    public func triggerVocabulary() async throws -> [TriggerTag] {
        try await offload { [vault] in
            try vault.triggerVocabulary()
        }
    }

    /// Adds the person's own emotion word (1 to 40 characters) to a family such as `"fear"`.
    /// Stored sealed.
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput(field: "family")` for an unknown family,
    ///   `.InvalidInput(field: "label")` for an empty, too long or duplicate label.
    public func addCustomEmotion(family: String, label: String) async throws -> EmotionWord {
        try await offload { [vault] in
            try vault.addCustomEmotion(family: family, label: label)
        }
    }

    /// Adds the person's own trigger/theme tag (1 to 40 characters). Stored sealed.
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput(field: "label")` for a bad or duplicate label.
    public func addCustomTrigger(label: String) async throws -> TriggerTag {
        try await offload { [vault] in
            try vault.addCustomTrigger(label: label)
        }
    }

    /// The reflection prompt for the person's calendar day containing `date`.
    /// Deterministic, cheap and available while locked.
    ///
    /// - Parameters:
    ///   - date: Any instant of the day.
    ///   - calendar: The calendar (and time zone) that decides which day it is.
    public static func promptOfTheDay(for date: Date, in calendar: Calendar = .current) throws -> Prompt {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        return try InnermostFFI.promptOfTheDay(date: text)
    }

    // MARK: - Maintenance

    /// Folds the write-ahead log into the main file and truncates the log.
    ///
    /// Call it before copying the file (a backup or export) and when the app moves to the
    /// background. Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func checkpoint() async throws {
        try await offload { [vault] in
            try vault.checkpoint()
        }
    }

    /// Locks the vault and closes its file, reporting any error. Idempotent.
    ///
    /// Afterwards every call throws `InnermostError.Storage`, ``isLocked`` is `true` and
    /// ``lock()`` does nothing. To use the file again, ``open(at:)`` it.
    ///
    /// - Throws: ``InnermostError``: `.Storage` if SQLite could not close the file cleanly.
    public func close() async throws {
        try await offload { [vault] in
            try vault.closeVault()
        }
    }
}

// MARK: - Recovery code

extension InnermostVault {
    /// Makes a new recovery code and returns it, for the app to show **once**: the way back
    /// in when the passphrase is forgotten. Any earlier code stops working at the same
    /// moment. The code is not stored anywhere; ask the person to write it down.
    ///
    /// The code is 28 letters and digits in seven groups of four, e.g.
    /// `7KQ2-M9XD-4TRA-0PZH-W6C8-N3VB-YE5K`. Reading it back forgives lower case, spaces
    /// instead of dashes, `O` for `0` and `I`/`L` for `1`.
    ///
    /// Runs Argon2id once (hundreds of milliseconds with the default parameters).
    ///
    /// - Parameter kdf: Argon2id cost for the recovery slot (default `defaultKdfParams()`).
    /// - Returns: The code, grouped with dashes.
    /// - Throws: ``InnermostError``: `.Locked` (it needs the unlocked vault);
    ///   `.InvalidInput` naming a KDF field.
    public func setUpRecoveryCode(kdf: KdfParams = defaultKdfParams()) async throws -> String {
        try await offload { [vault] in
            try vault.setUpRecoveryCode(kdf: kdf)
        }
    }

    /// Whether a recovery code was set up. Works while locked, e.g. to decide whether the
    /// unlock screen offers "Forgot your passphrase?".
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func hasRecoveryCode() async throws -> Bool {
        try await offload { [vault] in
            try vault.hasRecoveryCode()
        }
    }

    /// Unlocks with the recovery code, as the person typed it.
    ///
    /// A typo is caught before any key derivation (see ``checkRecoveryCode(_:)``, which the
    /// app can call while the person types).
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput(field: "code", ...)` for a mistyped code;
    ///   `.WrongPassphrase` for a well-formed code that is not this vault's;
    ///   `.NotFound(what: "recovery code")` if none was set up.
    public func unlockWithRecoveryCode(code: String) async throws {
        try await offload { [vault] in
            try vault.unlockWithRecoveryCode(code: code)
        }
    }

    /// The forgotten-passphrase path: proves the recovery code and replaces the passphrase
    /// in one transaction. Leaves the vault unlocked; the recovery code keeps working.
    ///
    /// - Parameters:
    ///   - code: The recovery code as typed.
    ///   - newPassphrase: The new passphrase.
    ///   - kdf: Argon2id cost for the new passphrase (default `defaultKdfParams()`).
    /// - Throws: ``InnermostError``: as ``unlockWithRecoveryCode(code:)``, and
    ///   `.InvalidInput(field: "new_passphrase", ...)`.
    public func resetPassphraseWithRecoveryCode(
        code: String,
        newPassphrase: String,
        kdf: KdfParams = defaultKdfParams()
    ) async throws {
        try await offload { [vault] in
            try vault.resetPassphraseWithRecoveryCode(code: code, newPassphrase: newPassphrase, kdf: kdf)
        }
    }

    /// Checks a typed recovery code's length, letters and check letters, without any key
    /// derivation: cheap enough to call on every keystroke to flag a typo at once. Every
    /// single mistyped character and every swap of two characters is caught.
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput(field: "code", reason:)`; `reason`
    ///   says what is wrong (length, a character position, or the check letters) and never
    ///   repeats the code.
    public static func checkRecoveryCode(_ code: String) throws {
        try InnermostFFI.checkRecoveryCode(code: code)
    }
}

// MARK: - Platform unlock

extension InnermostVault {
    /// Turns on unlocking through `store` (e.g. a ``KeychainPlatformKeyStore`` for Face ID),
    /// replacing any earlier platform slot. Needs the vault unlocked.
    ///
    /// The store only ever receives a random slot key, never the data key. The passphrase
    /// (and recovery code) keep working: platform unlock is a shortcut beside them.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.Interrupted` if the person cancelled a
    ///   prompt the store showed; `.Unsupported` if the store could not protect a key
    ///   (e.g. no biometrics enrolled). Nothing changes in any of these cases.
    public func enablePlatformUnlock(store: PlatformKeyStore) async throws {
        try await offload { [vault] in
            try vault.enablePlatformUnlock(store: store)
        }
    }

    /// Turns platform unlock off and asks `store` to delete its key. Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.Storage`. A store that fails to delete its key is not
    ///   an error: without its slot the key opens nothing.
    public func disablePlatformUnlock(store: PlatformKeyStore) async throws {
        try await offload { [vault] in
            try vault.disablePlatformUnlock(store: store)
        }
    }

    /// Whether platform unlock is `.enrolled`, `.notEnrolled`, or `.stale` (the platform key
    /// was invalidated, e.g. Face ID enrolment changed: unlock with the passphrase, then
    /// offer to turn it on again). Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func platformUnlockState() async throws -> PlatformUnlockState {
        try await offload { [vault] in
            try vault.platformUnlockState()
        }
    }

    /// Tries to unlock through `store`; the store may show its prompt (Face ID, Touch ID,
    /// passcode), and this call waits for the person's answer.
    ///
    /// Only `.unlocked` unlocks. **Every other outcome means "ask for the passphrase"**:
    ///
    /// * `.notEnrolled`: no usable platform slot;
    /// * `.stale`: the key was invalidated or opened nothing; the slot is now stale
    ///   (``platformUnlockState()`` says so) and is not tried again;
    /// * `.cancelled`: the person dismissed the prompt; the slot stays for next time;
    /// * `.unavailable(reason:)`: the store failed otherwise (e.g. the device locked
    ///   meanwhile); the slot stays.
    ///
    /// - Returns: How the attempt ended. Failures of the store never throw.
    /// - Throws: ``InnermostError``: `.Storage` (the file, not the store, failed).
    public func unlockWithPlatformKey(store: PlatformKeyStore) async throws -> PlatformUnlock {
        try await offload { [vault] in
            try vault.unlockWithPlatformKey(store: store)
        }
    }
}

// MARK: - Key rotation

extension InnermostVault {
    /// Makes a new data key and re-encrypts everything under it in one transaction, e.g.
    /// after the person suspects someone saw their passphrase and a copy of the file. If
    /// the app is killed meanwhile the vault opens with the old key or the new one, never
    /// neither.
    ///
    /// `passphrase` is rewrapped under `kdf`. A recovery code is replaced (the new one is in
    /// the outcome: show it once) and platform slots are removed (turn platform unlock on
    /// again). Backups made earlier keep opening with the secret they were made with.
    ///
    /// - Parameters:
    ///   - passphrase: The current passphrase.
    ///   - kdf: Argon2id cost for the rewrapped passphrase (default `defaultKdfParams()`).
    ///   - platformKeyStore: The app's key store, so the removed platform slots' keys are
    ///     deleted from the Keychain too (optional; a key left behind opens nothing).
    ///   - progress: Called with values re-encrypted so far and in all; return `false` to
    ///     stop (see ``ProgressHandler``).
    /// - Returns: The new recovery code if there was one, and what changed.
    /// - Throws: ``InnermostError``: `.WrongPassphrase`; `.Locked`; `.Interrupted` when
    ///   `progress` stopped it (nothing changed); `CancellationError` when the task was
    ///   cancelled (nothing changed).
    public func rotateDataKey(
        passphrase: String,
        kdf: KdfParams = defaultKdfParams(),
        platformKeyStore: PlatformKeyStore? = nil,
        progress: ProgressHandler? = nil
    ) async throws -> RotationOutcome {
        try await offloadStoppable(progress) { [vault] listener in
            try vault.rotateDataKey(
                passphrase: passphrase, kdf: kdf, platformStore: platformKeyStore, listener: listener)
        }
    }
}

// MARK: - Backups

extension InnermostVault {
    /// Writes an encrypted backup of the whole vault to `destination`, a file that must not
    /// exist yet (e.g. in a temporary directory before a share sheet or document picker).
    ///
    /// The backup is sealed under a key derived from `secret` (a backup passphrase or the
    /// recovery code), so it can be restored on another device where the Keychain, and
    /// this vault's data key, are not available. It appears complete or not at all.
    ///
    /// On iOS the file gets `FileProtectionType.complete` once written: unreadable whenever
    /// the device is locked (see the package README for why backups, unlike the vault, can
    /// afford that).
    ///
    /// - Parameters:
    ///   - destination: A file URL that does not exist yet.
    ///   - secret: `.passphrase(passphrase:)` or `.recoveryCode(code:)`.
    ///   - kdf: Argon2id cost for the backup key (default `defaultKdfParams()`).
    ///   - progress: Called with database bytes written so far and in all.
    /// - Returns: What the backup holds.
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput(field: "path", ...)` if
    ///   `destination` exists; `.InvalidInput(field: "code", ...)` for a mistyped recovery
    ///   code; `.Interrupted` when stopped (no file is left; `CancellationError` if the task
    ///   was cancelled);
    ///   `.Storage` if writing, or setting the file protection, failed.
    public func writeBackup(
        to destination: URL,
        secret: BackupSecret,
        kdf: KdfParams = defaultKdfParams(),
        progress: ProgressHandler? = nil
    ) async throws -> BackupSummary {
        let path = try filePath(of: destination)
        return try await offloadStoppable(progress) { [vault] listener in
            let summary = try vault.writeBackup(destination: path, secret: secret, kdf: kdf, listener: listener)
            try protectCompletely(path)
            return summary
        }
    }

    /// Turns automatic backups on, or changes their secret: derives their key from
    /// `secret` once, now, and keeps it sealed in the vault, so that
    /// ``runAutomaticBackup(in:keep:progress:)`` never asks for it again. Needs the vault
    /// unlocked.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput` naming the secret or a KDF
    ///   field.
    public func configureAutomaticBackups(
        secret: BackupSecret,
        kdf: KdfParams = defaultKdfParams()
    ) async throws {
        try await offload { [vault] in
            try vault.configureAutomaticBackups(secret: secret, kdf: kdf)
        }
    }

    /// Whether automatic backups are on. Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func automaticBackupsConfigured() async throws -> Bool {
        try await offload { [vault] in
            try vault.automaticBackupsConfigured()
        }
    }

    /// Turns automatic backups off and forgets their key. Backup files already written stay
    /// where they are (``listAutomaticBackups(in:)`` finds them).
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func turnOffAutomaticBackups() async throws {
        try await offload { [vault] in
            try vault.turnOffAutomaticBackups()
        }
    }

    /// Writes a new automatic backup into `directory` and removes the oldest automatic
    /// backups there beyond the newest `keep`. Only files named like automatic backups
    /// (`innermost-<UTC time>.innermost-backup`) are ever removed.
    ///
    /// Needs the vault unlocked, so run it while the app is in use: e.g. after unlocking
    /// when the newest backup is more than a day old, or when the scene moves to the
    /// background, before ``lock()``. On iOS the new file gets
    /// `FileProtectionType.complete`, which can only be set while the device is unlocked.
    ///
    /// - Parameters:
    ///   - directory: An existing directory the app chose (see the package README for where).
    ///   - keep: How many automatic backups to keep, 1 to 100 (default 7).
    ///   - progress: Called with database bytes written so far and in all.
    /// - Returns: The new file, what it holds, and the files removed.
    /// - Throws: ``InnermostError``: `.NotFound` if automatic backups are not configured;
    ///   `.Locked`; `.InvalidInput(field: "keep" | "directory", ...)`; `.Interrupted`;
    ///   `.Storage`.
    public func runAutomaticBackup(
        in directory: URL,
        keep: UInt32 = 7,
        progress: ProgressHandler? = nil
    ) async throws -> AutomaticBackup {
        let path = try filePath(of: directory)
        return try await offloadStoppable(progress) { [vault] listener in
            let backup = try vault.runAutomaticBackup(directory: path, keep: keep, listener: listener)
            try protectCompletely(backup.path)
            return backup
        }
    }

    /// Replaces this vault with the one inside `backup`, but only after the whole backup
    /// decrypted and checked out; until then the current vault is untouched.
    ///
    /// Afterwards the vault is **locked** and opens with the passphrase (or recovery code)
    /// the backed-up vault had, which may differ from today's. Platform unlock is as it was
    /// in the backup; its key may be gone (then ``unlockWithPlatformKey(store:)`` answers
    /// `.stale`).
    ///
    /// - Parameters:
    ///   - backup: The backup file.
    ///   - secret: The secret the backup was made with.
    ///   - progress: Called with database bytes decrypted so far and in all.
    /// - Returns: What the backup held.
    /// - Throws: ``InnermostError``: `.WrongPassphrase` for a wrong secret;
    ///   `.InvalidInput(field: "secret", ...)` for a secret of the other kind;
    ///   `.Corrupted` for a damaged backup; `.Unsupported` for a newer format;
    ///   `.Interrupted`. In every case the current vault is as it was.
    public func replaceWithBackup(
        _ backup: URL,
        secret: BackupSecret,
        progress: ProgressHandler? = nil
    ) async throws -> BackupSummary {
        let path = try filePath(of: backup)
        return try await offloadStoppable(progress) { [vault] listener in
            try vault.replaceWithBackup(backup: path, secret: secret, listener: listener)
        }
    }

    /// Checks a backup end to end (every chunk decrypted and authenticated, the vault
    /// inside recognised) without writing anything. Needs no open vault.
    ///
    /// - Parameters:
    ///   - backup: The backup file.
    ///   - secret: The secret it was made with.
    ///   - progress: Called with database bytes checked so far and in all.
    /// - Returns: What the backup holds.
    /// - Throws: ``InnermostError``: `.WrongPassphrase`; `.InvalidInput(field: "secret", ...)`;
    ///   `.Corrupted(what:)` for any damage (a flipped byte, a truncated or spliced file);
    ///   `.Unsupported` for a newer format; `.NotFound`; `.Interrupted`.
    public static func verifyBackup(
        at backup: URL,
        secret: BackupSecret,
        progress: ProgressHandler? = nil
    ) async throws -> BackupSummary {
        let path = try filePath(of: backup)
        return try await offloadStoppable(progress) { listener in
            try InnermostFFI.verifyBackup(backup: path, secret: secret, listener: listener)
        }
    }

    /// Restores a backup into a new vault file at `destination` (which must not exist),
    /// after checking all of it. The new vault opens (``open(at:)``) with the passphrase or
    /// recovery code the backed-up vault had.
    ///
    /// `destination` inherits the Data Protection class of its directory: restore into the
    /// vault's own directory (see the type's documentation on file protection).
    ///
    /// - Parameters:
    ///   - backup: The backup file.
    ///   - secret: The secret it was made with.
    ///   - destination: A file URL for the new vault.
    ///   - progress: Called with database bytes restored so far and in all.
    /// - Returns: What the backup held.
    /// - Throws: ``InnermostError``: as ``verifyBackup(at:secret:progress:)``, and
    ///   `.InvalidInput(field: "path", ...)` if `destination` exists. On any error no file
    ///   is left at `destination`.
    public static func restoreBackup(
        at backup: URL,
        secret: BackupSecret,
        to destination: URL,
        progress: ProgressHandler? = nil
    ) async throws -> BackupSummary {
        let backupPath = try filePath(of: backup)
        let destinationPath = try filePath(of: destination)
        return try await offloadStoppable(progress) { listener in
            try InnermostFFI.restoreBackup(
                backup: backupPath,
                secret: secret,
                destination: destinationPath,
                listener: listener
            )
        }
    }

    /// The automatic backups in `directory`, newest first. Other files there are ignored.
    ///
    /// - Throws: ``InnermostError``: `.Storage` if the directory cannot be read.
    public static func listAutomaticBackups(in directory: URL) async throws -> [URL] {
        let path = try filePath(of: directory)
        let paths = try await offload {
            try InnermostFFI.listAutomaticBackups(directory: path)
        }
        return paths.map { URL(fileURLWithPath: $0) }
    }
}

// MARK: - Open export

extension InnermostVault {
    /// Writes everything the person wrote (entries, the trash, drafts, their own words)
    /// to `destination` as readable JSON, with ids and times, for them to keep or take to
    /// another app. **The file is not encrypted**: call this only when the person asked for
    /// an export, and say so in the UI. `destination` must not exist; the file appears
    /// complete or not at all.
    ///
    /// On iOS the file gets `FileProtectionType.complete` once written. Hand it to a share
    /// sheet or document picker at once, and delete it afterwards.
    ///
    /// - Parameters:
    ///   - destination: A file URL that does not exist yet, e.g. in a temporary directory.
    ///   - progress: Called with entries written so far and in all.
    /// - Returns: What was written.
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput(field: "path", ...)` if the file
    ///   exists; `.Interrupted` (no file is left); `.Storage`.
    public func exportJson(to destination: URL, progress: ProgressHandler? = nil) async throws -> ExportSummary {
        let path = try filePath(of: destination)
        return try await offloadStoppable(progress) { [vault] listener in
            let summary = try vault.exportJson(destination: path, listener: listener)
            try protectCompletely(path)
            return summary
        }
    }

    /// Adds what an export holds, keeping its ids and times; items already in this vault
    /// are skipped, so importing twice adds nothing. The first item the vault refuses stops
    /// the import, and nothing of it is added.
    ///
    /// - Parameters:
    ///   - source: A file written by ``exportJson(to:progress:)`` (on this or another device).
    ///   - progress: Called with items imported so far and in all.
    /// - Returns: What was added and skipped.
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput` naming the refused field (the
    ///   reason starts with the item, e.g. `entries[3]`), or `"file"` for a file that is not
    ///   an export; `.NotFound` if there is no file; `.Unsupported` for an export from a
    ///   newer version; `.Interrupted`.
    public func importJson(from source: URL, progress: ProgressHandler? = nil) async throws -> ImportSummary {
        let path = try filePath(of: source)
        return try await offloadStoppable(progress) { [vault] listener in
            try vault.importJson(source: path, listener: listener)
        }
    }
}

// MARK: - Deleting and checking

extension InnermostVault {
    /// Deletes the journal for good: the key slots first, so that no copy of the file left
    /// on flash storage can be unlocked any more, then the vault's files and, if
    /// `backupsDirectory` is given, the automatic backups in it (other files there stay).
    /// Afterwards this object is closed. Works locked or unlocked.
    ///
    /// Keys in the Keychain are not part of the vault: call
    /// ``KeychainPlatformKeyStore/removeAllKeys()`` too.
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func deleteEverything(backupsDirectory: URL? = nil) async throws {
        let backups = try backupsDirectory.map { try filePath(of: $0) }
        try await offload { [vault] in
            try vault.deleteEverything(backupsDirectory: backups)
        }
    }

    /// Runs SQLite's integrity check over the whole file (seconds for a large vault).
    /// Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.Corrupted(what:)` if it finds damage (the file is left
    ///   as it is, for rescue: restore a backup into a new file); `.Storage`.
    public func integrityCheck() async throws {
        try await offload { [vault] in
            try vault.integrityCheck()
        }
    }
}

// MARK: - Rituals and reminders

extension InnermostVault {
    /// Stores a new ritual: its kind, its details (title, notes, conversation guide; stored
    /// sealed) and its schedule (stored in plaintext so reminders can be planned while the
    /// vault is locked). A weekly conversation without steps gets the default guide.
    /// Replan the reminders afterwards (``ReminderRefresh/replan(now:calendar:)``).
    ///
    /// - Returns: The stored ritual, with its id and canonical schedule.
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput` naming the field (e.g.
    ///   `"cadence"`, `"times"`, `"label"`); nothing is stored then.
    public func addRitual(_ ritual: NewRitual) async throws -> Ritual {
        try await offload { [vault] in
            try vault.addRitual(ritual: ritual)
        }
    }

    /// Replaces a ritual's kind, details and schedule; its log and pauses stay. Replan
    /// afterwards.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`; `.InvalidInput` naming the field.
    public func updateRitual(id: RitualId, ritual: NewRitual) async throws -> Ritual {
        try await offload { [vault] in
            try vault.updateRitual(id: id, ritual: ritual)
        }
    }

    /// Reads one ritual.
    ///
    /// - Throws: ``InnermostError``: `.Locked` (its details are sealed); `.NotFound`.
    public func ritual(id: RitualId) async throws -> Ritual {
        try await offload { [vault] in
            try vault.ritual(id: id)
        }
    }

    /// Every ritual, oldest first; archived ones too when `includeArchived`.
    ///
    /// - Throws: ``InnermostError``: `.Locked`.
    public func rituals(includeArchived: Bool = false) async throws -> [Ritual] {
        try await offload { [vault] in
            try vault.rituals(includeArchived: includeArchived)
        }
    }

    /// Archives a ritual (`true`: no more reminders, its history stays) or brings it back.
    /// Replan afterwards.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`.
    public func setRitualArchived(id: RitualId, archived: Bool) async throws {
        try await offload { [vault] in
            try vault.setRitualArchived(id: id, archived: archived)
        }
    }

    /// Deletes a ritual, its pauses and its log for good. Replan afterwards (its pending
    /// reminders are then removed).
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`.
    public func deleteRitual(id: RitualId) async throws {
        try await offload { [vault] in
            try vault.deleteRitual(id: id)
        }
    }

    /// Pauses a ritual's reminders for local dates `from` up to (not including) `until`,
    /// both `YYYY-MM-DD` (``localDate(_:timeZone:)`` makes them). Paused dates count
    /// neither as planned nor as missed. Replan afterwards.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`; `.InvalidInput(field: "from" | "until", ...)`.
    public func pauseRitual(id: RitualId, from: String, until: String) async throws -> Pause {
        try await offload { [vault] in
            try vault.pauseRitual(id: id, from: from, until: until)
        }
    }

    /// Ends a ritual's pause on the person's local date of `today`. Replan afterwards.
    ///
    /// - Parameters:
    ///   - id: The ritual.
    ///   - today: Any instant of today.
    ///   - timeZone: The zone that decides which date that is (the device's).
    /// - Throws: ``InnermostError``: `.Locked`; `.NotFound`.
    public func resumeRitual(id: RitualId, today: Date = Date(), timeZone: TimeZone = .current) async throws {
        let date = Self.localDate(today, timeZone: timeZone)
        try await offload { [vault] in
            try vault.resumeRitual(id: id, today: date)
        }
    }

    /// A ritual's pauses, oldest first. Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.NotFound`; `.Storage`.
    public func ritualPauses(id: RitualId) async throws -> [Pause] {
        try await offload { [vault] in
            try vault.ritualPauses(id: id)
        }
    }

    /// The reminders to arm and when to ask again. Works while **locked** (the same plan
    /// either way). Apps normally let ``ReminderRefresh`` call this and arm the result.
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput` naming `"budget"`, `"horizon_days"`,
    ///   `"device_zone"` or `"now"`; `.Storage`.
    public func planReminders(_ request: PlanRequest) async throws -> NotificationPlan {
        try await offload { [vault] in
            try vault.planReminders(request: request)
        }
    }

    /// The reminders to arm from `now` on, for the device's zone. Works while locked.
    ///
    /// - Parameters:
    ///   - now: The current instant.
    ///   - timeZone: The device's zone (floating rituals and quiet hours follow it). Its
    ///     identifier must be an IANA name, as `TimeZone.current`'s is.
    ///   - budget: The most reminders to return, 1 to 500 (iOS keeps 64 pending per app;
    ///     ``ReminderScheduler/availableBudget()`` subtracts the app's other requests).
    ///   - horizonDays: How far ahead to look, 1 to 730 days.
    ///   - missedSince: Reminders due from this instant on may never have been shown: the
    ///     plan may include one catch-up per ritual within the grace window.
    /// - Throws: as ``planReminders(_:)``.
    public func planReminders(
        now: Date = Date(),
        timeZone: TimeZone = .current,
        budget: UInt32 = 64,
        horizonDays: UInt32 = 365,
        missedSince: Date? = nil
    ) async throws -> NotificationPlan {
        let request = PlanRequest(
            now: epochMilliseconds(now),
            deviceZone: timeZone.identifier,
            budget: budget,
            horizonDays: horizonDays,
            missedSince: missedSince.map(epochMilliseconds)
        )
        return try await planReminders(request)
    }

    /// Records what became of an occurrence: `.done`, `.skipped`, or `.snoozed(until:)` (UTC
    /// epoch ms, later than now and within a day; a one-off reminder then fires at that
    /// instant). Replaces what was recorded before. Without a note this works while the
    /// vault is **locked** (a notification's Done); a note needs it unlocked and is stored
    /// sealed. Replan afterwards.
    ///
    /// - Parameters:
    ///   - occurrenceId: `PlanItem.occurrenceId` (`<ritual id>/<YYYY-MM-DDTHH:MM>`).
    ///   - status: What happened.
    ///   - note: The person's note (at most 4,000 characters), or `nil`.
    ///   - timeZone: The device's zone (floating rituals follow it).
    /// - Throws: ``InnermostError``: `.Locked` for a note while locked; `.NotFound` for a
    ///   deleted ritual; `.InvalidInput` naming `"occurrence_id"` (malformed, not an
    ///   occurrence of the ritual, or snoozing one already done or skipped), `"until"` or `"note"`.
    public func recordOccurrence(
        _ occurrenceId: String,
        status: OccurrenceStatus,
        note: String? = nil,
        timeZone: TimeZone = .current
    ) async throws -> OccurrenceRecord {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.recordOccurrence(occurrenceId: occurrenceId, status: status, note: note, deviceZone: zone)
        }
    }

    /// Forgets what was recorded for an occurrence (a Done tapped by mistake). Replan
    /// afterwards: its reminder comes back if it is still ahead.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput(field: "occurrence_id", ...)`.
    public func clearOccurrence(_ occurrenceId: String) async throws {
        try await offload { [vault] in
            try vault.clearOccurrence(occurrenceId: occurrenceId)
        }
    }

    /// A ritual's log for local dates `from` through `to` (`YYYY-MM-DD`); notes only while
    /// unlocked (`nil` otherwise).
    ///
    /// - Throws: ``InnermostError``: `.NotFound`; `.InvalidInput(field: "from" | "to", ...)`.
    public func occurrenceRecords(ritual: RitualId, from: String, to: String) async throws -> [OccurrenceRecord] {
        try await offload { [vault] in
            try vault.occurrenceRecords(ritual: ritual, from: from, to: to)
        }
    }

    /// Planned, done and skipped per week (weeks start on Monday) for local dates `from`
    /// through `to` (`YYYY-MM-DD`). Works while locked.
    ///
    /// - Throws: ``InnermostError``: `.NotFound`; `.InvalidInput` naming the field.
    public func weeklyAdherence(
        ritual: RitualId,
        from: String,
        to: String,
        timeZone: TimeZone = .current
    ) async throws -> [WeeklyAdherence] {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.weeklyAdherence(ritual: ritual, from: from, to: to, deviceZone: zone)
        }
    }

    /// Quiet hours and the catch-up grace window (the defaults when never set). Works while
    /// locked.
    ///
    /// - Throws: ``InnermostError``: `.Storage`.
    public func reminderSettings() async throws -> ReminderSettings {
        try await offload { [vault] in
            try vault.reminderSettings()
        }
    }

    /// Stores new reminder settings (checked first). Replan afterwards.
    ///
    /// - Throws: ``InnermostError``: `.Locked`; `.InvalidInput` naming the field.
    public func setReminderSettings(_ settings: ReminderSettings) async throws {
        try await offload { [vault] in
            try vault.setReminderSettings(settings: settings)
        }
    }

    /// The first `limit` (at most 500) occurrences of `schedule` from local date `from`
    /// (`YYYY-MM-DD`), without storing anything: what a schedule editor shows as "next
    /// times". Cheap; works without a vault.
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput` naming the schedule field.
    public static func previewSchedule(
        _ schedule: Schedule,
        from: String,
        limit: UInt32 = 10,
        timeZone: TimeZone = .current
    ) throws -> [OccurrencePreview] {
        try InnermostFFI.previewSchedule(schedule: schedule, deviceZone: timeZone.identifier, from: from, limit: limit)
    }

    /// Writes an RFC 5545 rule (the supported subset) back canonically.
    ///
    /// - Throws: ``InnermostError``: `.InvalidInput(field: "cadence", reason:)` saying what is
    ///   outside the subset or impossible.
    public static func canonicalCadence(_ rule: String) throws -> String {
        try InnermostFFI.canonicalCadence(rule: rule)
    }

    /// The default guide of a weekly relationship conversation: appreciations, what is
    /// working, what is hard, one request.
    public static func defaultConversationGuide() -> [GuideStep] {
        InnermostFFI.defaultConversationGuide()
    }

    /// The local date (`YYYY-MM-DD`, Gregorian) of `date` in `timeZone`: the form the
    /// ritual calls take for dates.
    public static func localDate(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
    }
}

// MARK: - Progress

/// Progress of a long call (key rotation, backups, restore, verify, export, import):
/// `done` of `total` units, after each batch. Return `true` to go on, `false` to stop at
/// the next batch; the call then throws `InnermostError.Interrupted` having changed nothing
/// and left no file behind.
///
/// Called on the background thread that runs the call, never on the main thread: hop to
/// the main actor for UI updates, and read any "stop" flag in a thread-safe way.
///
/// ```swift
/// let summary = try await vault.writeBackup(to: url, secret: secret) { done, total in
///     Task { @MainActor in model.fraction = total == 0 ? 1 : Double(done) / Double(total) }
///     return true
/// }
/// ```
///
/// Cancelling the awaiting `Task` also stops these calls at the next batch, whether or not
/// a handler was given; they then throw `CancellationError` (nothing changed, no file left).
/// Returning `false` makes them throw `InnermostError.Interrupted`.
public typealias ProgressHandler = @Sendable (_ done: UInt64, _ total: UInt64) -> Bool

/// Adapts a ``ProgressHandler`` and the awaiting task's cancellation to the core's
/// `ProgressListener`.
private final class StoppableProgress: ProgressListener, @unchecked Sendable {
    // `@unchecked Sendable`: `cancelled` is only touched under `lock`; `handler` is immutable.
    private let handler: ProgressHandler?
    private let lock = NSLock()
    private var cancelled = false

    init(_ handler: ProgressHandler?) {
        self.handler = handler
    }

    /// Makes every later report answer "stop".
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Whether ``cancel()`` ran.
    var wasCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func onProgress(done: UInt64, total: UInt64) -> Bool {
        if wasCancelled {
            return false
        }
        return handler?(done, total) ?? true
    }
}

// MARK: - Helpers

/// The file system path of a file URL, or `.InvalidInput(field: "path", ...)`.
private func filePath(of url: URL) throws -> String {
    guard url.isFileURL else {
        throw InnermostError.InvalidInput(field: "path", reason: "must be a file URL")
    }
    return url.path
}

/// `date` as UTC epoch milliseconds (the core's `Timestamp`), rounded down.
private func epochMilliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
}

/// Runs a blocking call into the core on a global queue and resumes the caller with its
/// result, so the calling thread (often the main thread) never blocks on Argon2id or on an
/// fsync. The work is not cancellable once started.
private func offload<T>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result<T, Error>(catching: work))
        }
    }
}

/// `offload` for the long calls that report progress: hands `work` a listener that
/// forwards to `progress` and answers "stop" once the awaiting task is cancelled; a call
/// stopped that way throws `CancellationError` rather than `.Interrupted`.
private func offloadStoppable<T>(
    _ progress: ProgressHandler?,
    _ work: @escaping @Sendable (ProgressListener) throws -> T
) async throws -> T {
    let listener = StoppableProgress(progress)
    do {
        return try await withTaskCancellationHandler {
            try await offload { try work(listener) }
        } onCancel: {
            listener.cancel()
        }
    } catch InnermostError.Interrupted where listener.wasCancelled {
        throw CancellationError()
    }
}

/// Gives the file at `path` the Data Protection class `.complete` (iOS only; elsewhere it
/// does nothing): unreadable from about ten seconds after the device locks until it is
/// unlocked again. For backups and exports, which are read only while someone uses the app.
///
/// Throws `InnermostError.Storage` naming only the error's domain and code (never the path).
private func protectCompletely(_ path: String) throws {
    #if os(iOS)
    do {
        try FileManager.default.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: path)
    } catch {
        let code = (error as NSError).code
        let domain = (error as NSError).domain
        throw InnermostError.Storage(
            detail: "the file was written but its data protection could not be set (\(domain) \(code))"
        )
    }
    #endif
}

// MARK: - Progress and setbacks

/// Every progress call needs the vault unlocked (it reads or writes sealed values) and
/// throws ``InnermostError``: `.Locked`, or `.InvalidInput` naming the field, with nothing
/// stored. `timeZone` is the phone's zone: it gives local dates.
extension InnermostVault {
    /// Logs a victory, a setback or a recommitment. A setback comes back with the person's
    /// plan, reminders of progress from their own record and a step to recommit with
    /// (`setbackSupport`); `newMilestones` are raised once: celebrate them.
    public func logPractice(_ event: NewPracticeEvent, timeZone: TimeZone = .current) async throws -> PracticeOutcome {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.logPractice(event: event, deviceZone: zone)
        }
    }

    /// Practice events on local dates `from`...`to` (`YYYY-MM-DD`, either optional), oldest first.
    public func practiceEvents(from: String? = nil, to: String? = nil) async throws -> [PracticeEvent] {
        try await offload { [vault] in
            try vault.practiceEvents(from: from, to: to)
        }
    }

    /// Deletes a practice event for good (milestones already raised stay).
    public func deletePracticeEvent(id: ProgressId) async throws {
        try await offload { [vault] in
            try vault.deletePracticeEvent(id: id)
        }
    }

    /// Pauses practice for dates `from` up to (not including) `until`: the growth score is
    /// frozen, not eased, on those days.
    public func pausePractice(from: String, until: String) async throws -> PracticePause {
        try await offload { [vault] in
            try vault.pausePractice(from: from, until: until)
        }
    }

    /// Every practice pause, oldest first.
    public func practicePauses() async throws -> [PracticePause] {
        try await offload { [vault] in
            try vault.practicePauses()
        }
    }

    /// Removes a practice pause.
    public func deletePracticePause(id: ProgressId) async throws {
        try await offload { [vault] in
            try vault.deletePracticePause(id: id)
        }
    }

    /// Deletes a ladder step and its attempts.
    public func deleteLadderStep(id: ProgressId) async throws {
        try await offload { [vault] in
            try vault.deleteLadderStep(id: id)
        }
    }

    /// Attempts of one step, or of every step when `step` is nil, oldest first.
    public func ladderAttempts(step: ProgressId? = nil) async throws -> [LadderAttempt] {
        try await offload { [vault] in
            try vault.ladderAttempts(step: step)
        }
    }

    /// The streak settings (off by default).
    public func streakSettings() async throws -> StreakSettings {
        try await offload { [vault] in
            try vault.streakSettings()
        }
    }

    /// Adds a step to the vulnerability ladder.
    public func addLadderStep(_ step: NewLadderStep) async throws -> LadderStep {
        try await offload { [vault] in
            try vault.addLadderStep(step: step)
        }
    }

    /// The ladder from small to deep, with attempts per step.
    public func ladder() async throws -> [LadderRung] {
        try await offload { [vault] in
            try vault.ladder()
        }
    }

    /// The smallest step not yet climbed, or nil.
    public func nextLadderStep() async throws -> LadderStep? {
        try await offload { [vault] in
            try vault.nextLadderStep()
        }
    }

    /// Records an attempt with predicted and actual anxiety (0-10); an unknown step is
    /// `.InvalidInput` on `step_id`.
    public func recordLadderAttempt(_ attempt: NewLadderAttempt, timeZone: TimeZone = .current) async throws -> LadderAttemptOutcome {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.recordLadderAttempt(attempt: attempt, deviceZone: zone)
        }
    }

    /// Deletes one attempt for good, say one logged against the wrong step; the step and
    /// its other attempts stay.
    public func deleteLadderAttempt(id: ProgressId) async throws {
        try await offload { [vault] in
            try vault.deleteLadderAttempt(id: id)
        }
    }

    /// Predicted against actual anxiety over every attempt.
    public func ladderStats() async throws -> LadderStats {
        try await offload { [vault] in
            try vault.ladderStats()
        }
    }

    /// The built-in reflection scales, then the person's own measures.
    public func measures() async throws -> [Measure] {
        try await offload { [vault] in
            try vault.measures()
        }
    }

    /// Stores a measure the person or their therapist defined.
    public func addMeasure(_ definition: MeasureDefinition) async throws -> Measure {
        try await offload { [vault] in
            try vault.addMeasure(definition: definition)
        }
    }

    /// Answers a measure now: one answer per item, within its range.
    public func recordMeasureResponse(measureId: String, answers: [UInt32], timeZone: TimeZone = .current) async throws -> MeasureResponseOutcome {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.recordMeasureResponse(measureId: measureId, answers: answers, deviceZone: zone)
        }
    }

    /// Responses to one measure, oldest first, scored.
    public func measureResponses(measureId: String) async throws -> [MeasureResponse] {
        try await offload { [vault] in
            try vault.measureResponses(measureId: measureId)
        }
    }

    /// Deletes one response for good, to any measure including the built-in scales.
    public func deleteMeasureResponse(id: ProgressId) async throws {
        try await offload { [vault] in
            try vault.deleteMeasureResponse(id: id)
        }
    }

    /// Deletes one of the person's own measures together with every response to it, in
    /// one transaction, and returns how many responses went: tell the person how many
    /// answers (`measureResponses`) before calling it. A built-in scale is
    /// `.InvalidInput` on `measure_id`.
    public func deleteMeasure(measureId: String) async throws -> UInt32 {
        try await offload { [vault] in
            try vault.deleteMeasure(measureId: measureId)
        }
    }

    /// Stores the setback plan, replacing the previous one.
    public func setSetbackPlan(_ plan: SetbackPlan) async throws {
        try await offload { [vault] in
            try vault.setSetbackPlan(plan: plan)
        }
    }

    /// The setback plan, or nil when none was written.
    public func setbackPlan() async throws -> SetbackPlan? {
        try await offload { [vault] in
            try vault.setbackPlan()
        }
    }

    /// How far the person has come, from their own record.
    public func progressReminders(timeZone: TimeZone = .current) async throws -> ProgressReminders {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.progressReminders(deviceZone: zone)
        }
    }

    /// Stores the streak settings (streaks are off by default).
    public func setStreakSettings(_ settings: StreakSettings) async throws {
        try await offload { [vault] in
            try vault.setStreakSettings(settings: settings)
        }
    }

    /// The streak today, or nil while streaks are off.
    public func streak(timeZone: TimeZone = .current) async throws -> StreakStatus? {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.streak(deviceZone: zone)
        }
    }

    /// The growth score today (0 to 1) with the reasons it moved.
    public func growthScore(timeZone: TimeZone = .current) async throws -> GrowthScore {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.growthScore(deviceZone: zone)
        }
    }

    /// Every milestone raised so far, oldest first.
    public func milestones() async throws -> [Milestone] {
        try await offload { [vault] in
            try vault.milestones()
        }
    }

    /// Raises milestones the record reached and returns only the new ones. Call it after
    /// unlocking, after a ritual occurrence is marked done, a setback plan is saved or an
    /// import: progress writes raise only the milestones of their own kind, and the rest
    /// (a ritual kept four weeks, the setback plan, what an import brought) wait for this check.
    public func checkMilestones(timeZone: TimeZone = .current) async throws -> [Milestone] {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.checkMilestones(deviceZone: zone)
        }
    }

    /// Weekly aggregates and first-month-against-last comparisons for local dates
    /// `from`...`to` (`YYYY-MM-DD`).
    public func progressTrends(from: String, to: String, timeZone: TimeZone = .current) async throws -> ProgressTrends {
        let zone = timeZone.identifier
        return try await offload { [vault] in
            try vault.progressTrends(from: from, to: to, deviceZone: zone)
        }
    }

    /// A report for therapy in `format`, as bytes for ``ReportFiles`` to write and share:
    /// nothing is written by the core. The same request over the same record gives the
    /// same bytes; nothing unpicked leaves the vault. A refused request is `InvalidInput`
    /// naming the request's field.
    ///
    /// `fonts` matters for PDF only: font files (their bytes) in order of preference, e.g.
    /// ones the app bundles, embedded as subsets. Empty means the standard Helvetica, which
    /// covers Western European text only; a character no font covers is refused with
    /// `InvalidInput` on `fonts`, never dropped.
    public func renderReport(_ request: ReportRequest, format: ReportFormat, fonts: [Data] = []) async throws -> Data {
        try await offload { [vault] in
            try vault.renderReport(request: request, format: format, fonts: fonts)
        }
    }
}
