// Encrypted backups through the Swift facade: round trips, automatic backups, and every
// refusal (wrong secret, damaged file, stopped) leaving the current vault as it was.

import Foundation
import Innermost
import XCTest

final class BackupTests: TemporaryDirectoryTestCase {
    private let passphrase = "backup test vault passphrase"
    private let backupPassphrase = "a separate passphrase for backups"

    private var fast: KdfParams {
        insecureFastKdfParamsForTests()
    }

    private var secret: BackupSecret {
        .passphrase(passphrase: backupPassphrase)
    }

    private var vaultURL: URL {
        directory.appendingPathComponent("journal.innermost")
    }

    /// A vault with `count` reflections of about 1 KiB each, so that a backup spans several
    /// of its 64 KiB chunks.
    private func vaultWithEntries(_ count: Int) async throws -> (InnermostVault, [Entry]) {
        let vault = try await InnermostVault.create(at: vaultURL, passphrase: passphrase, kdf: fast)
        var entries: [Entry] = []
        for index in 0..<count {
            let text = "entry \(index): " + String(repeating: "words ", count: 170)
            entries.append(try await vault.addReflection(text: text))
        }
        return (vault, entries)
    }

    private func size(of url: URL) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.size] as? NSNumber)?.uint64Value ?? 0
    }

    // MARK: - Round trip

    func testABackupVerifiesAndRestoresIntoAVaultThatOpensWithItsPassphrase() async throws {
        let (vault, entries) = try await vaultWithEntries(150)
        let backup = directory.appendingPathComponent("journal.innermost-backup")
        let log = ProgressLog()
        let written = try await vault.writeBackup(to: backup, secret: secret, kdf: fast) { done, total in
            log.record(done, total)
        }
        XCTAssertEqual(written.entries, 150)
        XCTAssertGreaterThan(written.databaseBytes, 2 * 64 * 1024, "spans several chunks")
        XCTAssertEqual(log.reports.last?.done, written.databaseBytes, "progress counts database bytes")
        XCTAssertEqual(log.reports.last?.total, written.databaseBytes)

        let verified = try await InnermostVault.verifyBackup(at: backup, secret: secret)
        XCTAssertEqual(verified.vaultId, written.vaultId)
        XCTAssertEqual(verified.createdAt, written.createdAt)
        XCTAssertEqual(verified.entries, 150)
        XCTAssertEqual(verified.databaseBytes, written.databaseBytes)
        XCTAssertEqual(verified.backupBytes, try size(of: backup))

        let restoredDirectory = directory.appendingPathComponent("restored", isDirectory: true)
        try FileManager.default.createDirectory(at: restoredDirectory, withIntermediateDirectories: true)
        let restoredURL = restoredDirectory.appendingPathComponent("journal.innermost")
        let restoredSummary = try await InnermostVault.restoreBackup(at: backup, secret: secret, to: restoredURL)
        XCTAssertEqual(restoredSummary, verified)

        let restored = try await InnermostVault.open(at: restoredURL)
        let backupSecretOpensNothing = await thrownInnermostError {
            try await restored.unlock(passphrase: self.backupPassphrase)
        }
        XCTAssertEqual(backupSecretOpensNothing, InnermostError.WrongPassphrase, "the vault inside keeps its own passphrase")
        try await restored.unlock(passphrase: passphrase)
        for entry in [entries[0], entries[77], entries[149]] {
            let reread = try await restored.entry(id: entry.id)
            XCTAssertEqual(reread, entry)
        }
        try await restored.integrityCheck()
        try await restored.close()
        try await vault.close()
    }

    func testABackupKeyedByTheRecoveryCodeOpensWithItAsTyped() async throws {
        let (vault, entries) = try await vaultWithEntries(3)
        let code = try await vault.setUpRecoveryCode(kdf: fast)
        let backup = directory.appendingPathComponent("recovery.innermost-backup")
        _ = try await vault.writeBackup(to: backup, secret: .recoveryCode(code: code), kdf: fast)

        let typed = code.lowercased().replacingOccurrences(of: "-", with: " ")
        let verified = try await InnermostVault.verifyBackup(at: backup, secret: .recoveryCode(code: typed))
        XCTAssertEqual(verified.entries, UInt64(entries.count))
        let passphraseInstead = await thrownInvalidInputField {
            try await InnermostVault.verifyBackup(at: backup, secret: .passphrase(passphrase: self.backupPassphrase))
        }
        XCTAssertEqual(passphraseInstead, "secret", "a backup keyed by a recovery code needs one")
        try await vault.close()
    }

    // MARK: - Refusals

    func testAWrongSecretIsWrongPassphraseAndWritesNothing() async throws {
        let (vault, _) = try await vaultWithEntries(5)
        let later = try await vault.addReflection(text: "written after the backup")
        let backup = directory.appendingPathComponent("journal.innermost-backup")
        _ = try await vault.writeBackup(to: backup, secret: secret, kdf: fast)
        let wrong = BackupSecret.passphrase(passphrase: "not the backup passphrase")

        let verify = await thrownInnermostError { try await InnermostVault.verifyBackup(at: backup, secret: wrong) }
        XCTAssertEqual(verify, InnermostError.WrongPassphrase)

        let target = directory.appendingPathComponent("never.innermost")
        let restore = await thrownInnermostError {
            try await InnermostVault.restoreBackup(at: backup, secret: wrong, to: target)
        }
        XCTAssertEqual(restore, InnermostError.WrongPassphrase)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))

        let replace = await thrownInnermostError { try await vault.replaceWithBackup(backup, secret: wrong) }
        XCTAssertEqual(replace, InnermostError.WrongPassphrase)
        XCTAssertFalse(vault.isLocked, "the current vault is as it was")
        let stillThere = try await vault.entry(id: later.id)
        XCTAssertEqual(stillThere, later)

        let code = try await vault.setUpRecoveryCode(kdf: fast)
        let otherKind = await thrownInvalidInputField {
            try await InnermostVault.verifyBackup(at: backup, secret: .recoveryCode(code: code))
        }
        XCTAssertEqual(otherKind, "secret", "a passphrase backup refuses a recovery code")

        let taken = await thrownInvalidInputField {
            try await vault.writeBackup(to: backup, secret: self.secret, kdf: self.fast)
        }
        XCTAssertEqual(taken, "path", "an existing file is never overwritten")
        try await vault.close()
    }

    func testAFlippedByteIsCorruptedAndNothingIsReplaced() async throws {
        let (vault, _) = try await vaultWithEntries(20)
        let backup = directory.appendingPathComponent("journal.innermost-backup")
        _ = try await vault.writeBackup(to: backup, secret: secret, kdf: fast)
        let later = try await vault.addReflection(text: "written after the backup")

        var bytes = try Data(contentsOf: backup)
        bytes[bytes.count - 100] ^= 0x01
        let damaged = directory.appendingPathComponent("damaged.innermost-backup")
        try bytes.write(to: damaged)

        let verify = await thrownInnermostError { try await InnermostVault.verifyBackup(at: damaged, secret: self.secret) }
        assertCorruptedBackup(verify)

        let target = directory.appendingPathComponent("never.innermost")
        let restore = await thrownInnermostError {
            try await InnermostVault.restoreBackup(at: damaged, secret: self.secret, to: target)
        }
        assertCorruptedBackup(restore)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path), "a damaged backup never produces a vault")

        let replace = await thrownInnermostError { try await vault.replaceWithBackup(damaged, secret: self.secret) }
        assertCorruptedBackup(replace)
        XCTAssertFalse(vault.isLocked)
        let stillThere = try await vault.entry(id: later.id)
        XCTAssertEqual(stillThere, later, "the current vault is untouched")

        let intact = try await InnermostVault.verifyBackup(at: backup, secret: secret)
        XCTAssertEqual(intact.entries, 20, "the original backup is fine")
        try await vault.close()
    }

    func testStoppingABackupThrowsInterruptedAndLeavesNoFile() async throws {
        let (vault, _) = try await vaultWithEntries(20)
        let backup = directory.appendingPathComponent("stopped.innermost-backup")
        let before = try fileNames(in: directory)

        let stopped = await thrownInnermostError {
            try await vault.writeBackup(to: backup, secret: self.secret, kdf: self.fast) { _, _ in false }
        }
        XCTAssertEqual(stopped, InnermostError.Interrupted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: backup.path))
        let after = try fileNames(in: directory)
        XCTAssertEqual(after, before, "no partial file or snapshot is left behind")

        _ = try await vault.writeBackup(to: backup, secret: secret, kdf: fast)
        let verifyStopped = await thrownInnermostError {
            try await InnermostVault.verifyBackup(at: backup, secret: self.secret) { done, _ in done == 0 }
        }
        XCTAssertEqual(verifyStopped, InnermostError.Interrupted)
        try await vault.close()
    }

    // MARK: - Replacing the vault

    func testReplacingTheVaultWithABackupLocksItUnderTheBackedUpPassphrase() async throws {
        let (vault, entries) = try await vaultWithEntries(10)
        let backup = directory.appendingPathComponent("journal.innermost-backup")
        _ = try await vault.writeBackup(to: backup, secret: secret, kdf: fast)
        let later = try await vault.addReflection(text: "written after the backup")
        try await vault.changePassphrase(current: passphrase, newPassphrase: "changed since", kdf: fast)

        let summary = try await vault.replaceWithBackup(backup, secret: secret)
        XCTAssertEqual(summary.entries, 10)
        XCTAssertTrue(vault.isLocked)
        let newer = await thrownInnermostError { try await vault.unlock(passphrase: "changed since") }
        XCTAssertEqual(newer, InnermostError.WrongPassphrase)
        try await vault.unlock(passphrase: passphrase)
        let reread = try await vault.entry(id: entries[3].id)
        XCTAssertEqual(reread, entries[3])
        let gone = await thrownInnermostError { try await vault.entry(id: later.id) }
        XCTAssertEqual(gone, InnermostError.NotFound(what: "entry"))
        try await vault.close()
    }

    // MARK: - Automatic backups

    func testAutomaticBackupsKeepTheNewestAndTouchNothingElse() async throws {
        let (vault, _) = try await vaultWithEntries(2)
        let backups = directory.appendingPathComponent("Backups", isDirectory: true)
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        let notes = backups.appendingPathComponent("notes.txt")
        try Data("the person's own file".utf8).write(to: notes)

        let configuredBefore = try await vault.automaticBackupsConfigured()
        XCTAssertFalse(configuredBefore)
        let notConfigured = await thrownInnermostError { try await vault.runAutomaticBackup(in: backups, keep: 2) }
        guard case .NotFound? = notConfigured else {
            XCTFail("expected NotFound before automatic backups are configured, got \(String(describing: notConfigured))")
            return
        }

        try await vault.configureAutomaticBackups(secret: secret, kdf: fast)
        let configured = try await vault.automaticBackupsConfigured()
        XCTAssertTrue(configured)
        var made: [String] = []
        for index in 0..<3 {
            _ = try await vault.addReflection(text: "day \(index)")
            let run = try await vault.runAutomaticBackup(in: backups, keep: 2)
            XCTAssertEqual(run.summary.entries, UInt64(3 + index))
            made.append(URL(fileURLWithPath: run.path).lastPathComponent)
            // Names carry the time to the millisecond; make sure the next one differs.
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        let kept = try await InnermostVault.listAutomaticBackups(in: backups)
        XCTAssertEqual(kept.map(\.lastPathComponent), [made[2], made[1]], "the newest two, newest first")
        XCTAssertTrue(FileManager.default.fileExists(atPath: notes.path), "other files stay")
        for file in kept {
            let summary = try await InnermostVault.verifyBackup(at: file, secret: secret)
            XCTAssertGreaterThanOrEqual(summary.entries, 4)
        }

        let badKeep = await thrownInvalidInputField { try await vault.runAutomaticBackup(in: backups, keep: 0) }
        XCTAssertEqual(badKeep, "keep")
        vault.lock()
        let locked = await thrownInnermostError { try await vault.runAutomaticBackup(in: backups, keep: 2) }
        XCTAssertEqual(locked, InnermostError.Locked)
        try await vault.unlock(passphrase: passphrase)

        try await vault.turnOffAutomaticBackups()
        let configuredAfter = try await vault.automaticBackupsConfigured()
        XCTAssertFalse(configuredAfter)
        let stillKept = try await InnermostVault.listAutomaticBackups(in: backups)
        XCTAssertEqual(stillKept.count, 2, "turning them off deletes no file")
        try await vault.close()
    }

    // MARK: - Deleting everything

    func testDeletingEverythingRemovesTheVaultAndItsAutomaticBackups() async throws {
        let (vault, _) = try await vaultWithEntries(2)
        let backups = directory.appendingPathComponent("Backups", isDirectory: true)
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        let notes = backups.appendingPathComponent("notes.txt")
        try Data("the person's own file".utf8).write(to: notes)
        try await vault.configureAutomaticBackups(secret: secret, kdf: fast)
        _ = try await vault.runAutomaticBackup(in: backups, keep: 2)

        try await vault.deleteEverything(backupsDirectory: backups)
        XCTAssertFalse(FileManager.default.fileExists(atPath: vaultURL.path))
        let left = try await InnermostVault.listAutomaticBackups(in: backups)
        XCTAssertTrue(left.isEmpty)
        XCTAssertTrue(FileManager.default.fileExists(atPath: notes.path), "only automatic backups are removed")
        let closed = await thrownInnermostError { try await vault.entries() }
        guard case .Storage? = closed else {
            XCTFail("expected Storage for a deleted (closed) vault, got \(String(describing: closed))")
            return
        }
    }

    // MARK: - Helpers

    private func assertCorruptedBackup(
        _ error: InnermostError?,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        guard case let .Corrupted(what)? = error else {
            XCTFail("expected Corrupted, got \(String(describing: error))", file: file, line: line)
            return
        }
        XCTAssertTrue(what.hasPrefix("backup"), what, file: file, line: line)
    }
}
