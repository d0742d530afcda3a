import Files
import Foundation

/// A stream that yields `failAfter` bytes of a repeating pattern and then fails, like a client that
/// disconnects half-way through an upload. It cannot seek, so the storage reads it from where it is.
final class ThrowingStream: ByteStream {
    let failAfter: Int
    private var position = 0
    private(set) var isClosed = false
    var isReadable: Bool { !isClosed }
    var isWritable: Bool { false }
    var isSeekable: Bool { false }

    init(failAfter: Int) {
        self.failAfter = failAfter
    }

    func read(upTo count: Int) throws(FileError) -> Data {
        guard position < failAfter else { throw .io(operation: "read", path: "client upload", code: 104) }
        let length = min(count, failAfter - position)
        defer { position += length }
        return Data((0..<length).map { UInt8(truncatingIfNeeded: (position + $0) % 251) })
    }

    func readAll() throws(FileError) -> Data { try read(upTo: Int.max) }
    func write(_ data: Data) throws(FileError) -> Int { throw .unsupportedOperation(operation: "write", name: nil) }
    func seek(to offset: Int, from origin: SeekOrigin) throws(FileError) -> Int {
        throw .unsupportedOperation(operation: "seek", name: nil)
    }
    func tell() throws(FileError) -> Int { position }
    func truncate(to size: Int?) throws(FileError) -> Int {
        throw .unsupportedOperation(operation: "truncate", name: nil)
    }
    func close() { isClosed = true }
}
