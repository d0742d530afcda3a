import Bridge
import Files

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One input and the output it will be written to.
struct PlannedJob: Sendable {
    var input: String
    var inputFormat: ImageFormat
    /// Whether the input's header announces alpha, which picks PNG over JPEG for GIF and WebP.
    var inputHasAlpha: Bool
    var output: String
}

/// Decides, before any work starts, where every input's thumbnail goes.
///
/// Names are given in input order, so a run is repeatable: the first `a.jpg` gets `DIR/a.jpg`, a
/// second input also called `a` gets `DIR/a-2.jpg`. No output ever names an input file (a thumbnail
/// of `thumbnails/a.jpg` into `thumbnails/` becomes `thumbnails/a-2.jpg`).
struct OutputPlan {
    private(set) var jobs: [PlannedJob] = []
    /// Inputs that cannot be processed, with the reason, in input order.
    private(set) var rejected: [(path: String, reason: String)] = []

    init(inputs: [String], format: ImageFormat?, directory: String) {
        let inputIdentities = Set(inputs.compactMap(FileIdentity.init(path:)))
        var claimed = Set<String>()
        for input in inputs {
            let inputFormat: ImageFormat
            let hasAlpha: Bool
            do {
                (inputFormat, hasAlpha) = try Self.detectFormat(of: input)
            } catch {
                rejected.append((input, FailureReason.of(error)))
                continue
            }
            let stem = PathSyntax.stem(input)
            let ext = (format ?? inputFormat.defaultThumbnailEncoding(hasAlpha: hasAlpha).format).fileExtension
            var candidate = "\(directory)/\(stem).\(ext)"
            var counter = 1
            while claimed.contains(candidate)
                || FileIdentity(path: candidate).map(inputIdentities.contains) == true
            {
                counter += 1
                candidate = "\(directory)/\(stem)-\(counter).\(ext)"
            }
            claimed.insert(candidate)
            jobs.append(PlannedJob(input: input, inputFormat: inputFormat, inputHasAlpha: hasAlpha, output: candidate))
        }
    }

    /// The format the first bytes of the file at `path` announce, and whether its header (when it
    /// is within the first 64 KiB) announces alpha.
    static func detectFormat(of path: String) throws -> (ImageFormat, hasAlpha: Bool) {
        let file = try FileObject(path: path, mode: .read.binary)
        defer { try? file.close() }
        let head = try file.read(1 << 16)
        guard let format = ImageFormat(detecting: head) else {
            throw ImagingError.unrecognizedFormat(prefix: Array(head.prefix(8)))
        }
        // A header past the first 64 KiB, or a damaged one, leaves the default for opaque images;
        // decoding reports the damage.
        return (format, (try? ImageInfo(probing: head))?.hasAlpha ?? false)
    }
}

/// A file's device and inode: two paths name the same file exactly when these are equal.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

/// Directory creation, `mkdir -p` style.
enum Directory {
    struct CreationError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot create the output directory \"\(path)\": \(String(cString: strerror(code)))" }
    }

    static func create(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw CreationError(path: prefix, code: errno)
            }
            prefix += "/"
        }
    }
}
