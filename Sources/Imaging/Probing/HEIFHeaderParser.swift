/// Reads the size and alpha of a HEIC / HEIF / AVIF file's primary image from its `meta` box, in
/// pure Swift, without a codec.
///
/// ISO/IEC 23008-12: `meta` holds `pitm` (the primary item), `iprp` with `ipco` (the item
/// properties) and `ipma` (which item has which), and `iref` (an `auxl` reference from an alpha
/// plane to its image). The size is the primary item's `ispe`, cut to its clean aperture (`clap`,
/// rounded to the nearest pixel) and swapped when its `irot` turns it a quarter: the size libheif
/// decodes to, since it applies the transformations. The decoder refuses a file whose decoded
/// size differs from it, so the probe and the decoder always agree.
enum HEIFHeaderParser {
    static func parse(_ view: Span<UInt8>) throws(ImagingError) -> ImageInfo {
        let format = ImageFormat(detecting: view) ?? .heif
        let meta = try metaBox(view, format: format)
        let parser = MetaParser(format: format)
        return try parser.parse(view, meta: meta)
    }

    /// One box: its type, and the range of its payload (after the header).
    struct Box {
        var type: [UInt8]
        var start: Int
        var payload: Range<Int>
    }

    /// The box at `offset` inside `bounds`, or `nil` when its header is not all there; a box whose
    /// payload runs past `bounds` has its payload cut to `bounds` (`isComplete` says whether it was).
    static func box(_ view: Span<UInt8>, at offset: Int, in bounds: Range<Int>) -> (box: Box, isComplete: Bool)? {
        guard offset + 8 <= bounds.upperBound, let size32 = view.uint32(at: offset) else { return nil }
        let type = (offset + 4..<offset + 8).map { view[$0] }
        var header = 8
        var size = size32
        if size32 == 1 {
            guard offset + 16 <= bounds.upperBound, let high = view.uint32(at: offset + 8),
                let low = view.uint32(at: offset + 12)
            else { return nil }
            header = 16
            // Beyond Int32 is beyond any file this library reads; clamp instead of overflowing.
            size = high > 0 ? Int(Int32.max) : low
        } else if size32 == 0 {
            size = bounds.upperBound - offset
        }
        // The payload never starts or ends outside `bounds`, whatever the size field says.
        let payloadStart = offset + header
        guard size >= header else {
            // A size smaller than its own header: an empty box, so that a walk still moves on.
            return (Box(type: type, start: offset, payload: payloadStart..<payloadStart), true)
        }
        let (end, overflow) = offset.addingReportingOverflow(size)
        let isComplete = !overflow && end <= bounds.upperBound
        let payloadEnd = isComplete ? end : bounds.upperBound
        return (Box(type: type, start: offset, payload: payloadStart..<max(payloadStart, payloadEnd)), isComplete)
    }

    /// The top-level `meta` box, which must be complete in `view`.
    private static func metaBox(_ view: Span<UInt8>, format: ImageFormat) throws(ImagingError) -> Box {
        var offset = 0
        let all = 0..<view.count
        while true {
            guard let found = box(view, at: offset, in: all) else { throw .truncated(format, offset: view.count) }
            let (box, isComplete) = found
            if box.type == Array("meta".utf8) {
                guard isComplete else { throw .truncated(format, offset: view.count) }
                return box
            }
            guard isComplete, box.payload.upperBound > offset else {
                // The meta box comes before the media data in every HEIF writer; a file whose
                // boxes end without one has no image description.
                throw isComplete ? .corrupt(format, reason: "an empty box") : .truncated(format, offset: view.count)
            }
            offset = box.payload.upperBound
        }
    }

    /// The children of `parent`, from `skip` bytes into its payload (4 for a full box).
    static func children(_ view: Span<UInt8>, of parent: Box, skip: Int = 0) -> [Box] {
        var result: [Box] = []
        var offset = parent.payload.lowerBound + skip
        while let child = box(view, at: offset, in: parent.payload)?.box, child.payload.upperBound > offset {
            result.append(child)
            offset = child.payload.upperBound
        }
        return result
    }
}

/// The walk over one `meta` box.
private struct MetaParser {
    let format: ImageFormat

    func corrupt(_ reason: String) -> ImagingError { .corrupt(format, reason: reason) }

