// Attaching a 100 KB file and committing its row (Attachments + FilesFluent on SQLite and
// FileSystemStorage) against a bare `storage.save` plus a bare insert of the same record, for
// Benchmarks/attachments.sh. Rounds alternate the two jobs; each prints its per-operation time in
// milliseconds, one line per job: `NAME ms ms ms …`.
//
//   attachment-timer WORK_DIR ROUNDS OPERATIONS_PER_ROUND
import Attachments
import BenchTiming
import Files
import FilesFluent
import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOPosix

final class AttachedRow: Model, @unchecked Sendable {
    static let schema = "attached"
    static let file = FileField<AttachedRow>("file", uploadTo: "attached/")
    @ID(key: .id) var id: UUID?
    @AttachmentField(key: "file", AttachedRow.file) var file: FieldFile
    init() {}
}

/// The same record, written by hand: the file's name and the JSON the attachment column holds.
final class BareRow: Model, @unchecked Sendable {
    static let schema = "bare"
    @ID(key: .id) var id: UUID?
    @Field(key: "file") var file: Attachment
    init() {}
    init(file: Attachment) { self.file = file }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let rounds = Int(arguments[2]), let operations = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: attachment-timer WORK_DIR ROUNDS OPERATIONS\n".utf8))
    exit(2)
}
let work = arguments[1]
let storage = FileSystemStorage(location: work + "/media", baseURL: "/media/")
AttachmentStorages.shared.register(storage)
var generator = SystemRandomNumberGenerator()
let payload = Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })

let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
databases.use(.sqlite(.file(work + "/bench.sqlite")), as: .sqlite)
databases.middleware.use(AttachmentMiddleware(), on: .sqlite)
let db = databases.database(.sqlite, logger: Logger(label: "bench"), on: MultiThreadedEventLoopGroup.singleton.any())!
try await db.schema(AttachedRow.schema).id().attachment("file").create()
try await db.schema(BareRow.schema).id().field("file", .json, .required).create()

func bare() async throws {
    let name = try await storage.save("bare/photo.bin", content: ContentFile(payload, name: "photo.bin"))
    let record = Attachment(
        name: name, storage: AttachmentStorages.defaultName, contentType: "application/octet-stream",
        size: payload.count, sha256: String(repeating: "0", count: 64), originalName: "photo.bin")
    try await BareRow(file: record).create(on: db)
}

func attached() async throws {
    let row = AttachedRow()
    try await row.attach(ContentFile(payload, name: "photo.bin"), to: \.$file)
    try await row.create(on: db)
}

func perOperation(_ job: () async throws -> Void) async throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<operations { try await job() }
    let elapsed = clock.now - start
    let ms = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    return ms / Double(operations)
}

// One warm-up round of each, not reported.
_ = try await perOperation(bare)
_ = try await perOperation(attached)
var times: [String: [Double]] = ["bare": [], "attach": []]
for round in 0..<rounds {
    // Alternate which goes first, so neither always meets a warmer cache.
    if round % 2 == 0 {
        times["bare"]!.append(try await perOperation(bare))
        times["attach"]!.append(try await perOperation(attached))
    } else {
        times["attach"]!.append(try await perOperation(attached))
        times["bare"]!.append(try await perOperation(bare))
    }
}
for name in ["bare", "attach"] {
    print(([name] + times[name]!.map { String(format: "%.4f", $0) }).joined(separator: " "))
}
FileHandle.standardError.write(Data("median bare \(median(times["bare"]!)) attach \(median(times["attach"]!))\n".utf8))
await databases.shutdownAsync()
