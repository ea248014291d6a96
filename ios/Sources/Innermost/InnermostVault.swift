// The Swift shell over the Rust core: an async facade around the uniffi-generated `Vault`.
//
// Everything the generated module declares (`Entry`, `EntryPage`, `EntryId`, `PageCursor`,
// `Timestamp`, `KdfParams`, `KdfCalibration`, `InnermostError`, `defaultKdfParams()`, ...)
// is re-exported, so apps need only `import Innermost`.

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
/// runs to completion, and a write that completes is on disk. `lock()` and `isLocked` are
/// synchronous and cheap (see their documentation).
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
/// here). Its cases are spelled as in Rust (UpperCamelCase):
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

// MARK: - Helpers

/// The file system path of a file URL, or `.InvalidInput(field: "path", ...)`.
private func filePath(of url: URL) throws -> String {
    guard url.isFileURL else {
        throw InnermostError.InvalidInput(field: "path", reason: "must be a file URL")
    }
    return url.path
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
