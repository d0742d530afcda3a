// swift-tools-version:6.1
// A separate package so that users and CI never resolve or build the benchmark harness.
// Run from this folder: `swift package benchmark` (see README.md).
import PackageDescription

let package = Package(
    name: "swift-django-files-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-django-files", path: ".."),
        // ordo-one/benchmark (formerly package-benchmark). Its default traits include
        // RuntimeInterposer, whose package is not available offline here; MallocInterposer alone
        // gives malloc counts and peak memory, which is what these benchmarks report.
        .package(
            url: "https://github.com/ordo-one/benchmark",
            from: "1.38.0",
            traits: ["MallocInterposer"]
        ),
        // multipart-timer's reference: the parser FilesMultipart ran on before it had its own (Documentation/Uploads.md, "How the body is read").
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        // attachment-timer: Attachments on Fluent with SQLite, against a bare save and insert.
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "ImagingBenchmarks",
            dependencies: [
                .product(name: "Imaging", package: "swift-django-files"),
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ImagingBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Times Imaging's resize in-process for Benchmarks/compare.sh's resampler row, beside
        // Pillow's resize timed the same way. No benchmark harness: one number on stdout.
        .executableTarget(
            name: "resample-timer",
            dependencies: [.product(name: "Imaging", package: "swift-django-files")],
            path: "Sources/resample-timer"
        ),
        // Eager generation of image specs (Documentation/Performance.md, "Image specs"), timed in-process for specs.sh.
        .executableTarget(
            name: "spec-timer",
            dependencies: [
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
            ],
            path: "Sources/spec-timer"
        ),
        // FileSystemStorage.save timed against `cp`, for Benchmarks/storage.sh.
        .executableTarget(
            name: "storage-timer",
            dependencies: [.product(name: "Files", package: "swift-django-files")],
            path: "Sources/storage-timer"
        ),
        // Peak memory of a 200 MB multipart upload to S3 (moto), for s3-multipart-rss.sh.
        .executableTarget(
            name: "s3-multipart-rss",
            dependencies: [
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FilesS3", package: "swift-django-files"),
            ],
            path: "Sources/s3-multipart-rss"
        ),
        // One 500 MB upload through the multipart parser to a temporary file, for upload-stream.sh.
        .executableTarget(
            name: "multipart-timer",
            dependencies: [
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FilesMultipart", package: "swift-django-files"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Sources/multipart-timer"
        ),
        // The cost of keeping or converting an ICC profile on a thumbnail, for colour.sh (Documentation/Performance.md, "Colour profiles").
        imagingTimer("colour-timer"),
        // WebP against JPEG at matched PSNR, and the HEIC thumbnail path, for formats.sh (Documentation/Performance.md, "Formats").
        imagingTimer("format-timer"),
        // Request-time images (Documentation/Performance.md): signed-URL verification, placeholders, subject crops, for request-time.sh.
        .executableTarget(
            name: "request-timer",
            dependencies: [
                "BenchTiming",
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "VariantURLs", package: "swift-django-files"),
            ],
            path: "Sources/request-timer"
        ),
        // Attachments (Documentation/Performance.md): attaching a file and committing its row against a bare save and insert, for
        // attachments.sh.
        .executableTarget(
            name: "attachment-timer",
            dependencies: [
                "BenchTiming",
                .product(name: "Attachments", package: "swift-django-files"),
                .product(name: "FilesFluent", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/attachment-timer"
        ),
        // The wall clock and the median, for the timers above.
        .target(name: "BenchTiming", path: "Sources/BenchTiming"),
        // The thumbnail command's per-file job, synchronous, for callgrind (see profile.sh).
        // The peak memory of one 1/8 decode (DC-only progressive against the whole-file path), for progressive.sh.
        .executableTarget(
            name: "decode-peak",
            dependencies: [.product(name: "Imaging", package: "swift-django-files")],
            path: "Sources/decode-peak"
        ),
        .executableTarget(
            name: "thumbnail-profile",
            dependencies: [
                .product(name: "Bridge", package: "swift-django-files"),
                .product(name: "Files", package: "swift-django-files"),
            ],
            path: "Sources/thumbnail-profile"
        ),
    ],
    swiftLanguageModes: [.v6]
)

/// An in-process timer over Imaging, in Sources/NAME, with the shared timing helpers.
func imagingTimer(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["BenchTiming", .product(name: "Imaging", package: "swift-django-files")],
        path: "Sources/\(name)"
    )
}
