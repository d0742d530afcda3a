/// How the one-call thumbnail path shapes its output, and the work it plans from the header alone.
struct ThumbnailPlan {
    enum Mode {
        /// Inside the box, aspect kept, never upscaled (Pillow's `Image.thumbnail`).
        case fit
        /// Exactly the box, covered and centre-cropped (Pillow's `ImageOps.fit`).
        case fill
    }

    var mode: Mode
    var box: Size
    var reducingGap: Double?
    /// Which part a fill keeps; fits ignore it.
    var crop: CropStrategy = .centre

    func validate() throws(ImagingError) {
        guard box.width >= 1, box.height >= 1 else {
            throw .invalidArgument("thumbnail box \(box) must be at least 1×1")
        }
        if let reducingGap, !(reducingGap >= 1) {
            throw .invalidArgument("reducingGap must be at least 1 (got \(reducingGap))")
        }
    }

    func run(
        on bytes: Span<UInt8>, filter: ResamplingFilter, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        let info = try ImageInfo(probing: bytes)
        let work = prepare(for: info, options: options)
        if work.isWholeImage { return try Image.decode(bytes, options: options) }
        return try finish(Image.decode(bytes, options: work.decoding), work, info: info, filter: filter)
    }

    /// What the header alone decides: output size, crop, and the DCT scale to decode at.
    struct Work {
        var orientation: Orientation
        /// The output size, in stored orientation.
        var target: Size
        /// The part of the stored image to scale, in full-size stored pixels.
        var crop: Region
        /// Decoding options: orientation off (it is applied last), the DCT size hint.
        var decoding: DecodingOptions
        var scale: JPEGScale
        /// The image already fits: decode it whole, as it is.
        var isWholeImage: Bool
    }

    func prepare(for info: ImageInfo, options: DecodingOptions) -> Work {
        let orientation = options.appliesOrientation ? info.orientation : .up
        // Everything below works in stored orientation; displaySize(ofStored:) is its own inverse.
        let displayed = orientation.displaySize(ofStored: info.size)
        let target: Size
        let crop: Region
        switch mode {
        case .fit:
            target = orientation.displaySize(ofStored: displayed.thumbnailSize(fitting: box))
            crop = Region(size: info.size)
        case .fill:
            target = orientation.displaySize(ofStored: box)
            if let focus = self.crop.focalPoint {
                crop = Region.focalCrop(
                    of: info.size, withAspectOf: target, focus: orientation.storedPoint(ofDisplayed: focus))
            } else {
                // Also the size (not the place) of an entropy or attention window, which `finish` places.
                crop = Region.coverCrop(of: info.size, withAspectOf: target)
            }
        }
        var decoding = options
        decoding.appliesOrientation = false
        var scale = JPEGScale.one
        if let reducingGap, info.format == .jpeg || info.format == .webp {
            // The crop must still hold `reducingGap` times the target after the decoder shrinks it.
            let minimum = Size(
                width: Int((Double(target.width) * reducingGap * Double(info.width) / crop.width).rounded(.up)),
                height: Int((Double(target.height) * reducingGap * Double(info.height) / crop.height).rounded(.up)))
            decoding.minimumSize = minimum
            // libwebp scales to any size (see WebPScaling); only the DCT has fixed factors.
            if info.format == .jpeg { scale = JPEGScale.smallest(for: info.size, covering: minimum) }
        }
        return Work(
            orientation: orientation, target: target, crop: crop, decoding: decoding, scale: scale,
            isWholeImage: mode == .fit && target == info.size)
    }

    func finish(_ decoded: Image, _ work: Work, info: ImageInfo, filter: ResamplingFilter) throws(ImagingError)
        -> Image
    {
        // libjpeg rounds scaled sides up, so the last row and column of `decoded` are partly outside
        // the picture: map the crop through the exact factor, as Pillow's `draft` box does.
        let factor =
            decoded.size == work.scale.scaled(info.size)
            ? Double(work.scale.numerator) / Double(work.scale.denominator)
            : Double(decoded.width) / Double(info.width)
        var crop = work.crop
        if mode == .fill, self.crop.looksAtPixels {
            let picture = Region(
                x: 0, y: 0, width: min(Double(info.width) * factor, Double(decoded.width)),
                height: min(Double(info.height) * factor, Double(decoded.height)))
            let window = try decoded.subjectWindow(in: picture, aspectOf: work.target, strategy: self.crop)
            crop = Region(
                x: window.x / factor, y: window.y / factor, width: window.width / factor,
                height: window.height / factor)
        }
        let region = Region(
            x: crop.x * factor, y: crop.y * factor,
            width: min(crop.width * factor, Double(decoded.width) - crop.x * factor),
            height: min(crop.height * factor, Double(decoded.height) - crop.y * factor))
        let thumbnail =
            decoded.size == work.target && region == Region(size: work.target)
            ? decoded
            : try decoded.resized(to: work.target, from: region, filter: filter, reducingGap: reducingGap)
        return work.orientation == .up ? thumbnail : thumbnail.applyingOrientation(work.orientation)
    }
}
