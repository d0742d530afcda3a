import Files

extension ImageSpec: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, shape, width, height, format, quality, progressive, subsampling, background, compressionLevel
        case lossless
        case filter
        case crop, focalX, focalY
    }

    /// Decodes a flat object such as
    /// `{"name": "small", "shape": "fit", "width": 256, "height": 256, "format": "jpeg", "quality": 85}`
    /// (`format` is `jpeg`, `png`, `webp` — with `quality` and `lossless` — or `avif` with `quality`);
    /// a filling spec may add `"crop"`: `centre` (the default), `entropy`, `attention`, or `focal` with
    /// `"focalX"` and `"focalY"` in 0…1; missing encoder settings and `filter` take their defaults, and the spec is checked as
    /// ``init(_:fitting:format:filter:)`` checks it.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        let name = try values.decode(String.self, forKey: .name)
        let box = Size(
            width: try values.decode(Int.self, forKey: .width), height: try values.decode(Int.self, forKey: .height))
        let shape: Shape
        switch try values.decode(String.self, forKey: .shape) {
        case "fit": shape = .fitting(box)
        case "fill": shape = .filling(box)
        case let other: throw Self.corrupt(.shape, in: values, "unknown shape \"\(other)\" (fit or fill)")
        }
        let format: ImageEncoding
        switch try values.decodeIfPresent(String.self, forKey: .format) ?? "jpeg" {
        case "jpeg":
            let defaults = JPEGOptions()
            let subsamplingName = try values.decodeIfPresent(String.self, forKey: .subsampling)
            guard let subsampling = subsamplingName.map(ChromaSubsampling.init(canonicalName:)) ?? defaults.subsampling
            else { throw Self.corrupt(.subsampling, in: values, "unknown subsampling (444, 422 or 420)") }
            let background = try values.decodeIfPresent([UInt8].self, forKey: .background)
            guard background == nil || background?.count == 4 else {
                throw Self.corrupt(.background, in: values, "the background must be [red, green, blue, alpha]")
            }
            format = .jpeg(
                JPEGOptions(
                    quality: try values.decodeIfPresent(Int.self, forKey: .quality) ?? defaults.quality,
                    progressive: try values.decodeIfPresent(Bool.self, forKey: .progressive) ?? defaults.progressive,
                    subsampling: subsampling,
                    background: background.map { Color(red: $0[0], green: $0[1], blue: $0[2], alpha: $0[3]) }
                        ?? defaults.background))
        case "png":
            format = .png(
                compressionLevel: try values.decodeIfPresent(Int.self, forKey: .compressionLevel)
                    ?? PNGOptions().compressionLevel)
        case "webp":
            let defaults = WebPOptions()
            format = .webp(
                WebPOptions(
                    quality: try values.decodeIfPresent(Int.self, forKey: .quality) ?? defaults.quality,
                    lossless: try values.decodeIfPresent(Bool.self, forKey: .lossless) ?? defaults.lossless))
        case "avif":
            format = .avif(
                AVIFOptions(quality: try values.decodeIfPresent(Int.self, forKey: .quality) ?? AVIFOptions().quality))
        case let other:
            throw Self.corrupt(.format, in: values, "unknown format \"\(other)\" (jpeg, png, webp or avif)")
        }
        let filterName =
            try values.decodeIfPresent(String.self, forKey: .filter) ?? ResamplingFilter.bicubic.description
        guard let filter = ResamplingFilter.allCases.first(where: { $0.description == filterName }) else {
            throw Self.corrupt(.filter, in: values, "unknown filter \"\(filterName)\"")
        }
        let crop: CropStrategy
        switch try values.decodeIfPresent(String.self, forKey: .crop) ?? "centre" {
        case "centre": crop = .centre
        case "entropy": crop = .entropy
        case "attention": crop = .attention
        case "focal":
            let x = try values.decode(Double.self, forKey: .focalX)
            let y = try values.decode(Double.self, forKey: .focalY)
            guard let focal = try? CropStrategy.focalPoint(x: x, y: y) else {
                throw Self.corrupt(.focalX, in: values, "the focal point (\(x), \(y)) is outside 0…1")
            }
            crop = focal
        case let other:
            throw Self.corrupt(.crop, in: values, "unknown crop \"\(other)\" (centre, focal, entropy or attention)")
        }
        do {
            try self.init(name, shape: shape, format: format, filter: filter, crop: crop)
        } catch {
            throw Self.corrupt(.name, in: values, error.description)
        }
    }

    /// Encodes every parameter, so that the object reads the same whatever the defaults become.
    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(name, forKey: .name)
        switch shape {
        case .fitting: try values.encode("fit", forKey: .shape)
        case .filling: try values.encode("fill", forKey: .shape)
        }
        try values.encode(shape.box.width, forKey: .width)
        try values.encode(shape.box.height, forKey: .height)
        switch format {
        case .jpeg(let options):
            try values.encode("jpeg", forKey: .format)
            try values.encode(options.quality, forKey: .quality)
            try values.encode(options.progressive, forKey: .progressive)
            try values.encode(options.subsampling.canonicalName, forKey: .subsampling)
            let background = options.background
            try values.encode(
                [background.red, background.green, background.blue, background.alpha], forKey: .background)
        case .png(let options):
            try values.encode("png", forKey: .format)
            try values.encode(options.compressionLevel, forKey: .compressionLevel)
        case .webp(let options):
            try values.encode("webp", forKey: .format)
            try values.encode(options.quality, forKey: .quality)
            try values.encode(options.lossless, forKey: .lossless)
        case .avif(let options):
            try values.encode("avif", forKey: .format)
            try values.encode(options.quality, forKey: .quality)
        }
        try values.encode(filter.description, forKey: .filter)
        if case .filling = shape {
            if let focus = crop.focalPoint {
                try values.encode("focal", forKey: .crop)
                try values.encode(focus.x, forKey: .focalX)
                try values.encode(focus.y, forKey: .focalY)
            } else {
                try values.encode(crop.description, forKey: .crop)
            }
        }
    }

    private static func corrupt(
        _ key: CodingKeys, in values: KeyedDecodingContainer<CodingKeys>, _ reason: String
    ) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: values, debugDescription: reason)
    }
}
