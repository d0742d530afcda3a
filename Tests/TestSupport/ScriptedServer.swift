import Foundation

/// A local server a test starts with one of the repository's `.ci` scripts (`.ci/moto`,
/// `.ci/postgres`): `SCRIPT start STATE` writes `STATE/ENV_FILE` (export lines), and a watchdog runs
/// `SCRIPT stop STATE` once this test process has exited.
public enum ScriptedServer {
    /// Why a server could not be started: one sentence.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Starts the server of `.ci/<script>` and returns the variables its environment file exports.
    ///
    /// - Parameter hint: What to do when it cannot start, e.g. "run `bash .ci/setup`".
    public static func start(script name: String, environmentFile: String, hint: String) throws(Unavailable)
        -> [String: String]
    {
        let script = Corpus.repositoryRoot.appendingPathComponent(".ci/\(name)").path
        let state = FileManager.default.temporaryDirectory
            .appendingPathComponent("files-\(name)-\(ProcessInfo.processInfo.processIdentifier)").path
        // The test process's descriptors are not the server's to keep: close every one above stderr,
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
            throw Unavailable(description: "Cannot start \(script): \(error).")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let text = try? String(contentsOfFile: state + "/" + environmentFile, encoding: .utf8)
        else {
            let log = (try? String(contentsOfFile: state + ".log", encoding: .utf8)) ?? ""
            throw Unavailable(description: "Starting \(script) failed (\(hint)): \(log)")
        }
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { environment[pair[0]] = pair[1] }
        }
        return environment
    }
}
