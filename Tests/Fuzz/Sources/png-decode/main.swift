// libFuzzer target: PNG decode with fuzzer-chosen options (seeds: the PngSuite and the corpus PNGs).
import FuzzSupport
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes)
    ImagingChecks.decode(bytes, options: ImagingChecks.decodingOptions(&choices))
    return 0
}
