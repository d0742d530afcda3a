/// A file uploaded by a client: a ``FileObject`` with a content type, a charset and a sanitised name.
///
/// ```swift
/// let upload = try UploadedFile(stream: MemoryStream(body), name: "../../etc/passwd", contentType: "text/plain")
/// upload.name  // "passwd"
/// ```
///
/// The name is sanitised on creation and by every ``setName(_:)`` (see ``sanitizedName(_:)``), so a
/// client cannot choose where a file lands. ``FileObject/size`` is the declared size, not a measurement.
/// Django's `bool(upload)` is ``FileObject/hasName``.
///
/// The corresponding Django API is `django.core.files.uploadedfile.UploadedFile`.
open class UploadedFile: FileObject {
    /// The longest name kept, in Unicode scalars (Python code points).
    public static let maximumNameLength = 255

    /// The MIME type the client declared, e.g. `"image/jpeg"`. The corresponding Django API is `content_type`.
    public var contentType: String?
    /// The charset the client declared, e.g. `"utf-8"`. The corresponding Django API is `charset`.
    public var charset: String?
    /// Extra parameters of the part's `Content-Type` header. The corresponding Django API is `content_type_extra`.
    public var contentTypeExtra: [String: String]?

    /// Wraps `stream` with the upload's metadata; `size` is the declared size (`nil`: unknown).
    ///
    /// Throws ``FileError/suspiciousFileOperation(_:)`` when no safe name can be derived from `name`.
    /// The corresponding Django API is
    /// `UploadedFile(file=None, name=None, content_type=None, size=None, charset=None, content_type_extra=None)`.
    public init(
        stream: (any ByteStream)? = nil, name: String? = nil, contentType: String? = nil, size: Int? = nil,
        charset: String? = nil, contentTypeExtra: [String: String]? = nil
    ) throws(FileError) {
        self.contentType = contentType
        self.charset = charset
        self.contentTypeExtra = contentTypeExtra
        super.init(stream, name: nil)
        try setName(name ?? stream?.name)
        declareSize(size)
    }

    /// Sets the name after sanitising it with ``sanitizedName(_:)``; `nil` stays `nil`.
    ///
    /// The corresponding Django API is the `UploadedFile.name` setter.
    open override func setName(_ newName: String?) throws(FileError) {
        try super.setName(newName.map { (name) throws(FileError) in try Self.sanitizedName(name) })
    }

    /// `<UploadedFile: name (content type)>`. The corresponding Django API is `UploadedFile.__repr__`.
    open override var debugDescription: String {
        "<\(typeName): \(name ?? "None") (\(contentType ?? "None"))>"
    }

    /// The safe base name of a client-supplied file name.
    ///
    /// 1. Keeps what follows the last `/` and then the last `\` (`C:\x\y.jpg` → `y.jpg`).
    /// 2. Drops characters Python does not print: controls such as NUL and newline, format characters,
    ///    and separators other than the ASCII space (as Django's multipart parser does).
    /// 3. Cuts a name longer than 255 scalars to 255, keeping its last extension (Python's `splitext`):
    ///    `"a" * 250 + ".tar.gz"` → `"a" * 250 + ".t.gz"`.
    /// 4. Validates the result with ``validateFileName(_:allowRelativePath:)``: `""`, `.` and `..` throw
    ///    `Could not derive file name from '..'`.
    ///
    /// Cost: O(n) in the name's length.
    ///
    /// The corresponding Django APIs are the `UploadedFile.name` setter and
    /// `MultiPartParser.sanitize_file_name`.
    public static func sanitizedName(_ name: String) throws(FileError) -> String {
        let base = PathSyntax.basename(name, separators: ["/", "\\"])
        let printable = String(scalars: base.unicodeScalars.filter(\.isPrintableInPython))
        return try validateFileName(truncated(printable))
    }

    /// Cuts `name` to ``maximumNameLength`` scalars, keeping the last extension, as Django does.
    static func truncated(_ name: String) -> String {
        let limit = maximumNameLength
        guard name.unicodeScalars.count > limit else { return name }
        let (root, fullExtension) = PathSyntax.splitExtension(name)
        let kept = fullExtension.prefix(limit)
        return String(scalars: root.prefix(limit - kept.count) + kept)
    }
}

extension Unicode.Scalar {
    /// Python's `str.isprintable()` for one code point: false for categories Cc, Cf, Cs, Co, Cn and
    /// every separator (Zs, Zl, Zp) except the ASCII space.
    var isPrintableInPython: Bool {
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        case .spaceSeparator:
            return self == " "
        default:
            return true
        }
    }
}
