// The facade as an iOS app uses it, against the real Rust library (the XCFramework).
//
// Needs a library built with the Rust feature `test-support`, which exports
// `insecureFastKdfParamsForTests()` so that vaults derive keys in microseconds:
//
//     ios/build-xcframework.sh --test-support && (cd ios && swift test)
//
// Mirrors android/innermost/src/test/kotlin/app/innermost/InnermostVaultTest.kt.

import Foundation
import Innermost
import XCTest

final class InnermostVaultTests: TemporaryDirectoryTestCase {
    private let passphrase = "the river at dusk, twice"

    private var fast: KdfParams {
        insecureFastKdfParamsForTests()
    }

    private var vaultURL: URL {
        directory.appendingPathComponent("journal.innermost")
    }

    private func newVault() async throws -> InnermostVault {
        try await InnermostVault.create(at: vaultURL, passphrase: passphrase, kdf: fast)
    }

    // MARK: - Round trip

    func testEntriesSurviveLockUnlockAndReopening() async throws {
        let vault = try await newVault()
        XCTAssertFalse(vault.isLocked, "a new vault is returned unlocked")
        let first = try await vault.addReflection(text: "I felt safe on the walk home.")
        let second = try await vault.addReflection(text: "I wanted to leave when she asked about my family.")
        vault.lock()
        XCTAssertTrue(vault.isLocked)
        try await vault.unlock(passphrase: passphrase)
        XCTAssertFalse(vault.isLocked)
        let reread = try await vault.entry(id: first.id)
        XCTAssertEqual(reread, first)
        try await vault.close()

        let reopened = try await InnermostVault.open(at: vaultURL)
        XCTAssertTrue(reopened.isLocked, "an opened vault starts locked")
        try await reopened.unlock(passphrase: passphrase)
        let page = try await reopened.entries(limit: 50)
        XCTAssertEqual(page.entries, [second, first], "newest first")
        XCTAssertNil(page.next)
        try await reopened.close()
    }

    func testUpdateAndDelete() async throws {
        let vault = try await newVault()
        let entry = try await vault.addReflection(text: "first draft")
        let updated = try await vault.updateReflection(id: entry.id, text: "second draft")
        XCTAssertEqual(updated.id, entry.id)
        XCTAssertEqual(updated.reflectionText, "second draft")
        XCTAssertEqual(updated.createdAt, entry.createdAt)
        XCTAssertGreaterThanOrEqual(updated.updatedAt, entry.updatedAt)
        let reread = try await vault.entry(id: entry.id)
        XCTAssertEqual(reread, updated)

        try await vault.deleteEntry(id: entry.id)
        let trashed = try await vault.entry(id: entry.id)
        XCTAssertNotNil(trashed.trashedAt, "deleting moves to the trash")
        let page = try await vault.entries()
        XCTAssertTrue(page.entries.isEmpty)
        try await vault.restoreEntry(id: entry.id)
        try await vault.deleteEntry(id: entry.id)
        try await vault.purgeEntry(id: entry.id)
        let gone = await thrownInnermostError { try await vault.entry(id: entry.id) }
        XCTAssertEqual(gone, InnermostError.NotFound(what: "entry"))
        try await vault.close()
    }

    // MARK: - Errors

    func testWrongPassphraseIsWrongPassphraseAndLeavesTheVaultUsable() async throws {
        let created = try await newVault()
        _ = try await created.addReflection(text: "still here")
        try await created.close()

        let vault = try await InnermostVault.open(at: vaultURL)
        let error = await thrownInnermostError { try await vault.unlock(passphrase: "not the passphrase") }
        XCTAssertEqual(error, InnermostError.WrongPassphrase)
        XCTAssertTrue(vault.isLocked)
        try await vault.unlock(passphrase: passphrase)
        let page = try await vault.entries()
        XCTAssertEqual(page.entries.map(\.reflectionText), ["still here"])
        try await vault.close()
    }

