import Files

/// An error from turning a `FileObject` into an image or back, naming the file it concerns.
///
/// ```swift
/// do { let thumb = try upload.thumbnail(fitting: Size(square: 256)) }
/// catch { print(error) }  // Cannot decode "avatar.jpg": truncated JPEG data: …
/// ```
///
/// The description is one sentence that names the file once: the underlying error contributes what
/// went wrong (`Cannot read "a.jpg": the file is closed.`), never a second sentence of its own.
public struct ImageFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong underneath.
    public enum Cause: Sendable, Equatable {
        /// Reading or writing the file failed.
        case file(FileError)
        /// The bytes are not a usable image, or the image cannot be encoded.
        case imaging(ImagingError)
    }

    /// The verb of the failed operation, e.g. `"decode"`, `"read"`, `"encode"`.
    public var operation: String
    /// The file's name, when it has one.
    public var fileName: String?
    /// The underlying error.
    public var cause: Cause

    /// Creates an error for `operation` on the file named `fileName`.
    public init(operation: String, fileName: String?, cause: Cause) {
        self.operation = operation
        self.fileName = fileName
        self.cause = cause
    }

    /// The underlying imaging error, if that is the cause.
    public var imagingError: ImagingError? {
        if case .imaging(let error) = cause { error } else { nil }
    }

    /// The underlying file error, if that is the cause.
    public var fileError: FileError? {
        if case .file(let error) = cause { error } else { nil }
    }

    /// `Cannot <operation> "<name>": <what went wrong>.`
    ///
    /// For a file error the verb is the file error's own when it records one (it is the more precise:
    /// `Cannot seek "a.jpg": the stream does not support it.`), else ``operation``.
    public var description: String {
        let subject = fileName.map { "\"\($0)\"" } ?? "an unnamed file"
        let verb = if case .file(let error) = cause { error.operation ?? operation } else { operation }
        return "Cannot \(verb) \(subject): \(reason)."
    }

    /// What went wrong, as a clause that names neither the operation nor the file: `the file is closed`,
    /// `truncated JPEG data: …`. For a caller that names the file itself, as the thumbnail tool's
    /// `PATH: REASON` lines do, and for an error that wraps this one.
    public var reason: String {
        switch cause {
        case .file(let error): error.reason
        case .imaging(let error): Self.reason(error)
        }
    }

    /// An imaging error's reason as the second half of the sentence; only the encoder's starts with its
    /// own "cannot encode", which would say the verb twice.
    private static func reason(_ error: ImagingError) -> String {
        if case .encodingFailed(let format, let reason) = error { return "the \(format) encoder failed: \(reason)" }
        return error.reason
    }
}

extension FileObject {
    /// Runs `body`, naming this file in any imaging error it throws.
    func attributing<Result>(
        _ operation: String, _ body: () throws(ImagingError) -> Result
    ) throws(ImageFileError) -> Result {
        try attributing(operation, as: ImageFileError.Cause.imaging, body)
    }

    /// Runs `body`, naming this file in any file error it throws.
    func attributing<Result>(
        _ operation: String, _ body: () throws(FileError) -> Result
    ) throws(ImageFileError) -> Result {
        try attributing(operation, as: ImageFileError.Cause.file, body)
    }

    private func attributing<Result, Failure: Error>(
        _ operation: String, as cause: (Failure) -> ImageFileError.Cause, _ body: () throws(Failure) -> Result
    ) throws(ImageFileError) -> Result {
        do {
            return try body()
        } catch {
            throw ImageFileError(operation: operation, fileName: name, cause: cause(error))
        }
    }
}
