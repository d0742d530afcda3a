import Foundation
import Imaging
import TestSupport
import Testing

/// Runs the built `thumbnail` binary in a fresh working directory, removed when the run is released.
final class CommandRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
    var directory: URL

    static var binary: URL {
        // Test bundles and executables share one products directory.
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("thumbnail")
    }

    /// `environment` is added to this process's own.
    init(
        _ arguments: [String], in directory: URL? = nil, executable: URL = CommandRun.binary,
        environment: [String: String] = [:]
    ) throws {
        let directory =
            directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("thumbnail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        standardOutput = String(decoding: outData, as: UTF8.self)
        standardError = String(decoding: errData, as: UTF8.self)
        self.directory = directory
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func image(_ relativePath: String) throws -> Image {
        try Image(decoding: Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(relativePath).path)
    }
}

@Suite("The thumbnail command, end to end")
struct ThumbnailCommandTests {
    @Test func withNoInputItThumbnailsTheBundledSample() throws {
        let run = try CommandRun([])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("thumbnails/sample.jpg"))
        // The sample is stored rotated with EXIF orientation 6: upright it is landscape.
        #expect(try run.image("thumbnails/sample.jpg").size == Size(width: 256, height: 171))
    }

    @Test func oneBadInputFailsTheRunButNotTheOthers() throws {
        let good = Corpus.url("libjpeg-turbo/testorig.jpg").path
        let corrupt = Corpus.url("pngsuite/xc1n0g08.png").path
        let run = try CommandRun([good, "/no/such/file.jpg", corrupt, "--size", "64", "--output-dir", "out"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("/no/such/file.jpg: "))
        // The path is said once: the line carries the error's reason, not its sentence naming the file again.
        #expect(run.standardError.contains("/no/such/file.jpg: No such file or directory (errno 2)\n"))
        #expect(run.standardError.contains("\(corrupt): "))
        #expect(try run.image("out/testorig.jpg").size == Size(width: 64, height: 42))
        #expect(!run.exists("out/xc1n0g08.png"))
    }

    @Test func sameNamedInputsKeepBothOutputs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("b"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Data(contentsOf: Corpus.url("pngsuite/basn2c08.png"))
        try bytes.write(to: directory.appendingPathComponent("x.png"))
        try bytes.write(to: directory.appendingPathComponent("b/x.png"))
        let run = try CommandRun(["x.png", "b/x.png", "--size", "8", "--output-dir", "."], in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        // ./x.png is an input: the first output must not replace it.
        #expect(try Data(contentsOf: directory.appendingPathComponent("x.png")) == bytes)
        #expect(try run.image("x-2.png").size == Size(width: 8, height: 8))
        #expect(try run.image("x-3.png").size == Size(width: 8, height: 8))
    }

    @Test func hugeSizeToPNGIsALosslessReencode() throws {
        let source = Corpus.url("pngsuite/basn6a08.png")
        let run = try CommandRun([source.path, "--format", "png", "--size", "100000", "--output-dir", "o"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try run.image("o/basn6a08.png") == Image(decoding: Data(contentsOf: source)))
    }

    @Test func coverFillsTheBoxExactly() throws {
        let source = Corpus.url("exif-orientation/Portrait_5.jpg").path
        let run = try CommandRun([source, "--fit", "cover", "--width", "90", "--height", "40", "--quality", "90"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try run.image("thumbnails/Portrait_5.jpg").size == Size(width: 90, height: 40))
    }

    /// --color-profile: kept by default (the source's 580-byte Adobe RGB profile), gone with srgb
    /// and drop; srgb changes the pixels, drop does not.
    @Test func colorProfileOption() throws {
        let source = Corpus.url("../colour/adobe-rgb.jpg").path
        let profile = try #require(try ImageInfo(probing: Corpus.bytes("../colour/adobe-rgb.jpg")).iccProfile)
        var images: [String: Image] = [:]
        for choice in ["keep", "srgb", "drop"] {
            let run = try CommandRun([source, "--size", "64", "--color-profile", choice, "--format", "png"])
            #expect(run.status == 0, "\(run.standardError)")
            images[choice] = try run.image("thumbnails/adobe-rgb.png")
        }
        #expect(images["keep"]?.iccProfile == profile)
        #expect(images["srgb"]?.iccProfile == nil)
        #expect(images["drop"]?.iccProfile == nil)
        #expect(images["drop"]?.pixels == images["keep"]?.pixels)
        #expect(images["srgb"]?.pixels != images["keep"]?.pixels)
    }

    @Test func jpegToPNGChangesTheExtension() throws {
        let source = Corpus.url("jpeg-misc/jpg-gray.jpg").path
        let run = try CommandRun([source, "--format", "png", "--size", "16"])
        #expect(run.status == 0, "\(run.standardError)")
        let image = try run.image("thumbnails/jpg-gray.png")
        #expect(image.pixelFormat == .gray)
    }

    @Test func oneJobAndManyJobsWriteTheSameBytes() throws {
        let inputs = ["exif-orientation/Landscape_2.jpg", "pngsuite/basi6a08.png", "jpeg-misc/ycck.jpg"]
            .map { Corpus.url($0).path }
        let serial = try CommandRun(inputs + ["--jobs", "1", "--size", "50"])
        let parallel = try CommandRun(inputs + ["--jobs", "3", "--size", "50"])
        #expect(serial.status == 0 && parallel.status == 0)
        for name in ["Landscape_2.jpg", "basi6a08.png", "ycck.jpg"] {
            let a = try Data(contentsOf: serial.directory.appendingPathComponent("thumbnails/\(name)"))
            let b = try Data(contentsOf: parallel.directory.appendingPathComponent("thumbnails/\(name)"))
            #expect(a == b, "\(name)")
        }
    }

    @Test(arguments: [
        ["--size", "0"], ["--quality", "101"], ["--width", "10"], ["--size", "5", "--width", "5", "--height", "5"],
        ["--jobs", "0"], ["--format", "gif"], ["--fit", "stretch"],
    ])
    func invalidOptionsAreRejectedBeforeAnyWork(arguments: [String]) throws {
        let run = try CommandRun(arguments)
        #expect(run.status != 0)
        #expect(!run.exists("thumbnails"))
    }
}
