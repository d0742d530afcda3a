extension Region {
    /// The largest region of a `source`-size image with the aspect ratio of `target`, placed by
    /// `centering` (0 keeps the left/top edge, 1 the right/bottom, 0.5 the middle): the crop of
    /// Pillow's `ImageOps.fit`, which ``Image/filled(to:filter:centering:)`` and the one-call
    /// thumbnail path resample in one pass with its fractional edges.
    ///
    /// Cost: O(1).
    static func coverCrop(
        of source: Size, withAspectOf target: Size, centering: (x: Double, y: Double) = (0.5, 0.5)
    ) -> Region {
        let sourceWidth = Double(source.width)
        let sourceHeight = Double(source.height)
        let sourceRatio = sourceWidth / sourceHeight
        let targetRatio = Double(target.width) / Double(target.height)
        var width = sourceWidth
        var height = sourceHeight
        if sourceRatio > targetRatio {
            width = targetRatio * sourceHeight
        } else if sourceRatio < targetRatio {
            height = sourceWidth / targetRatio
        }
        let left = (sourceWidth - width) * centering.x
        let top = (sourceHeight - height) * centering.y
        // Rounding may push the far edge an ulp past the image; pull it back.
        return Region(x: left, y: top, width: min(width, sourceWidth - left), height: min(height, sourceHeight - top))
    }
}
