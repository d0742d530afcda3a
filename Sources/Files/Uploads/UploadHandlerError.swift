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

    /// A handler refused the upload; the string is a clause naming the file, e.g.
    /// `"big.iso" is over the 10 MB quota` (a final period is dropped from ``reason``).
    case rejected(String)

    /// Storing the upload failed (a full disk, a closed file) or the receiver was misused.
    case file(FileError)

    /// A sentence naming what happened to the upload: ``reason``, capitalised, with a final period; a
    /// failed write is the file error's own sentence.
    public var description: String {
        if case .file(let error) = self { return error.description }
        return reason.prefix(1).uppercased() + reason.dropFirst() + "."
    }

    /// What happened, as a clause without a final period, for an error that wraps this one:
    /// `an upload handler skipped the file`, `"big.iso" is over the 10 MB quota`, or a failed write's
    /// ``FileError/reason``.
    public var reason: String {
        switch self {
        case .skipFile:
            "an upload handler skipped the file"
        case .stopUpload(let connectionReset):
            connectionReset
                ? "an upload handler stopped the upload and the connection" : "an upload handler stopped the upload"
        case .rejected(let reason):
            reason.hasSuffix(".") ? String(reason.dropLast()) : reason
        case .file(let error):
            error.reason
        }
    }
}

extension UploadHandlerError {
    /// A chunk arrived, or a file was finished, before any file was started.
    static func noFileStarted(_ operation: String) -> UploadHandlerError {
        .file(.invalidArgument(operation: operation, detail: "no file was started"))
    }
}
