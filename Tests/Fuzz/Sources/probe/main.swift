// libFuzzer target: the header probe, checked against a full decode of the same bytes.
// Whenever the decode succeeds, the probe must succeed too and agree on the size, the
// pixel format and (with orientation applied) the displayed size.
import FuzzSupport
import Imaging
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    let info = ImagingChecks.probe(bytes)
    var choices = FuzzChoices(trailingBytesOf: bytes)
    var options = DecodingOptions(maximumPixelCount: ImagingChecks.pixelLimit)
    options.appliesOrientation = choices.bool()
    options.allowTruncated = choices.bool()
    guard let image = ImagingChecks.decode(bytes, options: options) else { return 0 }
    guard let info else { preconditionFailure("probe failed on bytes that decode") }
    let expected = options.appliesOrientation ? info.displaySize : info.size
    precondition(image.size == expected, "probe says \(expected), decode gives \(image.size)")
    precondition(
        image.pixelFormat == info.pixelFormat, "probe says \(info.pixelFormat), decode gives \(image.pixelFormat)")
    return 0
}
