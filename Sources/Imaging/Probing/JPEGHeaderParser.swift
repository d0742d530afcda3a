/// Reads JPEG markers up to the frame header (SOFn), collecting the EXIF orientation and the ICC
/// profile's `APP2` chunks on the way (encoders write both right after SOI).
enum JPEGHeaderParser {
    static func parse(_ view: Span<UInt8>) throws(ImagingError) -> ImageInfo {
        let truncated = ImagingError.truncated(.jpeg, offset: view.count)
        var orientation = Orientation.up
        var sawExif = false
        var colorProfile = JPEGICCSegments()
        var offset = 2  // after SOI
        while true {
            // Markers are 0xFF, optional 0xFF fill bytes, then the code. Stray bytes between
            // segments are skipped, as libjpeg does (with a warning).
            while let byte = view.uint8(at: offset), byte != 0xFF { offset += 1 }
            while view.uint8(at: offset) == 0xFF { offset += 1 }
            guard let marker = view.uint8(at: offset) else { throw truncated }
            offset += 1
            switch marker {
            case 0x00, 0x01, 0xD0...0xD8:
                continue  // stuffed byte, TEM, RSTn, SOI: no length
            case 0xD9, 0xDA:
                throw .corrupt(.jpeg, reason: "no frame header (SOF) before the first scan")
            default:
                break
            }
            guard let length = view.uint16(at: offset) else { throw truncated }
            guard length >= 2 else {
                throw .corrupt(.jpeg, reason: "marker 0xFF\(hex(marker)) has an invalid length \(length)")
            }
            let body = offset + 2
            let bodyCount = length - 2
            if isFrameHeader(marker) {
                guard let segment = view.range(from: body, count: bodyCount) else { throw truncated }
                var info = try frameInfo(marker: marker, segment: view.extracting(segment), orientation: orientation)
                info.iccProfile = colorProfile.profile
                return info
            }
            if marker == 0xE2, view.matches(JPEGICCSegments.identifier, at: body) {
                guard let segment = view.range(from: body, count: bodyCount) else { throw truncated }
                colorProfile.add(view.extracting(segment))
            }
            if marker == 0xE1, !sawExif, view.matches(Array("Exif\0\0".utf8), at: body) {
                guard let segment = view.range(from: body + 6, count: bodyCount - 6) else { throw truncated }
                orientation = EXIFParser.orientation(inTIFF: view.extracting(segment)) ?? .up
                sawExif = true
            }
            offset = body + bodyCount
        }
    }

    /// SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    private static func isFrameHeader(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    private static func frameInfo(
        marker: UInt8, segment: Span<UInt8>, orientation: Orientation
    ) throws(ImagingError) -> ImageInfo {
        guard let precision = segment.uint8(at: 0), let height = segment.uint16(at: 1),
            let width = segment.uint16(at: 3), let components = segment.uint8(at: 5),
            segment.count >= 6 + 3 * Int(components)
        else { throw .corrupt(.jpeg, reason: "the frame header (SOF) is too short") }
        switch marker {
        case 0xC3, 0xCB: throw .unsupported(.jpeg, feature: "lossless JPEG (SOF\(marker - 0xC0))")
        case 0xC5...0xC7, 0xCD...0xCF:
            throw .unsupported(.jpeg, feature: "hierarchical JPEG (SOF\(marker - 0xC0))")
        default: break
        }
        guard precision == 8 else {
            throw .unsupported(.jpeg, feature: "\(precision)-bit samples (libjpeg-turbo 2.1 decodes 8-bit JPEG only)")
        }
        guard width > 0, height > 0 else { throw .invalidDimensions(width: width, height: height) }
        guard components == 1 || components == 3 || components == 4 else {
            throw .unsupported(.jpeg, feature: "\(components) colour components")
        }
        return ImageInfo(
            format: .jpeg, width: width, height: height, orientation: orientation, hasAlpha: false,
            pixelFormat: components == 1 ? .gray : .rgb, bitDepth: 8,
            isProgressive: marker == 0xC2 || marker == 0xCA, componentCount: Int(components))
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
