import Foundation

/// The answer to `GET /media/<name>`, for a server to send as it is.
///
/// ```swift
/// let media = await app.media("photos/cat.jpg", ifNoneMatch: request.headers["If-None-Match"])
/// respond(status: media.status, headers: media.headers, body: media.body)
/// ```
public struct MediaResponse: Sendable, Equatable {
    /// 200, 304 or 404.
    public var status: Int
    /// `Content-Type`, `ETag`, `Last-Modified`, `Cache-Control` (the server adds `Content-Length`).
    public var headers: [(name: String, value: String)]
    /// The file's bytes for 200; empty otherwise.
    public var body: Data

    /// A response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public static func == (lhs: MediaResponse, rhs: MediaResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name): \($0.value)" } == rhs.headers.map { "\($0.name): \($0.value)" }
    }
}
