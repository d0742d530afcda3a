#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The stream of a file opened from an ``InMemoryStorage``: a private ``MemoryStream`` that honours the
/// mode, and hands the whole content back to the storage after every write.
final class InMemoryStorageStream: ByteStream {
    let name: String?
    let mode: FileMode?
    private let buffer: MemoryStream
    private let commit: (Data) throws(FileError) -> Void

    init(_ data: Data, mode: FileMode, name: String, commit: @escaping (Data) throws(FileError) -> Void) {
        self.buffer = MemoryStream(data)
        self.mode = mode
        self.name = name
        self.commit = commit
        if mode.access == .append { _ = try? buffer.seek(to: 0, from: .end) }
    }

    var isClosed: Bool { buffer.isClosed }
    var isReadable: Bool { !isClosed && mode?.isReadable == true }
    var isWritable: Bool { !isClosed && mode?.isWritable == true }
    var isSeekable: Bool { !isClosed }

    func read(upTo count: Int) throws(FileError) -> Data {
        try require(isReadable, "read")
        return try buffer.read(upTo: count)
    }

    func readAll() throws(FileError) -> Data {
        try require(isReadable, "read")
        return try buffer.readAll()
    }

    @discardableResult
    func write(_ data: Data) throws(FileError) -> Int {
        try require(isWritable, "write")
        if mode?.access == .append { try buffer.seek(to: 0, from: .end) }
        let written = try buffer.write(data)
        try commit(buffer.contents)
        return written
    }

    @discardableResult
    func seek(to offset: Int, from origin: SeekOrigin) throws(FileError) -> Int {
        try buffer.seek(to: offset, from: origin)
    }

    func tell() throws(FileError) -> Int {
        try buffer.tell()
    }

    @discardableResult
    func truncate(to size: Int?) throws(FileError) -> Int {
        try require(isWritable, "truncate")
        let result = try buffer.truncate(to: size)
        try commit(buffer.contents)
        return result
    }

    func close() {
        buffer.close()
    }

    private func require(_ allowed: Bool, _ operation: String) throws(FileError) {
        if isClosed { throw .closed(operation: operation, name: name) }
        if !allowed { throw .unsupportedOperation(operation: operation, name: name) }
    }
}
