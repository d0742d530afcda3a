// swift-tools-version:6.1
import PackageDescription

// The upload app on Hummingbird 2. Its own package, so the library's `swift build` never builds a
// server framework; the `Hummingbird` trait turns on the FilesHummingbird glue.
let package = Package(
    name: "UploadServer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-django-files", path: "../..", traits: [.defaults, "Hummingbird"]),
        .package(name: "UploadApp", path: "../UploadApp"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // TimeAmount for the idle timeout; in the tests, a raw client that disconnects mid-upload.
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        // In the tests only: fetching the presigned URLs of an upload stored on S3 (moto).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .target(
            name: "UploadServerCore",
            dependencies: [
                "UploadApp",
                .product(name: "FilesHummingbird", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "UploadServer",
            dependencies: [
                "UploadServerCore", "UploadApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "UploadServerTests",
            dependencies: [
                "UploadServerCore", "UploadApp",
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                // The direct-upload tests' bucket, with its credentials given rather than from AWS_*.
                .product(name: "FilesS3", package: "swift-django-files"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // FilesHummingbird's own tests (the library's build enables no server framework).
        .testTarget(
            name: "FilesHummingbirdTests",
            dependencies: [
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FilesHummingbird", package: "swift-django-files"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
