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
public enum MultipartFormError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request is not valid `multipart/form-data`: `detail` says why. Status 400.
    ///
    /// The corresponding Django exception is `MultiPartParserError`.
    case malformed(String)

    /// A limit of ``MultipartLimits`` was exceeded; `limit` is its value. Status 413 for sizes, 400 for counts.
    ///
    /// The corresponding Django exceptions are `RequestDataTooBig`, `TooManyFieldsSent` and `TooManyFilesSent`.
    case limitExceeded(MultipartLimit, limit: Int)

    /// The request body failed while it was being read (the client disconnected): the clause says
    /// what happened, and `underlying` is the body sequence's own error, kept for logging and for
    /// telling a disconnect from a timeout. Status 400. Two such errors are equal when their clauses are.
    case bodyFailed(String, underlying: (any Error)? = nil)

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

    /// One sentence naming the request body and, for a limit, the setting: `Cannot <verb> the multipart
    /// body: <reason>.`; a handler's error is its own sentence (it names the file).
    public var description: String {
        let verb: String
        switch self {
        case .malformed: verb = "parse"
        case .limitExceeded: verb = "accept"
        case .bodyFailed: verb = "read"
        case .handler(let error): return error.description
        }
        return "Cannot \(verb) the multipart body: \(reason)."
    }

    /// What went wrong, as a clause without subject or final period; a handler's error gives its own
    /// `UploadHandlerError.reason`.
    public var reason: String {
        switch self {
        case .malformed(let detail): detail
        case .limitExceeded(let limit, let value):
            "it has more than \(value) \(limit.subject) (the limit \(limit.setting))"
        case .bodyFailed(let reason, _): reason
        case .handler(let error): error.reason
        }
    }

    /// The body sequence's own error, for ``bodyFailed(_:underlying:)``.
    public var underlyingError: (any Error)? {
        if case .bodyFailed(_, let underlying) = self { underlying } else { nil }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.malformed(let left), .malformed(let right)): left == right
        case (.limitExceeded(let left, let leftValue), .limitExceeded(let right, let rightValue)):
            left == right && leftValue == rightValue
        case (.bodyFailed(let left, _), .bodyFailed(let right, _)): left == right
        case (.handler(let left), .handler(let right)): left == right
        default: false
        }
    }
}

/// The former name of ``MultipartFormError``, which Vapor's re-exported MultipartKit also uses.
@available(
    *, deprecated, renamed: "MultipartFormError",
    message: "MultipartError collides with Vapor's; use MultipartFormError"
)
public typealias MultipartError = MultipartFormError
