/// What a ``FileUploadHandler`` throws, and so what an ``UploadReceiver`` throws.
///
/// Two cases steer the upload, as Django's exceptions do; the others are failures:
///
/// ```swift
/// func receiveDataChunk(_ data: Data, start: Int) throws(UploadHandlerError) -> Data? {
///     if start + data.count > quota { throw .rejected("\"\(name)\" is over the 10 MB quota") }
///     ...
/// }
/// ```
///
/// The corresponding Django APIs are `SkipFile`, `StopUpload` and the errors a handler raises.
public enum UploadHandlerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Drop the current file and go on with the rest of the request.
    ///
    /// The receiver absorbs it: every handler releases the file, later chunks are ignored and
    /// ``UploadReceiver/finishFile()`` returns `nil`. The corresponding Django API is `SkipFile`.
    case skipFile

    /// Stop the whole upload: the current file is dropped, what was complete is kept.
    ///
    /// With `connectionReset` the rest of the body is not read. The corresponding Django API is
    /// `StopUpload(connection_reset=False)`.
    case stopUpload(connectionReset: Bool)

    /// A handler refused the upload; `reason` is one sentence naming the file, e.g.
    /// `"big.iso" is over the 10 MB quota`.
    case rejected(String)

    /// Storing the upload failed (a full disk, a closed file) or the receiver was misused.
    case file(FileError)

    /// A sentence naming what happened to the upload.
    public var description: String {
        switch self {
        case .skipFile:
            return "An upload handler skipped the file."
        case .stopUpload(let connectionReset):
            return connectionReset
                ? "An upload handler stopped the upload and the connection." : "An upload handler stopped the upload."
        case .rejected(let reason):
            return reason.hasSuffix(".") ? reason : reason + "."
        case .file(let error):
            return error.description
        }
    }
}

extension UploadHandlerError {
    /// A chunk arrived, or a file was finished, before any file was started.
    static func noFileStarted(_ operation: String) -> UploadHandlerError {
        .file(.invalidArgument(operation: operation, detail: "no file was started"))
    }
}
