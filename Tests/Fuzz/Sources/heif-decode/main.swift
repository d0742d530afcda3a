// libFuzzer target: HEIC / HEIF / AVIF decode (the Swift meta-box parser, then libheif) with
// fuzzer-chosen options (seeds: the corpus HEICs and AVIF and the HEIC bomb).
import FuzzSupport
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes)
    ImagingChecks.decode(bytes, options: ImagingChecks.decodingOptions(&choices))
    return 0
}
