import Files
import Foundation
import Testing

/// What only the disk backend has: files on disk, permissions, moves, links, overwriting.
@Suite("FileSystemStorage")
struct FileSystemStorageTests {
    let scratch: ScratchDirectory
    let storage: FileSystemStorage

    init() throws {
        scratch = try ScratchDirectory()
        storage = FileSystemStorage(location: scratch.file("media"), baseURL: "/media")
    }

    private func onDisk(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: scratch.file("media/" + name)))
    }

    private func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    /// Every file under the location, hidden ones included.
    private func everyFile() throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: scratch.file("media")) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            let found = FileManager.default.fileExists(atPath: scratch.file("media/" + path), isDirectory: &isDirectory)
            return found && !isDirectory.boolValue
        }.sorted()
    }

    // MARK: - Saving

    @Test func savesToTheLocationCreatingDirectories() async throws {
        let name = try await storage.save("a/b/c.txt", content: ContentFile("abc"))
        #expect(name == "a/b/c.txt")
        #expect(try onDisk("a/b/c.txt") == Data("abc".utf8))
        #expect(storage.location.hasSuffix("/media") && !storage.location.contains("//"))
        #expect(FileSystemStorage(location: "/srv//media/./x/..").location == "/srv/media")
    }

    @Test func filesAndDirectoriesGetThePermissionsAsked() async throws {
        let strict = FileSystemStorage(
            location: scratch.file("strict"), filePermissions: 0o640, directoryPermissions: 0o750)
        _ = try await strict.save("d/e/f.txt", content: ContentFile("x"))
        #expect(try permissions(scratch.file("strict/d/e/f.txt")) == 0o640)
        #expect(try permissions(scratch.file("strict/d/e")) == 0o750)
        #expect(try permissions(scratch.file("strict/d")) == 0o750)
        #expect(try permissions(scratch.file("strict")) == 0o750)
        _ = try await storage.save("default.txt", content: ContentFile("x"))
        #expect(try permissions(scratch.file("media/default.txt")) == 0o644)
    }

    @Test func aTemporaryUploadIsMovedNotCopied() async throws {
        let upload = try TemporaryUploadedFile(
            name: "video.mp4", contentType: "video/mp4", size: nil, directory: scratch.path)
        try upload.write(Data("movie".utf8))
        let inode =
            try FileManager.default.attributesOfItem(atPath: upload.temporaryFilePath)[.systemFileNumber] as? Int
        let name = try await storage.save(upload)
        #expect(name == "video.mp4")
        #expect(!exists(upload.temporaryFilePath))
        let stored = scratch.file("media/video.mp4")
        #expect(try FileManager.default.attributesOfItem(atPath: stored)[.systemFileNumber] as? Int == inode)
        #expect(try permissions(stored) == 0o644)
        #expect(try onDisk("video.mp4") == Data("movie".utf8))
        #expect(!upload.isClosed)
        try upload.close()
        #expect(try onDisk("video.mp4") == Data("movie".utf8))
    }

    /// Whether `/dev/shm` (a tmpfs on Linux) is another filesystem than the temporary directory.
    static let sharedMemoryIsAnotherFilesystem: Bool = {
        let manager = FileManager.default
        guard let shm = try? manager.attributesOfFileSystem(forPath: "/dev/shm")[.systemNumber] as? Int,
            let tmp = try? manager.attributesOfFileSystem(forPath: NSTemporaryDirectory())[.systemNumber] as? Int
        else { return false }
        return shm != tmp
    }()

    @Test(
        .enabled(
            if: sharedMemoryIsAnotherFilesystem, "needs /dev/shm on another filesystem than the temporary directory"))
    func aTemporaryUploadOnAnotherFilesystemIsCopied() async throws {
        let upload = try TemporaryUploadedFile(
            name: "far.bin", size: nil, directory: "/dev/shm")
        defer { try? upload.close() }
        try upload.write(Data("far away".utf8))
        let name = try await storage.save(upload)
        #expect(try onDisk(name) == Data("far away".utf8))
        #expect(try everyFile() == ["far.bin"])
    }

    @Test func oneHundredConcurrentSavesOfOneNameGiveOneHundredIntactFiles() async throws {
        let payload = pseudoRandom(100_003)
        let storage = self.storage
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    var bytes = payload
                    bytes.append(contentsOf: Data("#\(index)".utf8))
                    return try await storage.save("photo.jpg", content: ContentFile(bytes))
                }
            }
            var names: [String] = []
            for try await name in group { names.append(name) }
            return names
        }
        #expect(Set(names).count == 100)
        #expect(try everyFile() == names.sorted())
        var suffixes = Set<String>()
        for name in names {
            let bytes = try onDisk(name)
            #expect(bytes.count > payload.count && bytes.prefix(payload.count) == payload)
            suffixes.insert(String(decoding: bytes.dropFirst(payload.count), as: UTF8.self))
        }
        #expect(suffixes == Set((0..<100).map { "#\($0)" }))
    }

    @Test func aContentStreamFailingMidReadLeavesNothingBehind() async throws {
        let failing = FileObject(FailingStream(goodBytes: 200_000), name: "broken.bin")
        let error = await #expect(throws: StorageError.self) { try await storage.save(failing) }
        #expect(error?.code == .content)
        #expect(error?.description.hasPrefix("Cannot save \"broken.bin\": its content cannot be read: ") == true)
        #expect(try everyFile().isEmpty)
        #expect(try await !storage.exists("broken.bin"))
    }

    @Test func overwritingTruncatesAndNeverLeavesOldBytes() async throws {
        let overwriting = FileSystemStorage(location: scratch.file("media"), allowOverwrite: true)
        #expect(
            try await overwriting.save("same.txt", content: ContentFile("a much longer first content")) == "same.txt")
        #expect(try await overwriting.save("same.txt", content: ContentFile("short")) == "same.txt")
        #expect(try onDisk("same.txt") == Data("short".utf8))
        #expect(try await overwriting.isNameAvailable("same.txt", maxLength: nil))
        #expect(
            try await overwriting.save("test_long_file_name.txt", content: ContentFile("x"), maxLength: 10)
                == "test_l.txt")
        let error = await #expect(throws: StorageError.self) {
            try await overwriting.save("file_name.longext", content: ContentFile("x"), maxLength: 5)
        }
        #expect(error?.code == .noAvailableName)
        #expect(try everyFile() == ["same.txt", "test_l.txt"])
    }

    @Test func overwritingATemporaryUploadReplacesTheFile() async throws {
        let overwriting = FileSystemStorage(location: scratch.file("media"), allowOverwrite: true)
        _ = try await overwriting.save("clip.mp4", content: ContentFile("an older and longer clip"))
        let upload = try TemporaryUploadedFile(
            name: "clip.mp4", size: nil, directory: scratch.path)
        try upload.write(Data("new".utf8))
        #expect(try await overwriting.save(upload) == "clip.mp4")
        #expect(try onDisk("clip.mp4") == Data("new".utf8))
        #expect(!exists(upload.temporaryFilePath))
    }

    @Test func aFileWhereADirectoryIsNeededIsAClearError() async throws {
        _ = try await storage.save("a", content: ContentFile("file"))
        let error = await #expect(throws: StorageError.self) {
            try await storage.save("a/b.txt", content: ContentFile("x"))
        }
        #expect(error?.code == .notAFile)
        #expect(error?.description == "Cannot save \"a/b.txt\": \"a\" exists and is not a directory.")
    }

    // MARK: - Links and unsafe names

    @Test func aSymlinkedDirectoryLeadingOutsideIsRefused() async throws {
        let outside = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: scratch.file("media"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.file("media/out"), withDestinationPath: outside.path)
        for operation in ["save", "open", "exists", "size", "list", "delete"] {
            let error = await #expect(throws: StorageError.self, "\(operation)") {
                switch operation {
                case "save": _ = try await storage.save("out/x.txt", content: ContentFile("x"))
                case "open": _ = try await storage.open("out/x.txt")
                case "exists": _ = try await storage.exists("out/x.txt")
                case "size": _ = try await storage.size("out")
                case "list": _ = try await storage.listDirectory("out")
                default: try await storage.delete("out/x.txt")
                }
            }
            #expect(error?.code == .suspiciousName)
            #expect(error?.description.hasSuffix("it leads outside the storage through a symbolic link.") == true)
        }
        #expect(try outside.entries().isEmpty)
    }

    @Test func aSymlinkedFileLeadingOutsideIsRefused() async throws {
        let outside = try ScratchDirectory()
        let secret = try outside.write("secret", to: "secret.txt")
        try FileManager.default.createDirectory(atPath: scratch.file("media"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.file("media/leak.txt"), withDestinationPath: secret)
        let error = await #expect(throws: StorageError.self) { try await storage.open("leak.txt") }
        #expect(error?.code == .suspiciousName)
    }

    @Test func aSymlinkInsideTheLocationIsFollowed() async throws {
        _ = try await storage.save("real/x.txt", content: ContentFile("x"))
        try FileManager.default.createSymbolicLink(
            atPath: scratch.file("media/alias"), withDestinationPath: scratch.file("media/real"))
        #expect(try await contents(storage, "alias/x.txt") == Data("x".utf8))
        #expect(try await storage.save("alias/y.txt", content: ContentFile("y")) == "alias/y.txt")
        #expect(try onDisk("real/y.txt") == Data("y".utf8))
        #expect(try await storage.listDirectory("") == DirectoryListing(directories: ["alias", "real"], files: []))
    }

    @Test func aBrokenSymlinkCountsAsTaken() async throws {
        try FileManager.default.createDirectory(atPath: scratch.file("media"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.file("media/dangling.txt"), withDestinationPath: scratch.file("media/nowhere"))
        #expect(try await storage.exists("dangling.txt"))
        let name = try await storage.save("dangling.txt", content: ContentFile("x"))
        #expect(name != "dangling.txt" && name.hasPrefix("dangling_"))
        #expect(!exists(scratch.file("media/nowhere")))
    }

    @Test(arguments: ["..", "../x", "/etc/passwd", "a/../../x", "a/../b"])
    func namesOutsideTheLocationAreRefused(name: String) async throws {
        let error = await #expect(throws: StorageError.self) { try await storage.exists(name) }
        #expect(error?.code == .suspiciousName)
    }

    // MARK: - Other operations

    @Test func openHonoursTheMode() async throws {
        _ = try await storage.save("m.txt", content: ContentFile("abc"))
        let reading = try await storage.open("m.txt", mode: .read.binary)
        #expect(reading.mode?.description == "rb")
        #expect(reading.name == "m.txt")
        #expect(!reading.isWritable)
        try reading.close()
        let appending = try await storage.open("m.txt", mode: .append)
        try appending.write(Data("def".utf8))
        try appending.close()
        #expect(try onDisk("m.txt") == Data("abcdef".utf8))
        let error = await #expect(throws: StorageError.self) { try await storage.open("", mode: .read.binary) }
        #expect(error?.code == .notAFile)
    }

    @Test func directoriesExistAndCanBeDeletedWhenEmpty() async throws {
        _ = try await storage.save("d/x.txt", content: ContentFile("x"))
        #expect(try await storage.exists("d"))
        #expect(try await storage.exists(""))
        try await storage.delete("d/x.txt")
        try await storage.delete("d")
        #expect(try await !storage.exists("d"))
        let listing = await #expect(throws: StorageError.self) { try await storage.listDirectory("d") }
        #expect(listing?.code == .notFound)
    }

    @Test func urlsArePercentEncodedAsDjangoDoes() async throws {
        for (name, url) in [
            ("a b.jpg", "/media/a%20b.jpg"), ("中文 名.jpg", "/media/%E4%B8%AD%E6%96%87%20%E5%90%8D.jpg"),
            ("x/y z/é.png", "/media/x/y%20z/%C3%A9.png"), ("a#b?c.txt", "/media/a%23b%3Fc.txt"),
            ("~!*()'.txt", "/media/~!*()'.txt"), ("100%.txt", "/media/100%25.txt"),
            ("a+b=c&d;e,f@g$h.txt", "/media/a%2Bb%3Dc%26d%3Be%2Cf%40g%24h.txt"), ("a\\b.txt", "/media/a/b.txt"),
            ("/lead.txt", "/media/lead.txt"), ("a/./b.txt", "/media/a/b.txt"), ("a:b.txt", "/media/a%3Ab.txt"),
            ("//x.txt", "/media/x.txt"), ("a//b", "/media/a/b"),
        ] {
            #expect(try await storage.url(name) == url)
        }
        let cdn = FileSystemStorage(location: scratch.path, baseURL: "https://cdn.example.com/m")
        #expect(cdn.baseURL == "https://cdn.example.com/m/")
        #expect(try await cdn.url("a b.jpg") == "https://cdn.example.com/m/a%20b.jpg")
        #expect(try await FileSystemStorage(location: scratch.path, baseURL: "").url("a.txt") == "/a.txt")
    }

    @Test func withoutABaseURLThereIsNoURL() async throws {
        let unserved = FileSystemStorage(location: scratch.path)
        let error = await #expect(throws: StorageError.self) { try await unserved.url("a.txt") }
        #expect(
            error?.description
                == "Cannot make a URL for \"a.txt\": the storage has no base URL, so the file is not accessible via a URL."
        )
        await #expect(throws: StorageError.self) {
            try await unserved.saveReturningURL(ContentFile("x", name: "u.txt"))
        }
    }

    @Test func saveReturningURLGivesTheNameAndTheURL() async throws {
        let stored = try await storage.saveReturningURL("photos/a b.jpg", content: ContentFile("x"))
        #expect(stored == StoredFile(name: "photos/a b.jpg", url: "/media/photos/a%20b.jpg"))
    }

    @Test func aRelativeLocationIsTakenFromTheWorkingDirectory() {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(FileSystemStorage(location: "media/../files").location == cwd + "/files")
        #expect(FileSystemStorage(location: "").location == cwd)
    }

    @Test func errorsNameTheFileOnce() async throws {
        let error = await #expect(throws: StorageError.self) { try await storage.open("missing.jpg") }
        #expect(error?.description == "Cannot open \"missing.jpg\": no such file in the storage.")
        let traversal = await #expect(throws: StorageError.self) {
            try await storage.save("../a.txt", content: ContentFile("x"))
        }
        #expect(
            traversal?.description
                == "Cannot save \"../a.txt\": it is an absolute path or climbs out of the storage with \"..\".")
        let impossible = await #expect(throws: StorageError.self) {
            try await storage.save("file_name.longext", content: ContentFile("x"), maxLength: 5)
        }
        #expect(
            impossible?.description
                == "Cannot find an available name for \"file_name.longext\": no free name fits in 5 characters; make sure the file field allows a sufficient max_length."
        )
    }

    private func contents(_ storage: FileSystemStorage, _ name: String) async throws -> Data {
        let file = try await storage.open(name)
        defer { try? file.close() }
        return try file.read()
    }
}

