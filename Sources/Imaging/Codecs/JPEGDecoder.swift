internal import CImagingShims
internal import CTurboJPEG

/// Decodes JPEG: TurboJPEG for gray and YCbCr/RGB, libjpeg (through CImagingShims) for CMYK,
/// YCCK and frames whose sampling factors TurboJPEG 2.1 cannot classify.
enum JPEGDecoder {
    /// `droppingUnreadScans: false` is the path every scale took before DC-only decoding, which
    /// the tests compare it with.
    static func decode(
        _ bytes: Span<UInt8>, options: DecodingOptions, droppingUnreadScans: Bool = true
    ) throws(ImagingError) -> Image {
        // The pure-Swift header pass rejects 12-bit, lossless and over-limit images before any
        // C call, and finds the EXIF orientation and the ICC profile.
        let info = try JPEGHeaderParser.parse(bytes)
        try options.checkPixelLimit(width: info.width, height: info.height)
        let orientation = options.appliesOrientation ? info.orientation : .up
        let minimum = options.minimumSize.map { orientation.displaySize(ofStored: $0) }
        let scale = JPEGScale.smallest(for: info.size, covering: minimum)

        let image = try bytes.withUnsafeBufferPointer { (data) throws(ImagingError) in
            // At 1/8 a progressive JPEG's AC scans are mostly never read. First choice: rewrite it
            // as the baseline file of the coefficients the 1/8 output reads, which libjpeg decodes
            // without its whole-image coefficient buffer. Truncated data is left to libjpeg, whose
            // partial image (and block smoothing of it) only the original file reproduces.
            if droppingUnreadScans, JPEGDCScanFilter.applies(to: scale), !options.allowTruncated,
                let baseline = JPEGEighthScaleRewriter.baseline(of: data),
                let image = try? decode(rewritten: baseline, scale: scale, options: options)
            {
                return image
            }
            // Else: the file with its unread AC scans replaced by empty ones (memory as before).
            if droppingUnreadScans, JPEGDCScanFilter.applies(to: scale),
                let kept = JPEGDCScanFilter.filtered(data, allowingTruncation: options.allowTruncated)
            {
                let image = kept.withUnsafeBufferPointer { kept in
                    try? decode(kept, componentCount: info.componentCount, scale: scale, options: options)
                }
                // Damaged data fails on the whole file, so the error is the one it always was.
                if let image { return image }
            }
            return try decode(data, componentCount: info.componentCount, scale: scale, options: options)
        }
        var oriented = orientation == .up ? image : image.applyingOrientation(orientation)
        oriented.iccProfile = info.iccProfile?.kept(for: oriented.pixelFormat)
        return oriented
    }

    /// Decodes at `scale` the baseline file ``JPEGEighthScaleRewriter`` made of a progressive one,
    /// which has its frame and colour-space markers but none of its metadata.
    static func decode(rewritten baseline: [UInt8], scale: JPEGScale, options: DecodingOptions)
        throws(ImagingError) -> Image
    {
        let componentCount = try JPEGHeaderParser.parse(baseline.span).componentCount
        return try baseline.withUnsafeBufferPointer { (data) throws(ImagingError) in
            try decode(data, componentCount: componentCount, scale: scale, options: options)
        }
    }

    private static func decode(
        _ data: UnsafeBufferPointer<UInt8>, componentCount: Int, scale: JPEGScale, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        if componentCount == 4 {
            try decodeWithLibJPEG(data, scale: scale, options: options)
        } else {
            try decodeWithTurboJPEG(data, scale: scale, options: options)
        }
    }

    private static func decodeWithTurboJPEG(
        _ data: UnsafeBufferPointer<UInt8>, scale: JPEGScale, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        let turbo = try TurboJPEG.decompressor()
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let base = data.baseAddress!
        let size = UInt(data.count)
        guard tjDecompressHeader3(turbo.handle, base, size, &width, &height, &subsampling, &colorspace) == 0,
            colorspace != Int32(TJCS_CMYK.rawValue), colorspace != Int32(TJCS_YCCK.rawValue)
        else {
            // "Could not determine subsampling type" and friends: libjpeg reads what it can.
            return try decodeWithLibJPEG(data, scale: scale, options: options)
        }
        let stored = Size(width: Int(width), height: Int(height))
        try options.checkPixelLimit(width: stored.width, height: stored.height)
        let output = scale.scaled(stored)
        let pixelFormat: PixelFormat = colorspace == Int32(TJCS_GRAY.rawValue) ? .gray : .rgb
        let turboFormat = pixelFormat == .gray ? TJPF_GRAY : TJPF_RGB
        let rowBytes = output.width * pixelFormat.channelCount
        // No TJFLAG_STOPONWARNING: like Pillow, recoverable damage ("extraneous bytes before
        // marker", common from some cameras) still decodes; only running out of data throws.
        let flags = TJFLAG_LIMITSCANS
        var warned = false
        let pixels = try uninitializedBytes(count: rowBytes * output.height) { (pixels) throws(ImagingError) in
            // TurboJPEG picks the largest factor whose output fits the requested size, which is
            // `scale` (or an equal-sized larger one), so the buffer is exactly right.
            let status = tjDecompress2(
                turbo.handle, base, size, pixels, Int32(output.width), Int32(rowBytes), Int32(output.height),
                Int32(turboFormat.rawValue), flags)
            // -1 with TJERR_WARNING: the image was written despite libjpeg warnings.
            if status != 0, tjGetErrorCode(turbo.handle) != Int32(TJERR_WARNING.rawValue) {
                throw turbo.failure(dataCount: data.count)
            }
            warned = status != 0
        }
        // TurboJPEG keeps only the first warning's text, which cannot tell data that ends early from
        // recoverable damage. That rare case goes through libjpeg, which stops exactly on truncation.
        if warned, !options.allowTruncated {
            return try decodeWithLibJPEG(data, scale: scale, options: options)
        }
        return Image(unchecked: output.width, height: output.height, pixelFormat: pixelFormat, pixels: pixels)
    }

