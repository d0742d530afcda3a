#if GIF
internal import CGif

/// Decodes the first frame of a GIF with giflib, reading records only up to that frame.
///
/// The canvas is the logical screen (grown to hold the frame, as Pillow grows it), checked
/// against the pixel limit from the pure-Swift header pass before giflib is opened. The frame
/// is placed at its offset; the rest of the canvas is transparent when the frame has a
/// transparent colour (output ``PixelFormat/rgba``), else the screen's background colour
/// (output ``PixelFormat/rgb``). `DGifSlurp` is never used: it decodes every frame.
enum GIFDecoder {
    static func decode(_ bytes: Span<UInt8>, options: DecodingOptions) throws(ImagingError) -> Image {
        let header = try GIFHeaderParser.firstFrame(bytes)
        try options.checkPixelLimit(width: header.canvas.width, height: header.canvas.height)
        return try bytes.withUnsafeBufferPointer { (data) throws(ImagingError) in
            try decode(data, canvas: header.canvas, options: options)
        }
    }

    private static func decode(_ data: UnsafeBufferPointer<UInt8>, canvas: Size, options: DecodingOptions)
        throws(ImagingError) -> Image
    {
        let reader = try GIFReader(data)
        let gif = reader.gif
        var transparentIndex: Int?
        while true {
            var type = UNDEFINED_RECORD_TYPE
            try reader.check(DGifGetRecordType(gif, &type))
            switch type {
            case EXTENSION_RECORD_TYPE:
                var code: Int32 = 0
                var block: UnsafeMutablePointer<GifByteType>?
                try reader.check(DGifGetExtension(gif, &code, &block))
                if code == GRAPHICS_EXT_FUNC_CODE, let block, block[0] >= 4 {
                    transparentIndex = block[1] & 1 == 1 ? Int(block[4]) : nil
                }
                while block != nil { try reader.check(DGifGetExtensionNext(gif, &block)) }
            case IMAGE_DESC_RECORD_TYPE:
                try reader.check(DGifGetImageDesc(gif))
                return try readFrame(reader, canvas: canvas, transparentIndex: transparentIndex, options: options)
            case TERMINATE_RECORD_TYPE:
                throw .corrupt(.gif, reason: "the file ends (trailer) before its first image")
            default:
                throw .corrupt(.gif, reason: "giflib read an unknown record type")
            }
        }
    }

    /// Reads the frame giflib has just described, index by index, onto the canvas.
    private static func readFrame(
        _ reader: borrowing GIFReader, canvas: Size, transparentIndex: Int?, options: DecodingOptions
    ) throws(ImagingError) -> Image {
        let gif = reader.gif
        let descriptor = gif.pointee.Image
        let (left, top) = (Int(descriptor.Left), Int(descriptor.Top))
        let (width, height) = (Int(descriptor.Width), Int(descriptor.Height))
        // giflib's own reading of the descriptor must agree with the header pass.
        guard width > 0, height > 0, left + width <= canvas.width, top + height <= canvas.height else {
            throw .corrupt(.gif, reason: "the first frame \(width)×\(height)+\(left)+\(top) is outside the screen")
        }
        let palette = Palette(descriptor.ColorMap ?? gif.pointee.SColorMap)
        // Index rows in file order; an interlaced frame stores rows in four passes.
        var indices = [UInt8](repeating: 0, count: width * height)
        try indices.withUnsafeMutableBufferPointer { (indices) throws(ImagingError) in
            for row in rowOrder(height: height, interlaced: descriptor.Interlace) {
                try reader.check(DGifGetLine(gif, indices.baseAddress! + row * width, Int32(width)))
            }
        }
        let pixelFormat: PixelFormat = transparentIndex == nil ? .rgb : .rgba
        let channels = pixelFormat.channelCount
        let background: [UInt8] =
            transparentIndex == nil ? palette.color(Int(gif.pointee.SBackGroundColor)) : [0, 0, 0, 0]
        var pixels = [UInt8](repeating: 0, count: canvas.width * canvas.height * channels)
        if transparentIndex == nil {
            for pixel in 0..<canvas.width * canvas.height {
                pixels[pixel * 3] = background[0]
                pixels[pixel * 3 + 1] = background[1]
                pixels[pixel * 3 + 2] = background[2]
            }
        }
        for y in 0..<height {
            for x in 0..<width {
                let index = Int(indices[y * width + x])
                let out = ((top + y) * canvas.width + left + x) * channels
                if index == transparentIndex { continue }
                let color = palette.color(index)
                pixels[out] = color[0]
                pixels[out + 1] = color[1]
                pixels[out + 2] = color[2]
                if channels == 4 { pixels[out + 3] = 255 }
            }
        }
        return Image(unchecked: canvas.width, height: canvas.height, pixelFormat: pixelFormat, pixels: pixels)
    }

