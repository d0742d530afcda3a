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
    func decodeJPEG(scale: JPEGScale, options: DecodingOptions, info: ImageInfo) throws(Failure) -> Image {
        let stream = JPEGByteStream(prefix: header.bytes, ended: header.ended, read: read)
        var image = try stream.decode(scale: scale, options: options)
        image.iccProfile = info.iccProfile?.kept(for: image.pixelFormat)
        return try Failure.imagingStep { () throws(ImagingError) in try image.handlingColorProfile(options.colorProfile)
        }
    }
}