    private static func decodeWithLibJPEG(
        _ data: UnsafeBufferPointer<UInt8>, scale: JPEGScale, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        try decode(LibJPEGReader(data, stopOnTruncation: !options.allowTruncated), scale: scale, options: options)
    }

    /// Decodes a JPEG pulled through `source` a buffer at a time, never holding the whole file;
    /// libjpeg's own API, so every colour space and sampling is handled as by the in-memory path.
    static func decode(streaming source: JPEGFillCallback, scale: JPEGScale, options: DecodingOptions)
        throws(ImagingError) -> Image
    {
        try decode(
            LibJPEGReader(streaming: source, stopOnTruncation: !options.allowTruncated), scale: scale, options: options)
    }

    private static func decode(
        _ reader: consuming LibJPEGReader, scale: JPEGScale, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        try options.checkPixelLimit(width: Int(reader.header.width), height: Int(reader.header.height))
        let (output, pixelFormat) = try reader.start(scale: scale)
        let rowBytes = output.width * pixelFormat.channelCount
        let pixels = try uninitializedBytes(count: rowBytes * output.height) { (pixels) throws(ImagingError) in
            try reader.readPixels(into: pixels, rowBytes: rowBytes)
        }
        return Image(unchecked: output.width, height: output.height, pixelFormat: pixelFormat, pixels: pixels)
    }
}

/// Owns a shim libjpeg reader; `deinit` runs `jpeg_destroy_decompress` on every path.
private struct LibJPEGReader: ~Copyable {
    let raw: OpaquePointer
    let header: ims_jpeg_header
    let dataCount: Int?

    init(_ data: UnsafeBufferPointer<UInt8>, stopOnTruncation: Bool) throws(ImagingError) {
        var raw: OpaquePointer?
        var header = ims_jpeg_header()
        try callShim(.jpeg, dataCount: data.count) { message in
            ims_jpeg_read_header(data.baseAddress, data.count, stopOnTruncation ? 1 : 0, &raw, &header, message)
        }
        guard let raw else { throw .corrupt(.jpeg, reason: "libjpeg returned no reader") }
        self.raw = raw
        self.header = header
        self.dataCount = data.count
    }

    /// A reader pulling its data from `source`, which must outlive it.
    init(streaming source: JPEGFillCallback, stopOnTruncation: Bool) throws(ImagingError) {
        var raw: OpaquePointer?
        var header = ims_jpeg_header()
        let context = Unmanaged.passUnretained(source).toOpaque()
        try callShim(.jpeg, dataCount: nil) { message in
            ims_jpeg_read_header_streaming(
                JPEGFillCallback.entry, context, stopOnTruncation ? 1 : 0, &raw, &header, message)
        }
        guard let raw else { throw .corrupt(.jpeg, reason: "libjpeg returned no reader") }
        self.raw = raw
        self.header = header
        self.dataCount = nil
    }

    func start(scale: JPEGScale) throws(ImagingError) -> (Size, PixelFormat) {
        var width: UInt32 = 0
        var height: UInt32 = 0
        var channels: Int32 = 0
        try callShim(.jpeg, dataCount: dataCount) { message in
            ims_jpeg_start(raw, Int32(scale.numerator), Int32(scale.denominator), &width, &height, &channels, message)
        }
        guard width > 0, height > 0, channels == 1 || channels == 3 else {
            throw .corrupt(.jpeg, reason: "libjpeg produced a \(width)×\(height)×\(channels) output")
        }
        return (Size(width: Int(width), height: Int(height)), channels == 1 ? .gray : .rgb)
    }

    func readPixels(into pixels: UnsafeMutablePointer<UInt8>, rowBytes: Int) throws(ImagingError) {
        try callShim(.jpeg, dataCount: dataCount) { message in
            ims_jpeg_read_pixels(raw, pixels, rowBytes, message)
        }
    }

    deinit { ims_jpeg_reader_destroy(raw) }
}
