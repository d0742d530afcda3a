/// How a stored image must be turned to display upright: the EXIF `Orientation` tag (0x0112).
///
/// The raw values are the EXIF values 1–8; the name says where the stored image's first row
/// ends up (`right`: the camera was turned, rotate 90° clockwise to display).
/// Values outside 1–8 (the corpus has 0) are treated as ``up``, as Pillow and browsers do.
public enum Orientation: Int, Sendable, Hashable, CaseIterable {
    /// 1: stored upright.
    case up = 1
    /// 2: mirrored left to right.
    case upMirrored
    /// 3: rotated 180°.
    case down
    /// 4: mirrored top to bottom.
    case downMirrored
    /// 5: transposed (mirrored along the top-left to bottom-right diagonal).
    case leftMirrored
    /// 6: displays after a 90° clockwise rotation.
    case right
    /// 7: transversed (mirrored along the top-right to bottom-left diagonal).
    case rightMirrored
    /// 8: displays after a 90° counter-clockwise rotation.
    case left

    /// The orientation for an EXIF value; anything outside 1–8 is ``up``.
    public init(exifValue: Int) {
        self = Orientation(rawValue: exifValue) ?? .up
    }

    /// Whether displaying swaps width and height (values 5–8).
    public var transposesAxes: Bool { rawValue >= 5 }

    /// The displayed size of an image stored with `size`.
    public func displaySize(ofStored size: Size) -> Size {
        transposesAxes ? Size(width: size.height, height: size.width) : size
    }
}
