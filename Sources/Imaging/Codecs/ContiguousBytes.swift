/// Runs `body` over `bytes` as one span: in place where the collection is contiguous (an array,
/// `Data`, a slice of either), otherwise over a copy.
///
/// ```swift
/// var info: Result<ImageInfo, ImagingError>?
/// withContiguousBytes(bytes) { bytes in info = Result { () throws(ImagingError) in try ImageInfo(probing: bytes) } }
/// ```
///
/// The one place where a caller's collection becomes memory the parsers and the C codecs read;
/// above this layer the bytes are a bounds-checked `Span`. `body` returns nothing and the caller
/// keeps the outcome: with a generic result, every call looked up that result type's metadata at
/// run time, which tripled the cost of a probe.
@inline(__always)
func withContiguousBytes(_ bytes: some Collection<UInt8>, _ body: (Span<UInt8>) -> Void) {
    if bytes.withContiguousStorageIfAvailable({ body($0.span) }) == nil {
        body(Array(bytes).span)
    }
}
