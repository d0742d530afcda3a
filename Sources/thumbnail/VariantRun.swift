import Bridge
import Files

/// `thumbnail --storage ROOT --spec NAME [--prefix P]`: (re)makes one spec's variant of every image
/// under a prefix of a `FileSystemStorage`, `jobs` at a time, skipping those already stored.
struct VariantRun {
    var storage: FileSystemStorage
    var prefix: String
    var spec: ImageSpec
    var jobs: Int
    /// How the sources are decoded (--color-profile).
    var options: DecodingOptions = .default

    /// What happened to one source.
    enum Outcome: Sendable {
        case made(StoredImage.Variant)
        case skipped(String)
        case failed(String)
    }

    /// The extensions of the files taken as sources: every extension of a format this build decodes
    /// (Imaging's table). Variants (see `ImageSpec.isVariantName`) never are sources.
    static let sourceExtensions = Set(ImageFormat.allCases.filter(\.isCompiled).flatMap(\.fileExtensions))

    /// Runs over every source and returns whether all of them have their variant now.
    func run(progress: inout ProgressDisplay) async throws -> Bool {
        let sources = try await storage.fileNames(under: prefix).filter(Self.isSource)
        progress.start(total: sources.count)
        let generator = VariantGenerator(storage: storage, options: options)
        let spec = spec
        let storage = storage
        var failures = 0
        try await withThrowingTaskGroup(of: (String, Outcome).self) { group in
            var next = sources.makeIterator()
            func startNext() {
                guard let source = next.next() else { return }
                group.addTask { (source, await Self.make(spec, of: source, in: storage, with: generator)) }
            }
            for _ in 0..<jobs { startNext() }
            while let (source, outcome) = try await group.next() {
                if case .failed = outcome { failures += 1 }
                progress.record(source, outcome)
                startNext()
            }
        }
        progress.finish()
        return failures == 0
    }

    static func isSource(_ name: String) -> Bool {
        let dotted = PathSyntax.splitExtension(name).extension
        guard !ImageSpec.isVariantName(name), dotted.count > 1 else { return false }
        return sourceExtensions.contains(String(scalars: dotted.dropFirst()).lowercased())
    }

    /// Skips a source whose variant exists (so an interrupted run resumes), else makes it.
    private static func make(
        _ spec: ImageSpec, of source: String, in storage: FileSystemStorage, with generator: VariantGenerator
    ) async -> Outcome {
        let name = spec.variantName(of: source)
        do {
            if try await storage.exists(name) { return .skipped(name) }
            let record = try await generator.generate([spec], for: source)
            guard let variant = record.variants[spec.name] else { return .failed("no variant was made") }
            return .made(variant)
        } catch {
            // The progress line names the source; the reason follows it.
            return .failed(FailureReason.of(error))
        }
    }
}

extension Storage {
    /// Every file name under `path` (`""` is the root), sorted, found by walking `listDirectory`.
    nonisolated(nonsending) func fileNames(under path: String) async throws(StorageError) -> [String] {
        let directory = path.hasSuffix("/") ? String(path.dropLast()) : path
        let listing = try await listDirectory(directory)
        let prefix = directory.isEmpty ? "" : directory + "/"
        var names = listing.files.map { prefix + $0 }
        for child in listing.directories {
            names += try await fileNames(under: prefix + child)
        }
        return names.sorted()
    }
}
