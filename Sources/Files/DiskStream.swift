#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A byte stream over a file descriptor: a file on disk opened by path with a ``FileMode``,
/// or an adopted descriptor such as a pipe.
///
/// ```swift
/// let stream = try DiskStream(path: "/tmp/notes.txt", mode: .write.updating)
/// try stream.write(Data("hi".utf8))
/// try stream.close()
/// ```
///
/// Reads and writes go straight to the descriptor (no user-space buffer), so ``knownSize`` is always
/// the true size. The descriptor is closed when the stream is closed or deinitialised.
/// Cost: one system call per read, write or seek.
///
/// The corresponding Python API is the object `open(path, mode)` returns.
public final class DiskStream: ByteStream {
    /// The path the stream was opened with (Python's `file.name`).
    public let name: String?
    /// The mode the stream was opened with.
    public let mode: FileMode?
    private var descriptor: Int32
    private let seekable: Bool
    /// Set for temporary files: the path is removed when the stream closes or is deinitialised.
    private let removesFileOnClose: Bool
    /// The largest single read request: 64 KiB, Django's chunk size.
    private static let bufferSize = 64 * 1024

    /// Opens the file at `path` with `mode`: ``FileMode/read``, ``FileMode/write``, `.append.updating`, `"rb"` …
    ///
    /// Throws ``FileError/io(operation:path:code:)`` when the file cannot be opened.
    public init(path: String, mode: FileMode = .read) throws(FileError) {
        let fd = try Syscall.openFile(path, flags: mode.openFlags)
        self.descriptor = fd
        self.name = path
        self.mode = mode
        self.removesFileOnClose = false
        self.seekable = Syscall.canSeek(fd)
        if mode.access == .append && seekable {
            // Python starts an append-mode file at its end, so tell() reports the size.
            _ = try? Syscall.seek(fd, 0, from: .end, path: path)
        }
    }

    /// Takes ownership of an open descriptor (a pipe, a socket, a file opened elsewhere).
    ///
    /// The stream closes `descriptor` when it is closed or deinitialised.
    public init(adoptingDescriptor descriptor: Int32, mode: FileMode, name: String? = nil) {
        self.descriptor = descriptor
        self.name = name
        self.mode = mode
        self.removesFileOnClose = false
        self.seekable = Syscall.canSeek(descriptor)
    }

    /// A temporary file that removes itself from disk when closed or deinitialised.
    init(temporaryDescriptor descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.name = path
        self.mode = .write.updating.binary
        self.removesFileOnClose = true
        self.seekable = true
    }

    deinit {
        if descriptor >= 0 { try? Syscall.closeDescriptor(descriptor, path: name) }
        if removesFileOnClose, let name { try? Syscall.removeFile(name) }
    }

    /// The underlying descriptor, or `nil` once closed. The corresponding Python API is `fileno()`.
    public var fileDescriptor: Int32? { descriptor >= 0 ? descriptor : nil }

    /// The size without seeking, when the stream knows it.
    public var knownSize: Int? { descriptor >= 0 ? Syscall.regularFileSize(descriptor) : nil }
    /// Whether ``close()`` has been called.
    public var isClosed: Bool { descriptor < 0 }
    /// Whether reads can succeed: open, and opened for reading.
    public var isReadable: Bool { !isClosed && (mode?.isReadable ?? true) }
    /// Whether writes can succeed: open, and opened for writing.
    public var isWritable: Bool { !isClosed && (mode?.isWritable ?? true) }
    /// Whether seeks can succeed: open, and backed by something seekable.
    public var isSeekable: Bool { !isClosed && seekable }

