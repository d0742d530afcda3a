/// An encoded image read piece by piece for a thumbnail: its header first, then the rest, streamed
/// to libjpeg or read whole. What the caller's `read` throws comes out as
/// ``ThumbnailReadingError/reading(_:)``, as it was thrown.
struct StreamedImage<ReadError: Error> {
    typealias Failure = ThumbnailReadingError<ReadError>

    private var header = IncrementalProbe()
    private let read: (Int) throws(ReadError) -> [UInt8]

    /// An image `read` hands out; `read` must outlive every use of this value.
    init(read: @escaping (_ maximumCount: Int) throws(ReadError) -> [UInt8]) {
        self.read = read
    }

    /// Reads until the header probes: 4 KiB first, then more as the probe needs it.
    mutating func probe() throws(Failure) -> ImageInfo {
        let probed: Result<ImageInfo, ImagingError>
        do throws(ReadError) {
            probed = try header.probe(firstCount: 4096, read: read)
        } catch {
            throw .reading(error)
        }
        return try Failure.imagingStep { () throws(ImagingError) in try probed.get() }
    }

    /// Reads the rest of the data through the DC scan filter; what it keeps of all of it.
    private mutating func readFiltered() throws(Failure) -> [UInt8] {
        var filter = JPEGDCScanFilter(allowingTruncation: false)
        var kept: [UInt8] = []
        header.bytes.withUnsafeBufferPointer { filter.process($0, into: &kept) }
        var ended = header.ended
        while !ended {
            // The streamed decode stops reading there too, and throws this.
            if filter.exceededBudget { throw .imaging(JPEGDCScanFilter.budgetExceeded) }
            let piece: [UInt8]
            do throws(ReadError) {
                piece = try read(1 << 16)
            } catch {
                throw .reading(error)
            }
            if piece.isEmpty { ended = true }
            piece.withUnsafeBufferPointer { filter.process($0, into: &kept) }
        }
        if filter.exceededBudget { throw .imaging(JPEGDCScanFilter.budgetExceeded) }
        return kept
    }

    /// Reads the rest of the data and returns all of it, from the start.
    mutating func readToEnd() throws(Failure) -> [UInt8] {
        do throws(ReadError) {
            return try header.readToEnd(read: read)
        } catch {
            throw .reading(error)
        }
    }

    /// Decodes the JPEG as the rest of it is read, shrunk by the DCT to `scale`, with the colour
    /// profile `info` found handled as `options` say (before any resize, as in memory).
    ///
    /// A progressive JPEG at 1/8 is read to its end first, through the DC scan filter, which drops
    /// the AC scans the output never reads (most of the file): what is left is rewritten as a
    /// baseline file (``JPEGEighthScaleRewriter``), which libjpeg decodes with 2 bytes a block
    /// instead of the whole-image coefficient buffer a streamed progressive decode keeps (about
    /// 2 bytes a pixel, several times the file). If the rewrite declines, libjpeg is fed the
    /// filtered bytes, as the streamed decode would have fed them.
    mutating func decodeJPEG(scale: JPEGScale, options: DecodingOptions, info: ImageInfo) throws(Failure) -> Image {
        var image: Image
        if info.isProgressive, JPEGDCScanFilter.applies(to: scale), !options.allowTruncated {
            var kept = try readFiltered()
            if let baseline = kept.withUnsafeBufferPointer({ JPEGEighthScaleRewriter.baseline(of: $0) }) {
                // The filtered bytes are not kept while the baseline file is decoded; an error
                // decoding it is the frame's own (its pixel count, say), so the file's.
                kept = []
                image = try Failure.imagingStep { () throws(ImagingError) in
                    try JPEGDecoder.decode(rewritten: baseline, scale: scale, options: options)
                }
            } else {
                let stream = JPEGByteStream(prefix: kept, ended: true, read: read, filtering: false)
                image = try stream.decode(scale: scale, options: options)
            }
        } else {
            let stream = JPEGByteStream(prefix: header.bytes, ended: header.ended, read: read)
            image = try stream.decode(scale: scale, options: options)
        }
        image.iccProfile = info.iccProfile?.kept(for: image.pixelFormat)
        return try Failure.imagingStep { () throws(ImagingError) in try image.handlingColorProfile(options.colorProfile)
        }
    }
}
