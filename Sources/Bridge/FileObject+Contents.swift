import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FileObject {
    /// Reads the whole content from the start and puts the position back where it was.
    ///
    /// A stream that cannot seek is read from where it is (as Django's `chunks()` does) and is
    /// left at its end. Cost: one read into one buffer of the file's size.
    func readAllFromStart() throws(FileError) -> Data {
        try withPositionRestored { () throws(FileError) in
            if isSeekable { try seek(to: 0) }
            return try read()
        }
    }

    /// Runs `body` and then seeks back to the position the file had before, when it can seek.
    func withPositionRestored<Result>(_ body: () throws(FileError) -> Result) throws(FileError) -> Result {
        guard isSeekable else { return try body() }
        let position = try tell()
        let result: Result
        do {
            result = try body()
        } catch {
            _ = try? seek(to: position)
            throw error
        }
        try seek(to: position)
        return result
    }
}
