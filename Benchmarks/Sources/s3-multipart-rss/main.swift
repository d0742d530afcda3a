// Uploads one file to S3 (moto, from `.ci/moto start`) as a multipart upload and prints how much the
// process's peak resident memory (VmHWM) grew during the upload, against the bound of Documentation/Performance.md, "S3 storage", of
// 2 part sizes + 16 MiB. Run by Benchmarks/s3-multipart-rss.sh, which makes the file, starts moto and
// creates the bucket `files-s3-benchmarks`.
//
//   s3-multipart-rss FILE
import Files
import FilesS3
import Foundation

/// A field of /proc/self/status in KiB (`VmHWM`, `VmRSS`).
func status(_ field: String) -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    print("usage: s3-multipart-rss FILE")
    exit(2)
}
let environment = ProcessInfo.processInfo.environment
guard let endpoint = environment["FILES_S3_TEST_ENDPOINT"], let keyID = environment["FILES_S3_TEST_ACCESS_KEY_ID"],
    let secret = environment["FILES_S3_TEST_SECRET_ACCESS_KEY"]
else {
    print("needs moto: source the moto.env that `.ci/moto start DIR` writes")
    exit(2)
}

var configuration = S3Configuration(
    bucket: "files-s3-benchmarks", region: "us-east-1", endpoint: endpoint, location: "rss-\(UUID())",
    credentials: S3Credentials(accessKeyID: keyID, secretAccessKey: secret))
configuration.requestTimeout = .seconds(300)
let storage = try S3Storage(configuration)
// Warm up the client (connections, signing) with a small object, so that the growth measured is the upload's.
_ = try await storage.save("warm-up.txt", content: ContentFile("warm up"), maxLength: nil)

let file = try FileObject(path: arguments[1], mode: "rb")
let size = try file.requireSize()
let before = status("VmHWM")
let start = ContinuousClock.now
let name = try await storage.save("big.bin", content: file, maxLength: nil)
let elapsed = ContinuousClock.now - start
let after = status("VmHWM")
let stored = try await storage.size(name)
try await storage.delete(name)
try await storage.delete("warm-up.txt")
try await storage.shutdown()

let partSize = configuration.multipartPartSize
let bound = 2 * partSize / 1024 + 16 * 1024
let growth = after - before
print(
    "uploaded \(size) bytes (\(stored) stored) in parts of \(partSize / (1024 * 1024)) MiB in \(elapsed);"
        + " VmHWM \(before / 1024) MiB -> \(after / 1024) MiB: grew \(growth / 1024) MiB"
        + " (bound: 2 parts + 16 MiB = \(bound / 1024) MiB) \(growth <= bound && stored == size ? "PASS" : "FAIL")")
exit(growth <= bound && stored == size ? 0 : 1)
