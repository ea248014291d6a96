// One report file in the reports directory, as ReportFiles writes and lists it.

import Foundation

/// A report file that ``ReportFiles`` wrote: `report-<day>.<extension>` in
/// ``ReportFiles/directory``. Its name carries only the day and the type, never a word
/// about what the report is or whom it is about.
public struct SavedReport: Hashable, Sendable {
    /// The file: hand it to the share sheet (``ReportFiles/activityViewController(for:)``
    /// on iOS, or `UIActivityViewController(activityItems: [url], ...)`).
    public let url: URL
    /// Its kind (extension and MIME type).
    public let type: ReportFileType
    /// The day it was written for, `YYYY-MM-DD` (as dates cross the core's API).
    public let day: String

    /// A report at `url`. ``ReportFiles`` refuses one whose URL is not a report file in its
    /// directory.
    public init(url: URL, type: ReportFileType, day: String) {
        self.url = url
        self.type = type
        self.day = day
    }
}
