#if Hummingbird
public import Files
public import Foundation
public import Hummingbird
import NIOCore

/// Serves the files of a storage through Hummingbird's `FileMiddleware`, a chunk at a time.
///
/// ```swift
/// let storage = FileSystemStorage(location: "media", baseURL: "/media/")
/// router.add(middleware: FileMiddleware(fileProvider: StorageFileProvider(storage: storage), urlBasePath: "/media"))
/// ```
///
/// `FileMiddleware` does the HTTP: `ETag`, `Last-Modified`, `If-None-Match` / `If-Modified-Since`
/// (304), `Range` / `If-Range` (206), `HEAD`, and a 404 (the router's own) for a name it cannot serve.
/// This type only finds, measures and streams files. A name is served when it is a plain relative
/// path (`ServedFileName`: no empty, `.` or `..` component, no backslash, no NUL); anything else is
/// not found before the storage is asked.
///
/// Cost: two storage calls (size, modification date) per request, then one `open` and one read per
/// ``chunkSize`` bytes while the body is written. Memory is one chunk per response, whatever the file's
/// size.
public struct StorageFileProvider: FileProvider {
    /// What `FileMiddleware` needs to know of a stored file.
    public struct FileAttributes: FileMiddlewareFileAttributes, Sendable {
        /// Always `false`: a storage serves files, never directory listings.
        public var isFolder: Bool { false }
        /// The size in bytes.
        public let size: Int
        /// When the file was last written.
        public let modificationDate: Date
    }

    /// The storage name of a file.
    public typealias FileIdentifier = String

    /// The default ``chunkSize``: 64 KiB, Django's `File.DEFAULT_CHUNK_SIZE`.
    public static let defaultChunkSize = 64 * 1024

    /// The storage the files come from.
    public let storage: any FileStorage
    /// The most bytes read from the storage and written to the response at a time.
    public let chunkSize: Int

    /// A provider over `storage` that streams `chunkSize` bytes at a time (at least one).
    public init(storage: any FileStorage, chunkSize: Int = StorageFileProvider.defaultChunkSize) {
        self.storage = storage
        self.chunkSize = max(chunkSize, 1)
    }

    /// The storage name for the request path `path` (percent-decoded by `FileMiddleware`, base path
    /// removed), or `nil` for a name that is not served.
    public func getFileIdentifier(_ path: String) -> String? {
        ServedFileName.fromURLPath(path)
    }

    /// The size and modification date of `id`, or `nil` when the storage has no such file (a missing
    /// name, a directory, a name the storage refuses).
    public func getAttributes(id: String) async throws -> FileAttributes? {
        guard let size = try? await storage.size(id), let modified = try? await storage.modificationDate(id) else {
            return nil
        }
        return FileAttributes(size: size, modificationDate: modified)
    }

    /// The whole of `id`, streamed.
    public func loadFile(id: String, context: some RequestContext) async throws -> ResponseBody {
        body(id, skipping: 0, length: nil)
    }

    /// The bytes `range` of `id`, streamed.
    public func loadFile(id: String, range: ClosedRange<Int>, context: some RequestContext) async throws
        -> ResponseBody
    {
        // `FileMiddleware` passes the range as asked (`bytes=0-` is `0...Int.max`): the reads stop at the
        // end of the file, and the length is computed without overflowing.
        let start = max(range.lowerBound, 0)
        let span = range.upperBound - start
        return body(id, skipping: start, length: span < 0 ? 0 : span == Int.max ? Int.max : span + 1)
    }

    /// A body that opens `name` when it is written, skips `offset` bytes and writes at most `length`
    /// (everything to the end when `nil`), one ``chunkSize`` read at a time. The file is opened inside
    /// the writer because `FileObject` is not `Sendable`: it lives and dies in the task writing the response.
    func body(_ name: String, skipping offset: Int, length: Int?) -> ResponseBody {
        let storage = storage
        let chunkSize = chunkSize
        // No `contentLength`: `FileMiddleware` has set `Content-Length` from the size and the clamped range.
        return ResponseBody { writer in
            let file = try await storage.open(name, mode: .read.binary)
            defer { try? file.close() }
            // Reads of a file on disk block: they run on the file I/O threads, not on the event loop.
            try await WorkerThreads.fileIO.runBorrowing { () throws(FileError) in
                try Self.skip(offset, in: file, chunkSize: chunkSize)
            }
            var remaining = length ?? Int.max
            while remaining > 0 {
                let wanted = min(chunkSize, remaining)
                let data = try await WorkerThreads.fileIO.runBorrowing { () throws(FileError) in try file.read(wanted) }
                if data.isEmpty { break }
                remaining -= data.count
                try await writer.write(ByteBuffer(bytes: data))
            }
            try await writer.finish(nil)
        }
    }

    /// Moves `file` past its first `offset` bytes: a seek when it can, else reads that are dropped.
    static func skip(_ offset: Int, in file: FileObject, chunkSize: Int) throws(FileError) {
        guard offset > 0 else { return }
        if file.isSeekable {
            try file.seek(to: offset)
            return
        }
        var left = offset
        while left > 0 {
            let dropped = try file.read(min(chunkSize, left))
            if dropped.isEmpty { return }
            left -= dropped.count
        }
    }
}
#endif
