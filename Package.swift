// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-django-files",
    products: [
        .library(name: "Files", targets: ["Files"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "Bridge", targets: ["Bridge"]),
        .executable(name: "thumbnail", targets: ["thumbnail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // django.core.files in Swift. Foundation only.
        .target(name: "Files"),

        // Decode / probe / resize / encode. C libraries only; never imports Files.
        .target(name: "Imaging"),

        // Image <-> File in one call.
        .target(name: "Bridge", dependencies: ["Files", "Imaging"]),

        // The library's main job from a shell.
        .executableTarget(
            name: "thumbnail",
            dependencies: [
                "Bridge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Locates ../shared/corpus and Tests/Fixtures for every test target.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestSupport"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"]),
        .testTarget(name: "BridgeTests", dependencies: ["Bridge", "Files", "Imaging", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