    func testLockedVaultRefusesJournalCallsWithLocked() async throws {
        let vault = try await newVault()
        vault.lock()
        let write = await thrownInnermostError { try await vault.addReflection(text: "written while locked") }
        XCTAssertEqual(write, InnermostError.Locked)
        let read = await thrownInnermostError { try await vault.entries() }
        XCTAssertEqual(read, InnermostError.Locked)
        try await vault.close()
    }

    func testInvalidInputNamesTheOffendingField() async throws {
        let vault = try await newVault()
        let empty = await thrownInvalidInputField { try await vault.addReflection(text: "") }
        XCTAssertEqual(empty, "reflection.text")
        let blank = await thrownInvalidInputField { try await vault.addReflection(text: "   ") }
        XCTAssertEqual(blank, "reflection.text")
        let zero = await thrownInvalidInputField { try await vault.entries(limit: 0) }
        XCTAssertEqual(zero, "limit")
        let negative = await thrownInvalidInputField { try await vault.entries(limit: -1) }
        XCTAssertEqual(negative, "limit")
        let id = await thrownInvalidInputField { try await vault.entry(id: "not-a-uuid") }
        XCTAssertEqual(id, "id")
        try await vault.close()

        let taken = await thrownInvalidInputField {
            try await InnermostVault.create(at: self.vaultURL, passphrase: self.passphrase, kdf: self.fast)
        }
        XCTAssertEqual(taken, "path", "an existing file is never overwritten")

        let web = URL(string: "https://example.invalid/journal.innermost")!
        let notAFile = await thrownInvalidInputField {
            try await InnermostVault.create(at: web, passphrase: self.passphrase, kdf: self.fast)
        }
        XCTAssertEqual(notAFile, "path")

        let weakURL = directory.appendingPathComponent("weak.innermost")
        let weak = KdfParams(memoryKib: 8 * 1024, iterations: 3, lanes: 1)
        let kdf = await thrownInvalidInputField {
            try await InnermostVault.create(at: weakURL, passphrase: self.passphrase, kdf: weak)
        }
        XCTAssertEqual(kdf, "memory_kib")
        XCTAssertFalse(FileManager.default.fileExists(atPath: weakURL.path), "a refused create leaves no file")

        let notes = directory.appendingPathComponent("notes.txt")
        let diary = String(repeating: "dear diary ", count: 20)
        try diary.write(to: notes, atomically: true, encoding: .utf8)
        let path = await thrownInvalidInputField { try await InnermostVault.open(at: notes) }
        XCTAssertEqual(path, "path")
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), diary, "the foreign file is untouched")
    }

    func testChangingThePassphraseRetiresTheOldOne() async throws {
        let newPassphrase = "a new and longer phrase"
        let vault = try await newVault()
        _ = try await vault.addReflection(text: "kept across the change")
        try await vault.changePassphrase(current: passphrase, newPassphrase: newPassphrase, kdf: fast)
        try await vault.close()

        let reopened = try await InnermostVault.open(at: vaultURL)
        let old = await thrownInnermostError { try await reopened.unlock(passphrase: self.passphrase) }
        XCTAssertEqual(old, InnermostError.WrongPassphrase)
        try await reopened.unlock(passphrase: newPassphrase)
        let page = try await reopened.entries()
        XCTAssertEqual(page.entries.map(\.reflectionText), ["kept across the change"])
        try await reopened.close()
    }

    // MARK: - Concurrency

    func testEightTasksWritingAtOnceLoseNothing() async throws {
        let vault = try await newVault()
        let ids = try await withThrowingTaskGroup(of: [EntryId].self, returning: [EntryId].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var written: [EntryId] = []
                    for index in 0..<25 {
                        let entry = try await vault.addReflection(text: "worker \(worker) entry \(index)")
                        written.append(entry.id)
                    }
                    return written
                }
            }
            var all: [EntryId] = []
            for try await batch in group {
                all.append(contentsOf: batch)
            }
            return all
        }
        XCTAssertEqual(ids.count, 200)
        XCTAssertEqual(Set(ids).count, 200, "every write got its own id")

        var seen: [EntryId] = []
        var cursor: PageCursor? = nil
        repeat {
            let page = try await vault.entries(limit: 30, after: cursor)
            seen.append(contentsOf: page.entries.map(\.id))
            cursor = page.next
        } while cursor != nil
        XCTAssertEqual(seen.count, 200, "every entry exactly once")
        XCTAssertEqual(Set(seen), Set(ids))
        try await vault.close()
    }

    // MARK: - Lifecycle

    func testClosedVaultFailsCleanlyInsteadOfCrashing() async throws {
        let vault = try await newVault()
        _ = try await vault.addReflection(text: "before closing")
        try await vault.close()
        try await vault.close()
        XCTAssertTrue(vault.isLocked, "a closed vault is locked")
        vault.lock()

        let write = await thrownInnermostError { try await vault.addReflection(text: "after closing") }
        assertClosed(write)
        let unlock = await thrownInnermostError { try await vault.unlock(passphrase: self.passphrase) }
        assertClosed(unlock)
        let page = await thrownInnermostError { try await vault.entries() }
        assertClosed(page)
        let checkpoint = await thrownInnermostError { try await vault.checkpoint() }
        assertClosed(checkpoint)

        // The raw generated object behaves the same after closeVault().
        let raw = try Vault.open(path: vaultURL.path)
        try raw.closeVault()
        XCTAssertThrowsError(try raw.unlock(passphrase: passphrase)) { error in
            self.assertClosed(error as? InnermostError)
        }
    }

    // MARK: - Privacy

    func testPlaintextNeverReachesTheVaultFiles() async throws {
        let canaries = ["CANARY-swift-3f9e1d", "CANARY-swift-ünï-😶-77aa", "CANARY-swift-edit-0c4b"]
        let needles = canaries + [passphrase]
        let vault = try await newVault()
        _ = try await vault.addReflection(text: "tonight \(canaries[0])")
        let second = try await vault.addReflection(text: canaries[1])
        _ = try await vault.updateReflection(id: second.id, text: "changed to \(canaries[2])")
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: vaultURL.path + "-wal"),
            "the write-ahead log is scanned too"
        )
        try assertNoCanary(needles, moment: "before checkpoint")
        try await vault.checkpoint()
        try assertNoCanary(needles, moment: "after checkpoint")
        try await vault.close()
        try assertNoCanary(needles, moment: "after close")

        let reopened = try await InnermostVault.open(at: vaultURL)
        try await reopened.unlock(passphrase: passphrase)
        let page = try await reopened.entries()
        XCTAssertTrue(
            page.entries.contains { $0.reflectionText.contains(canaries[0]) },
            "the text is sealed, not lost"
        )
        try await reopened.close()
    }

    // MARK: - Helpers

    /// A closed vault reports `.Storage` (the core's "the vault is closed").
    private func assertClosed(
        _ error: InnermostError?,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        guard case .Storage? = error else {
            XCTFail("expected Storage for a closed vault, got \(String(describing: error))", file: file, line: line)
            return
        }
    }

    /// Reads every file under the test directory (the vault, its -wal and -shm) as bytes and
    /// fails if any needle's UTF-8 encoding occurs in any of them.
    private func assertNoCanary(
        _ needles: [String],
        moment: String,
        file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let files = try regularFiles(under: directory)
        XCTAssertFalse(files.isEmpty, "\(moment): no files to scan", file: file, line: line)
        for url in files {
            let bytes = try Data(contentsOf: url)
            for needle in needles {
                XCTAssertNil(
                    bytes.range(of: Data(needle.utf8)),
                    "\(moment): found a canary in \(url.lastPathComponent)",
                    file: file,
                    line: line
                )
            }
        }
    }

    private func regularFiles(under root: URL) throws -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in enumerator {
            if try url.resourceValues(forKeys: Set(keys)).isRegularFile == true {
                files.append(url)
            }
        }
        return files
    }
}

extension Entry {
    /// The text of a reflection, the kind these tests write ("" for other kinds).
    var reflectionText: String {
        if case let .reflection(_, text, _) = content {
            return text
        }
        return ""
    }
}
