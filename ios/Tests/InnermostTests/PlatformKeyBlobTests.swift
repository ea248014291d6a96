// The blob KeychainPlatformKeyStore hands the core, without the Keychain: its layout, and
// every blob that cannot open being reported as PermanentlyInvalidated (the core then
// marks the slot stale instead of trying it again and again).

import CryptoKit
import Foundation
@testable import Innermost
import XCTest

final class PlatformKeyBlobTests: XCTestCase {
    private let alias = "innermost-0192f1a4-5b6c-7d8e-9f00-112233445566"
    private let slotKey = Data((0..<32).map { UInt8($0) })

    func testABlobIsAVersionByteThenNonceCiphertextAndTag() throws {
        let key = SymmetricKey(size: .bits256)
        let blob = try PlatformKeyBlob.seal(slotKey, with: key, alias: alias)
        XCTAssertEqual(blob.first, 1)
        XCTAssertEqual(blob.count, 1 + 12 + 32 + 16)
        XCTAssertNil(blob.range(of: slotKey), "the slot key is not in the blob")
        XCTAssertEqual(try PlatformKeyBlob.open(blob, with: key, alias: alias), slotKey)

        let again = try PlatformKeyBlob.seal(slotKey, with: key, alias: alias)
        XCTAssertNotEqual(again, blob, "a fresh nonce every time")
    }

    func testABlobThatCannotOpenIsPermanentlyInvalidated() throws {
        let key = SymmetricKey(size: .bits256)
        let blob = try PlatformKeyBlob.seal(slotKey, with: key, alias: alias)

        var flipped = blob
        flipped[flipped.count - 1] ^= 0x01
        var newerVersion = blob
        newerVersion[0] = 2
        let cases: [(String, Data, SymmetricKey, String)] = [
            ("another key", blob, SymmetricKey(size: .bits256), alias),
            ("another alias", blob, key, alias + "x"),
            ("a flipped tag bit", flipped, key, alias),
            ("another version", newerVersion, key, alias),
            ("truncated", blob.prefix(20), key, alias),
            ("empty", Data(), key, alias),
        ]
        for (name, bytes, openingKey, openingAlias) in cases {
            XCTAssertThrowsError(try PlatformKeyBlob.open(bytes, with: openingKey, alias: openingAlias), name) { error in
                XCTAssertEqual(error as? PlatformKeyError, PlatformKeyError.PermanentlyInvalidated, name)
            }
        }
    }
}
