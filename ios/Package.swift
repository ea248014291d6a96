// swift-tools-version: 5.9
//
// Innermost for iOS and macOS: the Rust core (as a static library in an XCFramework), its
// uniffi-generated Swift bindings, and the hand-written async facade apps use.
//
// BUILD FIRST: this manifest refers to two build products that are not in git:
//   * build/InnermostRustFFI.xcframework            (the Rust static library + C header + module map)
//   * Sources/InnermostFFI/Generated/*.swift     (the generated bindings)
// Both come from `ios/build-xcframework.sh` (macOS with Xcode and rustup). Until it has run,
// `swift build` fails: the binary target's path does not exist and the `InnermostFFI`
// target has no sources (SwiftPM refuses a target with zero source files). Run
//   ios/build-xcframework.sh               for an app build, or
//   ios/build-xcframework.sh --test-support before `swift test` (the tests need
//                                           `insecureFastKdfParamsForTests()`).
//
// Module layout:
//   InnermostRustFFI   C module (from the XCFramework's module map): the raw FFI symbols.
//   InnermostFFI   Swift: the generated bindings (`Vault`, `Entry`, `InnermostError`, ...).
//   Innermost      Swift: `InnermostVault`, the async facade. Re-exports InnermostFFI, so
//                  apps write only `import Innermost`.

import PackageDescription

let package = Package(
    name: "Innermost",
    platforms: [
        .iOS(.v15),
        .macOS(.v12),
    ],
    products: [
        .library(
            name: "Innermost",
            targets: ["Innermost"]
        ),
    ],
    targets: [
        // The Rust core: libinnermost_ffi.a per platform plus InnermostRustFFI.h and a module
        // map declaring the C module `InnermostRustFFI`. Built by build-xcframework.sh.
        .binaryTarget(
            name: "InnermostRustFFI",
            path: "build/InnermostRustFFI.xcframework"
        ),
        // The uniffi-generated Swift, copied into Generated/ by build-xcframework.sh
        // (gitignored: it is a build product of the Rust crate, never edited by hand).
        .target(
            name: "InnermostFFI",
            dependencies: ["InnermostRustFFI"],
            path: "Sources/InnermostFFI",
            exclude: ["README.md"]
        ),
        // The hand-written shell.
        .target(
            name: "Innermost",
            dependencies: ["InnermostFFI"],
            path: "Sources/Innermost"
        ),
        // XCTest suite; needs a library built with `--test-support`.
        .testTarget(
            name: "InnermostTests",
            dependencies: ["Innermost"],
            path: "Tests/InnermostTests"
        ),
    ]
)
