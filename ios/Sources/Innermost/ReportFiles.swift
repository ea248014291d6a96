// Report files in the app's own storage: written atomically with complete file protection
// under neutral names, kept out of backups, listed and deleted; their URLs go to the share
// sheet.

import Foundation
import InnermostFFI

/// The reports a person chose to make, as files the app can hand to the share sheet:
/// written to `Application Support/Reports/` in the app's container, with the Data
/// Protection class `.complete` and excluded from iCloud and computer backups, and deleted
/// on request.
///
/// ```swift
/// let reports = try ReportFiles.inApplicationSupport()
/// let saved = try await reports.write(bytes, type: .pdf)          // report-2026-11-02.pdf
/// let sheet = try reports.activityViewController(for: saved)     // iOS: UIKit helper
/// sheet.popoverPresentationController?.sourceView = shareButton  // needed on iPad
/// present(sheet, animated: true)
/// ```
///
/// * **Where:** Application Support, not Documents: Documents is the folder an app shows
///   in the Files app when it turns on file sharing, and is meant for what the person
///   manages themselves; these files exist to be shared once and deleted.
/// * **Names** are `report-<YYYY-MM-DD>.<extension>` (``fileName(type:day:)``): the day and
///   the type, nothing else, so a name seen in a share sheet, a mail attachment or the
///   Files app says nothing about the app or the person. A second report of the same type
///   and day replaces the first.
/// * **Writes** use `[.atomic, .completeFileProtection]`: the share sheet (or anything
///   reading) sees the old report or the new one, never a mix, and the file is unreadable
///   while the device is locked. Reports are made and shared while someone uses the app,
///   so `.complete` costs nothing. The directory and every file are marked
///   `isExcludedFromBackup`.
/// * **Only this directory:** every call that takes a report refuses one whose URL is not a
///   report file directly inside ``directory`` (`InnermostError.InvalidInput`).
/// * **Deleting the person's data** must include ``deleteAll()``: the core's
///   `deleteEverything` does not know this directory.
///
/// The directory belongs to this type: anything in it that is not a report (what an
/// interrupted atomic write left) is removed by the next ``write(_:type:date:timeZone:)``.
/// Files here are plaintext (that is what the person asked for); nothing here logs, and
/// errors name only a Foundation error domain and code, never a path.
///
/// Disk work runs off the caller's thread, one call at a time per process.
public struct ReportFiles: Sendable {
    /// The directory's name inside Application Support.
    public static let directoryName = "Reports"

    /// The directory the reports are written to (created by the first write).
    public let directory: URL

    private let writer: any ReportFileWriting

    /// Reports in `directory`, written through `writer`.
    ///
    /// - Parameters:
    ///   - directory: Where the reports go. Apps use ``inApplicationSupport()``; tests pass
    ///     a temporary directory.
    ///   - writer: How files are written; the default is the real file system.
    public init(directory: URL, writer: any ReportFileWriting = SystemReportFileWriter()) {
        self.directory = directory.standardizedFileURL
        self.writer = writer
    }

    /// The app's reports: `Application Support/Reports/` in its container. Creates
    /// Application Support if needed (a new app has none), not yet `Reports/`.
    ///
    /// - Throws: `InnermostError.Storage` if Application Support cannot be found or made.
    public static func inApplicationSupport() throws -> ReportFiles {
        let base: URL
        do {
            base = try FileManager.default.url(
                for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true
            )
        } catch {
            throw storageError("Application Support could not be found", error)
        }
        return ReportFiles(directory: base.appendingPathComponent(directoryName, isDirectory: true))
    }

    // MARK: - Names

    /// The neutral name of the report of `type` for `day`: `report-2026-11-02.pdf`.
    public static func fileName(type: ReportFileType, day: String) -> String {
        "report-\(day).\(type.fileExtension)"
    }

    /// `date`'s day in `timeZone`, `YYYY-MM-DD` on the Gregorian calendar (whatever the
    /// person's calendar and locale: file names must sort and parse the same everywhere).
    public static func day(of date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return padded(parts.year ?? 0, 4) + "-" + padded(parts.month ?? 0, 2) + "-" + padded(parts.day ?? 0, 2)
    }

    // MARK: - Writing, listing, deleting

    /// Writes `data` as the report of `type` for the day of `date` in `timeZone`, replacing
    /// an earlier report of the same type and day atomically, and returns it.
    ///
    /// - Throws: `InnermostError.Storage` if the directory cannot be made or the file cannot
    ///   be written or excluded from backup (an earlier report stays as it was).
    /// Renders the report the person chose with `vault` in `format` and writes it as the
    /// report of `date` (``write(_:type:date:timeZone:)`` with the core's bytes). `fonts`
    /// are the PDF's fonts (see ``InnermostVault/renderReport(_:format:fonts:)``). Nothing
    /// is written when the core refuses the request.
    public func write(
        vault: InnermostVault,
        request: ReportRequest,
        format: ReportFormat,
        fonts: [Data] = [],
        date: Date = Date(),
        timeZone: TimeZone = .current
    ) async throws -> SavedReport {
        let data = try await vault.renderReport(request, format: format, fonts: fonts)
        return try await write(data, type: ReportFileType(format), date: date, timeZone: timeZone)
    }

    public func write(
        _ data: Data,
        type: ReportFileType,
        date: Date = Date(),
        timeZone: TimeZone = .current
    ) async throws -> SavedReport {
        let day = Self.day(of: date, in: timeZone)
        return try await onReportQueue { [self] in
            try prepareDirectory()
            removeLeftovers()
            let url = directory.appendingPathComponent(Self.fileName(type: type, day: day), isDirectory: false)
            do {
                try writer.write(data, to: url, options: [.atomic, .completeFileProtection])
            } catch {
                throw Self.storageError("the report could not be written", error)
            }
            do {
                try writer.excludeFromBackup(url)
            } catch {
                try? FileManager.default.removeItem(at: url)
                throw Self.storageError("the report could not be excluded from backup", error)
            }
            return SavedReport(url: url, type: type, day: day)
        }
    }

