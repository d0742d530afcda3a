/// What decoding does with the ICC profile a file embeds (``DecodingOptions/colorProfile``).
///
/// ```swift
/// var options = DecodingOptions()
/// options.colorProfile = .convertToSRGB   // for outputs that must be plain sRGB
/// ```
public enum ColorProfileHandling: Sendable, Hashable {
    /// Keep the profile on ``Image/iccProfile``; encoding embeds it again (JPEG `APP2`, PNG `iCCP`),
    /// so a Display P3 or Adobe RGB photo keeps its colours in the thumbnail. The default.
    case keep
    /// Convert the pixels to sRGB with little-cms 2 (perceptual intent; gray to gray with sRGB's
    /// tone curve) and drop the profile. An image without a profile is taken to be sRGB already.
    /// Needs the package trait `ColorManagement` (Debian package `liblcms2-dev`).
    case convertToSRGB
    /// Drop the profile and leave the pixels alone: the colours then display as if they were sRGB.
    case drop
}

extension Image {
    /// The image after `handling` its profile, as the decoders and the thumbnail paths call it.
    ///
    /// Thumbnailing converts before it resizes, so that resampling averages colours in the target
    /// space, as a converting tool (`jpgicc`, ImageMagick's `-profile`) followed by a resize does.
    func handlingColorProfile(_ handling: ColorProfileHandling) throws(ImagingError) -> Image {
        guard let profile = iccProfile else { return self }
        switch handling {
        case .keep:
            return self
        case .drop:
            var image = self
            image.iccProfile = nil
            return image
        case .convertToSRGB:
            #if ColorManagement
            return try ColorTransform.toSRGB(from: profile, pixelFormat: pixelFormat).converted(self)
            #else
            _ = profile
            throw .colorManagementNotCompiled
            #endif
        }
    }
}
