// libFuzzer target: WebP decode with fuzzer-chosen options (seeds: the corpus WebPs and the WebP bomb).
import FuzzSupport
import ImagingChecks

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes)
    ImagingChecks.decode(bytes, options: ImagingChecks.decodingOptions(&choices))
    return 0
}
