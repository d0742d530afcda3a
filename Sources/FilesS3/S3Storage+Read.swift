import AsyncHTTPClient
import Files
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension S3Storage {
    /// Downloads `name`'s object and returns it as a `FileObject` named `name`, positioned at the start.
    ///
    /// An object of at most ``S3Configuration/maxMemorySize`` bytes is read into a `MemoryStream`;
    /// a larger one (or one of unknown length) is streamed to a temporary file, removed when the file is
    /// closed or released, so memory holds one network buffer at a time. Only reading modes (`"r"`, `"rb"`)
    /// are supported; save new content with `FileStorage.save(_:content:maxLength:)`.
    ///
    /// The corresponding django-storages API is `S3Storage._open(name, mode)` (an `S3File`).
    public nonisolated(nonsending) func open(_ name: String, mode: FileMode) async throws(StorageError) -> FileObject {
        guard mode.access == .read, !mode.isUpdating else {
            throw StorageError(
                .failed, operation: "open", name: name,
                reason: "S3Storage opens files for reading only, not with mode '\(mode)'")
        }
        return try await download(name, ifMatch: nil, inMemoryUpTo: configuration.maxMemorySize)
    }

    /// A `GET` of `name` as a file: in memory when its length is at most `inMemoryUpTo`, else spooled to
    /// a temporary file (one network buffer in memory at a time). With `ifMatch`, an object whose ETag
    /// changed since is refused.
    nonisolated(nonsending) func download(_ name: String, ifMatch etag: String?, inMemoryUpTo memoryLimit: Int?)
        async throws(StorageError) -> FileObject
    {
        var get = try request(.GET, name, operation: "open")
        if let etag { get.headers.add(name: "If-Match", value: etag) }
        let response = try await client.send(get)
        let length = response.headers.first(name: "Content-Length").flatMap(Int.init)
        do {
            if let length, let memoryLimit, length <= memoryLimit {
                let body = try await response.body.collect(upTo: max(length, 1))
                return FileObject(MemoryStream(Data(body.readableBytesView)), name: name)
            }
            return try await Self.spool(response.body, name: name)
        } catch let error as FileError {
            throw StorageError(
                .failed, operation: "open", name: name,
                reason: "spooling the download to a temporary file failed: \(error.reason)")
        } catch {
            throw S3ErrorMapping.transportFailure(error, request: get, bucket: configuration.bucket).error
        }
    }

    /// Whether an object is stored as `name` (a `HEAD` request).
    ///
    /// The corresponding django-storages API is `S3Storage.exists(name)`.
    public nonisolated(nonsending) func exists(_ name: String) async throws(StorageError) -> Bool {
        do throws(StorageError) {
            _ = try await head(name, operation: "check")
            return true
        } catch  where error.code == .notFound {
            return false
        }
    }

    /// The size of `name`'s object in bytes (its `Content-Length`).
    ///
    /// The corresponding django-storages API is `S3Storage.size(name)`.
    public nonisolated(nonsending) func size(_ name: String) async throws(StorageError) -> Int {
        let headers = try await head(name, operation: "measure")
        guard let length = headers.first(name: "Content-Length").flatMap(Int.init) else {
            throw StorageError(.failed, operation: "measure", name: name, reason: "S3 sent no Content-Length")
        }
        return length
    }

    /// When `name`'s object was last written (its `Last-Modified`, to the second).
    ///
    /// The corresponding django-storages API is `S3Storage.get_modified_time(name)`.
    public nonisolated(nonsending) func modificationDate(_ name: String) async throws(StorageError) -> Date {
        let headers = try await head(name, operation: "date")
        guard let text = headers.first(name: "Last-Modified"), let date = HTTPDate.parseRFC7231(text) else {
            throw StorageError(.failed, operation: "date", name: name, reason: "S3 sent no readable Last-Modified")
        }
        return date
    }

    private func head(_ name: String, operation: String) async throws(StorageError) -> HTTPHeaders {
        let (response, _) = try await client.sendCollecting(request(.HEAD, name, operation: operation))
        return response.headers
    }
}
