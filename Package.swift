// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "swift-django-files",
    products: [
        .library(name: "Files", targets: ["Files"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "Bridge", targets: ["Bridge"]),
        // Django's storage API on S3 and S3-compatible servers; its own product, so that an app using
        // only Files or Bridge never builds an HTTP client.
        .library(name: "FilesS3", targets: ["FilesS3"]),
        .library(name: "FilesMultipart", targets: ["FilesMultipart"]),
        // Server glue: empty unless the depending package enables the matching trait (see `traits`).
        .library(name: "FilesHummingbird", targets: ["FilesHummingbird"]),
        .library(name: "FilesVapor", targets: ["FilesVapor"]),
        // Django's FileField / ImageField, ORM-agnostic: staged writes, promotion after commit, cleanup.
        .library(name: "Attachments", targets: ["Attachments"]),
        // Attachments on Fluent models (FluentKit alone: no Vapor). Its own product, so that a user of
        // Files or Bridge never builds Fluent.
        .library(name: "FilesFluent", targets: ["FilesFluent"]),
        // Signed `/media/v/{signature}/{spec}/{source}` URLs (HMAC-SHA256, imgproxy-compatible).
        .library(name: "VariantURLs", targets: ["VariantURLs"]),
        // Browser uploads straight to S3, finalized into attachments (Attachments, FilesS3, VariantURLs'
        // keys); its own product, so that an app that does not need it never builds it.
        .library(name: "DirectUploads", targets: ["DirectUploads"]),
        .executable(name: "thumbnail", targets: ["thumbnail"]),
    ],
    // A server framework is built only for the package that asks for its glue:
    // `.package(path: …, traits: [.defaults, "Hummingbird"])`. The library's own build enables neither.
    // The image formats beyond JPEG and PNG are on by default; each needs its system library, and
    // `--disable-default-traits` builds against libjpeg-turbo and libpng alone.
    traits: [
        .trait(
            name: "Hummingbird",
            description: "Builds FilesHummingbird: Hummingbird 2 routes stream into FilesMultipart."),
        .trait(name: "Vapor", description: "Builds FilesVapor: Vapor 4 routes stream into FilesMultipart."),
        .trait(name: "WebP", description: "WebP decode and encode through libwebp (Debian libwebp-dev)."),
        .trait(
            name: "HEIF",
            description: "HEIC, HEIF and AVIF decode, AVIF encode, through libheif (Debian libheif-dev)."),
        .trait(name: "GIF", description: "The first frame of a GIF through giflib (Debian libgif-dev)."),
        .trait(
            name: "ColorManagement",
            description: "ICC profiles converted to sRGB with little-cms 2 (Debian liblcms2-dev)."),
        // The optional codecs and colour management are on by default; an app that turns them off
        // builds against libjpeg-turbo and libpng alone.
        .default(enabledTraits: ["WebP", "HEIF", "GIF", "ColorManagement"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation`; a plugin, so nothing of it is linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        // FilesS3 only: HTTP, and the SHA-256 / HMAC its Signature Version 4 is computed with.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // MultipartKit's MultipartPart, which FilesHummingbird turns into an uploaded file (trait-gated).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        // Only with the Hummingbird trait; without it SwiftPM resolves but never builds it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Only with the Vapor trait, likewise.
        .package(url: "https://github.com/vapor/vapor", from: "4.115.0"),
        // FilesFluent only; the drivers in its tests only (SQLite embedded, PostgreSQL from .ci/postgres).
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.52.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.32.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.10.0"),
    ],
    targets: [
        // django.core.files in Swift. Foundation only.
        .target(name: "Files"),

        // Decode / probe / resize / encode. C libraries only; never imports Files.
        // The optional codecs are linked only with their trait; their Swift code is inside `#if`.
        .target(
            name: "Imaging",
            dependencies: [
                "CTurboJPEG", "CImagingShims",
                .target(name: "CLCMS2", condition: .when(traits: ["ColorManagement"])),
                .target(name: "CWebP", condition: .when(traits: ["WebP"])),
                .target(name: "CHeif", condition: .when(traits: ["HEIF"])),
                .target(name: "CGif", condition: .when(traits: ["GIF"])),
            ]
        ),

        // The C libraries, found with pkg-config; CI installs them from .ci/setup.
        .systemLibrary(
            name: "CTurboJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]
        ),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CLCMS2", pkgConfig: "lcms2", providers: [.apt(["liblcms2-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        // Headers only: no pkg-config (its `-lheif` would link libheif and the codecs it loads into every
        // process); Imaging opens libheif with dlopen on the first HEIF image (Sources/CHeif/CHeif.h).
        // libheif-dev puts heif.h in the compiler's default (multiarch) include path.
        .systemLibrary(name: "CHeif", providers: [.apt(["libheif-dev"])]),
        .systemLibrary(name: "CGif", pkgConfig: "libgif", providers: [.apt(["libgif-dev"])]),
        // Owns every setjmp (libpng's full API, libjpeg's CMYK path) and a bounded zlib inflate for the
        // PNG header parser; nothing else in C.
        .target(name: "CImagingShims", dependencies: ["CPNG", "CJPEG"], linkerSettings: [.linkedLibrary("z")]),

        // Storage on S3: signs its own requests (Signature Version 4), speaks HTTP through AsyncHTTPClient.
        .target(
            name: "FilesS3",
            dependencies: [
                "Files",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // Image <-> File in one call.
        .target(name: "Bridge", dependencies: ["Files", "Imaging"]),

        // Signs and verifies variant URLs; swift-crypto's HMAC (already a dependency of FilesS3).
        .target(
            name: "VariantURLs",
            dependencies: ["Bridge", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // A request body (an AsyncSequence of ByteBuffer) through the upload handlers: request.POST and
        // request.FILES. No server framework; the glue for Hummingbird and Vapor lives elsewhere. Its
        // parser is its own (a bulk delimiter search), not MultipartKit's byte-at-a-time one.
        .target(
            name: "FilesMultipart",
            dependencies: [
                "Files",
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Hummingbird 2 glue; every source is inside `#if Hummingbird`, so without the trait it is empty.
        .target(
            name: "FilesHummingbird",
            dependencies: [
                "FilesMultipart", "Files",
                // Only for `InMemoryUploadedFile(MultipartPart)`, so only with the trait, as Hummingbird.
                .product(name: "MultipartKit", package: "multipart-kit", condition: .when(traits: ["Hummingbird"])),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
            ]
        ),

        // Vapor 4 glue; every source is inside `#if Vapor`, so without the trait it is empty.
        .target(
            name: "FilesVapor",
            dependencies: [
                "FilesMultipart", "Files",
                .product(name: "Vapor", package: "vapor", condition: .when(traits: ["Vapor"])),
            ]
        ),

        // Attachments: the records' files, kept consistent with their storage. SHA-256 from swift-crypto.
        .target(
            name: "Attachments",
            dependencies: ["Files", "Bridge", "Imaging", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // A presigned POST and a signed token out; a verified, probed, staged attachment back in.
        .target(
            name: "DirectUploads",
            dependencies: [
                "Attachments", "FilesS3", "VariantURLs", "Files", "Bridge",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "FilesFluent",
            dependencies: [
                "Attachments", "Files", "Bridge",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),

        // The library's main job from a shell.
        .executableTarget(
            name: "thumbnail",
            dependencies: [
                "Bridge", "Files",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Runnable tutorials; CI builds and runs each one.
        .executableTarget(
            name: "UploadToThumbnail", dependencies: ["Bridge", "Files"], path: "Examples/UploadToThumbnail"),
        .executableTarget(
            name: "ContentFileFromImage", dependencies: ["Bridge", "Files"], path: "Examples/ContentFileFromImage"),
        .executableTarget(
            name: "UploadDimensions", dependencies: ["Bridge", "Files"], path: "Examples/UploadDimensions"),
        .executableTarget(name: "PNGToJPEG", dependencies: ["Bridge", "Files"], path: "Examples/PNGToJPEG"),

        // Locates Tests/Fixtures (the corpus included) for every test target.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The storage cases every backend must pass (disk, memory, S3): a library of Swift Testing checks.
        .target(name: "StorageConformance", dependencies: ["Files"], path: "Tests/StorageConformance"),
        // StorageFactory: every backend (memory, disk, S3 on moto) for the variant and attachment tests.
        .target(
            name: "StorageTestSupport",
            dependencies: [
                "Files", "FilesS3", "TestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/StorageTestSupport"
        ),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestSupport", "StorageConformance"]),
        // Signature fixtures run offline; the storage tests run against moto (started by .ci/moto).
        .testTarget(
            name: "FilesS3Tests",
            dependencies: [
                "FilesS3", "Files", "TestSupport", "StorageConformance", "StorageTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The failing server the retry tests talk to.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"]),
        .testTarget(name: "FilesMultipartTests", dependencies: ["FilesMultipart", "Files", "TestSupport"]),
        .testTarget(
            name: "BridgeTests",
            dependencies: [
                "Bridge", "Files", "Imaging", "TestSupport",
                // Variants are tested on S3 (moto) too.
                "StorageTestSupport",
            ]
        ),
        .testTarget(
            name: "AttachmentsTests",
            dependencies: [
                "Attachments", "Files", "Bridge", "Imaging", "TestSupport", "StorageTestSupport",
            ]
        ),
        // Against SQLite (embedded) and PostgreSQL (FILES_FLUENT_POSTGRES_URL, started by .ci/postgres).
        .testTarget(
            name: "FilesFluentTests",
            dependencies: [
                "FilesFluent", "Attachments", "Files", "Bridge", "Imaging", "TestSupport", "StorageTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        // Against moto: the signature-checking server, and the one without authentication for form posts.
        .testTarget(
            name: "DirectUploadsTests",
            dependencies: [
                "DirectUploads", "Attachments", "FilesS3", "Files", "Bridge", "Imaging", "VariantURLs", "TestSupport",
                "StorageTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "VariantURLsTests", dependencies: ["VariantURLs", "Bridge"]),
        // Runs the built `thumbnail` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "ThumbnailCommandTests", dependencies: ["thumbnail", "Imaging", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
