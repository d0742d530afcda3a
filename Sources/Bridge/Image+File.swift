import Files

extension Image {
    /// Decodes the image held by any `FileObject`: in memory, on disk or a temporary upload.
    ///
    /// ```swift
    /// let image = try Image(file: upload)
    /// ```
    ///
    /// Reads the content from the start, whatever the file's position, and puts the position back
    /// afterwards. The format is detected from the bytes; the file's name and claimed content type
    /// are ignored. Cost: one read of the file plus one decode (see `Image.init(decoding:options:)`).
    ///
    /// - Throws: ``ImageFileError`` naming the file, with the `FileError` or
    ///   `ImagingError` underneath.
    public init(file: FileObject, options: DecodingOptions = .default) throws(ImageFileError) {
        let bytes = try file.attributing("read") { () throws(FileError) in try file.readAllFromStart() }
        self = try file.attributing("decode") { () throws(ImagingError) in
            try Image(decoding: bytes, options: options)
        }
    }
}
