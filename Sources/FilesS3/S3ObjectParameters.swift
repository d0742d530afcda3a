import NIOHTTP1

/// The headers stored with each new object, as django-storages' `AWS_S3_OBJECT_PARAMETERS`.
///
/// ```swift
/// var parameters = S3ObjectParameters()
/// parameters.cacheControl = "max-age=86400"
/// parameters.contentDisposition = "attachment"
/// parameters.metadata["owner"] = "photos"          // x-amz-meta-owner
/// ```
///
/// A `contentType` here wins over the one ``S3Storage`` detects.
public struct S3ObjectParameters: Sendable, Hashable {
    /// `Cache-Control` (boto3's `CacheControl`).
    public var cacheControl: String?
    /// `Content-Disposition` (`ContentDisposition`).
    public var contentDisposition: String?
    /// `Content-Encoding` (`ContentEncoding`).
    public var contentEncoding: String?
    /// `Content-Language` (`ContentLanguage`).
    public var contentLanguage: String?
    /// `Content-Type` (`ContentType`); `nil` lets the storage detect it.
    public var contentType: String?
    /// `Expires`, an HTTP date (`Expires`).
    public var expires: String?
    /// `x-amz-storage-class` (`StorageClass`): `STANDARD_IA`, `GLACIER_IR`, ….
    public var storageClass: String?
    /// `x-amz-server-side-encryption` (`ServerSideEncryption`): `AES256`, `aws:kms`.
    public var serverSideEncryption: String?
    /// `x-amz-acl` (`ACL`); wins over ``S3Configuration/defaultACL``.
    public var acl: String?
    /// User metadata, each sent as `x-amz-meta-<name>` (`Metadata`).
    public var metadata: [String: String]

    public init() {
        metadata = [:]
    }

    /// The headers for an upload of an object whose detected type is `detectedContentType`.
    func headers(detectedContentType: String, defaultACL: String?) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": contentType ?? detectedContentType]
        let optional: [(String, String?)] = [
            ("Cache-Control", cacheControl), ("Content-Disposition", contentDisposition),
            ("Content-Encoding", contentEncoding), ("Content-Language", contentLanguage), ("Expires", expires),
            ("x-amz-storage-class", storageClass), ("x-amz-server-side-encryption", serverSideEncryption),
            ("x-amz-acl", acl ?? defaultACL),
        ]
        for case (let name, let value?) in optional { headers.add(name: name, value: value) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
            headers.add(name: "x-amz-meta-\(name)", value: value)
        }
        return headers
    }
}
