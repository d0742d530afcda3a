import Files
import Foundation
import Testing

@Suite("Upload handlers turn chunks into uploaded files")
struct UploadHandlerTests {
    /// Deterministic content whose bytes differ, so a lost or repeated byte shows.
    static func content(_ count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 251 &+ 7) })
    }

    /// `data` cut by repeating `pattern` of chunk sizes.
    static func split(_ data: Data, pattern: [Int]) -> [Data] {
        var chunks: [Data] = []
        var offset = 0
        var step = 0
        while offset < data.count {
            let size = min(pattern[step % pattern.count], data.count - offset)
            chunks.append(data.subdata(in: offset..<offset + size))
            offset += size
            step += 1
        }
        return chunks
    }

    static let patterns: [[Int]] = [[1], [2], [3], [7], [64], [99], [100], [101], [1, 2, 3], [5, 1, 250], [1000]]
    static let limit = 100

    static func receive(
        _ data: Data, pattern: [Int], declaring contentLength: Int?, in directory: String
    ) throws -> UploadedFile? {
        try UploadReceiver.receiveFile(
            split(data, pattern: pattern), fieldName: "file", fileName: "upload.bin", contentType: "application/x",
            charset: "utf-8", contentLength: contentLength,
            handlers: UploadReceiver.defaultHandlers(maximumMemorySize: limit, temporaryDirectory: directory))
    }

    @Test(arguments: [0, 1, 99, 100, 101, 250], patterns)
    func everyByteArrivesExactlyOnce(count: Int, pattern: [Int]) throws {
        let scratch = try ScratchDirectory()
        let data = Self.content(count)
        for declared in [count, nil] as [Int?] {
            let upload = try #require(try Self.receive(data, pattern: pattern, declaring: declared, in: scratch.path))
            #expect(upload.size == count)
            #expect(try upload.read() == data)
            #expect(upload.name == "upload.bin")
            #expect(upload.contentType == "application/x")
            #expect(upload.charset == "utf-8")
            if count <= Self.limit {
                #expect(upload is InMemoryUploadedFile, "\(count) bytes fit in memory")
                #expect((upload as? InMemoryUploadedFile)?.fieldName == "file")
            } else {
                let temporary = try #require(upload as? TemporaryUploadedFile, "\(count) bytes go to disk")
                #expect(try temporary.tell() == count)
                try temporary.seek(to: 0)
                #expect(try temporary.allChunks(size: 17).reduce(Data(), +) == data)
                try temporary.close()
            }
            #expect(try scratch.entries().isEmpty)
        }
    }

    @Test func djangosDefaultLimitIsInclusive() throws {
        #expect(MemoryFileUploadHandler.defaultMaximumMemorySize == 2_621_440)
        let scratch = try ScratchDirectory()
        let limit = MemoryFileUploadHandler.defaultMaximumMemorySize
        for declared in [true, false] {
            let atLimit = Self.content(limit)
            let inMemory = try UploadReceiver.receiveFile(
                Self.split(atLimit, pattern: [65536]), fieldName: "f", fileName: "a",
                contentLength: declared ? limit : nil,
                handlers: UploadReceiver.defaultHandlers(temporaryDirectory: scratch.path))
            #expect(inMemory is InMemoryUploadedFile)
            #expect(inMemory?.size == limit)

            let overLimit = Self.content(limit + 1)
            let onDisk = try #require(
                try UploadReceiver.receiveFile(
                    Self.split(overLimit, pattern: [65536]), fieldName: "f", fileName: "a",
                    contentLength: declared ? limit + 1 : nil,
                    handlers: UploadReceiver.defaultHandlers(temporaryDirectory: scratch.path))
                    as? TemporaryUploadedFile)
            #expect(onDisk.size == limit + 1)
            #expect(try onDisk.read() == overLimit)
            try onDisk.close()
        }
        #expect(try scratch.entries().isEmpty)
    }

    @Test func memoryHandlerStepsAsideForAKnownLargeBody() throws {
        let memory = MemoryFileUploadHandler(maximumMemorySize: 10)
        try memory.handleRawInput(contentLength: 11)
        #expect(!memory.isActivated)
        #expect(try memory.newFile(UploadDescription(fieldName: "f", fileName: "a")) == .continueWithNextHandler)
        #expect(try memory.receiveDataChunk(bytes("pass"), start: 0) == bytes("pass"))
        #expect(try memory.fileComplete(size: 4) == nil)
        try memory.handleRawInput(contentLength: 10)
        #expect(memory.isActivated)
        try memory.handleRawInput(contentLength: nil)
        #expect(memory.isActivated)
    }

    @Test func interruptedUploadRemovesTheTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        for declared in [1000, nil] as [Int?] {
            let receiver = try UploadReceiver(
                handlers: UploadReceiver.defaultHandlers(maximumMemorySize: 10, temporaryDirectory: scratch.path),
                contentLength: declared)
            try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "big.bin"))
            try receiver.receive(Self.content(50))
            #expect(try scratch.entries().count == 1)
            receiver.interrupt()
            #expect(try scratch.entries().isEmpty)
            #expect(throws: UploadHandlerError.self) { try receiver.receive(Data([1])) }
        }
    }

    @Test func abandonedReceiverRemovesTheTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        do {
            let receiver = try UploadReceiver(
                handlers: [TemporaryFileUploadHandler(directory: scratch.path)], contentLength: nil)
            try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "left.bin"))
            try receiver.receive(Self.content(5))
            #expect(try scratch.entries().count == 1)
        }
        #expect(try scratch.entries().isEmpty)
    }

    @Test func temporaryHandlerInterruptionAndCompletion() throws {
        let scratch = try ScratchDirectory()
        let handler = TemporaryFileUploadHandler(directory: scratch.path)
        #expect(
            try handler.newFile(UploadDescription(fieldName: "f", fileName: "t.txt", contentType: "text/plain"))
                == .continueWithNextHandler)
        #expect(try handler.receiveDataChunk(bytes("abc"), start: 0) == nil)
        handler.uploadInterrupted()
        #expect(try scratch.entries().isEmpty)
        #expect(try handler.fileComplete(size: 3) == nil)
        #expect(throws: UploadHandlerError.self) { try handler.receiveDataChunk(bytes("x"), start: 0) }
    }

    @Test func hostileFileNameIsRejectedBeforeAnyHandlerRuns() throws {
        let scratch = try ScratchDirectory()
        let receiver = try UploadReceiver(handlers: [TemporaryFileUploadHandler(directory: scratch.path)])
        #expect(throws: UploadHandlerError.file(.suspiciousFileOperation("Could not derive file name from '..'"))) {
            try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "../.."))
        }
        #expect(try scratch.entries().isEmpty)
        try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "C:\\x\\y.jpg"))
        try receiver.receive(bytes("jpeg"))
        let upload = try #require(try receiver.finishFile())
        #expect(upload.name == "y.jpg")
        try upload.close()
    }

    @Test func protocolMisuseThrows() throws {
        let receiver = try UploadReceiver()
        let notStarted = UploadHandlerError.file(
            .invalidArgument(operation: "receive an upload chunk", detail: "no file was started"))
        #expect(throws: notStarted) { try receiver.receive(Data()) }
        #expect(throws: UploadHandlerError.self) { try receiver.finishFile() }
        try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "a"))
        #expect(
            throws: UploadHandlerError.file(
                .invalidArgument(operation: "begin an uploaded file", detail: "the previous file is unfinished"))
        ) { try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "b")) }
    }

    /// A real handler that upper-cases ASCII and passes the result on, like a transcoding handler would.
    final class UppercasingHandler: FileUploadHandler {
        var starts: [Int] = []
        func newFile(_ upload: UploadDescription) -> UploadHandlerDecision { .continueWithNextHandler }
        func receiveDataChunk(_ data: Data, start: Int) -> Data? {
            starts.append(start)
            return Data(data.map { (0x61...0x7A).contains($0) ? $0 - 32 : $0 })
        }
        func fileComplete(size: Int) -> UploadedFile? { nil }
    }

    @Test func chunksFlowThroughTheChainInOrder() throws {
        let first = UppercasingHandler()
        let upload = try #require(
            try UploadReceiver.receiveFile(
                [bytes("ab"), bytes("cde"), bytes("f")], fieldName: "f", fileName: "x.txt",
                handlers: [first, MemoryFileUploadHandler()]))
        #expect(try upload.read() == bytes("ABCDEF"))
        #expect(upload.size == 6)
        #expect(first.starts == [0, 2, 5])
    }

    @Test func asyncSequenceOfChunks() async throws {
        let data = Self.content(300)
        let stream = AsyncStream<Data> { continuation in
            for chunk in Self.split(data, pattern: [7, 13]) { continuation.yield(chunk) }
            continuation.finish()
        }
        let scratch = try ScratchDirectory()
        let upload = try #require(
            try await UploadReceiver.receiveFile(
                stream, fieldName: "f", fileName: "s.bin",
                handlers: UploadReceiver.defaultHandlers(maximumMemorySize: 100, temporaryDirectory: scratch.path)))
        #expect(upload is TemporaryUploadedFile)
        #expect(try upload.read() == data)
        try upload.close()
        #expect(try scratch.entries().isEmpty)
    }

    /// Drops every file whose name ends in `.exe` (Django's `SkipFile`), and counts completions.
    final class SkippingHandler: FileUploadHandler {
        var completions = 0
        func newFile(_ upload: UploadDescription) throws(UploadHandlerError) -> UploadHandlerDecision {
            if upload.fileName.hasSuffix(".exe") { throw .skipFile }
            return .continueWithNextHandler
        }
        func receiveDataChunk(_ data: Data, start: Int) -> Data? { data }
        func fileComplete(size: Int) -> UploadedFile? { nil }
        func uploadComplete() -> UploadHandlerDecision {
            completions += 1
            return .stopFutureHandlers
        }
    }

    @Test func skipFileDropsOnlyThatFile() throws {
        let scratch = try ScratchDirectory()
        let skipping = SkippingHandler()
        let receiver = try UploadReceiver(
            handlers: [skipping, TemporaryFileUploadHandler(directory: scratch.path)], contentLength: nil)
        try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "virus.exe"))
        #expect(receiver.isSkippingFile)
        try receiver.receive(bytes("MZ"))
        #expect(try receiver.finishFile() == nil)
        #expect(try scratch.entries().isEmpty)
        try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "notes.txt"))
        #expect(!receiver.isSkippingFile)
        try receiver.receive(bytes("hello"))
        let upload = try #require(try receiver.finishFile())
        #expect(try upload.read() == bytes("hello"))
        try receiver.completeUpload()
        #expect(skipping.completions == 1)
        try upload.close()
        #expect(try scratch.entries().isEmpty)
    }

    /// Refuses any file over `quota` bytes, the way a custom handler reports a problem.
    final class QuotaHandler: FileUploadHandler {
        let quota: Int
        init(quota: Int) { self.quota = quota }
        func newFile(_ upload: UploadDescription) -> UploadHandlerDecision { .continueWithNextHandler }
        func receiveDataChunk(_ data: Data, start: Int) throws(UploadHandlerError) -> Data? {
            if start + data.count > quota { throw .rejected("The file is over the \(quota)-byte quota") }
            return data
        }
        func fileComplete(size: Int) -> UploadedFile? { nil }
    }

    @Test func handlerErrorsInterruptTheChainAndAreTyped() throws {
        let scratch = try ScratchDirectory()
        let receiver = try UploadReceiver(
            handlers: [QuotaHandler(quota: 4), TemporaryFileUploadHandler(directory: scratch.path)])
        try receiver.beginFile(UploadDescription(fieldName: "f", fileName: "big.bin"))
        try receiver.receive(bytes("abc"))
        #expect(try scratch.entries().count == 1)
        #expect(throws: UploadHandlerError.rejected("The file is over the 4-byte quota")) {
            try receiver.receive(bytes("de"))
        }
        #expect(try scratch.entries().isEmpty)
        #expect(
            UploadHandlerError.rejected("The file is over the 4-byte quota").description
                == "The file is over the 4-byte quota.")
    }

    @Test func temporaryFileFailureIsAFileError() throws {
        let handler = TemporaryFileUploadHandler(directory: "/nonexistent/dir")
        #expect {
            try handler.newFile(UploadDescription(fieldName: "f", fileName: "a.txt"))
        } throws: { error in
            guard case .file(.io(_, "/nonexistent/dir", _)) = error as? UploadHandlerError else { return false }
            return true
        }
    }

    @Test func chunkSizeIsTheSmallestOfTheChain() throws {
        #expect(try UploadReceiver().chunkSize == 65_536)
        final class SmallChunks: FileUploadHandler {
            var chunkSize: Int { 1_000 }
            func newFile(_ upload: UploadDescription) -> UploadHandlerDecision { .continueWithNextHandler }
            func receiveDataChunk(_ data: Data, start: Int) -> Data? { data }
            func fileComplete(size: Int) -> UploadedFile? { nil }
        }
        #expect(try UploadReceiver(handlers: [SmallChunks(), MemoryFileUploadHandler()]).chunkSize == 1_000)
    }
}
