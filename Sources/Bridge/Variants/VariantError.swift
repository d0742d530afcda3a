import Files

/// Why a variant could not be made or found, naming the source and the specs.
///
/// ```swift
/// do { _ = try await generator.variant(small, of: "notes.txt") }
/// catch { print(error) }
/// // Cannot make the "small" variant of "notes.txt": not a recognised image (it starts with 68 65 6C 6C 6F).
/// ```
public struct VariantError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed underneath.
    public enum Cause: Sendable, Equatable {
        /// The storage failed (the source is missing, a write was refused, …).
        case storage(StorageError)
        /// The source could not be read.
        case file(FileError)
        /// The source is not a usable image (in no known format, damaged, over the pixel limit) or a
        /// variant could not be encoded.
        case imaging(ImagingError)
        /// A derived spec (a density) could not be made.
        case spec(ImageSpecError)
    }

    /// The source's name (as given when it was not saved yet).
    public var source: String?
    /// The names of the specs being made.
    public var specs: [String]
    /// The underlying error.
    public var cause: Cause

    /// Creates an error about the variants `specs` of `source`.
    public init(source: String?, specs: [String], cause: Cause) {
        self.source = source
        self.specs = specs
        self.cause = cause
    }

    /// The underlying imaging error, if that is the cause.
    public var imagingError: ImagingError? {
        if case .imaging(let error) = cause { error } else { nil }
    }

    /// The underlying storage error, if that is the cause.
    public var storageError: StorageError? {
        if case .storage(let error) = cause { error } else { nil }
    }

    /// `Cannot make the "small" variant of "a.jpg": <reason>.`
    public var description: String {
        let quoted = specs.map { "\"\($0)\"" }.joined(separator: ", ")
        let noun = specs.count == 1 ? "variant" : "variants"
        let subject = source.map { "\"\($0)\"" } ?? "an unnamed file"
        return "Cannot make the \(quoted) \(noun) of \(subject): \(reason)."
    }

    /// The underlying error's reason, a clause: `not a recognised image (…)`,
    /// `no such file in the storage`. It never repeats the underlying error's own sentence.
    public var reason: String {
        switch cause {
        case .storage(let error): error.reason
        case .file(let error): error.reason
        case .imaging(let error): error.reason
        case .spec(let error): error.reason
        }
    }
}
