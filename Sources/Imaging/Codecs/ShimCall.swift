internal import CImagingShims

/// Runs one CImagingShims function and turns a failure into an ``ImagingError``.
///
/// This is the single place where libpng's and libjpeg's outcomes (copied by the shim into a
/// message buffer, with an `ims_status`) become Swift errors.
func callShim(
    _ format: ImageFormat, dataCount: Int?, encoding: Bool = false,
    _ body: (UnsafeMutablePointer<CChar>) -> ims_status
) throws(ImagingError) {
    let failure: ImagingError? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(IMS_MESSAGE_CAPACITY)) {
        buffer in
        let message = buffer.baseAddress!
        message[0] = 0
        let status = body(message)
        guard status != IMS_OK else { return nil }
        let reason = String(cString: message)
        if encoding { return .encodingFailed(format, reason: reason) }
        switch status {
        case IMS_TRUNCATED: return .truncated(format, offset: dataCount)
        case IMS_UNSUPPORTED: return .unsupported(format, feature: reason)
        case IMS_FAILED: return .corrupt(format, reason: "\(reason) (the decoder could not continue)")
        default: return .corrupt(format, reason: reason)
        }
    }
    if let failure { throw failure }
}

/// Allocates exactly `count` bytes without zero-filling them and lets `fill` write every one.
///
/// `fill` reports failure by throwing; the array is then discarded.
func uninitializedBytes(
    count: Int, _ fill: (UnsafeMutablePointer<UInt8>) throws(ImagingError) -> Void
) throws(ImagingError) -> [UInt8] {
    var failure: ImagingError?
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        do throws(ImagingError) {
            try fill(buffer.baseAddress!)
            initialized = count
        } catch {
            failure = error
            initialized = 0
        }
    }
    if let failure { throw failure }
    return bytes
}
