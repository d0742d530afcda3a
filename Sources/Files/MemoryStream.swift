#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An in-memory byte stream that grows on write, like Python's `io.BytesIO`.
///
/// ```swift
/// let stream = MemoryStream(Data("hello".utf8))
/// try stream.seek(to: 0, from: .end)
/// try stream.write(Data(" world".utf8))
/// stream.contents  // "hello world"
/// ```
///
/// Writing past the end fills the gap with zero bytes, and ``truncate(to:)`` only shrinks, as with
/// `BytesIO`. It has no ``mode`` and no
/// ``knownSize`` (a `File` measures it by seeking), like `BytesIO`.
public final class MemoryStream: ByteStream {
    private var storage: [UInt8]
    private var position = 0
    public private(set) var isClosed = false

    /// Creates a stream holding `data`, positioned at the start.
    public init(_ data: Data = Data()) {
        storage = [UInt8](data)
    }

    /// Creates a stream holding the UTF-8 bytes of `text`, positioned at the start.
    public convenience init(_ text: String) {
        self.init(Data(text.utf8))
    }

    /// Every byte in the stream, whatever the position. The corresponding Python API is `getvalue()`.
    public var contents: Data { Data(storage) }

    public var isReadable: Bool { !isClosed }
    public var isWritable: Bool { !isClosed }
    public var isSeekable: Bool { !isClosed }

    public func read(upTo count: Int) throws(FileError) -> Data {
        try requireOpen("read")
        guard count >= 0 else { return try readAll() }
        guard position < storage.count else { return Data() }
        let end = position + min(count, storage.count - position)
        defer { position = end }
        return Data(storage[position..<end])
    }

    public func readAll() throws(FileError) -> Data {
        try read(upTo: max(0, storage.count - position))
    }

    @discardableResult
    public func write(_ data: Data) throws(FileError) -> Int {
        try requireOpen("write")
        if position > storage.count {
            storage.append(contentsOf: repeatElement(0, count: position - storage.count))
        }
        let overlap = min(data.count, storage.count - position)
        storage.replaceSubrange(position..<position + overlap, with: data)
        position += data.count
        return data.count
    }

    @discardableResult
    public func seek(to offset: Int, from origin: SeekOrigin) throws(FileError) -> Int {
        try requireOpen("seek")
        let base: Int
        switch origin {
        case .start: base = 0
        case .current: base = position
        case .end: base = storage.count
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0 else {
            throw .invalidArgument(operation: "seek", detail: "the position \(base) + \(offset) is negative")
        }
        position = target
        return target
    }

    public func tell() throws(FileError) -> Int {
        try requireOpen("tell the position of")
        return position
    }

    @discardableResult
    public func truncate(to size: Int?) throws(FileError) -> Int {
        try requireOpen("truncate")
        let size = size ?? position
        guard size >= 0 else {
            throw .invalidArgument(operation: "truncate", detail: "the size \(size) is negative")
        }
        // BytesIO only ever shrinks; a larger size leaves the bytes alone.
        if size < storage.count {
            storage.removeSubrange(size...)
        }
        return size
    }

    public func close() {
        isClosed = true
    }

    private func requireOpen(_ operation: String) throws(FileError) {
        if isClosed { throw .closed(operation: operation, name: nil) }
    }
}
