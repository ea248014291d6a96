// Key rotation, progress and stopping long calls, through the Swift facade.

import Foundation
import Innermost
import XCTest

final class KeyRotationTests: TemporaryDirectoryTestCase {
    private let passphrase = "rotation test passphrase"

    private var fast: KdfParams {
        insecureFastKdfParamsForTests()
    }

    private func newVault(entries: Int) async throws -> (InnermostVault, [Entry]) {
        let url = directory.appendingPathComponent("journal.innermost")
        let vault = try await InnermostVault.create(at: url, passphrase: passphrase, kdf: fast)
        var written: [Entry] = []
        for index in 0..<entries {
            written.append(try await vault.addReflection(text: "entry \(index) before the rotation"))
        }
        return (vault, written)
    }

    func testRotationIssuesANewRecoveryCodeAndRemovesPlatformSlots() async throws {
        let (vault, entries) = try await newVault(entries: 20)
        let store = InMemoryPlatformKeyStore()
        let oldCode = try await vault.setUpRecoveryCode(kdf: fast)
        try await vault.enablePlatformUnlock(store: store)

        let log = ProgressLog()
        let outcome = try await vault.rotateDataKey(passphrase: passphrase, kdf: fast) { done, total in
            log.record(done, total)
        }
        XCTAssertEqual(outcome.platformSlotsRemoved, 1)
        XCTAssertGreaterThanOrEqual(outcome.valuesResealed, 20)
        let newCode = try XCTUnwrap(outcome.recoveryCode, "a vault with a code gets a new one")
        XCTAssertNotEqual(newCode, oldCode)
        let reports = log.reports
        XCTAssertFalse(reports.isEmpty, "progress was reported")
        XCTAssertEqual(reports.first?.done, 0)
        XCTAssertEqual(reports.last?.done, outcome.valuesResealed)
        XCTAssertTrue(reports.allSatisfy { $0.done <= $0.total })
        let done = reports.map { $0.done }
        XCTAssertEqual(done, done.sorted(), "progress never goes backwards")
        let state = try await vault.platformUnlockState()
        XCTAssertEqual(state, PlatformUnlockState.notEnrolled, "turn platform unlock on again after a rotation")

        vault.lock()
        let retired = await thrownInnermostError { try await vault.unlockWithRecoveryCode(code: oldCode) }
        XCTAssertEqual(retired, InnermostError.WrongPassphrase)
        try await vault.unlockWithRecoveryCode(code: newCode)
        vault.lock()
        try await vault.unlock(passphrase: passphrase)
        let page = try await vault.entries(limit: 50)
        XCTAssertEqual(page.entries, Array(entries.reversed()), "every entry reads back under the new key")
        try await vault.close()
    }

    func testAStoppedRotationChangesNothing() async throws {
        let (vault, entries) = try await newVault(entries: 20)
        let stopped = await thrownInnermostError {
            try await vault.rotateDataKey(passphrase: self.passphrase, kdf: self.fast) { _, _ in false }
        }
        XCTAssertEqual(stopped, InnermostError.Interrupted)
        let wrong = await thrownInnermostError {
            try await vault.rotateDataKey(passphrase: "not the passphrase", kdf: self.fast)
        }
        XCTAssertEqual(wrong, InnermostError.WrongPassphrase)

        vault.lock()
        try await vault.unlock(passphrase: passphrase)
        let page = try await vault.entries(limit: 50)
        XCTAssertEqual(page.entries, Array(entries.reversed()))
        try await vault.close()
    }

    func testCancellingTheTaskStopsALongCallAndLeavesNoFile() async throws {
        let (vault, _) = try await newVault(entries: 5)
        let backup = directory.appendingPathComponent("cancelled.innermost-backup")
        let fast = self.fast
        let task = Task { () async throws -> BackupSummary in
            // Wait for the cancellation, so the outcome does not depend on timing: the
            // listener answers "stop" at the backup's first report.
            while !Task.isCancelled {
                await Task.yield()
            }
            return try await vault.writeBackup(
                to: backup,
                secret: .passphrase(passphrase: "a passphrase for backups"),
                kdf: fast
            )
        }
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("a cancelled backup completed")
        } catch is CancellationError {
            // Expected: the listener said "stop" at the first batch.
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: backup.path))
        let names = try fileNames(in: directory)
        XCTAssertFalse(names.contains { $0.contains("partial") || $0.contains("snapshot") }, "\(names)")
        try await vault.close()
    }
}
