// libFuzzer target: the thumbnail path, decode → resample → encode → decode again, with the
// fuzzer choosing the box, fit or fill, filter, reducing gap, decoding options and encoder
// settings (from the input's last bytes). Checks: the one-call path agrees in size with
// decode-then-thumbnail; a thumbnail always encodes; the encoded bytes decode back at its size.
import FuzzSupport
import Imaging
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes, count: 24)
    var options = DecodingOptions(maximumPixelCount: ImagingChecks.pixelLimit)
    options.appliesOrientation = choices.bool()
    options.allowTruncated = choices.bool()
    let box = Size(width: choices.integer(in: 1...320), height: choices.integer(in: 1...320))
    let filter = choices.pick(ResamplingFilter.allCases)
    let gap = choices.pick([nil, 1.0, 1.5, 2.0, 3.0] as [Double?])
    let fills = choices.integer(in: 0...3) == 0
    let encoding: ImageEncoding =
        choices.bool()
        ? .jpeg(
            quality: choices.integer(in: 1...100), progressive: choices.bool(),
            subsampling: choices.pick(ChromaSubsampling.allCases),
            background: Color(red: choices.byte(), green: choices.byte(), blue: choices.byte()))
        : .png(compressionLevel: choices.integer(in: 0...9))

    let thumbnail: Image
    do {
        thumbnail =
            fills
            ? try Image(thumbnailOf: bytes, filling: box, filter: filter, reducingGap: gap, options: options)
            : try Image(thumbnailOf: bytes, fitting: box, filter: filter, reducingGap: gap, options: options)
    } catch {
        return 0
    }
    ImagingChecks.check(thumbnail, limit: ImagingChecks.pixelLimit)
    if fills {
        precondition(thumbnail.size == box, "filled \(box) gave \(thumbnail.size)")
    } else if let image = ImagingChecks.decode(bytes, options: options) {
        let expected = try! image.thumbnail(fitting: box, filter: filter, reducingGap: gap).size
        precondition(thumbnail.size == expected, "one call gave \(thumbnail.size), two steps \(expected)")
    }
    let encoded: [UInt8]
    do {
        encoded = try thumbnail.encoded(as: encoding)
    } catch {
        preconditionFailure("a \(thumbnail.size) \(thumbnail.pixelFormat) thumbnail did not encode: \(error)")
    }
    guard let back = ImagingChecks.decode(encoded, options: DecodingOptions()) else {
        preconditionFailure("the encoded thumbnail does not decode")
    }
    precondition(back.size == thumbnail.size, "encoded \(thumbnail.size), decoded back \(back.size)")
    return 0
}
