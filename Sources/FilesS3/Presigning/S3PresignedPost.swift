/// A presigned browser form upload: the URL the form posts to and the fields it sends before the file.
///
/// ```html
/// <form action="{{ post.url }}" method="post" enctype="multipart/form-data">
///   {% for name, value in post.fields %}<input type="hidden" name="{{ name }}" value="{{ value }}">{% endfor %}
///   <input type="file" name="file">
/// </form>
/// ```
///
/// The fields may come in any order, but the file must be the form's last field: S3 ignores any field
/// after it. Escape the values for HTML where you write them into a page.
public struct S3PresignedPost: Sendable, Hashable {
    /// Where the form posts: the bucket's URL (`https://media.s3.eu-west-1.amazonaws.com/`, `http://127.0.0.1:9000/media`).
    public var url: String
    /// The fields to send: `key`, `policy`, `x-amz-algorithm`, `x-amz-credential`, `x-amz-date`,
    /// `x-amz-signature` (and `x-amz-security-token` with temporary credentials), plus the policy's
    /// exact fields.
    public var fields: [String: String]
    /// The storage name the upload is saved as (for an exact key), or the names' prefix (for a prefix key).
    public var name: String

    public init(url: String, fields: [String: String], name: String) {
        self.url = url
        self.fields = fields
        self.name = name
    }
}

/// A presigned request for a client that cannot post a form: the method, the URL and the headers the
/// client must send exactly as given (they are signed).
///
/// ```swift
/// let put = try storage.presignedPut("staging/a.jpg", contentLength: size, contentMD5: md5, contentType: "image/jpeg")
/// // fetch(put.url, { method: put.method, headers: put.headers, body: file })
/// ```
public struct S3PresignedRequest: Sendable, Hashable {
    /// `PUT`.
    public var method: String
    /// The URL, its query carrying the signature.
    public var url: String
    /// The headers the signature covers besides `Host`: send each with exactly this value. A browser
    /// writes `Content-Length` itself, from the body.
    public var headers: [String: String]

    public init(method: String, url: String, headers: [String: String]) {
        self.method = method
        self.url = url
        self.headers = headers
    }
}
