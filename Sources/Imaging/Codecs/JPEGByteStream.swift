internal import CImagingShims

/// The bytes of a JPEG handed to libjpeg a buffer at a time: first the prefix already read for the
/// header probe, then whatever the caller's `read` returns. A failure of `read` is kept here (libjpeg
/// only learns that the read failed) and rethrown by the caller as it was.
final class JPEGByteStream {
    /// Bytes received but not yet handed over: first the probe's prefix, later any piece longer
    /// than libjpeg's buffer.
    private var pending: [UInt8]
    private var pendingOffset = 0
    private var ended: Bool
    private let read: (Int) throws -> [UInt8]
    /// The error `read` threw, if it did.
    private(set) var readError: (any Error)?

    init(prefix: [UInt8], ended: Bool, read: @escaping (Int) throws -> [UInt8]) {
        self.pending = prefix
        self.ended = ended
        self.read = read
    }

    /// Fills `buffer`; the count written, 0 at the end, -1 when `read` threw.
    private func fill(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        if pendingOffset == pending.count {
            guard !ended else { return 0 }
            do {
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

    /// The C entry point the shim calls; `context` is an unretained `JPEGByteStream`.
    static let fill: ims_read_fn = { context, buffer, capacity in
        guard let context, let buffer else { return -1 }
        let stream = Unmanaged<JPEGByteStream>.fromOpaque(context).takeUnretainedValue()
        return stream.fill(buffer, capacity: capacity)
    }
}
