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
/// ```
///
/// One storage serves every request of a server: it is `Sendable`, and all its requests share one
/// `HTTPClient`: AsyncHTTPClient's process-wide `HTTPClient.shared` by default, which needs no shutdown,
/// or the one given to ``init(_:httpClient:)``, or one the storage makes with
/// ``init(_:httpClientConfiguration:)`` (closed by ``shutdown()``, or when the storage is released).
/// Requests are signed with AWS Signature Version 4; idempotent ones are retried on 5xx answers and
/// connection failures (see ``S3Configuration/maxAttempts``).
///
/// As in django-storages, ``S3Configuration/fileOverwrite`` is `true` by default: saving a taken name
/// replaces the object. Set it to `false` to get Django's behaviour of choosing a free name.
///
/// The corresponding django-storages API is `storages.backends.s3.S3Storage`.
public final class S3Storage: FileStorage {
    /// The bucket, addressing, credentials and upload settings this storage was made with.
    public let configuration: S3Configuration
    let client: S3Client
    let keys: ObjectKey
    private let ownsHTTPClient: Bool

    /// A storage for `configuration`'s bucket, sending its requests through `httpClient`:
    /// AsyncHTTPClient's process-wide `HTTPClient.shared` unless you give your own.
    ///
    /// ```swift
    /// let storage = try S3Storage(configuration)                          // HTTPClient.shared
    /// let mine = try S3Storage(configuration, httpClient: appHTTPClient)  // a client you shut down yourself
    /// ```
    ///
    /// The storage never shuts the client down; ``shutdown()`` does nothing for it. `HTTPClient.shared`
    /// follows the browsers' defaults: it decompresses `gzip` and `deflate` answers (an object stored with
    /// such a `Content-Encoding` opens decompressed) and retries a refused connection until the request's
    /// deadline. For the storage's own choices (neither), use ``init(_:httpClientConfiguration:)``, or
    /// give a client made with ``S3Storage/recommendedHTTPClientConfiguration``.
    ///
    /// Throws a `StorageError` when the endpoint is not an `http(s)://` URL, the part size is below
    /// S3's 5 MiB minimum, or no credentials are given and the environment has none.
    public convenience init(_ configuration: S3Configuration, httpClient: HTTPClient = .shared) throws(StorageError) {
        try self.init(configuration, http: httpClient, owned: false)
    }

    /// A storage for `configuration`'s bucket that makes its own HTTP client with `httpClientConfiguration`.
    ///
    /// ```swift
    /// let storage = try S3Storage(configuration, httpClientConfiguration: S3Storage.recommendedHTTPClientConfiguration)
    /// // …
    /// try await storage.shutdown()   // optional: a storage released unshut closes its client itself
    /// ```
    ///
    /// Call ``shutdown()`` to close the client when you know the last request is done; a storage released
    /// without it shuts its client down in the background, so forgetting never traps. Costs an HTTP
    /// connection pool (connections open on first use).
    public convenience init(
        _ configuration: S3Configuration, httpClientConfiguration: HTTPClient.Configuration
    ) throws(StorageError) {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpClientConfiguration)
        do {
            try self.init(configuration, http: http, owned: true)
        } catch {
            // Never used: close it now rather than leave it to trap in its deinit.
            Task { try? await http.shutdown() }
            throw error
        }
    }

    private init(_ configuration: S3Configuration, http: HTTPClient, owned: Bool) throws(StorageError) {
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
        self.ownsHTTPClient = owned
        self.client = S3Client(
            http: http, configuration: configuration, endpoint: endpoint, credentials: credentials, now: { Date() })
    }

    deinit {
        // AsyncHTTPClient traps (in debug builds) when a client is released before it is shut down: a
        // storage whose owner forgot `shutdown()`, or left through an error, closes its own client here.
        // Shutting down twice is harmless (the second reports that it is already shut down).
        guard ownsHTTPClient else { return }
        let http = client.http
        Task { try? await http.shutdown() }
    }

    /// The HTTP client settings the storage's requests are meant for: connect within 10 s, read within
    /// 60 s, bodies never decompressed (objects read back byte for byte), and no retries of a refused
    /// connection inside the client (the storage retries with its own bounded backoff, see
    /// ``S3Configuration/maxAttempts``; the client's would keep a refused connection waiting until the
    /// request's deadline).
    ///
    /// ```swift
    /// let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: S3Storage.recommendedHTTPClientConfiguration)
    /// ```
    public static var recommendedHTTPClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        configuration.decompression = .disabled
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Closes the HTTP client the storage made itself (``init(_:httpClientConfiguration:)``); does nothing
    /// for `HTTPClient.shared` or a client given to ``init(_:httpClient:)``, which are not the storage's.
    ///
    /// Call it once, after the last request; calling it again, or not at all, is harmless.
    public func shutdown() async throws(StorageError) {
        guard ownsHTTPClient else { return }
        do {
            try await client.http.shutdown()
        } catch let error as HTTPClientError where error == .alreadyShutdown {
            return
        } catch {
            throw StorageError(
                .failed, operation: "shut down the HTTP client of", name: configuration.bucket,
                reason: "AsyncHTTPClient reported \(error)")
        }
    }

    /// The client requests go through, for tests that watch its lifetime.
    package var httpClient: HTTPClient { client.http }

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
