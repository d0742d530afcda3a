internal import CTurboJPEG

/// A TurboJPEG instance, created per call and never shared between tasks; `deinit` destroys it.
struct TurboJPEG: ~Copyable {
    let handle: tjhandle

    /// A decompressor.
    static func decompressor() throws(ImagingError) -> TurboJPEG {
        guard let handle = tjInitDecompress() else { throw failure(nil, .jpeg, dataCount: nil) }
        return TurboJPEG(handle: handle)
    }

    /// A compressor.
    static func compressor() throws(ImagingError) -> TurboJPEG {
        guard let handle = tjInitCompress() else { throw failure(nil, .jpeg, dataCount: nil, encoding: true) }
        return TurboJPEG(handle: handle)
    }

    private init(handle: tjhandle) { self.handle = handle }

    deinit { tjDestroy(handle) }

    /// The error for the last failed call on this instance.
    func failure(dataCount: Int?, encoding: Bool = false) -> ImagingError {
        Self.failure(handle, .jpeg, dataCount: dataCount, encoding: encoding)
    }

    /// The one place TurboJPEG's messages (`tjGetErrorStr2`) become ``ImagingError``s.
    private static func failure(
        _ handle: tjhandle?, _ format: ImageFormat, dataCount: Int?, encoding: Bool = false
    ) -> ImagingError {
        let message = tjGetErrorStr2(handle).map { String(cString: $0) } ?? "unknown TurboJPEG error"
        if encoding { return .encodingFailed(format, reason: message + " (TurboJPEG)") }
        if message.contains("Premature end of JPEG file") { return .truncated(format, offset: dataCount) }
        if message.contains("Unsupported JPEG data precision") || message.contains("Unsupported JPEG process") {
            return .unsupported(format, feature: message)
        }
        return .corrupt(format, reason: message + " (TurboJPEG)")
    }
}
