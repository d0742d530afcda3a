import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One S3 API call: the method, the object key (`""` for the bucket), query, headers and body, and
/// what the storage was doing, for the error message.
struct S3Request: Sendable {
    var method: HTTPMethod
    var key: String
    /// The decoded query items; a bare `?uploads` is the item `uploads` with the value `""`.
    var query: [URLQueryItem] = []
    var headers: HTTPHeaders = [:]
    var body: S3Body?
    /// The storage operation as a verb, for errors: `"save"`, `"open"`, ….
    var operation: String
    /// The storage name the request is about, for errors.
    var name: String?

    /// Whether sending the request twice has the effect of sending it once. S3's `PUT` of an object
    /// or a part replaces what was there and `DELETE` of a missing key succeeds; a `POST`
    /// (CreateMultipartUpload, CompleteMultipartUpload) is never repeated.
    var isIdempotent: Bool { method != .POST }
}
