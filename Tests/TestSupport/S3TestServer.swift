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

    /// Runs `.ci/moto start` in a fresh folder, leaves a watchdog that runs `.ci/moto stop` when this
    /// process is gone, and reads the `export` lines the script wrote.
    private static func start() throws(Unavailable) -> S3TestServer {
        let script = Corpus.repositoryRoot.appendingPathComponent(".ci/moto").path
        let state = FileManager.default.temporaryDirectory
            .appendingPathComponent("files-s3-moto-\(ProcessInfo.processInfo.processIdentifier)").path
        // The test process's descriptors are not the servers' to keep: close every one above stderr,
        // so nothing waits on a pipe a server still holds open.
        let watchdog = """
            for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
            bash "$0" start "$1" >"$1.log" 2>&1 || exit 1
            ( while kill -0 "$2" 2>/dev/null; do sleep 1; done; bash "$0" stop "$1"; rm -rf "$1" "$1.log" ) \
                </dev/null >/dev/null 2>&1 &
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", watchdog, script, state, String(ProcessInfo.processInfo.processIdentifier)]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Unavailable(description: "Cannot start moto with \(script): \(error).")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let text = try? String(contentsOfFile: state + "/moto.env", encoding: .utf8)
        else {
            let log = (try? String(contentsOfFile: state + ".log", encoding: .utf8)) ?? ""
            throw Unavailable(
                description: "S3 tests need moto (`bash .ci/setup` installs it), and starting it failed: \(log)")
        }
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { environment[pair[0]] = pair[1] }
        }
        guard let server = fromEnvironment(environment) else {
            throw Unavailable(description: "The moto start-up wrote an incomplete \(state)/moto.env.")
        }
        return server
    }
}