    /// The row each line of a frame's data fills: in order, or by the four interlace passes.
    static func rowOrder(height: Int, interlaced: Bool) -> [Int] {
        guard interlaced else { return Array(0..<height) }
        return [(0, 8), (4, 8), (2, 4), (1, 2)].flatMap { start, step in
            Array(stride(from: start, to: height, by: step))
        }
    }
}

/// A GIF colour table as RGB triples; indices past its end are black, as in Pillow.
private struct Palette {
    var colors: [[UInt8]]

    init(_ map: UnsafeMutablePointer<ColorMapObject>?) {
        guard let map, let entries = map.pointee.Colors else {
            // No colour table at all: a gray ramp, as Pillow assumes.
            colors = (0..<256).map { [UInt8($0), UInt8($0), UInt8($0)] }
            return
        }
        colors = (0..<Int(max(0, map.pointee.ColorCount))).map {
            [entries[$0].Red, entries[$0].Green, entries[$0].Blue]
        }
    }

    func color(_ index: Int) -> [UInt8] { index < colors.count ? colors[index] : [0, 0, 0] }
}

/// Owns a giflib reader over memory (`DGifOpen` with a read function); `deinit` closes it.
private struct GIFReader: ~Copyable {
    let gif: UnsafeMutablePointer<GifFileType>
    private let input: GIFInput

    init(_ data: UnsafeBufferPointer<UInt8>) throws(ImagingError) {
        let input = GIFInput(data)
        var error: Int32 = 0
        guard
            let gif = DGifOpen(
                Unmanaged.passUnretained(input).toOpaque(),
                { gif, buffer, length in GIFInput.read(gif, buffer, length) },
                &error)
        else {
            throw GIFReader.failure(error, dataCount: data.count)
        }
        self.gif = gif
        self.input = input
    }

    func check(_ status: Int32) throws(ImagingError) {
        if status == GIF_ERROR { throw GIFReader.failure(gif.pointee.Error, dataCount: input.count) }
    }

    static func failure(_ code: Int32, dataCount: Int) -> ImagingError {
        if code == D_GIF_ERR_READ_FAILED || code == D_GIF_ERR_EOF_TOO_SOON {
            return .truncated(.gif, offset: dataCount)
        }
        let message = GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
        return .corrupt(.gif, reason: message)
    }

    deinit {
        var error: Int32 = 0
        DGifCloseFile(gif, &error)
    }
}

/// The bytes giflib pulls through its input function, and how far it has read.
private final class GIFInput {
    let base: UnsafePointer<UInt8>?
    let count: Int
    var offset = 0

    init(_ data: UnsafeBufferPointer<UInt8>) {
        base = data.baseAddress
        count = data.count
    }

    /// giflib's `InputFunc`: copies up to `length` bytes, fewer at the end (giflib then fails
    /// with `D_GIF_ERR_READ_FAILED`, which is truncation).
    static func read(
        _ gif: UnsafeMutablePointer<GifFileType>?, _ buffer: UnsafeMutablePointer<GifByteType>?, _ length: Int32
    ) -> Int32 {
        guard let gif, let buffer, let userData = gif.pointee.UserData else { return 0 }
        let input = Unmanaged<GIFInput>.fromOpaque(userData).takeUnretainedValue()
        let count = min(Int(max(0, length)), input.count - input.offset)
        if count > 0, let source = input.base {
            buffer.update(from: source + input.offset, count: count)
            input.offset += count
        }
        return Int32(count)
    }
}
#endif
