internal import CImagingShims

/// Encodes PNG with libpng's full API (for the compression level and `iCCP`) through CImagingShims.
enum PNGEncoder {
    static func encode(_ image: Image, options: PNGOptions) throws(ImagingError) -> [UInt8] {
        guard (0...9).contains(options.compressionLevel) else {
            throw .invalidArgument("PNG compression level must be 0...9, got \(options.compressionLevel)")
        }
        guard image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw .invalidArgument("PNG sides are at most 2,147,483,647 pixels, the image is \(image.size)")
        }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var outputSize = 0
        defer { ims_free(output) }
        let profile = image.iccProfile.flatMap { $0.describes(image.pixelFormat) ? $0.bytes : nil } ?? []
        try image.pixels.withUnsafeBufferPointer { (pixels) throws(ImagingError) in
            try profile.withUnsafeBufferPointer { (profile) throws(ImagingError) in
                try callShim(.png, dataCount: 0, encoding: true) { message in
                    ims_png_encode(
                        pixels.baseAddress, UInt32(image.width), UInt32(image.height),
                        Int32(image.pixelFormat.channelCount), image.bytesPerRow, Int32(options.compressionLevel),
                        profile.isEmpty ? nil : profile.baseAddress, profile.count, &output, &outputSize, message)
                }
            }
        }
        guard let output else { throw .encodingFailed(.png, reason: "libpng produced no output") }
        return Array(UnsafeBufferPointer(start: output, count: outputSize))
    }
}
