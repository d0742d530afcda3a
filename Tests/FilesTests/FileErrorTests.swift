import Files
import Foundation
import Testing

@Suite("FileError descriptions are sentences naming the operation and the subject")
struct FileErrorTests {
    @Test(arguments: [
        (FileError.closed(operation: "read", name: "a.txt"), "Cannot read \"a.txt\": the file is closed."),
        (.closed(operation: "write", name: nil), "Cannot write an unnamed file: the file is closed."),
        (.cannotReopen(name: "a.txt"), "Cannot reopen \"a.txt\": it is closed and has no path on disk."),
        (.suspiciousFileOperation("File name 'a/b' includes path elements"), "File name 'a/b' includes path elements"),
        (.sizeUnknown(name: "pipe"), "Cannot measure \"pipe\": its size cannot be determined."),
        (.invalidMode("rw"), "Cannot open a file: 'rw' is not a valid mode."),
        (.unsupportedOperation(operation: "seek", name: "p"), "Cannot seek \"p\": the stream does not support it."),
        (
            .invalidArgument(operation: "seek", detail: "the position 0 + -1 is negative"),
            "Cannot seek: the position 0 + -1 is negative."
        ),
        (.io(operation: "open", path: "/x", code: ENOENT), "Cannot open \"/x\": No such file or directory (errno 2)."),
        (.missingKey("content"), "Cannot build an uploaded file from a dictionary: the key 'content' is missing."),
        (
            .invalidValue(key: "filename", expected: "text"),
            "Cannot build an uploaded file from a dictionary: the value of 'filename' must be text."
        ),
    ])
    func description(error: FileError, expected: String) {
        #expect(error.description == expected)
        // The sentence ends with the reason, the clause a wrapper takes (Django's own message aside).
        if case .suspiciousFileOperation = error {} else { #expect(expected.hasSuffix(": \(error.reason).")) }
        #expect("\(error)" == expected)
    }

    @Test func errorsAreEquatableAndSendable() {
        let error: any Error & Sendable = FileError.missingKey("filename")
        #expect(error as? FileError == .missingKey("filename"))
        #expect(FileError.missingKey("a") != .missingKey("b"))
    }
}