    func parse(_ view: Span<UInt8>, meta: HEIFHeaderParser.Box) throws(ImagingError) -> ImageInfo {
        var primary: Int?
        var properties: [HEIFHeaderParser.Box] = []
        var associations: [Int: [Int]] = [:]
        var auxiliaryOf: [(from: Int, to: [Int])] = []
        for child in HEIFHeaderParser.children(view, of: meta, skip: 4) {
            switch String(decoding: child.type, as: UTF8.self) {
            case "pitm":
                let version = view.uint8(at: child.payload.lowerBound) ?? 0
                primary =
                    version == 0
                    ? view.uint16(at: child.payload.lowerBound + 4) : view.uint32(at: child.payload.lowerBound + 4)
            case "iprp":
                for box in HEIFHeaderParser.children(view, of: child) {
                    if box.type == Array("ipco".utf8) {
                        properties = HEIFHeaderParser.children(view, of: box)
                    } else if box.type == Array("ipma".utf8) {
                        parseAssociations(view, box, into: &associations)
                    }
                }
            case "iref":
                let version = view.uint8(at: child.payload.lowerBound) ?? 0
                for reference in HEIFHeaderParser.children(view, of: child, skip: 4)
                where reference.type == Array("auxl".utf8) {
                    auxiliaryOf.append(parseReference(view, reference, wide: version != 0))
                }
            default:
                continue
            }
        }
        guard let primary else { throw corrupt("no primary item (pitm)") }
        func property(_ type: String, of item: Int) -> HEIFHeaderParser.Box? {
            for index in associations[item] ?? [] where index >= 1 && index <= properties.count {
                if properties[index - 1].type == Array(type.utf8) { return properties[index - 1] }
            }
            return nil
        }
        guard let ispe = property("ispe", of: primary), let width = view.uint32(at: ispe.payload.lowerBound + 4),
            let height = view.uint32(at: ispe.payload.lowerBound + 8)
        else { throw corrupt("the primary item has no image size (ispe)") }
        guard width > 0, height > 0 else { throw .invalidDimensions(width: width, height: height) }
        var size = Size(width: width, height: height)
        if let clap = property("clap", of: primary) {
            size = cleanAperture(view, clap, of: size)
        }
        if let irot = property("irot", of: primary), (view.uint8(at: irot.payload.lowerBound) ?? 0) & 1 == 1 {
            size = Size(width: size.height, height: size.width)
        }
        let bitDepth = property("pixi", of: primary).flatMap { view.uint8(at: $0.payload.lowerBound + 5) }.map(Int.init)
        let hasAlpha = auxiliaryOf.contains { reference in
            reference.to.contains(primary) && property("auxC", of: reference.from).map { isAlpha(view, $0) } == true
        }
        return ImageInfo(
            format: format, width: size.width, height: size.height, hasAlpha: hasAlpha,
            pixelFormat: hasAlpha ? .rgba : .rgb, bitDepth: bitDepth ?? 8, componentCount: hasAlpha ? 4 : 3)
    }

    /// The clean aperture's size: its width and height fractions rounded to the nearest pixel, at
    /// least 1 and at most the image (libheif clamps the crop to the image the same way).
    private func cleanAperture(_ view: Span<UInt8>, _ box: HEIFHeaderParser.Box, of size: Size) -> Size {
        let start = box.payload.lowerBound
        guard let widthN = view.uint32(at: start), let widthD = view.uint32(at: start + 4),
            let heightN = view.uint32(at: start + 8), let heightD = view.uint32(at: start + 12), widthD > 0,
            heightD > 0
        else { return size }
        func rounded(_ numerator: Int, _ denominator: Int, limit: Int) -> Int {
            min(limit, max(1, Int((Double(numerator) / Double(denominator)).rounded())))
        }
        return Size(
            width: rounded(widthN, widthD, limit: size.width), height: rounded(heightN, heightD, limit: size.height))
    }

    /// `ipma`: for each item, its property indices (1-based; 7 or 15 bits after the essential bit).
    private func parseAssociations(_ view: Span<UInt8>, _ box: HEIFHeaderParser.Box, into map: inout [Int: [Int]]) {
        let start = box.payload.lowerBound
        let version = view.uint8(at: start) ?? 0
        let wideIndex = (view.uint8(at: start + 3) ?? 0) & 1 == 1
        guard let count = view.uint32(at: start + 4) else { return }
        var offset = start + 8
        for _ in 0..<min(count, box.payload.count) {
            guard let item = version == 0 ? view.uint16(at: offset) : view.uint32(at: offset) else { return }
            offset += version == 0 ? 2 : 4
            guard let associationCount = view.uint8(at: offset) else { return }
            offset += 1
            var indices: [Int] = []
            for _ in 0..<Int(associationCount) {
                guard offset < box.payload.upperBound else { return }
                if wideIndex {
                    guard let value = view.uint16(at: offset) else { return }
                    indices.append(value & 0x7FFF)
                    offset += 2
                } else {
                    guard let value = view.uint8(at: offset) else { return }
                    indices.append(Int(value & 0x7F))
                    offset += 1
                }
            }
            map[item, default: []] += indices
        }
    }

    /// One item reference: the referring item and the items it refers to.
    private func parseReference(_ view: Span<UInt8>, _ box: HEIFHeaderParser.Box, wide: Bool) -> (from: Int, to: [Int])
    {
        var offset = box.payload.lowerBound
        let from = (wide ? view.uint32(at: offset) : view.uint16(at: offset)) ?? -1
        offset += wide ? 4 : 2
        let count = view.uint16(at: offset) ?? 0
        offset += 2
        var to: [Int] = []
        for _ in 0..<count {
            guard let item = wide ? view.uint32(at: offset) : view.uint16(at: offset) else { break }
            to.append(item)
            offset += wide ? 4 : 2
        }
        return (from, to)
    }

    /// Whether an `auxC` box names an alpha plane (HEVC's or MPEG-B's URN).
    private func isAlpha(_ view: Span<UInt8>, _ box: HEIFHeaderParser.Box) -> Bool {
        guard box.payload.count > 4 else { return false }
        let urn = (box.payload.lowerBound + 4..<box.payload.upperBound).prefix { view[$0] != 0 }.map { view[$0] }
        let text = String(decoding: urn, as: UTF8.self)
        return text == "urn:mpeg:hevc:2015:auxid:1" || text == "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"
    }
}
