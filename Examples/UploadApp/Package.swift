// swift-tools-version:6.1
import PackageDescription

// What every upload server shares, with no server framework: the page, the upload pipeline, the
// gallery, media serving, the command-line flags and the storage they choose (a directory, or an S3
// bucket through FilesS3). Examples/UploadServer (Hummingbird) and
// Examples/VaporUploadServer (Vapor) are thin routes over it. Its tests run in Examples/UploadServer,
// so CI builds the library once for both.
let package = Package(
    name: "UploadApp",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "UploadApp", targets: ["UploadApp"])
    ],
    dependencies: [
        .package(name: "swift-django-files", path: "../.."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The gallery: a Fluent model with an attachment, on SQLite (embedded, the default) or PostgreSQL.
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.10.0"),
        // Fluent's logger and event loops.
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
    ],
    targets: [
        .target(
            name: "UploadApp",
            dependencies: [
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                .product(name: "FilesS3", package: "swift-django-files"),
                .product(name: "Attachments", package: "swift-django-files"),
                .product(name: "FilesFluent", package: "swift-django-files"),
                .product(name: "VariantURLs", package: "swift-django-files"),
                .product(name: "DirectUploads", package: "swift-django-files"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
