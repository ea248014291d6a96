// The open JSON export and its import, through the Swift facade.

import Foundation
import Innermost
import XCTest

final class ExportTests: TemporaryDirectoryTestCase {
    private let passphrase = "export test passphrase"

    private var fast: KdfParams {
        insecureFastKdfParamsForTests()
    }

    private func newVault(named name: String) async throws -> InnermostVault {
        let url = directory.appendingPathComponent(name)
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: fast)
    }

    func testAnExportImportedIntoAnotherVaultGivesBackEverythingWithItsIds() async throws {
        let vault = try await newVault(named: "journal.innermost")
        let word = try await vault.addCustomEmotion(family: "closeness", label: "held without asking")
        let first = try await vault.addReflection(text: "We cooked together and I did not hide in my phone.")
        let second = try await vault.addReflection(text: "I told her the old story; she stayed.", tags: ["shared"])
        let trashed = try await vault.addReflection(text: "Not sure I want to keep this one.")
        try await vault.deleteEntry(id: trashed.id)
        let draft = try await vault.saveDraft(
            NewEntry(content: .reflection(title: nil, text: "half a thought", promptKey: nil), tags: [], links: [])
        )

        let export = directory.appendingPathComponent("export.json")
        let log = ProgressLog()
        let summary = try await vault.exportJson(to: export) { done, total in
            log.record(done, total)
        }
        XCTAssertEqual(summary.entries, 3, "the trash included")
        XCTAssertEqual(summary.drafts, 1)
        XCTAssertEqual(summary.words, 1)
        XCTAssertEqual(summary.bytes, try size(of: export))
        XCTAssertEqual(log.reports.last?.done, 3)
        XCTAssertEqual(log.reports.last?.total, 3)
        let json = try String(contentsOf: export, encoding: .utf8)
        XCTAssertTrue(json.contains("I did not hide in my phone"), "the export is readable on purpose")
        XCTAssertTrue(json.contains("innermost-export"))

        let other = try await newVault(named: "other.innermost")
        let imported = try await other.importJson(from: export)
        XCTAssertEqual(imported.entriesAdded, 3)
        XCTAssertEqual(imported.draftsAdded, 1)
        XCTAssertEqual(imported.wordsAdded, 1)
        XCTAssertEqual(imported.entriesSkipped, 0)

        let originalPage = try await vault.entries(limit: 50)
        let importedPage = try await other.entries(limit: 50)
        XCTAssertEqual(importedPage.entries, originalPage.entries, "same ids, times and content")
        XCTAssertEqual(importedPage.entries.map(\.id), [second.id, first.id])
        let importedTrash = try await other.trashedEntries()
        XCTAssertEqual(importedTrash.entries.map(\.id), [trashed.id])
        let importedDrafts = try await other.drafts()
        XCTAssertEqual(importedDrafts, [draft])
        let closeness = try await other.emotionVocabulary().first { $0.key == "closeness" }
        XCTAssertEqual(closeness?.words.last, word)

        let again = try await other.importJson(from: export)
        XCTAssertEqual(again.entriesAdded, 0, "importing twice adds nothing")
        XCTAssertEqual(again.entriesSkipped, 3)
        XCTAssertEqual(again.draftsSkipped, 1)
        XCTAssertEqual(again.wordsSkipped, 1)

        try await other.close()
        try await vault.close()
    }

    func testAnExportNeverOverwritesAndAStoppedOneLeavesNoFile() async throws {
        let vault = try await newVault(named: "journal.innermost")
        _ = try await vault.addReflection(text: "one")
        _ = try await vault.addReflection(text: "two")

        let existing = directory.appendingPathComponent("existing.json")
        try Data("the person's own file".utf8).write(to: existing)
        let taken = await thrownInvalidInputField { try await vault.exportJson(to: existing) }
        XCTAssertEqual(taken, "path")
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "the person's own file")

        let export = directory.appendingPathComponent("export.json")
        let before = try fileNames(in: directory)
        let stopped = await thrownInnermostError { try await vault.exportJson(to: export) { _, _ in false } }
        XCTAssertEqual(stopped, InnermostError.Interrupted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: export.path))
        XCTAssertEqual(try fileNames(in: directory), before, "no partial file is left behind")

        vault.lock()
        let locked = await thrownInnermostError { try await vault.exportJson(to: export) }
        XCTAssertEqual(locked, InnermostError.Locked)
        XCTAssertFalse(FileManager.default.fileExists(atPath: export.path))
        try await vault.close()
    }

    func testAFileThatIsNotAnExportIsRefusedAndAddsNothing() async throws {
        let vault = try await newVault(named: "journal.innermost")
        let notes = directory.appendingPathComponent("notes.json")
        try Data("my secret diary, not json".utf8).write(to: notes)
        let refused = await thrownInvalidInputField { try await vault.importJson(from: notes) }
        XCTAssertEqual(refused, "file")
        let page = try await vault.entries()
        XCTAssertTrue(page.entries.isEmpty)
        try await vault.close()
    }

    private func size(of url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
