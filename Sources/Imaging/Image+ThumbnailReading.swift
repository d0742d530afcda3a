extension Image {
    /// Makes a thumbnail that fits inside `box` from an image read piece by piece, never holding a
    /// JPEG file whole in memory: the fast path for uploads on disk.
    ///
    /// ```swift
    /// let thumb = try Image(thumbnailReading: { count in try upload.read(upTo: count) },
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
    /// - Throws: whatever `read` throws, as it was thrown; otherwise ``ImagingError``, as
    ///   ``init(thumbnailOf:fitting:filter:reducingGap:options:)``.
    public init(
        thumbnailReading read: (_ maximumCount: Int) throws -> [UInt8], fitting box: Size,
        filter: ResamplingFilter = .bicubic, reducingGap: Double? = 2.0, options: DecodingOptions = .default
    ) throws {
        self = try Image.thumbnail(
            reading: read, plan: ThumbnailPlan(mode: .fit, box: box, reducingGap: reducingGap), filter: filter,
            options: options)
    }

    /// Makes an image of exactly `size`, covered and centre-cropped (Pillow's `ImageOps.fit`), from an
    /// image read piece by piece, as ``init(thumbnailReading:fitting:filter:reducingGap:options:)`` does.
    ///
    /// - Throws: whatever `read` throws, as it was thrown; otherwise ``ImagingError``.
    public init(
        thumbnailReading read: (_ maximumCount: Int) throws -> [UInt8], filling size: Size,
        filter: ResamplingFilter = .bicubic, reducingGap: Double? = 2.0, options: DecodingOptions = .default
    ) throws {
        self = try Image.thumbnail(
            reading: read, plan: ThumbnailPlan(mode: .fill, box: size, reducingGap: reducingGap), filter: filter,
            options: options)
    }

    private static func thumbnail(
        reading read: (Int) throws -> [UInt8], plan: ThumbnailPlan, filter: ResamplingFilter,
        options: DecodingOptions
    ) throws -> Image {
        try plan.validate()
        // Every use of `read` ends before this function returns.
        return try withoutActuallyEscaping(read) { read in
            var source = PieceReader(read: read)
            let info = try source.probe()
            let work = plan.prepare(for: info, options: options)
            guard info.format == .jpeg, !work.isWholeImage else {
                let bytes = try source.readToEnd()
                return try bytes.withUnsafeBufferPointer { buffer in
                    Result { () throws(ImagingError) in try plan.run(on: buffer, filter: filter, options: options) }
                }.get()
            }
            let stream = JPEGByteStream(prefix: source.bytes, ended: source.ended, read: read)
            let decoded: Image
            do {
                decoded = try JPEGDecoder.decode(streaming: stream, scale: work.scale, options: work.decoding)
            } catch {
                throw stream.readError ?? error
            }
            return try plan.finish(decoded, work, info: info, filter: filter)
        }
    }
}

/// The start of an image read through a caller's `read`: as much as the header probe needs.
struct PieceReader {
    let read: (Int) throws -> [UInt8]
    private(set) var bytes: [UInt8] = []
    private(set) var ended = false

    /// Reads until `bytes` holds `count` bytes or the data ends.
    mutating func fill(to count: Int) throws {
        while bytes.count < count, !ended {
            let piece = try read(count - bytes.count)
            if piece.isEmpty { ended = true } else { bytes += piece }
        }
    }

    /// The header, read 4 KiB first and then twice as much each time the probe needs more.
    mutating func probe() throws -> ImageInfo {
        var wanted = 4096
        while true {
            try fill(to: wanted)
            let probe = Result { () throws(ImagingError) in try ImageInfo(probing: bytes) }
            guard case .failure(.truncated) = probe, !ended else { return try probe.get() }
            wanted *= 2
        }
    }

    mutating func readToEnd() throws -> [UInt8] {
        while !ended { try fill(to: bytes.count + 1 << 16) }
        return bytes
    }
}
