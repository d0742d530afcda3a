import Files
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension S3Storage {
    /// Uploads `content` as `name`'s object and returns the normalised name (`a/./b.jpg` → `a/b.jpg`).
    ///
    /// The content is read from its start through `FileObject.chunks(size:)` and never closed. Content up to
    /// ``S3Configuration/multipartThreshold`` goes up in one `PUT`; larger content as a multipart upload,
    /// one part in memory at a time, which is aborted if anything fails, so no parts are left behind.
    /// The `Content-Type` is detected from the bytes, then the name, then the upload's declared type.
    ///
    /// The corresponding django-storages API is `S3Storage._save(name, content)`.
    public nonisolated(nonsending) func store(_ content: FileObject, as name: String) async throws(StorageError)
        -> String
    {
        var name = name
        // Without fileOverwrite an object is written only if none has the name (`If-None-Match: *`):
        // when a concurrent save took it after `availableName`, take another available name, as
        // FileSystemStorage does on EEXIST. Bounded, because each retry draws a fresh random suffix.
        for _ in 0..<8 {
            do {
                return try await storeOnce(content, as: name)
            } catch  where error.code == .nameTaken && !configuration.fileOverwrite {
                name = try await availableName(name, maxLength: nil)
            }
        }
        return try await storeOnce(content, as: name)
    }

    /// The one-shot upload behind ``store(_:as:)``.
    private nonisolated(nonsending) func storeOnce(_ content: FileObject, as name: String) async throws(StorageError)
        -> String
    {
        let cleaned = try keys.cleanName(name, operation: "save")
        var upload = try request(.PUT, name, operation: "save")
        var reader = try ContentReader(content, name: name, chunkSize: 1024 * 1024)
        var buffer = S3Body()
        let fitsOnePut = try await reader.fillOffThread(&buffer, beyond: configuration.multipartThreshold)
        let contentType = ContentTypeDetection.contentType(
            head: buffer.pieces.first?.readableBytesView.prefix(12) ?? ByteBuffer().readableBytesView, name: cleaned,
            declared: (content as? UploadedFile)?.contentType)
        upload.headers = configuration.objectParameters.headers(
            detectedContentType: contentType, defaultACL: configuration.defaultACL)
        if fitsOnePut {
            // A multipart upload is checked by `availableName` only: a concurrent save of the same
            // name in the moments between may replace it (documented on `fileOverwrite`).
            if !configuration.fileOverwrite { upload.headers.add(name: "If-None-Match", value: "*") }
            upload.body = buffer
            _ = try await client.sendCollecting(upload)
        } else {
            try await MultipartUpload(client: client, template: upload, partSize: configuration.multipartPartSize)
                .run(first: &buffer, rest: &reader)
        }
        return cleaned
    }
}

/// Reads a `FileObject` being saved in chunks, turning read errors into storage errors.
struct ContentReader {
    private var chunks: FileChunks
    private let name: String
    let chunkSize: Int
    private(set) var isExhausted = false

    init(_ content: FileObject, name: String, chunkSize: Int) throws(StorageError) {
        self.name = name
        self.chunkSize = chunkSize
        do {
            chunks = try content.chunks(size: chunkSize)
        } catch {
            throw Self.failure(error, name)
        }
    }

    /// Appends chunks to `buffer` until it holds more than `limit` bytes or the content ends; returns
    /// whether the content ended within the limit.
    mutating func fill(_ body: inout S3Body, beyond limit: Int) throws(StorageError) -> Bool {
        while body.count <= limit {
            guard let chunk = try next() else { return true }
            body.append(ByteBuffer(bytes: chunk))
        }
        return false
    }

    /// ``fill(_:beyond:)`` on the file I/O threads: reading a file on disk blocks.
    nonisolated(nonsending) mutating func fillOffThread(_ body: inout S3Body, beyond limit: Int)
        async throws(StorageError) -> Bool
    {
        let (reader, start) = (self, body)
        let (fits, filled, advanced) = try await WorkerThreads.fileIO.runBorrowing { () throws(StorageError) in
            var reader = reader
            var filled = start
            let fits = try reader.fill(&filled, beyond: limit)
            return (fits, filled, reader)
        }
        (self, body) = (advanced, filled)
        return fits
    }

    /// The next chunk, or `nil` at the end.
    mutating func next() throws(StorageError) -> Data? {
        guard !isExhausted else { return nil }
        do {
            guard let chunk = try chunks.next() else {
                isExhausted = true
                return nil
            }
            return chunk
        } catch {
            throw Self.failure(error, name)
        }
    }

    private static func failure(_ error: FileError, _ name: String) -> StorageError {
        StorageError(content: error, operation: "save", name: name)
    }
}
