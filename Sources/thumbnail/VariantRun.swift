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
        await runWindowed(
            sources, width: jobs, work: { source in await Self.make(spec, of: source, in: storage, with: generator) },
            receive: { index, outcome in
                if case .failed = outcome { failures += 1 }
                progress.record(sources[index], outcome)
            })
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
            return .made(try await generator.generateVariant(spec, for: source))
        } catch {
            // The progress line names the source; the reason follows it.
            return .failed(FailureReason.of(error))
        }
    }
}
