// A ReportFileWriting that writes for real and remembers what it was asked, so the tests
// can see the protection options and the backup exclusions that a Mac cannot show.

import Foundation
import Innermost

final class RecordingReportFileWriter: ReportFileWriting, @unchecked Sendable {
    // `@unchecked Sendable`: every mutable property is read and written only under `lock`.
    private let lock = NSLock()
    private var recordedWrites: [(url: URL, options: Data.WritingOptions)] = []
    private var recordedExclusions: [URL] = []
    private var storedFailure: Error?
    private let system = SystemReportFileWriter()

    /// When set, every write throws it (and writes nothing).
    var failure: Error? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return storedFailure
        }
        set {
            lock.lock()
            storedFailure = newValue
            lock.unlock()
        }
    }

    /// The writes asked for, in order.
    var writes: [(url: URL, options: Data.WritingOptions)] {
        lock.lock()
        defer { lock.unlock() }
        return recordedWrites
    }

    /// The URLs excluded from backup, in order.
    var exclusions: [URL] {
        lock.lock()
        defer { lock.unlock() }
        return recordedExclusions
    }

    func write(_ data: Data, to url: URL, options: Data.WritingOptions) throws {
        lock.lock()
        recordedWrites.append((url: url, options: options))
        let failure = storedFailure
        lock.unlock()
        if let failure = failure {
            throw failure
        }
        try system.write(data, to: url, options: options)
    }

    func excludeFromBackup(_ url: URL) throws {
        lock.lock()
        recordedExclusions.append(url)
        lock.unlock()
        try system.excludeFromBackup(url)
    }
}
