#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One-line wrappers around every POSIX call the `Files` module makes; nothing else in the module calls C.
/// The C constants the module needs (`open(2)` flags, `SEEK_*`) are mapped here too, at the end.
///
/// Each wrapper retries on `EINTR` and turns a failing return code into a ``FileError`` in one place.
enum Syscall {
    static func check<T: BinaryInteger>(
        _ operation: String, _ path: String?, _ call: () -> T
    ) throws(FileError) -> T {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw .io(operation: operation, path: path, code: errno)
        }
    }

    static func openFile(_ path: String, flags: Int32, permissions: mode_t = 0o666) throws(FileError) -> Int32 {
        try check("open", path) { open(path, flags | O_CLOEXEC, permissions) }
    }

    static func readBytes(
        _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String?
    ) throws(FileError) -> Int {
        try check("read", path) { read(fd, buffer.baseAddress, buffer.count) }
    }

    static func writeBytes(_ fd: Int32, from buffer: UnsafeRawBufferPointer, path: String?) throws(FileError) -> Int {
        try check("write", path) { write(fd, buffer.baseAddress, buffer.count) }
    }

    static func seek(_ fd: Int32, _ offset: Int, from origin: SeekOrigin, path: String?) throws(FileError) -> Int {
        Int(try check("seek", path) { lseek(fd, off_t(offset), origin.whence) })
    }

    /// Whether `fd` can seek (a regular file can, a pipe or a socket cannot).
    static func canSeek(_ fd: Int32) -> Bool {
        lseek(fd, 0, SEEK_CUR) >= 0
    }

    static func truncate(_ fd: Int32, _ size: Int, path: String?) throws(FileError) {
        _ = try check("truncate", path) { ftruncate(fd, off_t(size)) }
    }

    /// The size of a regular file, or `nil` for pipes, sockets and devices (whose `st_size` means nothing).
    static func regularFileSize(_ fd: Int32) -> Int? {
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Closes `fd`. `EINTR` is not retried: on Linux the descriptor is already released.
    static func closeDescriptor(_ fd: Int32, path: String?) throws(FileError) {
        if close(fd) != 0 && errno != EINTR {
            throw .io(operation: "close", path: path, code: errno)
        }
    }

    /// Removes `path`; a file that is already gone is not an error.
    static func removeFile(_ path: String) throws(FileError) {
        if unlink(path) != 0 && errno != ENOENT {
            throw .io(operation: "remove", path: path, code: errno)
        }
    }
}

extension Syscall {
    /// Whether something exists at `path` (Python's `os.path.exists`: a broken symlink does not count).
    static func pathExists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Creates a file from `template`, whose `XXXXXX` before the last `suffixLength` bytes `mkstemps`
    /// replaces with a fresh unique name; returns the descriptor (opened read-write, mode 0600) and the path.
    static func makeTemporaryFile(
        template: String, suffixLength: Int, directory: String
    ) throws(FileError) -> (descriptor: Int32, path: String) {
        var bytes = Array(template.utf8CString)
        // Not retried on EINTR as `check` would: a failed call may have consumed the template's `XXXXXX`.
        let fd = mkstemps(&bytes, Int32(suffixLength))
        guard fd >= 0 else { throw .io(operation: "create a temporary file in", path: directory, code: errno) }
        let path = String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (fd, path)
    }

    /// The value of the environment variable `name`, or `nil` when it is unset.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The C library's text for the `errno` value `code`, e.g. "No such file or directory".
    static func errorText(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "unknown error"
    }
}

extension SeekOrigin {
    /// The corresponding C constant: `SEEK_SET`, `SEEK_CUR` or `SEEK_END`.
    var whence: Int32 {
        switch self {
        case .start: SEEK_SET
        case .current: SEEK_CUR
        case .end: SEEK_END
        }
    }
}

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

/// What a directory entry is, as `lstat` (or `stat`) sees it.
enum FileKind: Equatable {
    case regular
    case directory
    case symbolicLink
    case other
}

/// The metadata the storages read: kind, size in bytes and modification time.
struct FileStatus {
    var kind: FileKind
    var size: Int
    /// Seconds since 1970 (with the nanoseconds as a fraction).
    var modificationTime: Double
}

extension Syscall {
    /// The metadata of `path`, following symbolic links (`stat`), or of the link itself (`lstat`).
    static func status(_ path: String, followingLinks: Bool = true) throws(FileError) -> FileStatus {
        var status = stat()
        _ = try check("read the status of", path) { followingLinks ? stat(path, &status) : lstat(path, &status) }
        let kind: FileKind
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        let seconds = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1_000_000_000
        return FileStatus(kind: kind, size: Int(status.st_size), modificationTime: seconds)
    }

    /// What is at `path` without following a final symbolic link, or `nil` when nothing is
    /// (Python's `os.path.lexists`: a broken symlink exists).
    static func entryKind(_ path: String) throws(FileError) -> FileKind? {
        do {
            return try status(path, followingLinks: false).kind
        } catch .io(_, _, let code) where code == ENOENT || code == ENOTDIR {
            return nil
        }
    }

    /// The canonical absolute path of `path`, every symbolic link resolved (`realpath`).
    static func canonicalPath(_ path: String) throws(FileError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw .io(operation: "resolve", path: path, code: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The process's working directory (`getcwd`).
    static func currentDirectory() throws(FileError) -> String {
        guard let directory = getcwd(nil, 0) else {
            throw .io(operation: "read the working directory", path: nil, code: errno)
        }
        defer { free(directory) }
        return String(cString: directory)
    }

    /// Creates the directory `path` (`mkdir`); `EEXIST` is thrown like any other failure.
    static func makeDirectory(_ path: String, permissions: mode_t) throws(FileError) {
        _ = try check("create the directory", path) { mkdir(path, permissions) }
    }

    /// Sets the permission bits of `path` exactly, whatever the umask (`chmod`).
    static func setPermissions(_ path: String, _ permissions: mode_t) throws(FileError) {
        _ = try check("set the permissions of", path) { chmod(path, permissions) }
    }

    /// Sets the permission bits of an open file (`fchmod`).
    static func setPermissions(descriptor fd: Int32, _ permissions: mode_t, path: String?) throws(FileError) {
        _ = try check("set the permissions of", path) { fchmod(fd, permissions) }
    }

    /// Renames `source` to `destination`, atomically replacing whatever is there (`rename`).
    static func renameEntry(_ source: String, to destination: String) throws(FileError) {
        _ = try check("rename", source) { rename(source, destination) }
    }

    /// Gives `source`'s file the second name `destination`, failing with `EEXIST` when it is taken (`link`).
    ///
    /// This is the atomic "publish, never replace" step: the new name appears with the whole content.
    static func hardLink(_ source: String, to destination: String) throws(FileError) {
        _ = try check("link", destination) { link(source, destination) }
    }

    /// Removes the empty directory `path` (`rmdir`).
    static func removeDirectory(_ path: String) throws(FileError) {
        _ = try check("remove the directory", path) { rmdir(path) }
    }

    /// The names in the directory `path`, without `.` and `..` (`opendir`/`readdir`).
    static func directoryEntries(_ path: String) throws(FileError) -> [String] {
        guard let directory = opendir(path) else {
            throw .io(operation: "list the directory", path: path, code: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        if errno != 0 { throw .io(operation: "list the directory", path: path, code: errno) }
        return names
    }
}
