// libFuzzer target: the header probe, checked against a full decode of the same bytes.
// A probe must never fail where a decode succeeds, and both must agree on the size.
import FuzzSupport
import Imaging
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    let info = ImagingChecks.probe(bytes)
    var options = DecodingOptions(maximumPixelCount: ImagingChecks.pixelLimit)
    options.appliesOrientation = false
    options.allowTruncated = true
    guard let image = ImagingChecks.decode(bytes, options: options) else { return 0 }
    guard let info else { preconditionFailure("probe failed on bytes that decode") }
    precondition(
        info.width == image.width && info.height == image.height,
        "probe says \(info.width)x\(info.height), decode gives \(image.width)x\(image.height)"
    )
    return 0
}
