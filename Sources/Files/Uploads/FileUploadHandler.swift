#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What an upload handler tells the ``UploadReceiver`` when a new file starts or the upload ends.
///
/// See ``FileUploadHandler/newFile(_:)`` and ``FileUploadHandler/uploadComplete()``.
public enum UploadHandlerDecision: Sendable, Equatable {
    /// Let the next handler see the new file (or the end of the upload) too.
    case continueWithNextHandler
    /// This handler takes the file; later handlers are not told about it.
    ///
    /// The corresponding Django API is raising `StopFutureHandlers` (and, from `upload_complete()`,
    /// returning a value).
    case stopFutureHandlers
}

/// Turns the chunks of one uploaded file into an ``UploadedFile``, driven by an ``UploadReceiver``.
///
/// Handlers form a chain. For each file, ``newFile(_:)`` is called on each handler until one answers
/// ``UploadHandlerDecision/stopFutureHandlers``; each chunk goes through the handlers in order until one
/// consumes it (returns `nil`); at the end, the first handler whose ``fileComplete(size:)`` returns a
/// file wins. A handler that steers the upload throws ``UploadHandlerError/skipFile`` or
/// ``UploadHandlerError/stopUpload(connectionReset:)``.
///
/// ```swift
/// final class CountingHandler: FileUploadHandler {
///     var total = 0
///     func newFile(_ upload: UploadDescription) -> UploadHandlerDecision { .continueWithNextHandler }
///     func receiveDataChunk(_ data: Data, start: Int) -> Data? { total += data.count; return data }
///     func fileComplete(size: Int) -> UploadedFile? { nil }
/// }
/// ```
///
/// Handlers hold the state of one request; make a fresh chain per request.
///
/// The corresponding Django API is `django.core.files.uploadhandler.FileUploadHandler`.
public protocol FileUploadHandler: AnyObject {
    /// The size of the chunks this handler wants; a multipart parser uses the smallest of the chain.
    ///
    /// The default is 65,536 bytes. The corresponding Django API is `chunk_size`.
    var chunkSize: Int { get }

    /// Called once per request with the body's length, when known. The default does nothing.
    ///
    /// The corresponding Django API is `handle_raw_input(input_data, META, content_length, boundary, encoding)`.
    func handleRawInput(contentLength: Int?) throws(UploadHandlerError)

    /// A new file starts; its name is already sanitised.
    ///
    /// The corresponding Django API is
    /// `new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)`.
    func newFile(_ upload: UploadDescription) throws(UploadHandlerError) -> UploadHandlerDecision

    /// Receives the next chunk, which starts at byte `start` of what this handler has seen.
    ///
    /// Returns `nil` to consume the chunk, or the data to hand to the next handler.
    /// The corresponding Django API is `receive_data_chunk(raw_data, start)`.
    func receiveDataChunk(_ data: Data, start: Int) throws(UploadHandlerError) -> Data?

    /// The file is complete after `size` bytes; returns the finished file, or `nil` to let the next handler answer.
    ///
    /// The corresponding Django API is `file_complete(file_size)`.
    func fileComplete(size: Int) throws(UploadHandlerError) -> UploadedFile?

    /// The whole request was read. The default does nothing and lets the next handler know too.
    ///
    /// The corresponding Django API is `upload_complete()`.
    func uploadComplete() throws(UploadHandlerError) -> UploadHandlerDecision

    /// The upload stopped before the file was complete: release anything held (temporary files).
    ///
    /// The default does nothing. The corresponding Django API is `upload_interrupted()`.
    func uploadInterrupted()
}

extension FileUploadHandler {
    /// 65,536 bytes, Django's `FileUploadHandler.chunk_size`.
    public var chunkSize: Int { 65_536 }
    /// Does nothing by default.
    public func handleRawInput(contentLength: Int?) throws(UploadHandlerError) {}
    /// Does nothing by default and lets the next handler know too.
    public func uploadComplete() throws(UploadHandlerError) -> UploadHandlerDecision { .continueWithNextHandler }
    /// Does nothing by default.
    public func uploadInterrupted() {}
}
