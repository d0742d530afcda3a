import Files

/// What a field accepts and where its files live, whatever the record type: the part of a
/// ``FileField`` or ``ImageField`` that staging, promotion and cleanup need.
public struct AttachmentRules: Sendable {
    /// The field's name, for errors.
    public var field: String
    /// The name of the storage registered in ``AttachmentStorages``.
    public var storageName: String
    /// The longest name stored, in characters.
    public var maximumLength: Int
    /// The content types accepted; `nil` accepts any.
    public var allowedContentTypes: Set<String>?
    /// The largest file accepted, in bytes; `nil` for no limit.
    public var maximumBytes: Int?
    /// The directory new files are written under until their row commits.
    public var stagingPrefix: String = "staging"

    /// Rules with the given parts.
    public init(
        field: String, storageName: String, maximumLength: Int, allowedContentTypes: Set<String>?, maximumBytes: Int?
    ) {
        self.field = field
        self.storageName = storageName
        self.maximumLength = maximumLength
        self.allowedContentTypes = allowedContentTypes
        self.maximumBytes = maximumBytes
    }

    /// The storage the rules name.
    public func storage() throws(AttachmentError) -> any FileStorage {
        do {
            return try AttachmentStorages.shared.storage(named: storageName)
        } catch {
            throw AttachmentError(error.code, field: field, file: nil, reason: error.reason)
        }
    }

    /// `path` validated, made safe by the storage and cut to fit ``maximumLength``.
    func generateFilename(_ path: String) throws(AttachmentError) -> String {
        let valid: String
        do {
            valid = try validateFileName(path, allowRelativePath: true)
        } catch {
            throw AttachmentError(.invalidName, field: field, file: path, reason: error.reason)
        }
        let storage = try storage()
        let generated: String
        do {
            generated = try storage.generateFilename(valid)
        } catch {
            throw AttachmentError(.invalidName, field: field, file: path, reason: error.reason)
        }
        return try StemShortening.fit(generated, in: maximumLength, field: field)
    }

    /// The client's name reduced to a printable base name of at most 255 characters, as an upload's.
    package static func sanitizedClientName(_ name: String?, field: String) throws(AttachmentError) -> String {
        guard let name, !name.isEmpty else {
            throw AttachmentError(.invalidName, field: field, file: nil, reason: "the file has no name")
        }
        do {
            return try UploadedFile.sanitizedName(name)
        } catch {
            throw AttachmentError(.invalidName, field: field, file: name, reason: error.reason)
        }
    }
}

/// Cuts a name's stem so that the name, with room for a collision suffix, fits a maximum length.
enum StemShortening {
    /// The length of `_` and the 7 random characters a storage adds to a taken name.
    static let suffixLength = 8

    /// `name` with its stem (the base name before its extensions) cut so that the whole has at most
    /// `maximumLength` characters; an error when the directory and extensions alone do not fit.
    static func fit(_ name: String, in maximumLength: Int, field: String) throws(AttachmentError) -> String {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count > maximumLength else { return name }
        let (directory, stem, extensions) = split(name)
        let excess = scalars.count - maximumLength
        guard stem.count > excess else {
            throw AttachmentError(
                .invalidName, field: field, file: name,
                reason: "its directory and extension alone are longer than \(maximumLength) characters")
        }
        return directory + String(String.UnicodeScalarView(stem.dropLast(excess))) + extensions
    }

    /// `name` as its directory (with the final `/`), its stem and its extensions (from the first dot
    /// of the base name, as Django's `get_available_name` keeps them).
    static func split(_ name: String) -> (directory: String, stem: [Unicode.Scalar], extensions: String) {
        let scalars = Array(name.unicodeScalars)
        let baseStart = (scalars.lastIndex(of: "/").map { $0 + 1 }) ?? 0
        let base = scalars[baseStart...]
        // A leading dot belongs to the stem (".bashrc" has no extension).
        let dot = base.dropFirst().firstIndex(of: ".") ?? scalars.endIndex
        return (
            String(String.UnicodeScalarView(scalars[..<baseStart])),
            Array(scalars[baseStart..<dot]),
            String(String.UnicodeScalarView(scalars[dot...]))
        )
    }

    /// `name` with `_` and `suffix` before its extensions, its stem cut so the result fits.
    static func withSuffix(_ name: String, _ suffix: String, maximumLength: Int) -> String {
        let (directory, stem, extensions) = split(name)
        let total =
            directory.unicodeScalars.count + stem.count + 1 + suffix.unicodeScalars.count
            + extensions.unicodeScalars.count
        let kept = stem.dropLast(max(0, min(stem.count - 1, total - maximumLength)))
        return directory + String(String.UnicodeScalarView(kept)) + "_" + suffix + extensions
    }
}
