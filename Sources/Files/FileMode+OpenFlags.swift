#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension FileMode {
    /// The `open(2)` flags for this mode, without `O_CLOEXEC` (``Syscall/openFile(_:flags:permissions:)`` adds it).
    ///
    /// `r` is `O_RDONLY`; `w` adds `O_CREAT | O_TRUNC`, `x` `O_CREAT | O_EXCL`, `a` `O_CREAT | O_APPEND`,
    /// all write-only; `+` makes any of them `O_RDWR`. `b` changes nothing: the bytes are the same.
    package var openFlags: Int32 {
        let creation: Int32 =
            switch access {
            case .read: 0
            case .write: O_CREAT | O_TRUNC
            case .exclusiveCreate: O_CREAT | O_EXCL
            case .append: O_CREAT | O_APPEND
            }
        let direction = isUpdating ? O_RDWR : (isReadable ? O_RDONLY : O_WRONLY)
        return creation | direction
    }
}
