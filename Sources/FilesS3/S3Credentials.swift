import Files

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An access key (and, for temporary credentials, a session token) that S3 requests are signed with.
///
/// ```swift
/// let credentials = try S3Credentials.fromEnvironment()   // AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
/// let explicit = S3Credentials(accessKeyID: "AKIA…", secretAccessKey: "…")
/// ```
///
/// The description never shows the secret or the token.
/// The corresponding django-storages settings are `AWS_S3_ACCESS_KEY_ID`, `AWS_S3_SECRET_ACCESS_KEY`
/// and `AWS_SESSION_TOKEN`.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key ID, e.g. `AKIAIOSFODNN7EXAMPLE`.
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials (STS), sent as `x-amz-security-token`.
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The credentials in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    ///
    /// Throws a `StorageError` with code `accessDenied` when the key ID or the secret is unset or empty.
    public static func fromEnvironment() throws(StorageError) -> S3Credentials {
        guard let keyID = environment("AWS_ACCESS_KEY_ID"), let secret = environment("AWS_SECRET_ACCESS_KEY")
        else {
            throw StorageError(
                .accessDenied, operation: "configure", name: "S3 credentials",
                reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set when no credentials are given")
        }
        return S3Credentials(
            accessKeyID: keyID, secretAccessKey: secret, sessionToken: environment("AWS_SESSION_TOKEN"))
    }

    /// The value of the environment variable `name`, `nil` when unset or empty.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    /// `S3Credentials(AKIAIOSFODNN7EXAMPLE)`: the key ID only.
    public var description: String { "S3Credentials(\(accessKeyID))" }
}
