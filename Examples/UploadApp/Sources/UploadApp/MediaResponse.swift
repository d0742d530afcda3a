import Foundation

/// A refusal of `GET /media/v/…` (``VariantFile/refused(_:)``), for a server to send as it is; the
/// files themselves are streamed by the server's own file serving.
///
/// ```swift
/// func send(_ media: MediaResponse) -> Response {
///     Response(status: media.status, headers: media.headers, body: media.body)
/// }
/// try await app.serveVariant(path: path, refused: send) { name in try await serveMedia(name) }
/// ```
public struct MediaResponse: Sendable, Equatable {
    /// 400, 403, 404, 422 or 500.
    public var status: Int
    /// `Content-Type` (the server adds `Content-Length`).
    public var headers: [(name: String, value: String)]
    /// The one-sentence reason, as plain text.
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
