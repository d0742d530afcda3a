// swift-tools-version:6.1
// A separate package so that users and CI never resolve or build the benchmark harness.
// Run from this folder: `swift package benchmark` (see README.md).
import PackageDescription

let package = Package(
    name: "swift-django-files-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-django-files", path: ".."),
        // package-benchmark's default traits include RuntimeInterposer, whose package is not
        // available offline here; MallocInterposer alone gives malloc counts and peak memory.
        .package(
            url: "https://github.com/ordo-one/package-benchmark",
            from: "1.38.0",
            traits: ["MallocInterposer"]
        ),
    ],
    targets: [
        .executableTarget(
            name: "ImagingBenchmarks",
            dependencies: [
                .product(name: "Imaging", package: "swift-django-files"),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/ImagingBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "package-benchmark")
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
