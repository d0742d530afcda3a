extension Image {
    /// Whether ``encoded(as:)`` can write ``ImageEncoding/avif(_:)`` here: the `HEIF` trait is
    /// compiled in and libheif found an AV1 encoder plugin (libaom, rav1e or SVT-AV1) at run time.
    /// The first call loads libheif (once per process, as the first HEIF or AVIF image would); it is
    /// `false` when the library cannot be loaded.
    ///
    /// When it is `false`, encoding AVIF throws ``ImagingError/unsupported(_:feature:)`` (or
    /// ``ImagingError/notCompiled(_:trait:)`` without the trait).
    public static var canEncodeAVIF: Bool {
        #if HEIF
        AVIFEncoder.isAvailable
        #else
        false
        #endif
    }
}