    /// The reports in ``directory``, newest day first (and in ``ReportFileType`` order within
    /// a day). Anything that is not a report is left out. Empty when there is no directory.
    public func list() async throws -> [SavedReport] {
        try await onReportQueue { [self] in
            contents()
                .compactMap(report(at:))
                .sorted { left, right in
                    if left.day != right.day { return left.day > right.day }
                    return Self.order(of: left.type) < Self.order(of: right.type)
                }
        }
    }

    /// Deletes one report. Returns whether a file was deleted (false: it was already gone).
    ///
    /// - Throws: `InnermostError.InvalidInput` for a URL that is not a report in
    ///   ``directory``; `InnermostError.Storage` if it cannot be deleted.
    @discardableResult
    public func delete(_ report: SavedReport) async throws -> Bool {
        let url = try shareableURL(for: report)
        return try await onReportQueue {
            guard FileManager.default.fileExists(atPath: url.path) else { return false }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw Self.storageError("the report could not be deleted", error)
            }
            return true
        }
    }

    /// Deletes everything in ``directory``, reports and anything else, and the directory
    /// itself: when the person deletes their data, or wants no report kept. Returns how many
    /// reports were deleted.
    ///
    /// - Throws: `InnermostError.Storage` if something could not be deleted.
    @discardableResult
    public func deleteAll() async throws -> Int {
        try await onReportQueue { [self] in
            let reports = contents().compactMap(report(at:)).count
            guard FileManager.default.fileExists(atPath: directory.path) else { return 0 }
            do {
                try FileManager.default.removeItem(at: directory)
            } catch {
                throw Self.storageError("the reports could not be deleted", error)
            }
            return reports
        }
    }

    // MARK: - Sharing

    /// The file URL of `report` for the share sheet (`UIActivityViewController`), after
    /// checking that it is a report file directly inside ``directory``.
    ///
    /// - Throws: `InnermostError.InvalidInput` (field `"url"`) otherwise.
    public func shareableURL(for report: SavedReport) throws -> URL {
        let url = report.url.standardizedFileURL
        let parent = url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL
        guard parent.path == directory.resolvingSymlinksInPath().standardizedFileURL.path else {
            throw InnermostError.InvalidInput(field: "url", reason: "not a file in the reports directory")
        }
        guard let found = self.report(at: url), found.type == report.type, found.day == report.day else {
            throw InnermostError.InvalidInput(field: "url", reason: "not a report file")
        }
        return url
    }

    // MARK: - Private

    /// One queue for every instance: report files are written, listed and deleted one call
    /// at a time, so a write never meets another one's half-written file.
    private static let queue = DispatchQueue(label: "app.innermost.reports", qos: .userInitiated)

    private func onReportQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Self.queue.async {
                continuation.resume(with: Result<T, Error>(catching: work))
            }
        }
    }

    /// Creates ``directory`` if missing (with complete protection on iOS, which files
    /// created in it inherit) and marks it excluded from backup.
    private func prepareDirectory() throws {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            var attributes: [FileAttributeKey: Any] = [:]
            #if os(iOS)
            attributes[.protectionKey] = FileProtectionType.complete
            #endif
            do {
                try FileManager.default.createDirectory(
                    at: directory, withIntermediateDirectories: true, attributes: attributes
                )
            } catch {
                throw Self.storageError("the reports directory could not be created", error)
            }
        }
        do {
            try writer.excludeFromBackup(directory)
        } catch {
            throw Self.storageError("the reports directory could not be excluded from backup", error)
        }
    }

    /// Removes what is not a report: files an interrupted atomic write left. Runs on the
    /// report queue, so no write of this process is in progress.
    private func removeLeftovers() {
        for url in contents() where report(at: url) == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Everything directly in ``directory`` (hidden files too), or nothing.
    private func contents() -> [URL] {
        (try? FileManager.default.contentsOfDirectory(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: []
        )) ?? []
    }

    /// The report a regular file at `url` is by its name, or nil.
    private func report(at url: URL) -> SavedReport? {
        let name = url.lastPathComponent
        let prefix = "report-"
        guard name.hasPrefix(prefix), let dot = name.lastIndex(of: ".") else { return nil }
        guard let type = ReportFileType(fileExtension: String(name[name.index(after: dot)...])) else { return nil }
        let day = String(name[name.index(name.startIndex, offsetBy: prefix.count)..<dot])
        guard Self.isDay(day), Self.fileName(type: type, day: day) == name else { return nil }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return nil
        }
        return SavedReport(url: url, type: type, day: day)
    }

    /// Whether `text` is `YYYY-MM-DD` (digits and dashes in those places).
    private static func isDay(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10 else { return false }
        for (index, character) in characters.enumerated() {
            if index == 4 || index == 7 {
                if character != "-" { return false }
            } else if !character.isASCII || !character.isNumber {
                return false
            }
        }
        return true
    }

    private static func order(of type: ReportFileType) -> Int {
        ReportFileType.allCases.firstIndex(of: type) ?? 0
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `InnermostError.Storage` naming what failed and the error's domain and code only
    /// (Foundation's descriptions carry the path).
    private static func storageError(_ what: String, _ error: Error) -> InnermostError {
        let error = error as NSError
        return InnermostError.Storage(detail: "\(what) (\(error.domain) \(error.code))")
    }
}
