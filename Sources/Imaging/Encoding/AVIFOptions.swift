/// AVIF encoding settings, for libheif's AV1 encoder (libaom on Debian).
///
/// Alpha is kept; gray is written as colour. Whether this machine can write AVIF at all depends on
/// libheif's plugins: see ``Image/canEncodeAVIF``.
public struct AVIFOptions: Sendable, Hashable {
    /// Quality 1–100 (libheif's lossy quality); 60 by default, which libavif and Squoosh also use
    /// as a web default. Out-of-range values throw ``ImagingError/invalidArgument(_:)``.
    public var quality: Int

    /// Creates AVIF settings.
    public init(quality: Int = 60) {
        self.quality = quality
    }
}
