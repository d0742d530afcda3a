import NIOCore

/// One S3 API call: the method, the object key (`""` for the bucket), query, headers and body, and
/// what the storage was doing, for the error message.
struct S3Request: Sendable {
    enum Method: String, Sendable {
        case get = "GET"
        case head = "HEAD"
        case put = "PUT"
        case post = "POST"
        case delete = "DELETE"

        /// Whether sending the request twice has the effect of sending it once. S3's `PUT` of an object
        /// or a part replaces what was there and `DELETE` of a missing key succeeds; a `POST`
        /// (CreateMultipartUpload, CompleteMultipartUpload) is never repeated.
        var isIdempotent: Bool { self != .post }
    }

    var method: Method
    var key: String
    var query: [(name: String, value: String)] = []
    var headers: [(name: String, value: String)] = []
    var body: S3Body?
    /// The storage operation as a verb, for errors: `"save"`, `"open"`, ….
    var operation: String
    /// The storage name the request is about, for errors.
    var name: String?
}
