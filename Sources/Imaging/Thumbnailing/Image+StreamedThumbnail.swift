extension Image {
    /// Makes a thumbnail that fits inside `box` from an image read piece by piece, never holding a
    /// JPEG file whole in memory: the fast path for uploads on disk.
    ///
    /// ```swift
    /// let thumb = try Image(thumbnailReading: { count throws(FileError) in [UInt8](try upload.read(count)) },
    ///                       fitting: Size(square: 256))
    /// ```
    ///
    /// `read` is asked for up to a number of bytes and returns at most that many (fewer is fine),
    /// and an empty array at the end of the data. The header is read first (4 KiB, then more as
    /// needed); a JPEG is then decoded as it is read, 64 KiB at a time, already shrunk by the DCT,
    /// so a 20 MB photo costs its small decoded size in memory, not 20 MB. A PNG is read whole
    /// first (libpng's row decoding needs no more, but the data is usually small next to its pixels).
    /// The result is the one ``init(thumbnailOf:fitting:filter:reducingGap:options:)`` gives for the
    /// same bytes.
    ///
    /// - Throws: ``ThumbnailReadingError/reading(_:)`` with the first error `read` threw, as it was
    ///   thrown (nothing is decoded after it); otherwise ``ThumbnailReadingError/imaging(_:)`` with the
    ///   ``ImagingError`` ``init(thumbnailOf:fitting:filter:reducingGap:options:)`` throws for the same
    ///   bytes. A `read` that cannot fail makes the error `ThumbnailReadingError<Never>`, whose
    ///   ``ThumbnailReadingError/imagingError`` is the plain ``ImagingError``.
    public init<ReadError: Error>(
        thumbnailReading read: (_ maximumCount: Int) throws(ReadError) -> [UInt8], fitting box: Size,
        filter: ResamplingFilter = .bicubic, reducingGap: Double? = 2.0, options: DecodingOptions = .default
    ) throws(ThumbnailReadingError<ReadError>) {
        self = try Image.thumbnail(
            reading: read, plan: ThumbnailPlan(mode: .fit, box: box, reducingGap: reducingGap), filter: filter,
            options: options)
    }

    /// Makes an image of exactly `size`, covered and centre-cropped (Pillow's `ImageOps.fit`), from an
    /// image read piece by piece, as ``init(thumbnailReading:fitting:filter:reducingGap:options:)`` does.
    ///
    /// - Throws: as ``init(thumbnailReading:fitting:filter:reducingGap:options:)``: the read error as
    ///   ``ThumbnailReadingError/reading(_:)``, an ``ImagingError`` as ``ThumbnailReadingError/imaging(_:)``.
    public init<ReadError: Error>(
        thumbnailReading read: (_ maximumCount: Int) throws(ReadError) -> [UInt8], filling size: Size,
        filter: ResamplingFilter = .bicubic, reducingGap: Double? = 2.0, options: DecodingOptions = .default
    ) throws(ThumbnailReadingError<ReadError>) {
        self = try Image.thumbnail(
            reading: read, plan: ThumbnailPlan(mode: .fill, box: size, reducingGap: reducingGap), filter: filter,
            options: options)
    }

    private static func thumbnail<ReadError: Error>(
        reading read: (Int) throws(ReadError) -> [UInt8], plan: ThumbnailPlan, filter: ResamplingFilter,
        options: DecodingOptions
    ) throws(ThumbnailReadingError<ReadError>) -> Image {
        typealias Failure = ThumbnailReadingError<ReadError>
        try Failure.imagingStep { () throws(ImagingError) in try plan.validate() }
        // Every use of `read` ends before this function returns.
        return try withoutActuallyEscaping(read) { read throws(Failure) in
            var source = StreamedImage(read: read)
            let info = try source.probe()
            let work = plan.prepare(for: info, options: options)
            guard info.format == .jpeg, !work.isWholeImage else {
                let bytes = try source.readToEnd()
                return try Failure.imagingStep { () throws(ImagingError) in
                    try plan.run(on: bytes.span, filter: filter, options: options)
                }
            }
            let decoded = try source.decodeJPEG(scale: work.scale, options: work.decoding, info: info)
            return try Failure.imagingStep { () throws(ImagingError) in
                try plan.finish(decoded, work, info: info, filter: filter)
            }
        }
    }
}
