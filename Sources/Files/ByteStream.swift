#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A readable, writable, seekable sequence of bytes with a position: Python's "file-like object".
///
/// A ``FileObject`` wraps a `ByteStream`. Two conformers ship: ``MemoryStream`` (like `io.BytesIO`) and
/// ``DiskStream`` (a file descriptor). Streams are classes because their identity and position matter.
///
/// Reads at the end of the stream return empty `Data`; every failure is a thrown ``FileError``.
public protocol ByteStream: AnyObject {
    /// The stream's own name, e.g. the path a ``DiskStream`` was opened with; `nil` when it has none.
    var name: String? { get }

    /// The mode the stream was opened with; `nil` for streams that have no mode, like ``MemoryStream``.
    ///
    /// Django copies `file.mode` only when the wrapped object has one (ticket #14681).
    var mode: FileMode? { get }

    /// The stream's size when it knows it without seeking (a regular file's `fstat` size), else `nil`.
    ///
    /// ``FileObject/size`` falls back to seeking to the end and back when this is `nil`.
    var knownSize: Int? { get }

    /// Whether ``close()`` has been called.
    var isClosed: Bool { get }
    /// Whether ``read(upTo:)`` can succeed.
    var isReadable: Bool { get }
    /// Whether ``write(_:)`` can succeed.
    var isWritable: Bool { get }
    /// Whether ``seek(to:from:)`` can succeed.
    var isSeekable: Bool { get }

    /// Reads up to `count` bytes from the position and advances it; fewer only at the end of the stream.
    ///
    /// Returns empty `Data` at the end of the stream. The corresponding Python API is `read(n)`.
    func read(upTo count: Int) throws(FileError) -> Data

    /// Reads everything from the position to the end. The corresponding Python API is `read()`.
    func readAll() throws(FileError) -> Data

    /// Writes all of `data` at the position (or at the end, in append mode) and returns the count written.
    @discardableResult
    func write(_ data: Data) throws(FileError) -> Int

    /// Moves the position and returns the new one. The corresponding Python API is `seek(offset, whence)`.
    @discardableResult
    func seek(to offset: Int, from origin: SeekOrigin) throws(FileError) -> Int

    /// The current position. The corresponding Python API is `tell()`.
    func tell() throws(FileError) -> Int

    /// Cuts or extends the stream to `size` bytes (the position when `nil`); the position does not move.
    @discardableResult
    func truncate(to size: Int?) throws(FileError) -> Int

    /// Closes the stream. Closing twice does nothing.
    func close() throws(FileError)
}

extension ByteStream {
    /// No name by default.
    public var name: String? { nil }
    /// No mode by default.
    public var mode: FileMode? { nil }
    /// The size without seeking, when the stream knows it.
    public var knownSize: Int? { nil }
}
