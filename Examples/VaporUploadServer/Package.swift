// swift-tools-version:6.1
import PackageDescription

// The upload app on Vapor 4. Its own package, so the library's `swift build` never builds a server
// framework; the `Vapor` trait turns on the FilesVapor glue. Everything framework-free (page, pipeline,
// media, flags) comes from ../UploadApp, shared with the Hummingbird server.
let package = Package(
    name: "VaporUploadServer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-django-files", path: "../..", traits: [.defaults, "Vapor"]),
        .package(name: "UploadApp", path: "../UploadApp"),
        .package(url: "https://github.com/vapor/vapor", from: "4.115.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The routes over UploadApp, a library so that the tests run them in-process.
        .target(
            name: "VaporUploadServerCore",
            dependencies: [
                "UploadApp",
                .product(name: "FilesVapor", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .executableTarget(
            name: "VaporUploadServer",
            dependencies: [
                "VaporUploadServerCore", "UploadApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        // Builds multipart bodies and scratch directories for both test targets.
        .target(
            name: "TestHelpers",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestHelpers"
        ),
        // The glue module itself, over a real Vapor application.
        .testTarget(
            name: "FilesVaporTests",
            dependencies: [
                "TestHelpers",
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "FilesVapor", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
        // Every route over HTTP, in-process.
        .testTarget(
            name: "VaporUploadServerTests",
            dependencies: [
                "VaporUploadServerCore", "UploadApp", "TestHelpers",
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
