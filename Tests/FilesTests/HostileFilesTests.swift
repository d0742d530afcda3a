import Files
import Foundation
import Testing

/// Hostile upload names and paths (Documentation/Hostile-Input.md): sanitised the way Django does or refused with a
/// clear error, and nothing the library writes lands outside the directory it was given.
@Suite struct HostileNameTests {
    /// Django's `MultiPartParser.sanitize_file_name` + `UploadedFile` name setter, case by case.
    @Test(
        arguments: [
            ("../../etc/passwd", "passwd"),
            ("/etc/passwd", "passwd"),
            ("..\\..\\windows\\win.ini", "win.ini"),
            ("C:\\Users\\x\\photo.jpg", "photo.jpg"),
            ("a/b/../c.txt", "c.txt"),
            ("/tmp/../../x/..\\y.png", "y.png"),
            ("foo\0bar.txt", "foobar.txt"),
            ("evil\n\r\t\u{7F}\u{1B}.txt", "evil.txt"),
            ("\u{202E}gnp.exe", "gnp.exe"),  // right-to-left override (a format character) dropped
            ("zero\u{200B}width\u{00A0}.png", "zerowidth.png"),  // ZWSP and NBSP are not printable to Python
            ("...", "..."),  // only dots, but not "." or "..": an ordinary (hidden) name, as in Django
            ("....txt", "....txt"),
            (".jpg", ".jpg"),  // only an extension: a hidden file named ".jpg", as in Django
            ("..\0", nil),  // NUL dropped leaves ".."
        ] as [(String, String?)])
    func hostileNameIsSanitisedLikeDjango(raw: String, expected: String?) throws {
        if let expected {
            #expect(try UploadedFile.sanitizedName(raw) == expected)
            #expect(try SimpleUploadedFile(name: raw, content: Data("x".utf8)).name == expected)
        } else {
            #expect(throws: FileError.self) { try UploadedFile.sanitizedName(raw) }
        }
    }

    /// Names with no safe base name are refused with an error that quotes what was derived.
    @Test(arguments: ["", ".", "..", "/", "a/..", "a/../..", "\\", "..\\", "\0", "\n\r", "\u{202E}", "../\0"])
    func nameWithoutASafeBaseNameIsRefused(raw: String) throws {
        #expect {
            try UploadedFile.sanitizedName(raw)
        } throws: { error in
            guard case .suspiciousFileOperation(let message) = error as? FileError else { return false }
            return message.contains("Could not derive file name")
        }
        #expect(throws: FileError.self) { try SimpleUploadedFile(name: raw, content: Data()) }
    }

    /// 1,000-character names: 255 Unicode scalars (Python code points), the last extension kept.
    @Test(
        arguments: [
            (String(repeating: "é", count: 1000) + ".jpg", ".jpg"),
            (String(repeating: "👍🏽", count: 500) + ".png", ".png"),
            (String(repeating: "a", count: 1000), ""),
            (String(repeating: "字", count: 996) + ".tar.gz", ".gz"),
            ("x." + String(repeating: "b", count: 1000), nil),  // the "extension" itself is too long
        ] as [(String, String?)])
    func thousandCharacterNameIsCutTo255Scalars(raw: String, keptExtension: String?) throws {
        let name = try UploadedFile.sanitizedName(raw)
        #expect(name.unicodeScalars.count == 255)
        if let keptExtension {
            #expect(name.hasSuffix(keptExtension))
            #expect(raw.unicodeScalars.starts(with: name.unicodeScalars.dropLast(keptExtension.unicodeScalars.count)))
        } else {
            #expect(name == "." + String(repeating: "b", count: 254))
        }
    }

    /// `validateFileName` (Django's `validate_file_name`): traversal and absolute paths throw,
    /// naming the offending value.
    @Test(arguments: [
        ("../x", true), ("a/../b", true), ("/etc/passwd", true), ("a\\..\\b", true), ("\\\\server\\x", true),
        ("..", true), ("a/b/..", true), ("a/b", false), ("a/b", true), ("x.txt", false), ("x.txt", true),
        ("../x", false), ("/x", false),
    ])
    func validateFileNameRefusesTraversal(name: String, allowRelativePath: Bool) throws {
        let safe =
            !name.contains("..") && !name.hasPrefix("/") && !name.hasPrefix("\\")
            && (allowRelativePath || !name.contains("/"))
        if safe {
            #expect(try validateFileName(name, allowRelativePath: allowRelativePath) == name)
        } else {
            #expect {
                try validateFileName(name, allowRelativePath: allowRelativePath)
            } throws: { error in
                guard case .suspiciousFileOperation(let message) = error as? FileError else { return false }
                return message.contains(name)
            }
        }
    }
}

