// The kinds of report file the shell writes and shares: a file extension and a MIME type
// each. The one place where the core's report formats meet the files on disk.

import Foundation

/// The kind of a report file: what ``ReportFiles`` names it (`report-<date>.<extension>`)
/// and what the share sheet is told it is.
///
/// The cases follow the core's report formats one to one; `init(_:)` is the one place
/// they meet (a new format in the core fails to compile there until it has a case).
public enum ReportFileType: String, CaseIterable, Sendable {
    /// A web page with inline charts.
    case html
    /// A PDF document.
    case pdf
    /// Markdown text.
    case markdown
    /// The machine-readable report.
    case json
    /// The measures as a table.
    case csv

    /// The file name extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .html: return "html"
        case .pdf: return "pdf"
        case .markdown: return "md"
        case .json: return "json"
        case .csv: return "csv"
        }
    }

    /// The MIME type (for apps that ask; the share sheet itself goes by the extension).
    public var mimeType: String {
        switch self {
        case .html: return "text/html"
        case .pdf: return "application/pdf"
        case .markdown: return "text/markdown"
        case .json: return "application/json"
        case .csv: return "text/csv"
        }
    }

    /// The type whose ``fileExtension`` is `fileExtension` (exactly, lower case), or nil.
    public init?(fileExtension: String) {
        guard let type = Self.allCases.first(where: { $0.fileExtension == fileExtension }) else {
            return nil
        }
        self = type
    }
}

extension ReportFileType {
    /// The file type of a report the core wrote in `format`.
    public init(_ format: ReportFormat) {
        switch format {
        case .html: self = .html
        case .pdf: self = .pdf
        case .markdown: self = .markdown
        case .json: self = .json
        case .csv: self = .csv
        }
    }
}
