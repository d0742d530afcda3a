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
    ],
    targets: [
        .target(
            name: "UploadApp",
            dependencies: [
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                .product(name: "FilesS3", package: "swift-django-files"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
