extension Size {
    /// The size Pillow's `Image.thumbnail` gives an image of this size for the
    /// bounding box `box`: the largest size inside `box` with this aspect ratio,
    /// never larger than this size.
    ///
    /// ```swift
    /// Size(width: 4000, height: 3000).thumbnailSize(fitting: Size(square: 128))  // 128×96
    /// Size(width: 100, height: 145).thumbnailSize(fitting: Size(square: 50))     // 34×50
    /// Size(width: 64, height: 48).thumbnailSize(fitting: Size(square: 128))      // 64×48 (never upscales)
    /// ```
    ///
    /// The rule, exactly as Pillow's (`Image.thumbnail`, PRs #4256 and #4404):
    /// 1. If the box is at least as large as this size on both axes, the result
    ///    is this size: a thumbnail never upscales.
    /// 2. Otherwise, with `aspect = width / height` (as a `Double`): if
    ///    `box.width / box.height >= aspect` the box is relatively wider, so the
    ///    height is `box.height` and the width is `box.height × aspect` rounded;
    ///    else the width is `box.width` and the height is `box.width / aspect` rounded.
    /// 3. "Rounded" means the floor or the ceiling of that value, whichever gives
    ///    the aspect ratio closer to `aspect` (the floor on a tie), and at least 1.
    ///    So 256×162 into 33×33 gives 33×21 (not the truncated 33×20), and
    ///    100×145 into 50×50 gives 34×50 (34/50 is closer to 100/145 than 35/50).
    ///
    /// Box sides below 1 are treated as 1. Cost: O(1).
    public func thumbnailSize(fitting box: Size) -> Size {
        let boxWidth = max(box.width, 1)
        let boxHeight = max(box.height, 1)
        if boxWidth >= width && boxHeight >= height { return self }
        let aspect = Double(width) / Double(height)
        if Double(boxWidth) / Double(boxHeight) >= aspect {
            let y = Double(boxHeight)
            let x = Size.closestAspect(y * aspect) { abs(aspect - Double($0) / y) }
            return Size(width: x, height: boxHeight)
        } else {
            let x = Double(boxWidth)
            let y = Size.closestAspect(x / aspect) { $0 == 0 ? 0 : abs(aspect - x / Double($0)) }
            return Size(width: boxWidth, height: y)
        }
    }

    /// Pillow's `round_aspect`: the floor or ceiling of `value` with the smaller
    /// aspect error (floor on ties), at least 1.
    private static func closestAspect(_ value: Double, error: (Int) -> Double) -> Int {
        let floor = Int(value.rounded(.down))
        let ceiling = Int(value.rounded(.up))
        let closer = error(ceiling) < error(floor) ? ceiling : floor
        return max(closer, 1)
    }
}
