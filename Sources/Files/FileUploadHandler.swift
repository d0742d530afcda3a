#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What an upload handler tells the ``UploadReceiver`` when a new file starts.
///
/// See ``FileUploadHandler/newFile(fieldName:fileName:contentType:contentLength:charset:contentTypeExtra:)``.
public enum UploadHandlerDecision: Sendable, Equatable {
    /// Let the next handler see the new file too.
    case continueWithNextHandler
    /// This handler takes the file; later handlers are not told about it.
    ///
    /// The corresponding Django API is raising `StopFutureHandlers`.
    case stopFutureHandlers
}

/// Turns the chunks of one uploaded file into an ``UploadedFile``, driven by an ``UploadReceiver``.
///
/// Handlers form a chain. For each file,
/// ``newFile(fieldName:fileName:contentType:contentLength:charset:contentTypeExtra:)`` is called on each
/// handler until one answers ``UploadHandlerDecision/stopFutureHandlers``; each chunk goes through the
/// handlers in order until one consumes it (returns `nil`); at the end, the first handler whose
/// ``fileComplete(size:)`` returns a file wins.
///
/// The corresponding Django API is `django.core.files.uploadhandler.FileUploadHandler`.
public protocol FileUploadHandler: AnyObject {
    /// Called once per request with the body's length, when known. The default does nothing.
    ///
    /// The corresponding Django API is `handle_raw_input(input_data, META, content_length, boundary, encoding)`.
    func handleRawInput(contentLength: Int?) throws

    /// A new file starts. `fileName` is already sanitised.
    ///
    /// The corresponding Django API is
    /// `new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)`.
    func newFile(
        fieldName: String, fileName: String, contentType: String?, contentLength: Int?, charset: String?,
        contentTypeExtra: [String: String]?
    ) throws -> UploadHandlerDecision

    /// Receives the next chunk, which starts at byte `start` of what this handler has seen.
    ///
    /// Returns `nil` to consume the chunk, or the data to hand to the next handler.
    /// The corresponding Django API is `receive_data_chunk(raw_data, start)`.
    func receiveDataChunk(_ data: Data, start: Int) throws -> Data?

    /// The file is complete after `size` bytes; returns the finished file, or `nil` to let the next handler answer.
    ///
    /// The corresponding Django API is `file_complete(file_size)`.
    func fileComplete(size: Int) throws -> UploadedFile?

    /// The upload stopped before the file was complete: release anything held (temporary files).
    ///
    /// The default does nothing. The corresponding Django API is `upload_interrupted()`.
    func uploadInterrupted()
}

extension FileUploadHandler {
    /// Does nothing by default.
    public func handleRawInput(contentLength: Int?) throws {}
    /// Does nothing by default.
    public func uploadInterrupted() {}
}

extension FileError {
    /// A chunk arrived, or a file was finished, before any file was started.
    static func noFileStarted(_ operation: String) -> FileError {
        .invalidArgument(operation: operation, detail: "no file was started")
    }
}

/// The metadata of the file a handler is receiving.
struct UploadDescription {
    var fieldName: String
    var fileName: String
    var contentType: String?
    var charset: String?
    var contentTypeExtra: [String: String]?

    func makeTemporaryFile(directory: String?) throws(FileError) -> TemporaryUploadedFile {
        try TemporaryUploadedFile(
            name: fileName, contentType: contentType, size: 0, charset: charset,
            contentTypeExtra: contentTypeExtra, directory: directory)
    }
}
