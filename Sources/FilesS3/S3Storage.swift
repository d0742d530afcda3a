import AsyncHTTPClient
import Files
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Django's storage API on an S3 bucket (AWS S3, MinIO, Ceph RGW, Cloudflare R2, any S3-compatible
/// server): django-storages' `S3Storage`.
///
/// ```swift
/// let storage = try S3Storage(S3Configuration(bucket: "media", region: "eu-west-1"))
/// let name = try await storage.save("thumbnails/photo.jpg", content: thumbnail, maxLength: nil)
/// let url = try await storage.url(name)           // presigned, valid for an hour
/// try await storage.shutdown()                     // once, when the server stops
/// ```
///
/// One storage serves every request of a server: it is `Sendable`, and all its requests share one
/// `HTTPClient` (its own, closed by ``shutdown()``, or the one given to ``init(_:httpClient:)``).
/// Requests are signed with AWS Signature Version 4; idempotent ones are retried on 5xx answers and
/// connection failures (see ``S3Configuration/maxAttempts``).
///
/// As in django-storages, ``S3Configuration/fileOverwrite`` is `true` by default: saving a taken name
/// replaces the object. Set it to `false` to get Django's behaviour of choosing a free name.
///
/// The corresponding django-storages API is `storages.backends.s3.S3Storage`.
public final class S3Storage: Storage {
    /// The bucket, addressing, credentials and upload settings this storage was made with.
    public let configuration: S3Configuration
    let client: S3Client
    let keys: ObjectKey
    private let ownsHTTPClient: Bool

    /// A storage for `configuration`'s bucket, sending its requests through `httpClient`, or through a
    /// client of its own when `nil` (then call ``shutdown()`` when done).
    ///
    /// A client of your own should set `connectionPool.retryConnectionEstablishment = false`, as the
    /// storage's does: otherwise a refused connection is retried by the client until the request's deadline.
    ///
    /// Throws a ``Files/StorageError`` when the endpoint is not an `http(s)://` URL, the part size is below
    /// S3's 5 MiB minimum, or no credentials are given and the environment has none.
    public init(_ configuration: S3Configuration, httpClient: HTTPClient? = nil) throws(StorageError) {
        guard configuration.multipartPartSize >= 5 * 1024 * 1024, configuration.multipartThreshold >= 0,
            configuration.maxAttempts >= 1, configuration.querystringExpire > 0
        else {
            throw StorageError(
                .failed, operation: "configure", name: configuration.bucket,
                reason: "the part size must be at least 5 MiB, the attempts at least 1 and the URL expiry positive")
        }
        let credentials: S3Credentials
        if let given = configuration.credentials {
            credentials = given
        } else {
            credentials = try S3Credentials.fromEnvironment()
        }
        let endpoint = try S3Endpoint(configuration)
        self.configuration = configuration
        self.keys = ObjectKey(location: configuration.location)
        self.ownsHTTPClient = httpClient == nil
        let http = httpClient ?? HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.httpConfiguration)
        self.client = S3Client(
            http: http, configuration: configuration, endpoint: endpoint, credentials: credentials, now: { Date() })
    }

    private static var httpConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.decompression = .disabled
        // The storage retries with its own bounded backoff; the pool's retries would keep a refused
        // connection waiting until the request's deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Closes the storage's own HTTP client; a client given to ``init(_:httpClient:)`` is the caller's to close.
    ///
    /// Call it once, after the last request.
    public func shutdown() async throws(StorageError) {
        guard ownsHTTPClient else { return }
        do {
            try await client.http.shutdown()
        } catch {
            throw StorageError(.failed, operation: "shut down", name: configuration.bucket, reason: "\(error)")
        }
    }

    /// Whether a new object may be saved as `name`: with ``S3Configuration/fileOverwrite``, any name that
    /// fits `maxLength` (the object is replaced); otherwise a name no object has.
    ///
    /// The corresponding django-storages behaviour is `get_available_name` with `AWS_S3_FILE_OVERWRITE`.
    public nonisolated(nonsending) func isNameAvailable(_ name: String, maxLength: Int?) async throws(StorageError)
        -> Bool
    {
        if let maxLength, maxLength > 0, name.unicodeScalars.count > maxLength { return false }
        if configuration.fileOverwrite { return true }
        return try await !exists(name)
    }

    /// A request about `name`'s object; an empty name (which would address the bucket) is refused.
    func request(_ method: HTTPMethod, _ name: String, operation: String) throws(StorageError) -> S3Request {
        guard !(try keys.cleanName(name, operation: operation)).isEmpty else {
            throw StorageError(.suspiciousName, operation: operation, name: name, reason: "the name is empty")
        }
        return S3Request(
            method: method, key: try keys.key(for: name, operation: operation), operation: operation, name: name)
    }
}
