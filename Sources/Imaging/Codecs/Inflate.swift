internal import CImagingShims

/// The zlib streams inside PNG chunks (`iCCP`, `zTXt`, compressed `iTXt`), inflated by zlib with a
/// hard output limit, so a small chunk that inflates to gigabytes costs at most `limit` bytes.
enum Inflate {
    /// The inflated bytes, or `nil` when the stream is damaged, incomplete or inflates past `limit`.
    static func decompress(_ data: Span<UInt8>, limit: Int) -> [UInt8]? {
        data.withUnsafeBufferPointer { data in
            var output: UnsafeMutablePointer<UInt8>? = nil
            var outputSize = 0
            defer { ims_free(output) }
            guard ims_inflate(data.baseAddress, data.count, limit, &output, &outputSize) == IMS_OK, let output else {
                return nil
            }
            return Array(UnsafeBufferPointer(start: output, count: outputSize))
        }
    }
}
