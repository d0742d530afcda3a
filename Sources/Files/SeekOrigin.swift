/// Where a seek offset is measured from.
///
/// The corresponding Python constants are `os.SEEK_SET`, `os.SEEK_CUR` and `os.SEEK_END`.
public enum SeekOrigin: Sendable, Hashable {
    /// From the start of the stream (`SEEK_SET`).
    case start
    /// From the current position (`SEEK_CUR`).
    case current
    /// From the end of the stream (`SEEK_END`).
    case end
}
