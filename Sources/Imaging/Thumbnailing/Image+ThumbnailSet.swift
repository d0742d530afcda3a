/// One thumbnail of a set that ``Image/thumbnails(reading:shapes:options:)`` makes from a single decode.
package struct ThumbnailShape: Sendable, Hashable {
    /// Whether the output covers `box` exactly, centre-cropped (Pillow's `ImageOps.fit`), instead of
    /// fitting inside it without upscaling (Pillow's `Image.thumbnail`).
    package var fills: Bool
    package var box: Size
    package var filter: ResamplingFilter

    package init(fills: Bool, box: Size, filter: ResamplingFilter) {
        self.fills = fills
        self.box = box
        self.filter = filter
    }

    var plan: ThumbnailPlan { ThumbnailPlan(mode: fills ? .fill : .fit, box: box, reducingGap: 2.0) }
}

/// What ``Image/thumbnails(reading:shapes:options:)`` returns: the source's header and one image per shape.
package struct ThumbnailSet {
    /// The source's header: its format, stored size and orientation.
    package var source: ImageInfo
    /// The thumbnails, in the order of the shapes.
    package var images: [Image]
    /// The size the source was decoded at (in stored orientation): every thumbnail comes from it.
    package var decodedSize: Size
}

extension Image {
    /// Makes a thumbnail for every shape from one decode of an image read piece by piece: the decode
    /// runs at the DCT scale the most demanding shape needs, and every thumbnail is resampled from it.
    ///
    /// Each thumbnail equals what `Image(thumbnailReading:fitting:)` or `filling:` gives for its shape
    /// to within resampling noise (a shape decoded at a larger scale than it alone would need has
    /// more source pixels under each output pixel, never fewer). `read` is as in
    /// ``init(thumbnailReading:fitting:filter:reducingGap:options:)``: the JPEG is decoded as it is
    /// read, and the data is read once.
    ///
    /// - Throws: whatever `read` throws, as it was thrown; otherwise ``ImagingError``.
    package static func thumbnails(
        reading read: (_ maximumCount: Int) throws -> [UInt8], shapes: [ThumbnailShape],
        options: DecodingOptions = .default
    ) throws -> ThumbnailSet {
        let plans = shapes.map(\.plan)
        for plan in plans { try plan.validate() }
        return try withoutActuallyEscaping(read) { read in
            // The header: 4 KiB first, then more as the probe needs it.
            var source = IncrementalProbe()
            let info = try source.probe(firstCount: 4096, read: read).get()
            var works = plans.map { $0.prepare(for: info, options: options) }
            // The least shrinking scale serves every shape; an image kept whole needs scale 1.
            let scale =
                works.contains(where: \.isWholeImage)
                ? JPEGScale.one
                : works.map(\.scale).max { $0.numerator * $1.denominator < $1.numerator * $0.denominator } ?? .one
            var decoding = options
            decoding.appliesOrientation = false
            decoding.minimumSize = nil
            for index in works.indices { works[index].scale = scale }

            let decoded: Image
            if info.format == .jpeg {
                let stream = JPEGByteStream(prefix: source.bytes, ended: source.ended, read: read)
                do {
                    decoded = try JPEGDecoder.decode(streaming: stream, scale: scale, options: decoding)
                } catch {
                    throw stream.readError ?? error
                }
            } else {
                let bytes = try source.readToEnd(read: read)
                decoded = try Image.decode(bytes.span, options: decoding)
            }
            let images = try zip(plans, zip(works, shapes)).map { plan, item throws(ImagingError) in
                let (work, shape) = item
                if work.isWholeImage {
                    return work.orientation == .up ? decoded : decoded.applyingOrientation(work.orientation)
                }
                return try plan.finish(decoded, work, info: info, filter: shape.filter)
            }
            return ThumbnailSet(source: info, images: images, decodedSize: decoded.size)
        }
    }
}
