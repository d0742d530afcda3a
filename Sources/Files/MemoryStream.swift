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
/// ``knownSize`` (a `FileObject` measures it by seeking), like `BytesIO`.
public final class MemoryStream: ByteStream {
    /// The default largest size a stream may grow to by writing: 4 GiB.
    public static let defaultMaximumSize = 1 << 32

    /// The largest size writes may grow this stream to; a write beyond it throws instead of trying to
    /// allocate (seeking far past the end and writing one byte would otherwise ask for that much memory).
    public let maximumSize: Int

    private var storage: [UInt8]
    private var position = 0
    /// Whether ``close()`` has been called.
    public private(set) var isClosed = false

    /// Creates a stream holding `data`, positioned at the start.
    public init(_ data: Data = Data(), maximumSize: Int = MemoryStream.defaultMaximumSize) {
        storage = [UInt8](data)
        self.maximumSize = maximumSize
    }

    /// Creates a stream holding the UTF-8 bytes of `text`, positioned at the start.
    public convenience init(_ text: String) {
        self.init(Data(text.utf8))
    }

    /// Every byte in the stream, whatever the position. The corresponding Python API is `getvalue()`.
    public var contents: Data { Data(storage) }

    /// Whether reads can succeed: open, and opened for reading.
    public var isReadable: Bool { !isClosed }
    /// Whether writes can succeed: open, and opened for writing.
    public var isWritable: Bool { !isClosed }
    /// Whether seeks can succeed: open, and backed by something seekable.
    public var isSeekable: Bool { !isClosed }

    /// Reads up to `count` bytes (everything for a negative count); empty `Data` at the end.
    public func read(upTo count: Int) throws(FileError) -> Data {
        try requireOpen("read")
        guard count >= 0 else { return try readAll() }
        guard position < storage.count else { return Data() }
        let end = position + min(count, storage.count - position)
        defer { position = end }
        return Data(storage[position..<end])
    }

    /// Reads everything from the position to the end.
    public func readAll() throws(FileError) -> Data {
        try read(upTo: max(0, storage.count - position))
    }

    /// Writes all of `data` at the position and returns the count written.
    @discardableResult
    public func write(_ data: Data) throws(FileError) -> Int {
        try requireOpen("write")
        let (end, overflow) = position.addingReportingOverflow(data.count)
        guard !overflow, end <= max(maximumSize, storage.count) else {
            throw .invalidArgument(
                operation: "write", detail: "the in-memory stream would grow past its maximum of \(maximumSize) bytes")
        }
        if position > storage.count {
            storage.append(contentsOf: repeatElement(0, count: position - storage.count))
        }
        let overlap = min(data.count, storage.count - position)
        storage.replaceSubrange(position..<position + overlap, with: data)
        position += data.count
        return data.count
    }

    /// Moves the position and returns the new one; a negative result throws.
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

    /// The current position.
    public func tell() throws(FileError) -> Int {
        try requireOpen("tell the position of")
        return position
    }

    /// Cuts the stream to `size` bytes (the position when `nil`); the position does not move.
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

    /// Closes the stream; closing twice does nothing.
    public func close() {
        isClosed = true
    }

    private func requireOpen(_ operation: String) throws(FileError) {
        if isClosed { throw .closed(operation: operation, name: nil) }
    }
}
