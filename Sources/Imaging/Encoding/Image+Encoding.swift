extension Image {
    /// Encodes the image as JPEG, PNG, WebP or AVIF.
    ///
    /// ```swift
    /// let bytes = try thumbnail.encoded(as: .jpeg(quality: 85))
    /// ```
    /// - JPEG: gray stays a one-component JPEG; an image with alpha is first composited onto
    ///   ``JPEGOptions/background`` (a gray image over a gray background stays gray).
    /// - PNG: every pixel format is written as is (gray stays gray, alpha is kept), 8 bits,
    ///   not interlaced.
    /// - WebP (trait `WebP`): lossy or lossless (``WebPOptions``), alpha kept, gray written as colour.
    /// - AVIF (trait `HEIF`): through libheif's AV1 encoder, alpha kept; ``ImagingError/unsupported(_:feature:)``
    ///   when libheif has no AV1 encoder plugin (see ``canEncodeAVIF``).
    /// - ``iccProfile``, when set, is embedded: JPEG `APP2` segments after the JFIF header, PNG
    ///   `iCCP`. Nothing else is written: no EXIF, no XMP, no text.
    ///
    /// Cost: O(pixels); the encoder reads this image's buffer directly (one extra buffer only when
    /// alpha has to be flattened for JPEG), and the result is copied once out of the C encoder.
    /// Safe to call from many tasks at once.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` for an out-of-range quality or compression
    ///   level, ``ImagingError/encodingFailed(_:reason:)`` when the encoder fails,
    ///   ``ImagingError/notCompiled(_:trait:)`` for a format this build lacks.
    public func encoded(as encoding: ImageEncoding) throws(ImagingError) -> [UInt8] {
        switch encoding {
        case .jpeg(let options): try JPEGEncoder.encode(self, options: options)
        case .png(let options): try PNGEncoder.encode(self, options: options)
        // Without a codec's trait the case binds nothing, so no unused options are left over.
        #if WebP
        case .webp(let options): try WebPEncoder.encode(self, options: options)
        #else
        case .webp: throw ImageFormat.webp.notCompiled
        #endif
        #if HEIF
        case .avif(let options): try AVIFEncoder.encode(self, options: options)
        #else
        case .avif: throw ImageFormat.avif.notCompiled
        #endif
        }
    }
}
