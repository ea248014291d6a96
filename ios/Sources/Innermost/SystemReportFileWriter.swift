// ReportFileWriting on the real file system.

import Foundation

/// ``ReportFileWriting`` with `Data.write(to:options:)` and
/// `URLResourceValues.isExcludedFromBackup`.
///
/// On iOS (and the other platforms with Data Protection for apps) the options go through
/// as given. On macOS, where this package runs only its tests, `.completeFileProtection`
/// is dropped: Data Protection classes there apply to sandboxed apps' containers, and the
/// tests write to a temporary directory.
public struct SystemReportFileWriter: ReportFileWriting {
    /// The writer.
    public init() {}

    public func write(_ data: Data, to url: URL, options: Data.WritingOptions) throws {
        var options = options
        #if os(macOS)
        options.remove(.completeFileProtection)
        #endif
        try data.write(to: url, options: options)
    }

    public func excludeFromBackup(_ url: URL) throws {
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        var url = url
        try url.setResourceValues(values)
    }
}
