import Foundation
import Synchronization

/// The real S3 servers the `FilesS3` tests talk to: moto on 127.0.0.1, one server that checks
/// signatures and one that does not (moto checks no presigned URL while auth is on).
///
/// CI starts them with `.ci/moto start` and exports `FILES_S3_TEST_*`; when those are absent — a user's
/// `swift test` after `bash .ci/setup` — the first test that asks starts them with the same script and a
/// watchdog that stops them once this test process has exited.
public struct S3TestServer: Sendable {
    /// The signature-checking server, e.g. `http://127.0.0.1:5123`.
    public var endpoint: String
    /// The server without authentication.
    public var noAuthEndpoint: String
    /// The key of the IAM user the set-up created on the signature-checking server.
    public var accessKeyID: String
    public var secretAccessKey: String
    public var region: String

    /// Why the servers could not be had: one sentence.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    private static let cached = Mutex<Result<S3TestServer, Unavailable>?>(nil)

    /// The servers, started on first use when the environment does not name them.
    public static func shared() throws(Unavailable) -> S3TestServer {
        try cached.withLock { cached in
            if let cached { return cached }
            let result: Result<S3TestServer, Unavailable>
            if let configured = fromEnvironment() {
                result = .success(configured)
            } else {
                do throws(Unavailable) { result = .success(try start()) } catch { result = .failure(error) }
            }
            cached = result
            return result
        }.get()
    }

    private static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> S3TestServer? {
        guard let endpoint = environment["FILES_S3_TEST_ENDPOINT"],
            let noAuthEndpoint = environment["FILES_S3_TEST_NOAUTH_ENDPOINT"],
            let accessKeyID = environment["FILES_S3_TEST_ACCESS_KEY_ID"],
            let secretAccessKey = environment["FILES_S3_TEST_SECRET_ACCESS_KEY"]
        else { return nil }
        return S3TestServer(
            endpoint: endpoint, noAuthEndpoint: noAuthEndpoint, accessKeyID: accessKeyID,
            secretAccessKey: secretAccessKey, region: environment["FILES_S3_TEST_REGION"] ?? "us-east-1")
    }

    /// Runs `.ci/moto start` in a fresh folder, with a watchdog that stops it when this process is gone.
    private static func start() throws(Unavailable) -> S3TestServer {
        let environment: [String: String]
        do {
            environment = try ScriptedServer.start(
                script: "moto", environmentFile: "moto.env", hint: "`bash .ci/setup` installs moto")
        } catch {
            throw Unavailable(description: error.description)
        }
        guard let server = fromEnvironment(environment) else {
            throw Unavailable(description: "The moto start-up wrote an incomplete moto.env.")
        }
        return server
    }
}
