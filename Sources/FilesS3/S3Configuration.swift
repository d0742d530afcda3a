#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything an ``S3Storage`` needs to know about its bucket, with django-storages' defaults.
///
/// ```swift
/// var configuration = S3Configuration(bucket: "media", region: "eu-west-1")
/// configuration.location = "uploads"                      // keys start with "uploads/"
/// configuration.objectParameters.cacheControl = "max-age=86400"
///
/// // MinIO, Ceph RGW, Cloudflare R2, moto: an endpoint, path-style addressing.
/// let local = S3Configuration(bucket: "media", endpoint: "http://127.0.0.1:9000")
/// ```
///
/// The corresponding django-storages API is the `S3Storage` settings (`AWS_STORAGE_BUCKET_NAME`, …).
public struct S3Configuration: Sendable {
    /// How the bucket appears in request URLs.
    public enum AddressingStyle: Sendable, Hashable {
        /// `https://bucket.s3.region.amazonaws.com/key`: AWS's default.
        case virtualHosted
        /// `https://endpoint/bucket/key`: for servers without wildcard DNS (MinIO, moto, Ceph).
        case path
    }

    /// The bucket's name. The corresponding django-storages setting is `AWS_STORAGE_BUCKET_NAME`.
    public var bucket: String
    /// The region requests are signed for; `AWS_REGION` or `us-east-1` when `nil`.
    /// The corresponding django-storages setting is `AWS_S3_REGION_NAME`.
    public var region: String
    /// The server's URL (`http://127.0.0.1:9000`, `https://<account>.r2.cloudflarestorage.com`);
    /// `nil` for AWS (`https://s3.<region>.amazonaws.com`).
    /// The corresponding django-storages setting is `AWS_S3_ENDPOINT_URL`.
    public var endpoint: String?
    /// Virtual-hosted or path-style URLs; path-style by default when an `endpoint` is given.
    /// The corresponding django-storages setting is `AWS_S3_ADDRESSING_STYLE`.
    public var addressingStyle: AddressingStyle
    /// A prefix every key starts with (`"media"` → `media/photos/a.jpg`); `""` for none.
    /// The corresponding django-storages setting is `AWS_LOCATION`.
    public var location: String
    /// The access key; `nil` reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    public var credentials: S3Credentials?
    /// Whether saving a taken name replaces the object (`true`, django-storages' default) rather than
    /// choosing a new name. The corresponding django-storages setting is `AWS_S3_FILE_OVERWRITE`.
    ///
    /// When `false`, an upload in one `PUT` is conditional (`If-None-Match: *`), so two servers saving
    /// one name at once get two names; a multipart upload (over ``multipartThreshold``) relies on the
    /// name check before it, so a save racing it in those moments may replace it.
    public var fileOverwrite: Bool
    /// The canned ACL given to new objects (`"public-read"`, …); `nil` leaves it to the bucket.
    /// The corresponding django-storages setting is `AWS_DEFAULT_ACL`.
    public var defaultACL: String?
    /// Headers stored with every object (`Cache-Control`, `Content-Disposition`, …).
    /// The corresponding django-storages setting is `AWS_S3_OBJECT_PARAMETERS`.
    public var objectParameters: S3ObjectParameters
    /// Whether ``S3Storage/url(_:)`` returns presigned URLs (`true`) or plain ones.
    /// The corresponding django-storages setting is `AWS_QUERYSTRING_AUTH`.
    public var querystringAuth: Bool
    /// How long a presigned URL is valid, in seconds (3600). The corresponding django-storages setting is
    /// `AWS_QUERYSTRING_EXPIRE`.
    public var querystringExpire: Int
    /// A domain that serves the bucket publicly (a CDN: `"cdn.example.com"`); URLs then use it, unsigned.
    /// The corresponding django-storages setting is `AWS_S3_CUSTOM_DOMAIN`.
    public var customDomain: String?
    /// The scheme of custom-domain URLs (`"https:"`). The corresponding django-storages setting is
    /// `AWS_S3_URL_PROTOCOL`.
    public var urlProtocol: String
    /// Content larger than this many bytes goes up as a multipart upload (8 MiB).
    /// The corresponding boto3 setting is `TransferConfig.multipart_threshold`.
    public var multipartThreshold: Int
    /// The size of each part of a multipart upload (8 MiB, at least S3's minimum of 5 MiB); the upload
    /// holds one part in memory at a time. The corresponding boto3 setting is `TransferConfig.multipart_chunksize`.
    public var multipartPartSize: Int
    /// Objects at most this large are opened into memory; larger ones are downloaded to a temporary file
    /// (8 MiB). The corresponding django-storages setting is `AWS_S3_MAX_MEMORY_SIZE`.
    public var maxMemorySize: Int
    /// How often an idempotent request is tried in all (4); each retry waits twice as long as the last.
    public var maxAttempts: Int
    /// The wait before the first retry (100 ms); retries wait at most 2 s.
    public var retryBaseDelay: Duration
    /// How long one request may take before it fails with a timeout (60 s).
    public var requestTimeout: Duration

    /// A bucket on AWS (no `endpoint`) or on an S3-compatible server.
    public init(
        bucket: String, region: String? = nil, endpoint: String? = nil,
        addressingStyle: AddressingStyle? = nil, location: String = "", credentials: S3Credentials? = nil
    ) {
        self.bucket = bucket
        self.region = region ?? S3Credentials.environment("AWS_REGION") ?? "us-east-1"
        self.endpoint = endpoint
        self.addressingStyle = addressingStyle ?? (endpoint == nil ? .virtualHosted : .path)
        self.location = location
        self.credentials = credentials
        self.fileOverwrite = true
        self.defaultACL = nil
        self.objectParameters = S3ObjectParameters()
        self.querystringAuth = true
        self.querystringExpire = 3600
        self.customDomain = nil
        self.urlProtocol = "https:"
        self.multipartThreshold = 8 * 1024 * 1024
        self.multipartPartSize = 8 * 1024 * 1024
        self.maxMemorySize = 8 * 1024 * 1024
        self.maxAttempts = 4
        self.retryBaseDelay = .milliseconds(100)
        self.requestTimeout = .seconds(60)
    }
}
