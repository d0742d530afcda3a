// libFuzzer target: the multipart parser and the upload handlers behind it. The last bytes choose
// the boundary (XyZ, or the curl / python-requests seeds' own), the memory limit, the field limits
// and two chunkings; the rest is the body. Checks: no crash or hang; the result (form or error) is
// the same for both chunkings; every error has a 400/413/500 status; file names are safe base names;
// the limits hold; the parser never buffers more than a chunk or the field limit; and no temporary
// file outlives the request, good or bad.
import Files
import FilesMultipart
import Foundation
import FuzzSupport
import NIOCore

let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("multipart-fuzz-\(ProcessInfo.processInfo.processIdentifier)").path
try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

func leftovers() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] }

let boundaries = ["XyZ", "------------------------87c43950e9b839c5", "749a820da66540b09c110eddef55093b"]

/// What a parse produced, as plain values.
enum Outcome: Equatable {
    case form(fields: [String], files: [String])
    case failure(MultipartFormError)
}

func run(_ body: [UInt8], chunkSizes: [Int], boundary: String, memory: Int, limits: MultipartLimits) -> Outcome {
    let outcome: Outcome
    do {
        let parser = try MultipartFormParser(
            contentType: "multipart/form-data; boundary=\(boundary)", contentLength: nil, limits: limits,
            handlers: UploadReceiver.defaultHandlers(maximumMemorySize: memory, temporaryDirectory: directory))
        var offset = 0
        var step = 0
        while offset < body.count {
            let end = min(body.count, offset + chunkSizes[step % chunkSizes.count])
            try parser.feed(ByteBuffer(bytes: body[offset..<end]))
            offset = end
            step += 1
        }
        let form = try parser.finish()
        var files: [String] = []
        for (field, uploads) in form.files {
            for file in uploads {
                let name = file.name ?? ""
                precondition(!name.isEmpty && name != "." && name != "..", "unsafe name \(name.debugDescription)")
                precondition(!name.contains("/") && !name.contains("\\"), "unsafe name \(name.debugDescription)")
                precondition(name.unicodeScalars.count <= 255, "name of \(name.unicodeScalars.count) scalars")
                let content = try! file.read()
                precondition(file.size == content.count, "size \(String(describing: file.size)) for \(content.count)")
                if let maximum = limits.maximumFileSize {
                    precondition(content.count <= maximum, "file over the limit")
                }
                files.append("\(field)=\(name):\(content.count):\(content.hashValue)")
            }
        }
        let fields = form.fields.flatMap { entry in entry.values.map { "\(entry.key)=\($0)" } }
        if let maximum = limits.maximumNumberOfFields { precondition(form.fields.allValues.count <= maximum) }
        if let maximum = limits.maximumNumberOfFiles { precondition(files.count <= maximum) }
        form.closeFiles()
        outcome = .form(fields: fields, files: files)
    } catch {
        precondition([400, 413, 500].contains(error.status), "status \(error.status) for \(error)")
        precondition(!error.description.isEmpty && error.description.hasSuffix("."), "message \(error)")
        outcome = .failure(error)
    }
    precondition(leftovers().isEmpty, "the request left \(leftovers()) (\(outcome))")
    return outcome
}

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    var choices = FuzzChoices(trailingBytesOf: bytes, count: 8)
    let boundary = choices.pick(boundaries)
    let memory = choices.pick([0, 10, 1_000, 2_621_440])
    var limits = MultipartLimits()
    limits.maximumNumberOfFields = choices.pick([nil, 0, 3, 1_000])
    limits.maximumNumberOfFiles = choices.pick([nil, 0, 2, 100])
    limits.maximumFieldDataSize = choices.pick([4_096, 20, 0])
    limits.maximumFileSize = choices.pick([nil, 100, 0])
    limits.maximumHeaderSize = choices.pick([1_024, 64])
    let chunking = [Int(choices.byte()) + 1, Int(choices.byte()) % 7 + 1]
    let body = Array(bytes.dropLast(8))

    let whole = run(body, chunkSizes: [max(1, body.count)], boundary: boundary, memory: memory, limits: limits)
    let split = run(body, chunkSizes: chunking, boundary: boundary, memory: memory, limits: limits)
    precondition(whole == split, "the chunking changed the result: \(whole) versus \(split)")
    return 0
}
