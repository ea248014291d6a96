// Report files: written into their directory with complete protection, atomically, under
// neutral names, excluded from backup, listed, refused outside their directory, deleted.

import Foundation
import Innermost
import XCTest

final class ReportFilesTests: TemporaryDirectoryTestCase {
    /// 2026-11-02 12:00 UTC.
    private let noonNovemberSecond = Date(timeIntervalSince1970: 1_793_620_800)
    private let utc = TimeZone(identifier: "UTC")!

    /// Stands for what a person chose to bring to therapy: it must appear in the file only.
    private let canary = "I pulled away again when she asked about the weekend"

    private var pdf: Data {
        Data("%PDF-1.7\n\(canary)\n%%EOF\n".utf8)
    }

    private var reportsDirectory: URL {
        directory.appendingPathComponent(ReportFiles.directoryName, isDirectory: true)
    }

    private func makeReports(_ writer: any ReportFileWriting = SystemReportFileWriter()) -> ReportFiles {
        ReportFiles(directory: reportsDirectory, writer: writer)
    }

    private func names(in url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func testAReportLandsInTheReportsDirectoryWithExactlyItsBytes() async throws {
        let reports = makeReports()
        let saved = try await reports.write(pdf, type: .pdf, date: noonNovemberSecond, timeZone: utc)

        XCTAssertEqual(saved.url.lastPathComponent, "report-2026-11-02.pdf")
        XCTAssertEqual(saved.url.deletingLastPathComponent().standardizedFileURL.path, reportsDirectory.standardizedFileURL.path)
        XCTAssertEqual(try Data(contentsOf: saved.url), pdf)
        XCTAssertEqual(saved.type, .pdf)
        XCTAssertEqual(saved.day, "2026-11-02")
        XCTAssertEqual(try names(in: reportsDirectory), ["report-2026-11-02.pdf"], "nothing else in the directory")
        XCTAssertEqual(try reports.shareableURL(for: saved), saved.url)
    }

    func testWritesAskForCompleteProtectionAtomicallyAndExcludeFromBackup() async throws {
        let writer = RecordingReportFileWriter()
        let reports = makeReports(writer)
        let saved = try await reports.write(pdf, type: .html, date: noonNovemberSecond, timeZone: utc)

        XCTAssertEqual(writer.writes.count, 1)
        XCTAssertEqual(writer.writes.first?.url, saved.url)
        let options = try XCTUnwrap(writer.writes.first?.options)
        XCTAssertTrue(options.contains(.completeFileProtection), "complete file protection")
        XCTAssertTrue(options.contains(.atomic), "atomic")
        XCTAssertTrue(writer.exclusions.contains(saved.url), "the file is excluded from backup")
        XCTAssertTrue(
            writer.exclusions.map(\.standardizedFileURL.path).contains(reportsDirectory.standardizedFileURL.path),
            "the directory is excluded from backup"
        )
        let values = try saved.url.resourceValues(forKeys: [.isExcludedFromBackupKey])
        XCTAssertEqual(values.isExcludedFromBackup, true)
    }

    func testEveryTypeHasItsExtensionAndMimeTypeAndNamesSayOnlyReportDayAndType() async throws {
        let expected: [ReportFileType: (String, String)] = [
            .html: ("html", "text/html"),
            .pdf: ("pdf", "application/pdf"),
            .markdown: ("md", "text/markdown"),
            .json: ("json", "application/json"),
            .csv: ("csv", "text/csv"),
        ]
        XCTAssertEqual(Set(ReportFileType.allCases), Set(expected.keys))
        let reports = makeReports()
        for type in ReportFileType.allCases {
            let (fileExtension, mimeType) = try XCTUnwrap(expected[type])
            XCTAssertEqual(type.fileExtension, fileExtension)
            XCTAssertEqual(type.mimeType, mimeType)
            XCTAssertEqual(ReportFileType(fileExtension: fileExtension), type)

            let saved = try await reports.write(Data(canary.utf8), type: type, date: noonNovemberSecond, timeZone: utc)
            let name = saved.url.lastPathComponent
            XCTAssertEqual(name, "report-2026-11-02.\(fileExtension)")
            for word in ["intima", "therap", "innermost", "journal", "fear", "pulled"] {
                XCTAssertFalse(name.lowercased().contains(word), "\(name) says \(word)")
            }
        }
        let listed = try await reports.list()
        XCTAssertEqual(listed.count, 5)
    }

    func testTheDayIsTheCallersDayInTheirTimeZone() {
        let lateEvening = Date(timeIntervalSince1970: 1_793_662_200)   // 2026-11-02 23:30 UTC
        XCTAssertEqual(ReportFiles.day(of: lateEvening, in: utc), "2026-11-02")
        XCTAssertEqual(ReportFiles.day(of: lateEvening, in: TimeZone(identifier: "Europe/Paris")!), "2026-11-03")
        XCTAssertEqual(ReportFiles.day(of: lateEvening, in: TimeZone(identifier: "America/Los_Angeles")!), "2026-11-02")
        XCTAssertEqual(ReportFiles.fileName(type: .markdown, day: "2026-11-03"), "report-2026-11-03.md")
    }

    func testWritingAgainReplacesTheReport() async throws {
        let reports = makeReports()
        let first = try await reports.write(pdf, type: .pdf, date: noonNovemberSecond, timeZone: utc)
        let newer = Data("%PDF-1.7\nshorter\n".utf8)
        let second = try await reports.write(newer, type: .pdf, date: noonNovemberSecond, timeZone: utc)

        XCTAssertEqual(first, second)
        XCTAssertEqual(try Data(contentsOf: second.url), newer)
        XCTAssertEqual(try names(in: reportsDirectory), ["report-2026-11-02.pdf"])
        let listed = try await reports.list()
        XCTAssertEqual(listed, [second])
    }

    func testAFailedWriteKeepsTheEarlierReportAndLeftoversGoOnTheNextWrite() async throws {
        let writer = RecordingReportFileWriter()
        let reports = makeReports(writer)
        let kept = try await reports.write(pdf, type: .pdf, date: noonNovemberSecond, timeZone: utc)
        let leftover = reportsDirectory.appendingPathComponent(".report-2026-11-02.pdf.sb-1234-abcd")
        try Data(pdf.prefix(5)).write(to: leftover)

        let notListed = try await reports.list()
        XCTAssertEqual(notListed, [kept], "a leftover is not a report")

        writer.failure = CocoaError(.fileWriteOutOfSpace)
        do {
            _ = try await reports.write(Data("new".utf8), type: .pdf, date: noonNovemberSecond, timeZone: utc)
            XCTFail("the write should have failed")
        } catch let InnermostError.Storage(detail) {
            XCTAssertFalse(detail.contains(reportsDirectory.path), "no path in errors")
            XCTAssertFalse(detail.contains("report-"), "no file name in errors")
        }
        XCTAssertEqual(try Data(contentsOf: kept.url), pdf, "the earlier report is untouched")
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover.path), "the next write removed the leftover")
    }

    func testAURLOutsideTheReportsDirectoryIsRefused() async throws {
        let reports = makeReports()
        _ = try await reports.write(pdf, type: .pdf, date: noonNovemberSecond, timeZone: utc)
        let journal = directory.appendingPathComponent("journal.innermost")
        try Data("sealed".utf8).write(to: journal)
        let besideTheDirectory = directory.appendingPathComponent("report-2026-11-02.pdf")
        try pdf.write(to: besideTheDirectory)
        let notAReport = reportsDirectory.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: notAReport)

        let outside = [
            SavedReport(url: journal, type: .pdf, day: "2026-11-02"),
            SavedReport(url: reportsDirectory.appendingPathComponent("../journal.innermost"), type: .pdf, day: "2026-11-02"),
            SavedReport(url: besideTheDirectory, type: .pdf, day: "2026-11-02"),
            SavedReport(url: notAReport, type: .pdf, day: "2026-11-02"),
            SavedReport(url: URL(fileURLWithPath: "/etc/hosts"), type: .pdf, day: "2026-11-02"),
            SavedReport(url: reportsDirectory.appendingPathComponent("report-2026-11-02.pdf"), type: .csv, day: "2026-11-02"),
        ]
        for report in outside {
            XCTAssertThrowsError(try reports.shareableURL(for: report), report.url.path) { error in
                guard case InnermostError.InvalidInput(let field, _) = error else {
                    return XCTFail("\(error)")
                }
                XCTAssertEqual(field, "url")
            }
            do {
                try await reports.delete(report)
                XCTFail("deleting \(report.url.path) should have been refused")
            } catch InnermostError.InvalidInput {
            }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: besideTheDirectory.path))
    }

    func testListGivesTheReportsNewestFirstAndDeleteRemovesOne() async throws {
        let reports = makeReports()
        let twoWeeksEarlier = noonNovemberSecond.addingTimeInterval(-14 * 86_400)
        let older = try await reports.write(pdf, type: .pdf, date: twoWeeksEarlier, timeZone: utc)
        let html = try await reports.write(pdf, type: .html, date: noonNovemberSecond, timeZone: utc)
        let csv = try await reports.write(pdf, type: .csv, date: noonNovemberSecond, timeZone: utc)
        let all = try await reports.list()
        XCTAssertEqual(all, [html, csv, older])
        XCTAssertEqual(older.day, "2026-10-19")

        let deleted = try await reports.delete(older)
        XCTAssertTrue(deleted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: older.url.path))
        let again = try await reports.delete(older)
        XCTAssertFalse(again, "already gone")
        let left = try await reports.list()
        XCTAssertEqual(left, [html, csv])
    }

    func testDeletingEverythingRemovesEveryReportAndTheDirectoryAndNothingElse() async throws {
        let reports = makeReports()
        for type in ReportFileType.allCases {
            _ = try await reports.write(pdf, type: type, date: noonNovemberSecond, timeZone: utc)
        }
        _ = try await reports.write(pdf, type: .pdf, date: noonNovemberSecond.addingTimeInterval(-86_400), timeZone: utc)
        try pdf.write(to: reportsDirectory.appendingPathComponent(".leftover"))
        let journal = directory.appendingPathComponent("journal.innermost")
        try Data("sealed".utf8).write(to: journal)

        let deleted = try await reports.deleteAll()
        XCTAssertEqual(deleted, 6)
        XCTAssertFalse(FileManager.default.fileExists(atPath: reportsDirectory.path))
        let listed = try await reports.list()
        XCTAssertEqual(listed, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: journal.path))
        XCTAssertEqual(try filesHolding(canary), [], "nothing left holds the report")
        let nothingLeft = try await reports.deleteAll()
        XCTAssertEqual(nothingLeft, 0)

        let rewritten = try await reports.write(pdf, type: .pdf, date: noonNovemberSecond, timeZone: utc)
        XCTAssertEqual(try Data(contentsOf: rewritten.url), pdf, "writing works again afterwards")
    }

    /// Files under the test's directory whose bytes contain `text`.
    private func filesHolding(_ text: String) throws -> [String] {
        let needle = Data(text.utf8)
        var found: [String] = []
        let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            let isFile = try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile ?? false
            if isFile, try Data(contentsOf: url).range(of: needle) != nil {
                found.append(url.lastPathComponent)
            }
        }
        return found
    }
}
