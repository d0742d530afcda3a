extension Image {
    /// Returns the image scaled to cover `size` and cropped to exactly `size`:
    /// Pillow's `ImageOps.fit` (CSS `object-fit: cover`).
    ///
    /// ```swift
    /// let square = try photo.filled(to: Size(square: 200))              // centre crop
    /// let top = try portrait.filled(to: Size(square: 200), centering: (x: 0.5, y: 0))
    /// ```
    ///
    /// The crop keeps the largest region of the source with the target's aspect
    /// ratio, placed by `centering` (0 keeps the left/top edge, 1 the
    /// right/bottom, 0.5 the middle; values outside 0 ... 1 mean 0.5, as Pillow),
    /// and is resampled in the same single pass as the scaling, with its
    /// fractional edges: no intermediate crop, no rounding of the crop box.
    /// Small images are upscaled.
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side of `size` is below 1.
    ///
    /// Cost: one resize (see ``resized(to:from:filter:reducingGap:)``).
    public func filled(
        to size: Size, filter: ResamplingFilter = .bicubic, centering: (x: Double, y: Double) = (0.5, 0.5)
    ) throws(ImagingError) -> Image {
        try Image.validate(outputSize: size)
        let centreX = (0...1).contains(centering.x) ? centering.x : 0.5
        let centreY = (0...1).contains(centering.y) ? centering.y : 0.5
        let region = Region.coverCrop(of: self.size, withAspectOf: size, centering: (centreX, centreY))
        return try resized(to: size, from: region, filter: filter)
    }

    /// Returns the image scaled to cover `size` and cropped to exactly `size`, keeping the part
    /// `crop` chooses: the centre, a focal point, or the subject found by entropy or attention.
    ///
    /// ```swift
    /// let avatar = try photo.filled(to: Size(square: 128), crop: .attention)
    /// ```
    ///
    /// The focal point is relative to this image as it is (no EXIF orientation is applied here).
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side of `size` is below 1.
    ///
    /// Cost: one resize; entropy and attention add a resize to the covering size and a pass over it.
    public func filled(
        to size: Size, filter: ResamplingFilter = .bicubic, crop: CropStrategy
    ) throws(ImagingError) -> Image {
        try resized(to: size, from: fillRegion(for: size, crop: crop), filter: filter)
    }

    /// The part of this image that ``filled(to:filter:crop:)`` keeps, in this image's pixels: to show
    /// where a crop falls, or to compare it with another tool's.
    ///
    /// ```swift
    /// let window = try photo.fillRegion(for: Size(square: 128), crop: .attention)
    /// window.x / Double(photo.width)   // where the window starts, as a share of the width
    /// ```
    ///
    /// - Throws: ``ImagingError/invalidArgument(_:)`` when a side of `size` is below 1.
    ///
    /// Cost: O(1) for the centre and a focal point; a resize to the covering size and a pass over it
    /// for entropy and attention.
    public func fillRegion(for size: Size, crop: CropStrategy) throws(ImagingError) -> Region {
        try Image.validate(outputSize: size)
        if let focus = crop.focalPoint {
            return Region.focalCrop(of: self.size, withAspectOf: size, focus: focus)
        }
        if crop.looksAtPixels {
            return try subjectWindow(in: Region(size: self.size), aspectOf: size, strategy: crop)
        }
        return Region.coverCrop(of: self.size, withAspectOf: size)
    }
}
