/// What a browser's form upload straight to the bucket may contain: the conditions of an S3 POST policy.
///
/// ```swift
/// var policy = S3PostPolicy(key: .exactly("staging/3f2a9c.jpg"), expiresIn: .seconds(300))
/// policy.contentType = .startingWith("image/")
/// policy.contentLength = 1...10_000_000
/// policy.successActionRedirect = "https://example.com/uploads/finish"
/// let post = try storage.presignedPost(policy)
/// ```
///
/// S3 checks every condition when the form arrives and refuses the upload if one fails: this is the
/// only way to limit the size of an upload that never passes through the app (a presigned `PUT` cannot).
/// Names are storage names; ``S3Configuration/location`` is put in front, as for every other call.
public struct S3PostPolicy: Sendable, Hashable {
    /// A form field's value: exactly one text, or any text that starts with a prefix (`""` for any value).
    public enum Match: Sendable, Hashable {
        /// The field must be exactly this (the policy's `{"field": "value"}`).
        case exactly(String)
        /// The field must start with this (the policy's `["starts-with", "$field", "prefix"]`).
        case startingWith(String)
    }

    /// The object's name: one exact name, or any name under a prefix (the browser then chooses the rest,
    /// or S3 puts the uploaded file's name in place of `${filename}`).
    public var key: Match
    /// The `Content-Type` the form must send; `nil` for any. An exact type is one of the returned fields;
    /// for a prefix (`"image/"`) the page adds the file's type itself.
    public var contentType: Match?
    /// The smallest and largest upload in bytes S3 accepts (`content-length-range`); `nil` for any size.
    public var contentLength: ClosedRange<Int>?
    /// How long after signing the form may be posted.
    public var expiresIn: Duration
    /// Where S3 sends the browser after a successful upload (303, with `bucket`, `key` and `etag` in
    /// the query): `success_action_redirect`.
    public var successActionRedirect: String?
    /// The status S3 answers a successful upload with when there is no redirect: 200, 201 (with an XML
    /// body) or 204 (S3's default): `success_action_status`.
    public var successActionStatus: Int?
    /// Further fields with one allowed value, each both a condition and a returned field: `acl`,
    /// `Cache-Control`, `x-amz-meta-…`, `x-amz-server-side-encryption`, ….
    public var fields: [String: String]
    /// Further fields the page fills in, each allowed any value starting with its prefix (`""` for any
    /// value): `["x-amz-meta-tag": ""]`. They are conditions only; the page adds the fields.
    public var fieldPrefixes: [String: String]

    /// A policy for `key`, valid for `expiresIn` (one hour by default), with no other condition.
    public init(key: Match, expiresIn: Duration = .seconds(3600)) {
        self.key = key
        self.expiresIn = expiresIn
        self.contentType = nil
        self.contentLength = nil
        self.successActionRedirect = nil
        self.successActionStatus = nil
        self.fields = [:]
        self.fieldPrefixes = [:]
    }
}