/// A stream that yields `goodBytes` and then fails with `EIO`, like a dropped upload connection.
final class FailingStream: ByteStream {
    private var remaining: Int
    private(set) var isClosed = false

    init(goodBytes: Int) {
        remaining = goodBytes
    }

    var isReadable: Bool { !isClosed }
    var isWritable: Bool { false }
    var isSeekable: Bool { false }

    func read(upTo count: Int) throws(FileError) -> Data {
        guard remaining > 0 else { throw .io(operation: "read", path: nil, code: EIO) }
        let size = min(count, remaining)
        remaining -= size
        return Data(repeating: 0x61, count: size)
    }

    func readAll() throws(FileError) -> Data { try read(upTo: Int.max) }
    func write(_ data: Data) throws(FileError) -> Int { throw .unsupportedOperation(operation: "write", name: nil) }
    func seek(to offset: Int, from origin: SeekOrigin) throws(FileError) -> Int {
        throw .unsupportedOperation(operation: "seek", name: nil)
    }
    func tell() throws(FileError) -> Int { throw .unsupportedOperation(operation: "tell", name: nil) }
    func truncate(to size: Int?) throws(FileError) -> Int {
        throw .unsupportedOperation(operation: "truncate", name: nil)
    }
    func close() { isClosed = true }
}

/// `count` reproducible bytes.
func pseudoRandom(_ count: Int) -> Data {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    return Data(
        (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        })
}
