import Files

/// A named recipe for one stored size of an image: fit inside or fill a box, in a format, with a filter.
///
/// ```swift
/// let small = try ImageSpec("small", fitting: Size(square: 256), format: .jpeg(quality: 85))
/// let avatar = try ImageSpec("avatar", filling: Size(square: 128))
/// let face = try ImageSpec("face", filling: Size(square: 128), crop: .attention)
/// small.fingerprint                             // "bb0f55a3", the same on every machine
/// small.variantName(of: "photos/IMG_1234.jpg")  // "photos/IMG_1234.small-cd50196e.jpg"
/// ```
///
/// A spec is a value: declare the sizes of an app once, as constants, and hand them to a
/// ``VariantGenerator``. Its ``fingerprint`` is computed from its parameters alone (not its name), so
/// changing a size, the quality or the filter gives new variant names and an old thumbnail never
/// stands in for a new one. Specs are `Codable` (a flat JSON object), for configuration files.
///
/// The corresponding Django APIs are the thumbnail aliases of easy-thumbnails and the `ImageSpec`
/// classes of django-imagekit; Django itself has none.
public struct ImageSpec: Sendable, Hashable {
    /// How the variant is shaped from the source.
    public enum Shape: Sendable, Hashable {
        /// Inside the box, aspect ratio kept, never upscaled (Pillow's `Image.thumbnail`).
        case fitting(Size)
        /// Exactly the box, covered and cropped (by the spec's ``ImageSpec/crop``; the centre by
        /// default, Pillow's `ImageOps.fit`); small sources are upscaled.
        case filling(Size)

        /// The box the variant fits in or fills.
        public var box: Size {
            switch self {
            case .fitting(let box), .filling(let box): box
            }
        }
    }

    /// The spec's name, part of every variant's name: letters, digits, `_`, `-` and `@`.
    public let name: String
    /// Fit or fill, and the box.
    public let shape: Shape
    /// The variant's format and encoder settings.
    public let format: ImageEncoding
    /// The resampling filter.
    public let filter: ResamplingFilter
    /// Which part of the source a filling spec keeps: `CropStrategy.centre` (the default), a focal
    /// point, `CropStrategy.entropy` or `CropStrategy.attention`. Always the centre for fitting specs.
    public let crop: CropStrategy

    /// A spec whose variants fit inside `box`, keeping the aspect ratio, never upscaled.
    ///
    /// - Throws: ``ImageSpecError`` when a side of `box` is below 1, the name is empty or holds a
    ///   character other than letters, digits, `_`, `-` and `@`, or an encoder setting is out of range.
    public init(
        _ name: String, fitting box: Size, format: ImageEncoding = .jpeg(), filter: ResamplingFilter = .bicubic
    ) throws(ImageSpecError) {
        try self.init(name, shape: .fitting(box), format: format, filter: filter)
    }

    /// A spec whose variants are exactly `size`, scaled to cover it and cropped: in the centre, or where
    /// `crop` says (a focal point, the subject found by entropy or attention).
    ///
    /// ```swift
    /// let avatar = try ImageSpec("avatar", filling: Size(square: 128), crop: .attention)
    /// let banner = try ImageSpec("banner", filling: Size(width: 1200, height: 400), crop: .focalPoint(x: 0.5, y: 0.2))
    /// ```
    ///
    /// The crop is part of the ``fingerprint`` (so of the variant names), except the centre, whose
    /// fingerprints are those of specs made before crops existed.
    ///
    /// - Throws: ``ImageSpecError`` as ``init(_:fitting:format:filter:)``.
    public init(
        _ name: String, filling size: Size, format: ImageEncoding = .jpeg(), filter: ResamplingFilter = .bicubic,
        crop: CropStrategy = .centre
    ) throws(ImageSpecError) {
        try self.init(name, shape: .filling(size), format: format, filter: filter, crop: crop)
    }

    /// A spec of any shape; the checks of ``init(_:fitting:format:filter:)``.
    ///
    /// - Throws: ``ImageSpecError`` also when a fitting shape is given a crop other than the centre
    ///   (a fitting variant keeps the whole image).
    public init(
        _ name: String, shape: Shape, format: ImageEncoding = .jpeg(), filter: ResamplingFilter = .bicubic,
        crop: CropStrategy = .centre
    ) throws(ImageSpecError) {
        try Self.check(name: name, shape: shape, format: format)
        if case .fitting = shape, crop != .centre {
            throw ImageSpecError(
                spec: name, reason: "a fitting spec keeps the whole image, so it cannot crop by \(crop)")
        }
        self.name = name
        self.shape = shape
        self.format = format
        self.filter = filter
        self.crop = crop
    }

    /// The same spec keeping another part of the image: for a focal point stored with one image.
    ///
    /// ```swift
    /// let focal = try CropStrategy.focalPoint(x: record.focusX, y: record.focusY)
    /// let name = try avatar.cropping(focal).variantName(of: record.name)   // its own variant name
    /// ```
    ///
    /// - Throws: ``ImageSpecError`` when the spec fits rather than fills.
    public func cropping(_ crop: CropStrategy) throws(ImageSpecError) -> ImageSpec {
        try ImageSpec(name, shape: shape, format: format, filter: filter, crop: crop)
    }

    /// The spec at `density` times its box, named `<name>-<density>x`: the image for screens with
    /// `density` device pixels per CSS pixel. (Not `@2x`: `@` is a character S3 documents as needing
    /// special handling, and some S3-compatible servers sign it differently.)
    ///
    /// ```swift
    /// try small.atDensity(2)   // "small-2x", fitting 512×512
    /// ```
    ///
    /// - Throws: ``ImageSpecError`` when `density` is below 1 or the box would overflow.
    public func atDensity(_ density: Int) throws(ImageSpecError) -> ImageSpec {
        guard density >= 1 else { throw ImageSpecError(spec: name, reason: "the density \(density) is below 1") }
        if density == 1 { return self }
        let box = shape.box
        let (width, wide) = box.width.multipliedReportingOverflow(by: density)
        let (height, tall) = box.height.multipliedReportingOverflow(by: density)
        guard !wide, !tall else {
            throw ImageSpecError(spec: name, reason: "the box \(box) at density \(density) is too large")
        }
        let scaled = Size(width: width, height: height)
        let shape: Shape =
            switch shape {
            case .fitting: .fitting(scaled)
            case .filling: .filling(scaled)
            }
        return try ImageSpec("\(name)-\(density)x", shape: shape, format: format, filter: filter, crop: crop)
    }
}