/// Temporary files stay in the directory they were given, whatever the upload's name, and are
/// removed on close, on deinit and when an upload fails halfway.
@Suite struct HostileTemporaryFileTests {
    static let hostileNames = [
        "../../escape.png", "/etc/cron.d/x.jpg", "..\\..\\x.jpg", "a/../../../b.txt",
        "x." + String(repeating: "😀", count: 200),
        String(repeating: "é", count: 1000) + ".jpg", "name\0with\0nul.png", ".jpg", "...",
    ]

    @Test(arguments: hostileNames)
    func temporaryFileStaysInItsDirectory(name: String) throws {
        let scratch = try ScratchDirectory()
        let upload = try TemporaryUploadedFile(
            name: name, contentType: "image/png", size: 0, directory: scratch.path)
        let path = upload.temporaryFilePath
        #expect((path as NSString).deletingLastPathComponent == (scratch.path as NSString).standardizingPath)
        #expect(!(upload.name ?? "").contains("/"))
        #expect(try scratch.entries() == [(path as NSString).lastPathComponent])
        try upload.write(Data("content".utf8))
        try upload.close()
        #expect(try scratch.entries().isEmpty)
    }

    @Test func temporaryFileIsRemovedOnDeinit() throws {
        let scratch = try ScratchDirectory()
        var upload: TemporaryUploadedFile? = try TemporaryUploadedFile(
            name: "x.bin", size: 0, directory: scratch.path)
        try upload?.write(Data(repeating: 7, count: 100_000))
        #expect(try scratch.entries().count == 1)
        upload = nil
        #expect(try scratch.entries().isEmpty)
    }

    /// A client that disconnects halfway: the app interrupts the receiver, or simply drops it.
    @Test(arguments: [true, false])
    func uploadFailingHalfwayLeavesNothing(interruptsExplicitly: Bool) throws {
        let scratch = try ScratchDirectory()
        var receiver: UploadReceiver? = try UploadReceiver(
            handlers: UploadReceiver.defaultHandlers(maximumMemorySize: 10, temporaryDirectory: scratch.path),
            contentLength: nil)
        try receiver?.beginFile(UploadDescription(fieldName: "f", fileName: "../../big.bin"))
        try receiver?.receive(Data(repeating: 1, count: 64))  // over the memory limit: spilled to disk
        #expect(try scratch.entries().count == 1)
        if interruptsExplicitly { receiver?.interrupt() }
        receiver = nil
        #expect(try scratch.entries().isEmpty)
    }

    /// The temporary-file handler alone (content length over the memory limit): interrupted, and
    /// a second file begun while the first is unfinished.
    @Test func temporaryHandlerReleasesAnAbandonedFile() throws {
        let scratch = try ScratchDirectory()
        let receiver = try UploadReceiver(
            handlers: UploadReceiver.defaultHandlers(maximumMemorySize: 10, temporaryDirectory: scratch.path),
            contentLength: 1_000)
        try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "a.bin"))
        try receiver.receive(Data(repeating: 2, count: 500))
        #expect(try scratch.entries().count == 1)
        receiver.interrupt()
        #expect(try scratch.entries().isEmpty)
        #expect(throws: UploadHandlerError.self) {
            try receiver.beginFile(UploadDescription(fieldName: "f", fileName: ".."))
        }
        #expect(try scratch.entries().isEmpty)
    }

    /// 1,000 temporary uploads created, written, read back and closed from concurrent tasks: no two
    /// share a path, each holds its own bytes, and the directory is empty afterwards.
    @Test func concurrentTemporaryFilesNeverCollide() async throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.path
        let paths = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<1_000 {
                group.addTask {
                    let upload = try TemporaryUploadedFile(
                        name: "same-name.bin", size: nil, directory: directory)
                    let content = Data("upload \(index)".utf8)
                    try upload.write(content)
                    try upload.seek(to: 0)
                    let readBack = try upload.read()
                    try upload.close()
                    guard readBack == content else {
                        throw FileError.invalidArgument(operation: "read back", detail: "upload \(index)")
                    }
                    return upload.temporaryFilePath
                }
            }
            var paths: [String] = []
            for try await path in group { paths.append(path) }
            return paths
        }
        #expect(paths.count == 1_000)
        #expect(Set(paths).count == 1_000)
        #expect(try scratch.entries().isEmpty)
    }

    /// 200 temporary uploads open at the same time get 200 distinct files, all gone once closed.
    @Test func manyOpenTemporaryFilesCloseCleanly() throws {
        let scratch = try ScratchDirectory()
        let uploads = try (0..<200).map { index in
            try TemporaryUploadedFile(
                name: "f\(index).txt", size: nil, directory: scratch.path)
        }
        #expect(try scratch.entries().count == 200)
        #expect(Set(uploads.map(\.temporaryFilePath)).count == 200)
        for upload in uploads { try upload.close() }
        #expect(try scratch.entries().isEmpty)
    }
}
