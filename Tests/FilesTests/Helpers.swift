import Files
import Foundation

/// A fresh directory under the system temporary directory, removed with everything in it on deinit.
final class ScratchDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "/files-tests-XXXXXX").utf8CString)
        guard mkdtemp(&template) != nil else { throw CocoaError(.fileWriteUnknown) }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    /// The names of the entries in the directory.
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Writes `contents` to `name` and returns its path.
    @discardableResult
    func write(_ contents: String, to name: String) throws -> String {
        let path = file(name)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

extension FileChunks {
    /// Every remaining chunk.
    mutating func collect() throws -> [Data] {
        var result: [Data] = []
        while let chunk = try next() { result.append(chunk) }
        return result
    }
}

extension FileLines {
    /// Every remaining line.
    mutating func collect() throws -> [Data] {
        var result: [Data] = []
        while let line = try next() { result.append(line) }
        return result
    }
}

extension FileObject {
    /// All lines, as Django's `list(file)`.
    func allLines() throws -> [Data] {
        var lines = try lines()
        return try lines.collect()
    }

    /// All chunks of `size`.
    func allChunks(size: Int? = nil) throws -> [Data] {
        var chunks = try chunks(size: size)
        return try chunks.collect()
    }
}

/// The UTF-8 bytes of `text`.
func bytes(_ text: String) -> Data { Data(text.utf8) }

/// The reading end of a pipe that holds `text` and whose writing end is closed: a stream that cannot seek.
func pipeStream(containing text: String) throws -> DiskStream {
    var descriptors: [Int32] = [0, 0]
    guard pipe(&descriptors) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let writer = DiskStream(adoptingDescriptor: descriptors[1], mode: .write.binary)
    try writer.write(bytes(text))
    try writer.close()
    return DiskStream(adoptingDescriptor: descriptors[0], mode: .read.binary)
}

/// Whether a file exists at `path`.
func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
