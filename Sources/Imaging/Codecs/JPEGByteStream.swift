/// The bytes of a JPEG handed to libjpeg a buffer at a time: first the prefix already read for the
/// header probe, then whatever the caller's `read` returns. libjpeg only learns that a read failed;
/// the first error `read` threw is kept here, typed, and wins over the decoder's own error.
final class JPEGByteStream<ReadError: Error> {
    /// The probe's prefix, until it is handed over.
    private var prefix: [UInt8]?
    /// Bytes ready for libjpeg but not yet handed over: a piece longer than libjpeg's buffer, or
    /// what the DC scan filter kept of one.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var ended: Bool
    private let read: (Int) throws(ReadError) -> [UInt8]
    /// The first error `read` threw, if it did; `read` is not asked again after it.
    private var readError: ReadError?
    /// Replaces the AC scans a 1/8 decode of a progressive JPEG never reads; `nil` at other scales.
    private var filter: JPEGDCScanFilter?
    private let filtering: Bool

    /// Bytes to decode; `filtering: false` for bytes the DC scan filter has already been through.
    init(prefix: [UInt8], ended: Bool, read: @escaping (Int) throws(ReadError) -> [UInt8], filtering: Bool = true) {
        self.prefix = prefix
        self.ended = ended
        self.read = read
        self.filtering = filtering
    }

    /// Decodes the JPEG these bytes carry, as ``JPEGDecoder/decode(streaming:scale:options:)``.
    ///
    /// A kept read error is thrown instead of whatever the decoder made of the missing data (libjpeg
    /// reports it as a read failure, which says less than the caller's own error).
    func decode(
        scale: JPEGScale, options: DecodingOptions
    ) throws(ThumbnailReadingError<ReadError>) -> Image {
        if filtering, JPEGDCScanFilter.applies(to: scale) {
            filter = JPEGDCScanFilter(allowingTruncation: options.allowTruncated)
        }
        let callback = JPEGFillCallback { buffer, capacity in self.fill(buffer, capacity: capacity) }
        let decoded = Result { () throws(ImagingError) in
            try JPEGDecoder.decode(streaming: callback, scale: scale, options: options)
        }
        if let readError { throw .reading(readError) }
        // The filter stopped the data at a scan whose replacement would have outgrown the file.
        if filter?.exceededBudget == true { throw .imaging(JPEGDCScanFilter.budgetExceeded) }
        return try decoded.mapError(ThumbnailReadingError<ReadError>.imaging).get()
    }

    /// Fills `buffer`; the count written, 0 at the end, -1 when `read` throws or has thrown.
    private func fill(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        while pendingOffset == pending.count {
            if filter?.exceededBudget == true { return -1 }
            guard let piece = nextPiece(capacity) else { return -1 }
            if piece.isEmpty { return 0 }
            pendingOffset = 0
            if var filter {
                var kept: [UInt8] = []
                kept.reserveCapacity(piece.count)
                piece.withUnsafeBufferPointer { filter.process($0, into: &kept) }
                // A file the filter leaves alone (baseline, say) is handed over as it comes.
                self.filter = filter.leavesTheFileAlone ? nil : filter
                pending = kept
            } else {
                pending = piece
            }
        }
        let count = min(capacity, pending.count - pendingOffset)
        pending.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress! + pendingOffset, count: count)
        }
        pendingOffset += count
        return count
    }

    /// The next bytes of the data: the probe's prefix first, then what `read` returns; empty at the
    /// end, `nil` when `read` throws or has thrown.
    private func nextPiece(_ capacity: Int) -> [UInt8]? {
        if let prefix {
            self.prefix = nil
            if !prefix.isEmpty { return prefix }
        }
        guard !ended else { return [] }
        guard readError == nil else { return nil }
        do throws(ReadError) {
            let piece = try read(capacity)
            if piece.isEmpty { ended = true }
            return piece
        } catch {
            readError = error
            return nil
        }
    }
}
