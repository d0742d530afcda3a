import Bridge
import Files

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What one finished job wrote.
struct WrittenThumbnail: Sendable {
    var path: String
    var size: String
    var byteCount: Int
}

/// Thumbnails one input into its planned output, through the library's file API end to end.
struct ThumbnailJob {
    var job: PlannedJob
    var request: ThumbnailRequest

    func run() throws -> WrittenThumbnail {
        let source = try FileObject(path: job.input, mode: .read.binary)
        defer { try? source.close() }
        let encoding = request.encoding(for: job.inputFormat, hasAlpha: job.inputHasAlpha)
        let thumbnail =
            request.fill
            ? try source.thumbnail(filling: request.box, format: encoding, options: request.decoding)
            : try source.thumbnail(fitting: request.box, format: encoding, options: request.decoding)
        let dimensions = imageDimensions(of: thumbnail).map { "\($0.width)×\($0.height)" } ?? "?"
        try write(thumbnail, to: job.output)
        return WrittenThumbnail(path: job.output, size: dimensions, byteCount: try thumbnail.requireSize())
    }

    /// Writes through a temporary name and renames, so a failed run never leaves half a file behind.
    private func write(_ file: FileObject, to path: String) throws {
        let partial = "\(path).partial-\(getpid())"
        do {
            let destination = try FileObject(path: partial, mode: .write.binary)
            defer { try? destination.close() }
            var chunks = try file.chunks()
            while let chunk = try chunks.next() { try destination.write(chunk) }
            try destination.close()
            guard rename(partial, path) == 0 else { throw RenameError(path: path, code: errno) }
        } catch {
            unlink(partial)
            throw error
        }
    }

    struct RenameError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot write \"\(path)\": \(String(cString: strerror(code)))" }
    }
}
