extension FileObject {
    /// The file's size in bytes, or `nil` when it cannot be determined.
    ///
    /// Measured once, as Django does, then cached: the stream's own size where it knows it
    /// (``ByteStream/knownSize``), else by seeking to the end and back, restoring the position.
    /// Assigning a value replaces the cache (assigning `nil` makes the file measure itself again);
    /// ``ContentFile/write(_:)`` clears it. An ``UploadedFile`` reports its declared size.
    ///
    /// `nil` hides why the size is unknown; ``requireSize()`` throws the reason instead.
    /// Cost: O(1); at most three seeks, once.
    ///
    /// The corresponding Django API is `File.size` (a `cached_property`).
    public var size: Int? {
        get { try? requireSize() }
        set { sizeCache = newValue.map { .known($0) } ?? .unmeasured }
    }

    /// The file's size in bytes, throwing when it cannot be determined.
    ///
    /// Throws ``FileError/sizeUnknown(name:)`` when the stream has no size and cannot seek (or an
    /// upload was declared without a size), ``FileError/closed(operation:name:)`` for a closed file,
    /// or the I/O error that stopped the measurement. The corresponding Django API is `len(file)`.
    public func requireSize() throws(FileError) -> Int {
        if case .known(let declared) = sizeCache {
            guard let declared else { throw .sizeUnknown(name: name) }
            return declared
        }
        let measured = try measureSize()
        sizeCache = .known(measured)
        return measured
    }

    /// Declares the size as unknown, as Django's `UploadedFile(size=None)` does; ``FileObject/size`` is then `nil`.
    func declareSize(_ size: Int?) {
        sizeCache = .known(size)
    }

    /// Forgets the cached size so that the next read measures the stream again.
    func forgetSize() {
        sizeCache = .unmeasured
    }

    private func measureSize() throws(FileError) -> Int {
        let stream = try openStream("measure the size of")
        if let known = stream.knownSize { return known }
        guard stream.isSeekable else { throw .sizeUnknown(name: name) }
        let position = try stream.tell()
        let end = try stream.seek(to: 0, from: .end)
        try stream.seek(to: position, from: .start)
        return end
    }
}
