#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FileObject {
    /// The chunk size to use for `requested`: the instance's ``FileObject/defaultChunkSize-swift.property`` for `nil` or 0.
    func resolvedChunkSize(_ requested: Int?, operation: String) throws(FileError) -> Int {
        let size = requested ?? 0
        guard size >= 0 else {
            throw .invalidArgument(operation: operation, detail: "the chunk size \(size) is negative")
        }
        if size > 0 { return size }
        guard defaultChunkSize > 0 else {
            throw .invalidArgument(
                operation: operation, detail: "the default chunk size \(defaultChunkSize) is not positive")
        }
        return defaultChunkSize
    }

    /// The lines of the file, from the start, each with its terminator.
    ///
    /// ```swift
    /// var lines = try file.lines()
    /// while let line = try lines.next() { print(String(decoding: line, as: UTF8.self), terminator: "") }
    /// ```
    ///
    /// `\n`, `\r` and `\r\n` end a line and are kept; a `\r` and `\n` on either side of a chunk
    /// boundary still make one line; a final unterminated line is yielded; empty content yields nothing.
    /// Reads through ``chunks(size:)`` with the default chunk size, so it rewinds first.
    /// Cost: O(n); holds one chunk and one line in memory.
    ///
    /// The corresponding Django API is `iter(file)` (`File.__iter__`).
    public func lines() throws(FileError) -> FileLines {
        FileLines(chunks: try chunks())
    }
}

/// The pieces of a ``FileObject``, read one at a time; each read error is thrown from ``next()``.
///
/// ```swift
/// var chunks = try file.chunks(size: 8192)
/// while let chunk = try chunks.next() { try output.write(chunk) }
/// ```
///
/// Not a `Sequence`: a sequence cannot throw, and a read error must never be mistaken for the end.
public struct FileChunks {
    enum Shape {
        /// Pieces of `size` bytes until the stream is exhausted (`FileObject.chunks`).
        case pieces(Int)
        /// Exactly one piece with everything, even when empty (`InMemoryUploadedFile.chunks`).
        case whole
    }

    private let file: FileObject
    private let shape: Shape
    private var finished = false

    init(file: FileObject, shape: Shape) {
        self.file = file
        self.shape = shape
    }

    /// The next piece, or `nil` when there are no more.
    public mutating func next() throws(FileError) -> Data? {
        guard !finished else { return nil }
        switch shape {
        case .whole:
            finished = true
            return try file.read()
        case .pieces(let size):
            let piece = try file.read(size)
            if piece.isEmpty {
                finished = true
                return nil
            }
            return piece
        }
    }
}

/// The lines of a ``FileObject``, read one at a time; each read error is thrown from ``next()``.
///
/// See ``FileObject/lines()``.
public struct FileLines {
    private var chunks: FileChunks
    private var splitter = LineSplitter()
    private var ready: [Data] = []
    private var readyIndex = 0
    private var exhausted = false

    init(chunks: FileChunks) {
        self.chunks = chunks
    }

    /// The next line with its terminator, or `nil` when there are no more.
    public mutating func next() throws(FileError) -> Data? {
        while readyIndex == ready.count {
            guard !exhausted else { return nil }
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if let chunk = try chunks.next() {
                ready = splitter.feed(chunk)
            } else {
                exhausted = true
                if let last = splitter.finish() { ready = [last] }
            }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }
}
