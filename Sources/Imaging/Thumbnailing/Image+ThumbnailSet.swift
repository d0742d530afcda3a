/// One thumbnail of a set that ``Image/thumbnails(reading:shapes:options:)`` makes from a single decode.
package struct ThumbnailShape: Sendable, Hashable {
    /// Whether the output covers `box` exactly, centre-cropped (Pillow's `ImageOps.fit`), instead of
    /// fitting inside it without upscaling (Pillow's `Image.thumbnail`).
    package var fills: Bool
    package var box: Size
    package var filter: ResamplingFilter
    /// Which part a fill keeps.
    package var crop: CropStrategy

    package init(fills: Bool, box: Size, filter: ResamplingFilter, crop: CropStrategy = .centre) {
        self.fills = fills
        self.box = box
        self.filter = filter
        self.crop = crop
    }

    var plan: ThumbnailPlan {
        ThumbnailPlan(mode: fills ? .fill : .fit, box: box, reducingGap: 2.0, crop: crop)
    }
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
    /// - Throws: as ``init(thumbnailReading:fitting:filter:reducingGap:options:)``: the read error as
    ///   ``ThumbnailReadingError/reading(_:)``, an ``ImagingError`` as ``ThumbnailReadingError/imaging(_:)``.
    package static func thumbnails<ReadError: Error>(
        reading read: (_ maximumCount: Int) throws(ReadError) -> [UInt8], shapes: [ThumbnailShape],
        options: DecodingOptions = .default
    ) throws(ThumbnailReadingError<ReadError>) -> ThumbnailSet {
        typealias Failure = ThumbnailReadingError<ReadError>
        let plans = shapes.map(\.plan)
        try Failure.imagingStep { () throws(ImagingError) in
            for plan in plans { try plan.validate() }
        }
        return try withoutActuallyEscaping(read) { read throws(Failure) in
            var source = StreamedImage(read: read)
            let info = try source.probe()
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
                decoded = try source.decodeJPEG(scale: scale, options: decoding, info: info)
            } else {
                let bytes = try source.readToEnd()
                decoded = try Failure.imagingStep { () throws(ImagingError) in
                    try Image.decode(bytes.span, options: decoding)
                }
            }
            let images = try Failure.imagingStep { () throws(ImagingError) in
                try zip(plans, zip(works, shapes)).map { plan, item throws(ImagingError) in
                    let (work, shape) = item
                    if work.isWholeImage {
                        return work.orientation == .up ? decoded : decoded.applyingOrientation(work.orientation)
                    }
                    return try plan.finish(decoded, work, info: info, filter: shape.filter)
                }
            }
            return ThumbnailSet(source: info, images: images, decodedSize: decoded.size)
        }
    }
}
