/// Reads a GIF's logical screen descriptor and its records up to the first image descriptor, in
/// pure Swift, never past it.
///
/// The size is the logical screen's, grown to hold the first frame when that frame reaches past it
/// (Pillow does the same); the image has alpha when the graphic control extension before the first
/// frame sets a transparent colour.
enum GIFHeaderParser {
    /// What the header says about the first frame.
    struct FirstFrame {
        /// The canvas: the logical screen, grown to hold the frame.
        var canvas: Size
        var transparentIndex: Int?
    }

    static func parse(_ view: Span<UInt8>) throws(ImagingError) -> ImageInfo {
        let frame = try firstFrame(view)
        let hasAlpha = frame.transparentIndex != nil
        return ImageInfo(
            format: .gif, width: frame.canvas.width, height: frame.canvas.height, hasAlpha: hasAlpha,
            pixelFormat: hasAlpha ? .rgba : .rgb, bitDepth: 8, componentCount: hasAlpha ? 4 : 3)
    }

    static func firstFrame(_ view: Span<UInt8>) throws(ImagingError) -> FirstFrame {
        let truncated = ImagingError.truncated(.gif, offset: view.count)
        guard let screenWidth = view.uint16(at: 6, bigEndian: false),
            let screenHeight = view.uint16(at: 8, bigEndian: false), let packed = view.uint8(at: 10), view.count >= 13
        else { throw truncated }
        var offset = 13 + colorTableSize(packed)
        var transparentIndex: Int?
        while true {
            guard let introducer = view.uint8(at: offset) else { throw truncated }
            switch introducer {
            case 0x21:
                // Extension: a label, then data sub-blocks, each a length byte and that many bytes.
                guard let label = view.uint8(at: offset + 1) else { throw truncated }
                var block = offset + 2
                if label == 0xF9, view.uint8(at: block) ?? 0 >= 4 {
                    guard let flags = view.uint8(at: block + 1), let index = view.uint8(at: block + 4) else {
                        throw truncated
                    }
                    transparentIndex = flags & 1 == 1 ? Int(index) : nil
                }
                while true {
                    guard let length = view.uint8(at: block) else { throw truncated }
                    block += 1 + Int(length)
                    if length == 0 { break }
                }
                offset = block
            case 0x2C:
                guard let left = view.uint16(at: offset + 1, bigEndian: false),
                    let top = view.uint16(at: offset + 3, bigEndian: false),
                    let width = view.uint16(at: offset + 5, bigEndian: false),
                    let height = view.uint16(at: offset + 7, bigEndian: false), view.count >= offset + 10
                else { throw truncated }
                let canvas = Size(width: max(screenWidth, left + width), height: max(screenHeight, top + height))
                guard canvas.width > 0, canvas.height > 0, width > 0, height > 0 else {
                    throw .invalidDimensions(width: width, height: height)
                }
                return FirstFrame(canvas: canvas, transparentIndex: transparentIndex)
            case 0x3B:
                throw .corrupt(.gif, reason: "the file ends (trailer) before its first image")
            default:
                throw .corrupt(.gif, reason: "unknown record introducer \(introducer) at byte \(offset)")
            }
        }
    }

    /// The bytes of the colour table a packed field announces (its top bit, its size in the low 3).
    static func colorTableSize(_ packed: UInt8) -> Int {
        packed & 0x80 == 0 ? 0 : 3 << (Int(packed & 0x07) + 1)
    }
}