    /// Reads up to `count` bytes (everything for a negative count); empty `Data` at the end.
    public func read(upTo count: Int) throws(FileError) -> Data {
        let fd = try openDescriptor("read", allowed: mode?.isReadable ?? true)
        guard count >= 0 else { return try readAll() }
        // Read through a bounded buffer: a huge `count` must not allocate before the data exists.
        var buffer = [UInt8](repeating: 0, count: min(count, Self.bufferSize))
        var result = Data()
        while result.count < count {
            let wanted = min(count - result.count, buffer.count)
            // Array's closure APIs rethrow untyped errors, so the typed error travels in a Result.
            let got = try buffer.withUnsafeMutableBytes { bytes in
                Result { () throws(FileError) -> Int in
                    let target = UnsafeMutableRawBufferPointer(rebasing: bytes[..<wanted])
                    return try Syscall.readBytes(fd, into: target, path: name)
                }
            }.get()
            if got == 0 { break }
            result.append(contentsOf: buffer[..<got])
        }
        return result
    }

    /// Reads everything from the position to the end.
    ///
    /// A regular file says how much is left, so that much is read into one buffer: no regrowth, no
    /// second copy (a 20 MB photo costs 20 MB, not 40). Whatever follows (a file still growing, a
    /// pipe) is read in pieces.
    public func readAll() throws(FileError) -> Data {
        let fd = try openDescriptor("read", allowed: mode?.isReadable ?? true)
        var result = Data()
        if seekable, let size = knownSize, case let position = try tell(), size > position {
            result = Data(count: size - position)
            var filled = 0
            while filled < result.count {
                let got = try result.withUnsafeMutableBytes { bytes in
                    Result { () throws(FileError) -> Int in
                        try Syscall.readBytes(
                            fd, into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled...]), path: name)
                    }
                }.get()
                if got == 0 { break }
                filled += got
            }
            result.count = filled
        }
        while true {
            let piece = try read(upTo: Self.bufferSize)
            if piece.isEmpty { return result }
            result.append(piece)
        }
    }

    /// Writes all of `data` at the position and returns the count written.
    @discardableResult
    public func write(_ data: Data) throws(FileError) -> Int {
        let fd = try openDescriptor("write", allowed: mode?.isWritable ?? true)
        var written = 0
        while written < data.count {
            written += try data.withUnsafeBytes { buffer in
                Result { () throws(FileError) -> Int in
                    try Syscall.writeBytes(fd, from: UnsafeRawBufferPointer(rebasing: buffer[written...]), path: name)
                }
            }.get()
        }
        return written
    }

    /// Moves the position and returns the new one; a negative result throws.
    @discardableResult
    public func seek(to offset: Int, from origin: SeekOrigin) throws(FileError) -> Int {
        let fd = try openDescriptor("seek", allowed: seekable)
        return try Syscall.seek(fd, offset, from: origin, path: name)
    }

    /// The current position.
    public func tell() throws(FileError) -> Int {
        let fd = try openDescriptor("tell the position of", allowed: seekable)
        return try Syscall.seek(fd, 0, from: .current, path: name)
    }

    /// Cuts the stream to `size` bytes (the position when `nil`); the position does not move.
    @discardableResult
    public func truncate(to size: Int?) throws(FileError) -> Int {
        let fd = try openDescriptor("truncate", allowed: mode?.isWritable ?? true)
        let size = if let size { size } else { try Syscall.seek(fd, 0, from: .current, path: name) }
        guard size >= 0 else {
            throw .invalidArgument(operation: "truncate", detail: "the size \(size) is negative")
        }
        try Syscall.truncate(fd, size, path: name)
        return size
    }

    /// Closes the descriptor (and removes a temporary file). Closing twice does nothing.
    public func close() throws(FileError) {
        guard descriptor >= 0 else { return }
        let fd = descriptor
        descriptor = -1
        defer { if removesFileOnClose, let name { try? Syscall.removeFile(name) } }
        try Syscall.closeDescriptor(fd, path: name)
    }

    private func openDescriptor(_ operation: String, allowed: Bool) throws(FileError) -> Int32 {
        guard descriptor >= 0 else { throw .closed(operation: operation, name: name) }
        guard allowed else { throw .unsupportedOperation(operation: operation, name: name) }
        return descriptor
    }
}
