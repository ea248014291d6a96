// Helpers shared by the tests of recovery, platform unlock, rotation, backups and the export.

import Foundation
import Innermost
import XCTest

/// The `InnermostError` that `body` throws; fails the test (and returns nil) if it throws
/// nothing or another error.
func thrownInnermostError<T>(
    _ body: () async throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) async -> InnermostError? {
    do {
        _ = try await body()
        XCTFail("expected an InnermostError, but the call succeeded", file: file, line: line)
    } catch let error as InnermostError {
        return error
    } catch {
        XCTFail("expected an InnermostError, got \(error)", file: file, line: line)
    }
    return nil
}

/// The `field` of the `InnermostError.InvalidInput` that `body` throws.
func thrownInvalidInputField<T>(
    _ body: () async throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) async -> String? {
    let error = await thrownInnermostError(body, file: file, line: line)
    guard case let .InvalidInput(field, _)? = error else {
        XCTFail("expected InvalidInput, got \(String(describing: error))", file: file, line: line)
        return nil
    }
    return field
}

/// Every `(done, total)` a progress handler saw, safe to fill from the background thread
/// the core reports on.
final class ProgressLog: @unchecked Sendable {
    // `@unchecked Sendable`: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [(done: UInt64, total: UInt64)] = []

    /// Records one report and answers "go on".
    func record(_ done: UInt64, _ total: UInt64) -> Bool {
        lock.lock()
        entries.append((done: done, total: total))
        lock.unlock()
        return true
    }

    /// The reports so far, in order.
    var reports: [(done: UInt64, total: UInt64)] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }
}

/// The names of the files directly in `directory`, sorted.
func fileNames(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}
