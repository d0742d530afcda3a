internal import CTurboJPEG

/// Encodes JPEG with TurboJPEG's `tjCompress2`.
enum JPEGEncoder {
    static func encode(_ image: Image, options: JPEGOptions) throws(ImagingError) -> [UInt8] {
        guard (1...100).contains(options.quality) else {
            throw .invalidArgument("JPEG quality must be 1...100, got \(options.quality)")
        }
        guard image.width <= 65_535, image.height <= 65_535 else {
            throw .invalidArgument("JPEG sides are at most 65,535 pixels, the image is \(image.size)")
        }
        guard !image.pixelFormat.hasAlpha else {
            let opaque: PixelFormat = image.pixelFormat.isGray && options.background.isGray ? .gray : .rgb
            return try encode(image.converted(to: opaque, background: options.background), options: options)
        }
        let gray = image.pixelFormat == .gray
        let subsampling: TJSAMP =
            if gray {
                TJSAMP_GRAY
            } else {
                switch options.subsampling {
                case .s444: TJSAMP_444
                case .s422: TJSAMP_422
                case .s420: TJSAMP_420
                }
            }
        var flags = Int32(0)
        if options.progressive { flags |= TJFLAG_PROGRESSIVE }
        let turbo = try TurboJPEG.compressor()
        var output: UnsafeMutablePointer<UInt8>? = nil
        var outputSize: UInt = 0
        defer { tjFree(output) }  // TurboJPEG allocates (and may reallocate) the output
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            tjCompress2(
                turbo.handle, pixels.baseAddress, Int32(image.width), Int32(image.bytesPerRow), Int32(image.height),
                Int32((gray ? TJPF_GRAY : TJPF_RGB).rawValue), &output, &outputSize, Int32(subsampling.rawValue),
                Int32(options.quality), flags)
        }
        guard status == 0, let output else { throw turbo.failure(dataCount: nil, encoding: true) }
        let encoded = UnsafeBufferPointer(start: output, count: Int(outputSize))
        guard let profile = image.iccProfile, profile.describes(image.pixelFormat) else { return Array(encoded) }
        return splicing(JPEGICCSegments.encoded(profile), into: encoded)
    }

    /// The JPEG with `segments` inserted after SOI and the JFIF `APP0` TurboJPEG writes first, where
    /// readers expect application segments. (TurboJPEG 2.1's API has no way to add markers.)
    private static func splicing(_ segments: [UInt8], into jpeg: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var insertion = 2
        if jpeg.count >= 6, jpeg[2] == 0xFF, jpeg[3] == 0xE0 {
            insertion = min(jpeg.count, 4 + (Int(jpeg[4]) << 8 | Int(jpeg[5])))
        }
        var output: [UInt8] = []
        output.reserveCapacity(jpeg.count + segments.count)
        output += jpeg[..<insertion]
        output += segments
        output += jpeg[insertion...]
        return output
    }
}
