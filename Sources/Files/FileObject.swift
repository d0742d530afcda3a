#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A named file over a ``ByteStream``: Django's `django.core.files.File`.
///
/// ```swift
/// let file = try File(path: "/srv/media/report.csv")
/// try file.use { file in
///     var lines = try file.lines()
///     while let line = try lines.next() { handle(line) }
/// }
/// ```
///
/// A `FileObject` has a position, so it belongs to one task at a time: the class is deliberately not
/// `Sendable`, and the compiler rejects sharing it across concurrency domains.
///
/// The corresponding Django API is `File(file, name=None)`.
open class FileObject: CustomStringConvertible, CustomDebugStringConvertible {
    /// The default size of the pieces ``chunks(size:)`` yields: 64 KiB.
    ///
    /// The corresponding Django API is `File.DEFAULT_CHUNK_SIZE`.
    public static let defaultChunkSize = 64 * 1024

    /// This file's default chunk size, used when ``chunks(size:)`` is given `nil` or 0.
    ///
    /// Starts at ``FileObject/defaultChunkSize-swift.type.property``; each instance may change it, as Django's tests do.
    public var defaultChunkSize: Int = FileObject.defaultChunkSize

    /// The wrapped stream; `nil` for a file that has no stream yet (it counts as closed).
    ///
    /// Read-only, because ``mode`` and ``size`` are cached from it: change it with ``replaceStream(_:)``.
    /// The corresponding Django API is `File.file`.
    public private(set) var stream: (any ByteStream)?

    /// The file's name, often a path; `nil` when it has none. Change it with ``setName(_:)``.
    ///
    /// The corresponding Django API is `File.name`.
    public internal(set) var name: String?

    /// The mode the stream was opened with; `nil` when the stream has none (a ``MemoryStream``).
    ///
    /// The corresponding Django API is `File.mode` (absent when the stream has no mode, ticket #14681).
    public internal(set) var mode: FileMode?

    /// The cached size: not yet measured, or known (possibly declared unknown by an upload).
    enum SizeCache {
        case unmeasured
        case known(Int?)
    }
    var sizeCache = SizeCache.unmeasured

    /// Wraps `stream`. An explicit `name` wins over the stream's own name.
    ///
    /// The corresponding Django API is `File(file, name=None)`.
    public init(_ stream: (any ByteStream)?, name: String? = nil) {
        self.stream = stream
        self.name = name ?? stream?.name
        self.mode = stream?.mode
    }

    /// Opens the file at `path` with `mode`: ``FileMode/read`` (the default), `.write.binary`, `.append`, `"r+b"` …
    ///
    /// ```swift
    /// let report = try File(path: "/srv/media/report.csv")
    /// let copy = try File(path: "/srv/media/copy.csv", mode: .write.binary)
    /// ```
    ///
    /// The file's name is `path`, as with `File(open(path, mode))` in Django.
    /// Throws ``FileError/io(operation:path:code:)`` when the file cannot be opened.
    public convenience init(path: String, mode: FileMode = .read) throws(FileError) {
        self.init(try DiskStream(path: path, mode: mode))
    }

    /// Wraps `newStream` instead of the current stream, which is left as it is (close it first if it
    /// should be closed); ``mode`` is taken from the new stream and the cached ``size`` is forgotten.
    ///
    /// ```swift
    /// try file.close()
    /// file.replaceStream(MemoryStream(Data("fresh".utf8)))
    /// ```
    ///
    /// The corresponding Django API is assigning `File.file`.
    public func replaceStream(_ newStream: (any ByteStream)?) {
        stream = newStream
        mode = newStream?.mode
        forgetSize()
    }

    /// Renames the file. Subclasses may check the name: ``UploadedFile`` sanitises it.
    ///
    /// The corresponding Django API is assigning `File.name`.
    open func setName(_ newName: String?) throws(FileError) {
        name = newName
    }

    /// Whether the file has a non-empty name.
    ///
    /// Django 6.1's `bool(file)` is always `True` for `File` and `ContentFile`, and is `bool(name)` for
    /// `UploadedFile` and its subclasses; this property is that test, made explicit.
    public var hasName: Bool { !(name ?? "").isEmpty }

    /// `name`, or an empty string. The corresponding Django API is `File.__str__`.
    open var description: String { name ?? "" }

    /// `<File: name>`, or `<File: None>`. The corresponding Django API is `File.__repr__` (6.1).
    open var debugDescription: String { "<\(typeName): \(name ?? "None")>" }

    /// The class name Django's `repr` shows: `File` for this class (Django's name for it), the
    /// subclass's own name otherwise (`ContentFile`, `InMemoryUploadedFile`).
    var typeName: String {
        let name = String(describing: type(of: self))
        return name == "FileObject" ? "File" : name
    }

    // MARK: - State

    /// Whether there is no stream or the stream is closed. The corresponding Django API is `File.closed`.
    public var isClosed: Bool { stream?.isClosed ?? true }
    /// `false` when closed, else whether the stream can be read. The corresponding Django API is `readable()`.
    public var isReadable: Bool { !isClosed && stream?.isReadable == true }
    /// `false` when closed, else whether the stream can be written. The corresponding Django API is `writable()`.
    public var isWritable: Bool { !isClosed && stream?.isWritable == true }
    /// `false` when closed, else whether the stream can seek. The corresponding Django API is `seekable()`.
    public var isSeekable: Bool { !isClosed && stream?.isSeekable == true }

