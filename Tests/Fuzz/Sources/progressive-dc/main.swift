// libFuzzer target: DC-only decoding of progressive JPEGs at 1/8 (seeds: Tests/Fixtures/progressive).
// Checks: the DC-only decode (the file rewritten as a baseline one, or its unread AC scans replaced)
// gives the whole file's image whenever the whole file gives one, else a typed error or an image;
// the baseline rewrite alone, when it takes the file, decodes to the whole file's image; the streamed decode (in fuzzer-chosen
// pieces) agrees with the in-memory one; the scan filter writes the same bytes whatever the pieces.
// `@testable`: the whole-file path and the filter are internal (debug builds are testable).
import FuzzSupport
import ImagingChecks

@testable import Imaging

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes, count: 4)
    let pieceSize = choices.integer(in: 1...4096)
    let options = DecodingOptions(maximumPixelCount: ImagingChecks.pixelLimit, minimumSize: Size(square: 1))

    func decode(dropping: Bool) -> Result<Image, ImagingError> {
        Result { () throws(ImagingError) in
            try JPEGDecoder.decode(bytes.span, options: options, droppingUnreadScans: dropping)
        }
    }
    let dropped = decode(dropping: true)
    if case .success(let image) = dropped { ImagingChecks.check(image, limit: ImagingChecks.pixelLimit) }
    if case .success(let whole) = decode(dropping: false) {
        precondition(dropped == .success(whole), "the DC-only decode differs from the whole file's")
    }

    // The rewrite on its own (the decoder above falls back to the scan filter when it declines).
    if let rewritten = bytes.withUnsafeBufferPointer({ JPEGEighthScaleRewriter.baseline(of: $0) }) {
        var plain = options
        plain.appliesOrientation = false
        let fromRewrite = Result { () throws(ImagingError) in
            try JPEGDecoder.decode(rewritten.span, options: plain, droppingUnreadScans: false)
        }
        let whole = Result { () throws(ImagingError) in
            try JPEGDecoder.decode(bytes.span, options: plain, droppingUnreadScans: false)
        }
        if case .success(let image) = whole {
            precondition(fromRewrite == .success(image), "the rewritten baseline file decodes differently")
        }
    }

    var offset = 0
    let stream = JPEGByteStream<Never>(prefix: [], ended: false) { count in
        let end = min(bytes.count, offset + min(count, pieceSize))
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
    let streamed = Result { () throws(ThumbnailReadingError<Never>) in
        try stream.decode(scale: JPEGScale(numerator: 1, denominator: 8), options: options)
    }
    if case .success(let image) = streamed, case .success(let inMemory) = dropped,
        ImageFormat(detecting: bytes) == .jpeg
    {
        // Orientation is applied only in memory; compare sizes up to a quarter turn.
        precondition(
            image.size == inMemory.size || image.size == Size(width: inMemory.height, height: inMemory.width),
            "streamed \(image.size), in memory \(inMemory.size)")
    }

    var whole: [UInt8] = []
    var wholeFilter = JPEGDCScanFilter(allowingTruncation: false)
    bytes.withUnsafeBufferPointer { wholeFilter.process($0, into: &whole) }
    var pieces: [UInt8] = []
    var pieceFilter = JPEGDCScanFilter(allowingTruncation: false)
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + pieceSize)
        bytes[start..<end].withUnsafeBufferPointer { pieceFilter.process($0, into: &pieces) }
        start = end
    }
    precondition(pieces == whole, "the filter's output depends on the pieces")
    return 0
}
