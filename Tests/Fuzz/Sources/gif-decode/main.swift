// libFuzzer target: GIF first-frame decode with fuzzer-chosen options (seeds: the corpus GIFs and
// the GIF bomb).
import FuzzSupport
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes)
    ImagingChecks.decode(bytes, options: ImagingChecks.decodingOptions(&choices))
    return 0
}
