extension Region {
    /// The largest region of a `source`-size image with the aspect ratio of `target`, centred on the
    /// relative point `focus` as nearly as the image's edges allow.
    ///
    /// Cost: O(1).
    static func focalCrop(of source: Size, withAspectOf target: Size, focus: (x: Double, y: Double)) -> Region {
        let cover = coverCrop(of: source, withAspectOf: target, centering: (0, 0))
        let left = min(max(focus.x * Double(source.width) - cover.width / 2, 0), Double(source.width) - cover.width)
        let top = min(max(focus.y * Double(source.height) - cover.height / 2, 0), Double(source.height) - cover.height)
        return Region(x: left, y: top, width: cover.width, height: cover.height)
    }
}

extension Orientation {
    /// The stored image's relative point shown at the relative point `displayed`.
    func storedPoint(ofDisplayed displayed: (x: Double, y: Double)) -> (x: Double, y: Double) {
        let (u, v) = displayed
        return switch self {
        case .up: (u, v)
        case .upMirrored: (1 - u, v)
        case .down: (1 - u, 1 - v)
        case .downMirrored: (u, 1 - v)
        case .leftMirrored: (v, u)
        case .right: (v, 1 - u)
        case .rightMirrored: (1 - v, 1 - u)
        case .left: (1 - v, u)
        }
    }
}
