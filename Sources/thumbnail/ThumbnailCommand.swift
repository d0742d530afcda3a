import ArgumentParser
import Bridge
import Files

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `thumbnail`: the library's main job from a shell, and the tool the benchmarks drive.
@main
struct ThumbnailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbnail",
        abstract: "Make JPEG, PNG, WebP or AVIF thumbnails of JPEG, PNG, WebP, GIF, HEIC and AVIF images.",
        discussion: """
            Each INPUT becomes OUTPUT-DIR/<name>.<jpg|png>. With no INPUT, the sample photo that ships \
            with the package is thumbnailed. Inputs are never overwritten; two inputs with the same name \
            get distinct outputs (name.jpg, name-2.jpg, …). A bad input is reported as "<path>: <reason>" \
            on standard error and the others are still written; the exit status is 1 if any input failed.

            With --storage ROOT and --spec NAME, makes that spec's variant (the box, --fit, --format, \
            --quality) of every JPEG and PNG under --prefix in the FileSystemStorage at ROOT instead, \
            skipping variants already stored, so an interrupted run resumes where it stopped.
            """)

    @Argument(help: "Image files to thumbnail: JPEG, PNG, WebP, GIF, HEIC/HEIF, AVIF (default: the sample photo).")
    var inputs: [String] = []

    @Option(help: "The side of the square box the thumbnail must fit in, in pixels.")
    var size: Int?

    @Option(help: "The box width (with --height) instead of a square --size.")
    var width: Int?

    @Option(help: "The box height (with --width) instead of a square --size.")
    var height: Int?

    @Option(
        help:
            "inside: keep the aspect ratio within the box, never upscale; cover: fill the box exactly, centre-cropped.")
    var fit: Fit = .inside

    @Option(
        help:
            "Output format (default: JPEG stays JPEG, PNG stays PNG, GIF and WebP become PNG with alpha and JPEG without, HEIC/HEIF/AVIF become JPEG)."
    )
    var format: OutputFormat?

    @Option(help: "JPEG, WebP or AVIF quality, 1-100 (default: the library's, 75 / 80 / 60).")
    var quality: Int?

    @Option(
        name: .customLong("color-profile"),
        help:
            "keep: carry the input's ICC profile into the thumbnail; srgb: convert the pixels to sRGB; drop: leave the profile out."
    )
    var colorProfile: ColorProfileChoice = .keep

    @Option(name: .customLong("output-dir"), help: "Where the thumbnails go; created if missing.")
    var outputDirectory: String = "thumbnails"

    @Option(help: "How many images to process at once (default: the number of cores).")
    var jobs: Int = Processors.online

    @Option(
        name: .customLong("storage"),
        help: "Make --spec's variants of the images in the FileSystemStorage at this root, not of INPUT files.")
    var storageRoot: String?

    @Option(help: "With --storage: the spec's name, part of every variant's name.")
    var spec: String?

    @Option(help: "With --storage: only the images under this path in the storage (default: all).")
    var prefix: String?

    enum Fit: String, ExpressibleByArgument, CaseIterable {
        case inside, cover
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case jpeg, png, webp, avif
    }

    enum ColorProfileChoice: String, ExpressibleByArgument, CaseIterable {
        case keep, srgb, drop

        var handling: ColorProfileHandling {
            switch self {
            case .keep: .keep
            case .srgb: .convertToSRGB
            case .drop: .drop
            }
        }
    }

    static let defaultSide = 256
    static let largestSide = 1_000_000

    func validate() throws {
        if size != nil, width != nil || height != nil {
            throw ValidationError("Give either --size or --width with --height, not both.")
        }
        if (width == nil) != (height == nil) {
            throw ValidationError("--width and --height go together.")
        }
        for (name, value) in [("size", size), ("width", width), ("height", height)] {
            if let value, !(1...Self.largestSide).contains(value) {
                throw ValidationError("--\(name) must be between 1 and \(Self.largestSide) (got \(value)).")
            }
        }
        if let quality, !(1...100).contains(quality) {
            throw ValidationError("--quality must be between 1 and 100 (got \(quality)).")
        }
        if format == .png, quality != nil {
            throw ValidationError("--quality applies to JPEG, WebP and AVIF output only.")
        }
        if jobs < 1 {
            throw ValidationError("--jobs must be at least 1 (got \(jobs)).")
        }
        try validateVariantOptions()
    }

    /// The box from --size, or --width and --height.
    var box: Size {
        width.flatMap { w in height.map { Size(width: w, height: $0) } } ?? Size(square: size ?? Self.defaultSide)
    }

    func run() async throws {
        if let storageRoot { return try await runVariants(in: storageRoot) }
        let usingSample = inputs.isEmpty
        let paths = usingSample ? [SamplePhoto.path] : inputs
        let request = ThumbnailRequest(
            box: box,
            fill: fit == .cover,
            format: format.map { ImageFormat(rawValue: $0.rawValue) ?? .jpeg },
            quality: quality,
            colorProfile: colorProfile.handling)

        try Directory.create(outputDirectory)
        let plan = OutputPlan(inputs: paths, format: request.format, directory: outputDirectory)
        var failed = false
        for (path, reason) in plan.rejected {
            Console.error("\(path): \(reason)")
            failed = true
        }

        let outcomes = await BatchRunner(jobs: jobs).run(plan.jobs) { job in
            try ThumbnailJob(job: job, request: request).run()
        }
        for outcome in outcomes {
            switch outcome.result {
            case .success(let written):
                let note = usingSample ? " (the bundled sample photo \(outcome.job.input))" : ""
                print("wrote \(written.path): \(written.size), \(written.byteCount) bytes\(note)")
            case .failure(let error):
                Console.error("\(outcome.job.input): \(FailureReason.of(error))")
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }
}

/// The number of processors online, the default degree of parallelism.
enum Processors {
    static var online: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

/// Standard error, unbuffered, one line at a time.
enum Console {
    static func error(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}
