#if Hummingbird
import FilesMultipart
import Foundation
import Hummingbird

/// A `MultipartFormError` as Hummingbird answers it: 413 for a size limit, 400 for a count limit or a
/// malformed body, and a JSON body `{"error": "<the error's sentence>"}`.
///
/// ```swift
/// do {
///     form = try await request.formData()
/// } catch {
///     throw MultipartResponseError(error)
/// }
/// ```
///
/// The corresponding Django APIs are `RequestDataTooBig` (413) and `TooManyFieldsSent` /
/// `TooManyFilesSent` / `MultiPartParserError` (400).
public struct MultipartResponseError: HTTPResponseError, CustomStringConvertible {
    /// The parser's error.
    public let error: MultipartFormError

    /// Wraps `error` for Hummingbird's error handling.
    public init(_ error: MultipartFormError) {
        self.error = error
    }

    /// 413, 400, or 500 when a handler could not write its temporary file.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: error.status) }

    /// The error's sentence.
    public var description: String { error.description }

    /// The error's clause, for a wrapper that names the request itself.
    public var reason: String { error.reason }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(["error": error.description])
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
#endif
