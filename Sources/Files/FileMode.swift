/// A Python-style file mode such as `"rb"`, `"w+"` or `"a"`, validated when built.
///
/// ```swift
/// let mode = try FileMode("r+b")
/// mode.isReadable  // true
/// mode.isWritable  // true
/// ```
///
/// Exactly one of `r`, `w`, `x`, `a`; optionally `+`; optionally `b` or `t`; no letter twice.
/// Streams in this module always carry bytes, so `t` and `b` behave alike; the letter is kept in
/// ``description`` because Django reports the mode it was given.
///
/// The corresponding Python API is the `mode` argument of `open()`.
public struct FileMode: Sendable, Hashable, CustomStringConvertible {
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
    }

    /// The base access letter.
    public let access: Access
    /// `+`: open for both reading and writing.
    public let isUpdating: Bool
    /// `b`: binary mode was requested.
    public let isBinary: Bool
    /// The mode exactly as given, e.g. `"rb"`.
    public let description: String

    /// Parses a mode string, throwing ``FileError/invalidMode(_:)`` when it is not valid.
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

    init(access: Access, isUpdating: Bool, isBinary: Bool, description: String) {
        self.access = access
        self.isUpdating = isUpdating
        self.isBinary = isBinary
        self.description = description
    }

    /// Whether a stream opened with this mode can be read.
    public var isReadable: Bool { access == .read || isUpdating }

    /// Whether a stream opened with this mode can be written.
    public var isWritable: Bool { access != .read || isUpdating }
}
