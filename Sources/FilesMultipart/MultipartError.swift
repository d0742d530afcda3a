import Files

/// The one error type `FilesMultipart` throws, with the HTTP status a server should answer.
///
/// ```swift
/// do {
///     let form = try await MultipartFormParser.parse(body, contentType: type, contentLength: length)
/// } catch {
///     return Response(status: error.status, body: error.description)   // 400, 413 or 500
/// }
/// ```
///
/// Every temporary file of the request is removed before the error is thrown.
///
/// The corresponding Django exceptions are `MultiPartParserError`, `RequestDataTooBig`,
/// `TooManyFieldsSent` and `TooManyFilesSent`.
public enum MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request is not valid `multipart/form-data`: `detail` says why. Status 400.
    ///
    /// The corresponding Django exception is `MultiPartParserError`.
    case malformed(String)

    /// A limit of ``MultipartLimits`` was exceeded; `limit` is its value. Status 413 for sizes, 400 for counts.
    ///
    /// The corresponding Django exceptions are `RequestDataTooBig`, `TooManyFieldsSent` and `TooManyFilesSent`.
    case limitExceeded(MultipartLimit, limit: Int)

    /// The request body failed while it was being read (the client disconnected); `reason` describes it.
    /// Status 400.
    case bodyFailed(String)

    /// An upload handler refused the upload (status 400) or storing a file failed (status 500).
    case handler(UploadHandlerError)

    /// The HTTP status a server should answer: 400, 413 or 500.
    public var status: Int {
        switch self {
        case .malformed, .bodyFailed: return 400
        case .limitExceeded(let limit, _): return limit.status
        case .handler(.file): return 500
        case .handler: return 400
        }
    }

    /// One sentence naming the request body and, for a limit, the setting.
    public var description: String {
        switch self {
        case .malformed(let detail):
            return "Cannot parse the multipart body: \(detail)."
        case .limitExceeded(let limit, let value):
            return "The multipart body has more than \(value) \(limit.subject) (the limit \(limit.setting))."
        case .bodyFailed(let reason):
            return "Cannot read the multipart body: \(reason)."
        case .handler(let error):
            return error.description
        }
    }
}
