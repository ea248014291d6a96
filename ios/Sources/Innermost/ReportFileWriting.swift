// The two file-system calls of ReportFiles that decide how a report is protected, as a
// seam the tests can watch.

import Foundation

/// How ``ReportFiles`` writes a report and keeps it out of backups. The default,
/// ``SystemReportFileWriter``, is what apps use; tests pass one that records the options
/// it is asked for.
public protocol ReportFileWriting: Sendable {
    /// Writes `data` to `url` with `options` (``ReportFiles`` asks for `.atomic` and
    /// `.completeFileProtection`).
    func write(_ data: Data, to url: URL, options: Data.WritingOptions) throws

    /// Marks the file or directory at `url` as excluded from iCloud and computer backups.
    func excludeFromBackup(_ url: URL) throws
}
