import Bridge
import Files

/// What went wrong with one input, for a `PATH: REASON` line on standard error.
///
/// The library's errors name the file themselves (`Cannot open "a.jpg": …`), so after the path only
/// their reason follows, as `cat` and `ls` print it: `a.jpg: No such file or directory (errno 2)`.
enum FailureReason {
    static func of(_ error: any Error) -> String {
        switch error {
        case let error as ImageFileError: error.reason
        case let error as VariantError: error.reason
        case let error as StorageError: error.reason
        case let error as FileError: error.reason
        default: "\(error)"
        }
    }
}
