// A test case with a fresh, empty directory per test, removed afterwards.

import Foundation
import XCTest

class TemporaryDirectoryTestCase: XCTestCase {
    /// Empty at the start of each test; removed when it ends.
    private(set) var directory: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("innermost-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory = directory {
            try? FileManager.default.removeItem(at: directory)
        }
        directory = nil
        try super.tearDownWithError()
    }
}
