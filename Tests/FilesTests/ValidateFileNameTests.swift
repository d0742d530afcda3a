import Files
import Testing

/// Every row of Django's verified truth table for `validate_file_name` (reference §1.8).
@Suite("validateFileName matches Django's truth table")
struct ValidateFileNameTests {
    enum Outcome: Sendable, Equatable {
        case ok
        case couldNotDerive
        case pathElements
        case traversal

        func error(for name: String) -> FileError? {
            switch self {
            case .ok: nil
            case .couldNotDerive: .suspiciousFileOperation("Could not derive file name from '\(name)'")
            case .pathElements: .suspiciousFileOperation("File name '\(name)' includes path elements")
            case .traversal: .suspiciousFileOperation("Detected path traversal attempt in '\(name)'")
            }
        }
    }

    static let table: [(String, Outcome, Outcome)] = [
        ("a.txt", .ok, .ok),
        ("", .couldNotDerive, .couldNotDerive),
        (".", .couldNotDerive, .couldNotDerive),
        ("..", .couldNotDerive, .couldNotDerive),
        ("/", .couldNotDerive, .couldNotDerive),
        ("a/", .couldNotDerive, .couldNotDerive),
        ("a/..", .couldNotDerive, .couldNotDerive),
        ("a/b.txt", .pathElements, .ok),
        ("a//b.txt", .pathElements, .ok),
        ("a/./b.txt", .pathElements, .ok),
        ("./a.txt", .pathElements, .ok),
        ("C:/x/a.txt", .pathElements, .ok),
        ("/a.txt", .pathElements, .traversal),
        ("../a.txt", .pathElements, .traversal),
        ("a/../b.txt", .pathElements, .traversal),
        ("a\\b.txt", .ok, .ok),
        ("C:\\x\\a.txt", .ok, .ok),
        ("..\\a.txt", .ok, .traversal),
        ("a..b.txt", .ok, .ok),
        ("...", .ok, .ok),
    ]

    @Test(arguments: table)
    func strict(name: String, strict: Outcome, relative: Outcome) throws {
        try check(name, allowRelativePath: false, expected: strict)
    }

    @Test(arguments: table)
    func relative(name: String, strict: Outcome, relative: Outcome) throws {
        try check(name, allowRelativePath: true, expected: relative)
    }

    private func check(_ name: String, allowRelativePath: Bool, expected: Outcome) throws {
        if let error = expected.error(for: name) {
            #expect(throws: error) { try validateFileName(name, allowRelativePath: allowRelativePath) }
        } else {
            #expect(try validateFileName(name, allowRelativePath: allowRelativePath) == name, "returned unchanged")
        }
    }

    @Test func combiningMarkAfterASlashIsStillASeparator() {
        // "/" followed by U+0301 is one Character in Swift; Python sees two code points and a separator.
        #expect(throws: FileError.suspiciousFileOperation("File name 'a/\u{301}b' includes path elements")) {
            try validateFileName("a/\u{301}b")
        }
        #expect(throws: FileError.self) { try validateFileName("../\u{301}x", allowRelativePath: true) }
    }

    @Test func descriptionIsDjangosMessage() {
        #expect(
            FileError.suspiciousFileOperation("Could not derive file name from '..'").description
                == "Could not derive file name from '..'")
    }
}
