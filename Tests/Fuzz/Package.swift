// swift-tools-version:6.0
// Fuzz targets and hostile-input tools for the library at ../.. (a separate package, so
// neither users nor the normal CI build compile them). Build and run with `.ci/fuzz`,
// `.ci/bombs` and `.ci/sanitize` from the repository root; see Documentation/Hostile-Input.md.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory, which differs between checkouts
/// (`main`, `wt-hostile`, a CI clone), so the name is computed rather than written down.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let library = root.lastPathComponent

func product(_ name: String) -> Target.Dependency { .product(name: name, package: library) }

/// A libFuzzer target: `swift build` links it as a plain reproducer; `.ci/fuzz` links libFuzzer.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + dependencies)
}

let package = Package(
    name: "hostile-input",
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
        .target(name: "ImagingChecks", dependencies: ["FuzzSupport", product("Imaging")]),
        fuzzTarget("jpeg-decode", ["ImagingChecks"]),
        fuzzTarget("png-decode", ["ImagingChecks"]),
        // The WebP, GIF and HEIF decoders (the library's default traits WebP, GIF and HEIF).
        fuzzTarget("webp-decode", ["ImagingChecks"]),
        fuzzTarget("gif-decode", ["ImagingChecks"]),
        fuzzTarget("heif-decode", ["ImagingChecks"]),
        fuzzTarget("probe", ["ImagingChecks", product("Imaging")]),
        fuzzTarget("exif", ["ImagingChecks", product("Imaging")]),
        fuzzTarget("thumbnail-path", ["ImagingChecks", product("Imaging")]),
        fuzzTarget("icc-profile", ["ImagingChecks", product("Imaging")]),
        // DC-only decoding of progressive JPEGs at 1/8 (Documentation/Performance.md#progressive-jpegs-at-18-dc-scans-only); `@testable import Imaging`.
        fuzzTarget("progressive-dc", ["ImagingChecks", product("Imaging")]),
        fuzzTarget("upload-handler", [product("Files")]),
        fuzzTarget(
            "multipart-form",
            [product("Files"), product("FilesMultipart"), .product(name: "NIOCore", package: "swift-nio")]),
        // Tools run by .ci/bombs and .ci/sanitize (release builds, no libFuzzer).
        .executableTarget(name: "bomb-check", dependencies: [product("Imaging")]),
        .executableTarget(name: "leak-check", dependencies: [product("Imaging")]),
        // Run by compare-with-pillow.py over a folder of third-party images (not committed).
        .executableTarget(name: "image-survey", dependencies: [product("Imaging")]),
    ],
    swiftLanguageModes: [.v6]
)
