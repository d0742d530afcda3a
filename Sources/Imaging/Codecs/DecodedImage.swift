/// What a decoder returns: the image, and the ICC profile the file carried, if any.
///
/// Internal: the profile is read here so that colour management can carry it on once `Image`
/// holds one; until then only the decoders' tests look at it.
struct DecodedImage {
    var image: Image
    /// The embedded ICC profile's bytes, as stored (`nil` when the file has none).
    var iccProfile: [UInt8]?

    init(_ image: Image, iccProfile: [UInt8]? = nil) {
        self.image = image
        self.iccProfile = iccProfile
    }
}
