// Reports for therapy through the facade: every format from a real vault, only what was
// picked, and a PDF saved with complete file protection. Mirrors ReportTest.kt and
// core/reports/tests/privacy.rs.

import Foundation
import Innermost
import XCTest

final class ReportRenderTests: TemporaryDirectoryTestCase {
    private let passphrase = "report test passphrase"
    private let paris = TimeZone(identifier: "Europe/Paris")!
    private let unpicked = "swift-unpicked-canary"

    private func newVault() async throws -> InnermostVault {
        let url = directory.appendingPathComponent("journal.innermost")
        return try await InnermostVault.create(at: url, passphrase: passphrase, kdf: insecureFastKdfParamsForTests())
    }

    private func reflection(_ text: String) -> NewEntry {
        NewEntry(content: .reflection(title: nil, text: text, promptKey: nil), tags: [], links: [])
    }

    private func day(_ daysAgo: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = paris
        let date = calendar.date(byAdding: .day, value: -daysAgo, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    private func request(picked: [String]) -> ReportRequest {
        ReportRequest(
            from: day(13),
            to: day(0),
            zone: paris.identifier,
            template: "general",
            turnedOn: [],
            turnedOff: [],
            pickedEntries: picked,
            pickedPractice: [],
            pickedMeasures: [],
            agenda: ["Why does silence feel like leaving?"],
            sessionDates: []
        )
    }

    func testEveryTextFormatCarriesThePickedEntryAndNeverTheUnpickedOne() async throws {
        let vault = try await newVault()
        _ = try await vault.addEntry(reflection("private: \(unpicked)"))
        let picked = try await vault.addEntry(reflection("I told A. about the silence"))
        let chosen = request(picked: [picked.id])
        for format in [ReportFormat.html, .markdown, .json, .csv] {
            let text = String(decoding: try await vault.renderReport(chosen, format: format), as: UTF8.self)
            XCTAssertFalse(text.contains(unpicked), "\(format) leaks unpicked text")
            if format != .csv {
                XCTAssertTrue(text.contains("silence"), "\(format) lacks the picked entry")
            }
        }
        let again = try await vault.renderReport(chosen, format: .json)
        XCTAssertEqual(try await vault.renderReport(chosen, format: .json), again, "same request, same bytes")
    }

    func testAPdfIsRefusedByFieldWhenNoFontCoversATextAndSavedProtectedWhenOneDoes() async throws {
        let vault = try await newVault()
        let cjk = try await vault.addEntry(reflection("安心"))
        do {
            _ = try await vault.renderReport(request(picked: [cjk.id]), format: .pdf)
            XCTFail("a character no font covers must refuse the PDF")
        } catch let InnermostError.InvalidInput(field, reason) {
            XCTAssertEqual(field, "fonts")
            XCTAssertFalse(reason.contains("安心"))
        }
        let latin = try await vault.addEntry(reflection("Ich fühlte mich sicher"))
        let writer = RecordingReportFileWriter()
        let files = ReportFiles(directory: directory.appendingPathComponent("Reports"), writer: writer)
        let saved = try await files.write(vault: vault, request: request(picked: [latin.id]), format: .pdf)
        XCTAssertEqual(saved.type, .pdf)
        XCTAssertEqual(saved.url.pathExtension, "pdf")
        XCTAssertTrue(writer.writes.contains(where: { $0.options.contains(.completeFileProtection) }))
        let bytes = try Data(contentsOf: saved.url)
        XCTAssertEqual(bytes.prefix(8), Data("%PDF-1.7".utf8))
    }
}
