import Foundation
import Imaging
import TestSupport
import Testing

@Suite("thumbnail --storage: one spec's variants of every image under a prefix")
struct VariantCommandTests {
    /// A storage root with three photos under `photos/` (one in a subdirectory), a text file and an
    /// image outside the prefix.
    static func makeStorage() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("variants-cli-\(UUID().uuidString)")
        let photos = root.appendingPathComponent("photos/2026")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        let landscape = try Data(contentsOf: Corpus.url("exif-orientation/Landscape_1.jpg"))
        try landscape.write(to: root.appendingPathComponent("photos/a.jpg"))
        try Data(contentsOf: Corpus.url("exif-orientation/Portrait_6.jpg")).write(
            to: photos.appendingPathComponent("b.jpg"))
        try Data(contentsOf: Corpus.url("pngsuite/basn2c08.png")).write(to: root.appendingPathComponent("photos/c.png"))
        try Data("not an image".utf8).write(to: root.appendingPathComponent("photos/notes.txt"))
        try landscape.write(to: root.appendingPathComponent("elsewhere.jpg"))
        return root
    }

    static func variants(in root: URL) throws -> [String] {
        let walker = FileManager.default.enumerator(atPath: root.path)
        return (walker?.allObjects as? [String] ?? []).filter { $0.contains(".small-") }.sorted()
    }

    static let arguments = ["--spec", "small", "--size", "64", "--quality", "80", "--prefix", "photos", "--jobs", "2"]

    @Test func makesEveryVariantThenResumesSkippingThem() throws {
        let root = try Self.makeStorage()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try CommandRun(["--storage", root.path] + Self.arguments)
        #expect(first.status == 0, "\(first.standardError)")
        let made = try Self.variants(in: root)
        #expect(made.count == 3)
        #expect(made.allSatisfy { $0.hasPrefix("photos/") && $0.hasSuffix(".jpg") })
        #expect(first.standardOutput.contains("3 sources"))
        #expect(first.standardOutput.contains("made 3, skipped 0, failed 0"))
        // Plain lines, not a redrawn bar: standard output is a pipe here.
        #expect(!first.standardOutput.contains("\r"))
        #expect(first.standardOutput.contains("/3 made photos/a.small-"))
        let a = try #require(made.first { $0.hasPrefix("photos/a.") })
        #expect(
            try Image(decoding: Data(contentsOf: root.appendingPathComponent(a))).size == Size(width: 64, height: 43))
        let b = try #require(made.first { $0.hasPrefix("photos/2026/b.") })
        #expect(
            try Image(decoding: Data(contentsOf: root.appendingPathComponent(b))).size == Size(width: 43, height: 64))

        // Interrupted runs resume: delete one variant, and only that one is made again.
        try FileManager.default.removeItem(at: root.appendingPathComponent(a))
        let second = try CommandRun(["--storage", root.path] + Self.arguments)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("made 1, skipped 2, failed 0"))
        #expect(try Self.variants(in: root) == made)
    }

    @Test func aBadSourceFailsTheRunAndNamesItButTheOthersAreMade() throws {
        let root = try Self.makeStorage()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("plain text with a .jpg name".utf8).write(to: root.appendingPathComponent("photos/fake.jpg"))
        let run = try CommandRun(["--storage", root.path] + Self.arguments)
        #expect(run.status == 1)
        // The line names the source once, then the reason.
        #expect(run.standardError.contains("photos/fake.jpg: not a recognised image"), "\(run.standardError)")
        #expect(!run.standardError.contains("\"photos/fake.jpg\""), "\(run.standardError)")
        #expect(run.standardOutput.contains("made 3, skipped 0, failed 1"))
        #expect(try Self.variants(in: root).count == 3)
    }

    @Test func onATerminalTheProgressIsABarRedrawnInPlace() throws {
        let root = try Self.makeStorage()
        defer { try? FileManager.default.removeItem(at: root) }
        // `script` runs the command on a pseudo-terminal, so isatty(1) is true for it.
        let command = ([CommandRun.binary.path, "--storage", root.path] + Self.arguments)
            .map { "'\($0)'" }.joined(separator: " ")
        let run = try CommandRun(["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\r[------------------------------] 0/3"))
        #expect(run.standardOutput.contains("\r[##############################] 3/3"))
        #expect(!run.standardOutput.contains("/3 made"))
        #expect(try Self.variants(in: root).count == 3)
    }

    @Test(arguments: [
        ["--storage", "/tmp"], ["--spec", "small"], ["--prefix", "photos"],
        ["--storage", "/tmp", "--spec", "bad name"], ["--storage", "/tmp", "--spec", "s", "x.jpg"],
        ["--storage", "/tmp", "--spec", "s", "--size", "0"],
    ])
    func inconsistentOptionsAreRejected(arguments: [String]) throws {
        let run = try CommandRun(arguments)
        #expect(run.status != 0)
        #expect(!run.standardError.isEmpty)
    }
}
