internal import CImagingShims

/// A Swift closure behind the C function pointer libjpeg's streaming source calls for its next
/// buffer. C can only call a non-generic entry point, so the generic ``JPEGByteStream`` hands its
/// `fill` over through this.
final class JPEGFillCallback {
    /// Fills the buffer with up to `capacity` bytes; the count written, 0 at the end, -1 on failure.
    let fill: (_ buffer: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> Int

    init(_ fill: @escaping (_ buffer: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> Int) {
        self.fill = fill
    }

    /// The C entry point the shim calls; `context` is an unretained `JPEGFillCallback`.
    static let entry: ims_read_fn = { context, buffer, capacity in
        guard let context, let buffer else { return -1 }
        let callback = Unmanaged<JPEGFillCallback>.fromOpaque(context).takeUnretainedValue()
        return callback.fill(buffer, capacity)
    }
}
