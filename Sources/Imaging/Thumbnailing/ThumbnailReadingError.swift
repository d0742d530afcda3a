/// Why a thumbnail of an image read piece by piece failed: the caller's `read` threw, or the data is
/// not a usable image.
///
/// ```swift
/// do {
///     let thumb = try Image(thumbnailReading: { count throws(FileError) in [UInt8](try upload.read(count)) },
///                           fitting: Size(square: 256))
/// } catch {
///     switch error {
///     case .reading(let failure): print("the upload could not be read:", failure)  // a FileError
///     case .imaging(let failure): print("not a usable image:", failure)  // an ImagingError
///     }
/// }
/// ```
///
/// `ReadError` is the error type of the caller's `read`, kept as it was thrown; a `read` that cannot
/// fail makes it `Never`, and ``imagingError`` then gives the plain ``ImagingError``.
public enum ThumbnailReadingError<ReadError: Error>: Error, CustomStringConvertible {
    /// The caller's `read` threw `ReadError`; nothing was decoded from the data after the failure.
    case reading(ReadError)
    /// The data read is not a usable image, or the thumbnail's arguments are out of range.
    case imaging(ImagingError)

    /// The ``reason`` as one sentence: capitalised, with a final period.
    public var description: String {
        reason.prefix(1).uppercased() + reason.dropFirst() + "."
    }

    /// The imaging error's ``ImagingError/reason``, or, for a read error, what was being read and the
    /// read error as it prints itself (this module cannot know the reason of the caller's error type;
    /// Bridge, which can, turns a `FileError` here into its own error with the file error's reason).
    public var reason: String {
        switch self {
        case .reading(let error): "cannot read the image data: \(error)"
        case .imaging(let error): error.reason
        }
    }
}

extension ThumbnailReadingError: Sendable where ReadError: Sendable {}

extension ThumbnailReadingError: Equatable where ReadError: Equatable {}

extension ThumbnailReadingError where ReadError == Never {
    /// The imaging error, for a `read` that cannot fail (bytes in memory): the only case there is.
    ///
    /// ```swift
    /// do { thumb = try Image(thumbnailReading: pieces.next, fitting: box) }
    /// catch { throw error.imagingError }  // a plain ImagingError
    /// ```
    public var imagingError: ImagingError {
        switch self {
        case .imaging(let error): error
        }
    }
}

extension ThumbnailReadingError {
    /// Runs a step of the thumbnail that reads nothing, so can only fail with an imaging error.
    static func imagingStep<Value>(_ step: () throws(ImagingError) -> Value) throws(Self) -> Value {
        do {
            return try step()
        } catch {
            throw .imaging(error)
        }
    }
}
