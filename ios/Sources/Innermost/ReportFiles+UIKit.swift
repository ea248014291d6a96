// The share sheet for a report, on iOS. The rest of ReportFiles stays free of UIKit.

#if canImport(UIKit) && os(iOS)
import UIKit

extension ReportFiles {
    /// A share sheet for `report`: a `UIActivityViewController` with its file URL as the
    /// only item, so the person picks where it goes (Mail, Messages, AirDrop, Files, a
    /// therapist's portal app). No text or subject of ours is added.
    ///
    /// Present it from the main thread. On iPad it is a popover: set
    /// `popoverPresentationController?.sourceView` (or `.sourceItem`) before presenting.
    /// To delete the file once it is shared, use `completionWithItemsHandler`.
    ///
    /// - Throws: `InnermostError.InvalidInput` if `report` is not a report file in
    ///   ``directory``.
    @MainActor
    public func activityViewController(for report: SavedReport) throws -> UIActivityViewController {
        let url = try shareableURL(for: report)
        return UIActivityViewController(activityItems: [url], applicationActivities: nil)
    }
}
#endif
