/// How a file is opened: read, write, append or create exclusively, optionally updating (`+`) and binary (`b`).
///
/// ```swift
/// let file = try File(path: "/srv/media/report.csv", mode: .read)
/// let log = try File(path: "/var/log/app.log", mode: .append.binary)   // "ab"
/// let scratch = try File(path: "/tmp/scratch", mode: .write.updating)   // "w+"
/// let same = try File(path: "/tmp/scratch", mode: FileMode(.write, updating: true))
/// ```
///
/// A Python mode string works too: as a literal (`mode: "rb"`) or, for a string known only at run time,
/// through the throwing ``init(_:)``. A literal is checked when it is used, and an invalid one
/// (`mode: "rw"`) stops the program: it is a mistake in the source, like an out-of-range array index.
///
/// Exactly one of `r`, `w`, `x`, `a`; optionally `+`; optionally `b` or `t`; no letter twice.
/// Streams in this module always carry bytes, so `t` and `b` behave alike; ``description`` keeps the
/// mode as it was spelled (`"br"` stays `"br"`), because Django reports the mode it was given.
/// Two modes are equal when they open a file the same way (`"rb"` equals `"br"` and `.read.binary`).
///
/// The corresponding Python API is the `mode` argument of `open()`; swift-system's counterparts are
/// `FileDescriptor.AccessMode` and `FileDescriptor.OpenOptions`.
public struct FileMode: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What opening does to the file before the first read or write.
    public enum Access: Sendable, Hashable {
        /// `r`: the file must exist; reading.
        case read
        /// `w`: created if missing, truncated if present; writing.
        case write
        /// `x`: created; fails if it already exists; writing.
        case exclusiveCreate
        /// `a`: created if missing; every write goes to the end.
        case append

        /// The Python letter: `r`, `w`, `x` or `a`.
        var letter: Character {
            switch self {
            case .read: "r"
            case .write: "w"
            case .exclusiveCreate: "x"
            case .append: "a"
            }
        }
    }

    /// The base access.
    public let access: Access
    /// `+`: open for both reading and writing.
    public let isUpdating: Bool
    /// `b`: binary mode was requested.
    public let isBinary: Bool
    /// The mode as a Python string: as spelled when parsed (e.g. `"br"`), else letter, `+`, `b` (`"r+b"`).
    public let description: String

    /// `"r"`: reads a file that must exist. The corresponding C flag is `O_RDONLY`.
    public static let read = FileMode(.read)
    /// `"w"`: writes a file, created if missing and truncated if present.
    /// The corresponding C flags are `O_WRONLY | O_CREAT | O_TRUNC`.
    public static let write = FileMode(.write)
    /// `"a"`: writes at the end of a file, created if missing. The corresponding C flags are
    /// `O_WRONLY | O_CREAT | O_APPEND`.
    public static let append = FileMode(.append)
    /// `"x"`: writes a new file, failing if one exists. The corresponding C flags are
    /// `O_WRONLY | O_CREAT | O_EXCL`.
    public static let exclusiveCreate = FileMode(.exclusiveCreate)

    /// This mode, also open for the other direction (`+`): `.read.updating` is `"r+"`, `.write.updating` `"w+"`.
    ///
    /// The corresponding C flag is `O_RDWR`.
    public var updating: FileMode { FileMode(access, updating: true, binary: isBinary) }

    /// This mode with `b`: `.read.binary` is `"rb"`. Streams carry bytes either way; Django reports the letter.
    public var binary: FileMode { FileMode(access, updating: isUpdating, binary: true) }

    /// A mode from its parts, spelled as Python would: letter, then `+`, then `b`.
    ///
    /// ```swift
    /// FileMode(.write, updating: true, binary: true).description  // "w+b"
    /// ```
    public init(_ access: Access, updating: Bool = false, binary: Bool = false) {
        self.access = access
        self.isUpdating = updating
        self.isBinary = binary
        self.description = "\(access.letter)\(updating ? "+" : "")\(binary ? "b" : "")"
    }

    /// Parses a mode string known only at run time, throwing ``FileError/invalidMode(_:)`` when it is not valid.
    ///
    /// ```swift
    /// let mode = try FileMode(request.mode)  // "r+b" → .read.updating.binary
    /// ```
    ///
    /// Given a literal, `FileMode("r+b")` is read by Swift as the literal itself (SE-0213): it needs no
    /// `try`, and an invalid one stops the program. Only a `String` value is parsed here.
    public init(_ string: String) throws(FileError) {
        var access: Access?
        var seen = Set<Character>()
        for letter in string {
            guard seen.insert(letter).inserted else { throw .invalidMode(string) }
            let letterAccess: Access?
            switch letter {
            case "r": letterAccess = .read
            case "w": letterAccess = .write
            case "x": letterAccess = .exclusiveCreate
            case "a": letterAccess = .append
            case "+", "b", "t": letterAccess = nil
            default: throw .invalidMode(string)
            }
            if let letterAccess {
                guard access == nil else { throw .invalidMode(string) }
                access = letterAccess
            }
        }
        guard let access, !(seen.contains("b") && seen.contains("t")) else { throw .invalidMode(string) }
        self.access = access
        self.isUpdating = seen.contains("+")
        self.isBinary = seen.contains("b")
        self.description = string
    }

    /// A mode written as a Python string literal: `mode: "rb"`.
    ///
    /// - Precondition: `value` is a valid mode. An invalid literal is a programmer error and stops the
    ///   program; parse strings that come from outside with the throwing ``init(_:)``.
    public init(stringLiteral value: String) {
        do {
            self = try FileMode(value)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// Whether a stream opened with this mode can be read.
    public var isReadable: Bool { access == .read || isUpdating }

    /// Whether a stream opened with this mode can be written.
    public var isWritable: Bool { access != .read || isUpdating }

    public static func == (lhs: FileMode, rhs: FileMode) -> Bool {
        lhs.access == rhs.access && lhs.isUpdating == rhs.isUpdating && lhs.isBinary == rhs.isBinary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(access)
        hasher.combine(isUpdating)
        hasher.combine(isBinary)
    }
}
