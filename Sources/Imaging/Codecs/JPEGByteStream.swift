/// The bytes of a JPEG handed to libjpeg a buffer at a time: first the prefix already read for the
/// header probe, then whatever the caller's `read` returns. libjpeg only learns that a read failed;
/// the first error `read` threw is kept here, typed, and wins over the decoder's own error.
final class JPEGByteStream<ReadError: Error> {
    /// Bytes received but not yet handed over: first the probe's prefix, later any piece longer
    /// than libjpeg's buffer.
    private var pending: [UInt8]
    private var pendingOffset = 0
    private var ended: Bool
    private let read: (Int) throws(ReadError) -> [UInt8]
    /// The first error `read` threw, if it did; `read` is not asked again after it.
    private var readError: ReadError?

    init(prefix: [UInt8], ended: Bool, read: @escaping (Int) throws(ReadError) -> [UInt8]) {
        self.pending = prefix
        self.ended = ended
        self.read = read
    }

    /// Decodes the JPEG these bytes carry, as ``JPEGDecoder/decode(streaming:scale:options:)``.
    ///
    /// A kept read error is thrown instead of whatever the decoder made of the missing data (libjpeg
    /// reports it as a read failure, which says less than the caller's own error).
    func decode(
        scale: JPEGScale, options: DecodingOptions
    ) throws(ThumbnailReadingError<ReadError>) -> Image {
        let callback = JPEGFillCallback { buffer, capacity in self.fill(buffer, capacity: capacity) }
        let decoded = Result { () throws(ImagingError) in
            try JPEGDecoder.decode(streaming: callback, scale: scale, options: options)
        }
        if let readError { throw .reading(readError) }
        return try decoded.mapError(ThumbnailReadingError<ReadError>.imaging).get()
    }

    /// Fills `buffer`; the count written, 0 at the end, -1 when `read` throws or has thrown.
    private func fill(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        if pendingOffset == pending.count {
            guard !ended else { return 0 }
            guard readError == nil else { return -1 }
            do throws(ReadError) {
                pending = try read(capacity)
                pendingOffset = 0
            } catch {
                readError = error
                return -1
            }
            if pending.isEmpty {
                ended = true
                return 0
            }
        }
        let count = min(capacity, pending.count - pendingOffset)
        pending.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress! + pendingOffset, count: count)
        }
        pendingOffset += count
        return count
    }
}
