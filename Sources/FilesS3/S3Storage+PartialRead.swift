import AsyncHTTPClient
import Files
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Reads for code that checks an object it did not write (DirectUploads' finalize): the first bytes
// alone, and the whole object spooled to disk whatever its size, each optionally pinned to the ETag a
// `HEAD` saw, so that an object replaced in between is refused rather than mixed.
extension S3Storage {
    /// The object's key in the bucket for the storage name `name` (``S3Configuration/location`` in front).
    package func objectKey(for name: String) throws(StorageError) -> String {
        try request(.HEAD, name, operation: "check").key
    }

    /// Up to `count` bytes from the start of `name`'s object: a ranged `GET` (`Range: bytes=0-…`).
    /// A server that ignores the range is read only as far as `count`. With `ifMatch`, an object whose
    /// ETag changed since is refused (`If-Match`, S3's 412 `PreconditionFailed`).
    package nonisolated(nonsending) func leadingBytes(of name: String, count: Int, ifMatch etag: String? = nil)
        async throws(StorageError) -> [UInt8]
    {
        var get = try request(.GET, name, operation: "read the start of")
        get.headers.add(name: "Range", value: "bytes=0-\(max(count, 1) - 1)")
        if let etag { get.headers.add(name: "If-Match", value: etag) }
        let response = try await client.send(get)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(count, 1 << 20))
        do {
            for try await piece in response.body {
                bytes.append(contentsOf: piece.readableBytesView.prefix(count - bytes.count))
                if bytes.count >= count { break }
            }
        } catch {
            throw S3ErrorMapping.transportFailure(error, request: get, bucket: configuration.bucket).error
        }
        return bytes
    }

    /// `name`'s object as a `FileObject` in a temporary file, whatever its size (``open(_:mode:)`` keeps a
    /// small one in memory): memory holds one network buffer at a time. The file is removed when it is
    /// closed or released. With `ifMatch`, an object whose ETag changed since is refused.
    package nonisolated(nonsending) func openSpooled(_ name: String, ifMatch etag: String? = nil)
        async throws(StorageError) -> FileObject
    {
        try await download(name, ifMatch: etag, inMemoryUpTo: nil)
    }

    /// `body` written to a temporary file, positioned at the start: one network buffer in memory at a time.
    static func spool(_ body: HTTPClientResponse.Body, name: String) async throws -> FileObject {
        // The temporary file's system calls run on the file I/O threads, not on the event loop's.
        let spool = try await WorkerThreads.fileIO.runBorrowing {
            try TemporaryUploadedFile(name: nil, contentType: nil, size: nil, charset: nil)
        }
        for try await piece in body {
            try await WorkerThreads.fileIO.runBorrowing { _ = try spool.write(Data(piece.readableBytesView)) }
        }
        try await WorkerThreads.fileIO.runBorrowing { _ = try spool.seek(to: 0) }
        return FileObject(spool.stream, name: name)
    }
}
