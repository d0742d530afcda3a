// libFuzzer target: the upload handlers. The first 8 bytes choose the memory limit, whether the
// content length is announced, the file name's length, the chunk sizes and whether the upload is
// interrupted halfway; the rest is the name and the content. Checks: every byte arrives once and
// in order whatever the chunking, the size is exact, the name is a safe base name, and no
// temporary file outlives close() or an interruption.
import Files
import Foundation
import FuzzSupport

let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("upload-handler-fuzz-\(ProcessInfo.processInfo.processIdentifier)").path
try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

func leftovers() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] }

runFuzzTarget { data, size in
    let bytes = fuzzBytes(data, size)
    let control = Array(bytes.prefix(8)) + [UInt8](repeating: 0, count: max(0, 8 - bytes.count))
    let rest = Array(bytes.dropFirst(8))
    let nameLength = min(Int(control[3]), rest.count)
    let rawName = String(decoding: rest.prefix(nameLength), as: UTF8.self)
    let content = Data(rest.dropFirst(nameLength))
    let limits = [0, 1, 64, content.count - 1, content.count, content.count + 1, 2_621_440]
    let limit = max(0, limits[Int(control[0]) % limits.count])
    let announced: Int? = control[1] & 1 == 0 ? content.count : nil
    let interruptAt: Int? = control[1] & 2 == 0 ? nil : Int(control[2]) % (content.count + 1)
    let chunkSizes = control[4...7].map { Int($0) * (control[1] & 4 == 0 ? 1 : 97) + 1 }

    do {
        let receiver = try UploadReceiver(
            handlers: UploadReceiver.defaultHandlers(maximumMemorySize: limit, temporaryDirectory: directory),
            contentLength: announced)
        do {
            try receiver.beginFile(
                UploadDescription(fieldName: "file", fileName: rawName, contentType: "application/octet-stream"))
        } catch {
            precondition(leftovers().isEmpty, "a refused name left \(leftovers())")
            return 0
        }
        var offset = 0
        var index = 0
        while offset < content.count {
            if let interruptAt, offset >= interruptAt { break }
            let end = min(content.count, offset + chunkSizes[index % chunkSizes.count])
            try receiver.receive(content.subdata(in: offset..<end))
            offset = end
            index += 1
        }
        if interruptAt != nil, offset < content.count {
            receiver.interrupt()
            precondition(leftovers().isEmpty, "an interrupted upload left \(leftovers())")
            return 0
        }
        guard let file = try receiver.finishFile() else { preconditionFailure("no handler produced a file") }
        let name = file.name ?? ""
        precondition(!name.contains("/") && !name.contains("\\"), "unsafe name \(name.debugDescription)")
        precondition(name != "." && name != ".." && !name.isEmpty, "unsafe name \(name.debugDescription)")
        precondition(name.unicodeScalars.count <= 255, "name of \(name.unicodeScalars.count) scalars")
        precondition(file.size == content.count, "size \(String(describing: file.size)) for \(content.count) bytes")
        var received = Data()
        var chunks = try file.chunks(size: 1000)
        while let chunk = try chunks.next() { received.append(chunk) }
        precondition(received == content, "content differs: \(received.count) bytes for \(content.count)")
        let temporary = file as? TemporaryUploadedFile
        precondition((temporary != nil) == (content.count > limit), "\(content.count) bytes, limit \(limit): \(file)")
        if let temporary {
            precondition(temporary.temporaryFilePath.hasPrefix(directory + "/"), "temp file outside \(directory)")
        }
        try file.close()
    } catch {
        preconditionFailure("the upload path threw \(error)")
    }
    precondition(leftovers().isEmpty, "closing left \(leftovers())")
    return 0
}