    /// The open stream, or a ``FileError/closed(operation:name:)`` error naming this file.
    func openStream(_ operation: String) throws(FileError) -> any ByteStream {
        guard let stream, !stream.isClosed else { throw .closed(operation: operation, name: name) }
        return stream
    }

    // MARK: - Reading and writing

    /// Reads up to `count` bytes, or everything to the end when `count` is `nil`.
    ///
    /// Returns empty `Data` at the end of the file. The corresponding Django API is `File.read(n)`;
    /// Python's `read(-1)` is `read()` here, and a negative count is an error, not a request for
    /// everything (a miscomputed size must not read a whole upload into memory).
    ///
    /// - Throws: ``FileError/invalidArgument(operation:detail:)`` for a negative `count`.
    public func read(_ count: Int? = nil) throws(FileError) -> Data {
        let stream = try openStream("read")
        guard let count else { return try stream.readAll() }
        guard count >= 0 else {
            throw .invalidArgument(
                operation: "read", detail: "the count \(count) is negative; pass nil to read everything")
        }
        return try stream.read(upTo: count)
    }

    /// Writes `data` at the position and returns the number of bytes written.
    ///
    /// The corresponding Django API is `File.write(data)`.
    @discardableResult
    open func write(_ data: Data) throws(FileError) -> Int {
        try openStream("write").write(data)
    }

    /// Writes the UTF-8 bytes of `text`. The corresponding Django API is `File.write(str)`.
    @discardableResult
    public func write(_ text: String) throws(FileError) -> Int {
        try write(Data(text.utf8))
    }

    /// Moves the position and returns the new one. The corresponding Django API is `File.seek(offset, whence)`.
    @discardableResult
    public func seek(to offset: Int, from origin: SeekOrigin = .start) throws(FileError) -> Int {
        try openStream("seek").seek(to: offset, from: origin)
    }

    /// The current position. The corresponding Django API is `File.tell()`.
    public func tell() throws(FileError) -> Int {
        try openStream("tell the position of").tell()
    }

    /// Cuts the file to `size` bytes (the position when `nil`). The corresponding Django API is `File.truncate()`.
    @discardableResult
    public func truncate(to size: Int? = nil) throws(FileError) -> Int {
        try openStream("truncate").truncate(to: size)
    }

    // MARK: - Chunks

    /// The file's content from the start, in pieces of `size` bytes
    /// (``defaultChunkSize-swift.property`` for `nil` or 0).
    ///
    /// ```swift
    /// var chunks = try file.chunks()
    /// while let chunk = try chunks.next() { try destination.write(chunk) }
    /// ```
    ///
    /// Rewinds first when the stream can seek, whatever the current position; a stream that cannot seek
    /// is read from where it is. The last piece may be short; an empty file yields nothing.
    /// Unlike Django's lazy generator, the rewind happens now, and a negative size throws.
    /// Cost: one read per piece; holds one piece in memory.
    ///
    /// The corresponding Django API is `File.chunks(chunk_size=None)`.
    open func chunks(size: Int? = nil) throws(FileError) -> FileChunks {
        let chunkSize = try resolvedChunkSize(size, operation: "read the chunks of a file")
        let stream = try openStream("read the chunks of")
        if stream.isSeekable { try stream.seek(to: 0, from: .start) }
        return FileChunks(file: self, shape: .pieces(chunkSize))
    }

    /// Whether ``chunks(size:)`` would yield more than one piece: `size > chunkSize`, strictly.
    ///
    /// Throws when the size cannot be determined (see ``requireSize()``).
    /// The corresponding Django API is `File.multiple_chunks(chunk_size=None)`.
    open func multipleChunks(size chunkSize: Int? = nil) throws(FileError) -> Bool {
        let chunkSize = try resolvedChunkSize(chunkSize, operation: "count the chunks of a file")
        return try requireSize() > chunkSize
    }

    // MARK: - Opening and closing

    /// Rewinds an open file, or reopens a closed one from its path on disk, and returns `self`.
    ///
    /// - An open file is rewound to the start; `mode` is ignored (as in Django).
    /// - A closed file whose ``name`` is an existing path is reopened with `mode`, else its previous mode.
    /// - Otherwise this throws ``FileError/cannotReopen(name:)``.
    ///
    /// The corresponding Django API is `File.open(mode=None)`.
    @discardableResult
    open func open(mode: FileMode? = nil) throws(FileError) -> Self {
        if !isClosed {
            try seek(to: 0)
            return self
        }
        guard let name, !name.isEmpty, Syscall.pathExists(name) else { throw .cannotReopen(name: name) }
        let newMode = mode ?? self.mode ?? .read
        // The size stays cached, as Django's `cached_property` does across a reopen.
        stream = try DiskStream(path: name, mode: newMode)
        self.mode = newMode
        return self
    }

    /// Closes the stream. Closing a closed file does nothing.
    ///
    /// The corresponding Django API is `File.close()`.
    open func close() throws(FileError) {
        try stream?.close()
    }
}
