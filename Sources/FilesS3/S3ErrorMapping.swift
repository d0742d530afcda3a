import AsyncHTTPClient
import Files
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns S3's error answers and the HTTP client's failures into `StorageError`s that name the
/// bucket and the key, and says which of them are worth retrying.
enum S3ErrorMapping {
    struct Failure: Error {
        var error: StorageError
        /// A 5xx answer, a dropped connection or a timeout: another try may succeed.
        var isTransient: Bool
    }

    /// An error answer: the XML `<Code>` (or, for a `HEAD` without a body, the status) as the code.
    static func answerFailure(status: Int, body: String, request: S3Request, bucket: String) -> Failure {
        let xml = XMLScanner(body)
        let s3Code = xml.first("Code") ?? ""
        let message = xml.first("Message").map { ": \($0.trimmingSuffix(".")) " } ?? " "
        let code: StorageError.Code =
            switch s3Code {
            case "NoSuchKey", "NoSuchBucket", "NoSuchUpload", "NotFound": .notFound
            case "AccessDenied", "InvalidAccessKeyId", "AllAccessDisabled", "ExpiredToken", "InvalidToken",
                "Forbidden":
                .accessDenied
            case "SignatureDoesNotMatch": .signatureMismatch
            case "RequestTimeout": .timeout
            case "PreconditionFailed": .nameTaken
            default:
                switch status {
                case 404: .notFound
                case 403: .accessDenied
                default: .failed
                }
            }
        let answer = s3Code.isEmpty ? "HTTP \(status)" : "\(s3Code) (HTTP \(status))"
        let reason = "S3 answered \(answer)\(message)for \(location(request, bucket))"
        return Failure(
            error: StorageError(code, operation: request.operation, name: request.name, reason: reason),
            isTransient: status >= 500 || s3Code == "RequestTimeout" || s3Code == "SlowDown")
    }

    /// A failure to get an answer at all: refused or dropped connections, DNS, TLS, timeouts.
    static func transportFailure(_ error: any Error, request: S3Request, bucket: String) -> Failure {
        let (code, what, transient) = classify(error)
        return Failure(
            error: StorageError(
                code, operation: request.operation, name: request.name,
                reason: "\(what) for \(location(request, bucket))"),
            isTransient: transient)
    }

    /// The code, a clause saying what happened (never another error's sentence), and whether to retry.
    private static func classify(_ error: any Error) -> (StorageError.Code, String, Bool) {
        if error is CancellationError { return (.failed, "the task was cancelled", false) }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout, .tlsHandshakeTimeout:
                return (.timeout, "connecting to the S3 server timed out", true)
            case .readTimeout, .writeTimeout, .deadlineExceeded:
                return (.timeout, "the S3 server did not answer within the request timeout", true)
            case .remoteConnectionClosed, .cancelled:
                return (.unreachable, "the S3 server closed the connection", true)
            default:
                return (.failed, "the HTTP client reported \(client)", false)
            }
        }
        if let connection = error as? NIOConnectionError {
            let refused = connection.connectionErrors.contains {
                ($0.error as? IOError)?.errnoCode == ECONNREFUSED
            }
            let address = "\(connection.host):\(connection.port)"
            return (
                .unreachable,
                refused ? "the S3 server refused the connection to \(address)" : "\(address) cannot be reached", true
            )
        }
        if let io = error as? IOError {
            let refused = io.errnoCode == ECONNREFUSED
            return (
                .unreachable,
                refused ? "the S3 server refused the connection" : "the connection failed with errno \(io.errnoCode)",
                true
            )
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return (.timeout, "connecting to the S3 server timed out", true)
        }
        return (.unreachable, "the S3 server cannot be reached: \(error)", true)
    }

    private static func location(_ request: S3Request, _ bucket: String) -> String {
        request.key.isEmpty ? "bucket \"\(bucket)\"" : "key \"\(request.key)\" in bucket \"\(bucket)\""
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
