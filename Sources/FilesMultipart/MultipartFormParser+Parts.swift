import Files
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The parts: a field's value or a file's bytes handed to the upload handlers, the limits counted.
extension MultipartFormParser {
    /// Takes body bytes of the current part.
    func body(_ bytes: ByteBuffer) throws(MultipartFormError) {
        switch part.content {
        case .field(let name, let isBase64, var collected):
            fieldDataSize += bytes.readableBytes
            if let maximum = limits.maximumFieldDataSize, fieldDataSize > maximum {
                throw .limitExceeded(.fieldDataSize, limit: maximum)
            }
            part.content = .undetermined  // lets `collected` grow in place
            bytes.withUnsafeReadableBytes { collected.append(contentsOf: $0) }
            notePeak(collected.count)
            part.content = .field(name: name, isBase64: isBase64, bytes: collected)
        case .file(var file):
            part.content = .undetermined  // lets `file.pending` grow in place
            defer { part.content = .file(file) }
            var remaining = bytes
            while remaining.readableBytes > 0, phase == .body {
                let piece = remaining.readSlice(length: min(chunkSize - file.pending.count, remaining.readableBytes))!
                // The one copy of file bytes: the network's buffer into the chunk handed to the handlers.
                piece.withUnsafeReadableBytes { file.pending.append(contentsOf: $0) }
                notePeak(file.pending.count)
                if file.pending.count == chunkSize { try deliver(&file) }
            }
        case .undetermined, .skipped:
            break
        }
    }

    func content(of headers: [String: String]) throws(MultipartFormError) -> MultipartPart.Content {
        guard let dispositionHeader = headers["content-disposition"] else {
            throw .malformed("a part has no Content-Disposition header")
        }
        let disposition = HeaderValue(parsing: dispositionHeader)
        guard let rawName = disposition.parameters["name"] else {
            throw .malformed("a part's Content-Disposition has no name")
        }
        // Django strips the name (Python's `str.strip()`: Unicode white space and line breaks).
        let name = String(rawName.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        let isBase64 = headers["content-transfer-encoding"].map { HeaderValue(parsing: $0).value } == "base64"
        guard let rawFileName = disposition.parameters["filename"], !rawFileName.isEmpty else {
            fieldCount += 1
            if let maximum = limits.maximumNumberOfFields, fieldCount > maximum {
                throw .limitExceeded(.numberOfFields, limit: maximum)
            }
            // Django counts each field's name plus 2 (for `=` and `&` in a URL-encoded form).
            fieldDataSize += name.unicodeScalars.count + 2
            if let maximum = limits.maximumFieldDataSize, fieldDataSize > maximum {
                throw .limitExceeded(.fieldDataSize, limit: maximum)
            }
            return .field(name: name, isBase64: isBase64, bytes: [])
        }
        fileCount += 1
        if let maximum = limits.maximumNumberOfFiles, fileCount > maximum {
            throw .limitExceeded(.numberOfFiles, limit: maximum)
        }
        guard let fileName = ClientFileName.sanitized(rawFileName) else { return .skipped }
        let type = headers["content-type"].map(HeaderValue.init(parsing:))
        let upload = UploadDescription(
            fieldName: name, fileName: fileName, contentType: type.map(\.value).flatMap { $0.isEmpty ? nil : $0 },
            contentLength: headers["content-length"].flatMap { Int(HeaderValue(parsing: $0).value) },
            charset: type?.parameters["charset"], contentTypeExtra: type?.parameters)
        guard try handle({ () throws(UploadHandlerError) in try receiver.beginFile(upload) }) else { return .skipped }
        if receiver.isSkippingFile {
            // A handler's skipFile: the receiver has let the file go; close the receiver's side now.
            _ = try? receiver.finishFile()
            return .skipped
        }
        return .file(
            FilePart(
                fieldName: name, fileName: fileName, base64: isBase64 ? Base64ChunkDecoder() : nil,
                chunkSize: chunkSize))
    }

    /// Hands one chunk of raw file bytes to the handlers, decoding base64 first.
    func deliver(_ file: inout FilePart) throws(MultipartFormError) {
        var data = file.pending
        file.pending = Data()
        if file.base64 != nil {
            do {
                data = try file.base64!.decode(data)
            } catch {
                throw .malformed("the base64 content of \"\(file.fileName)\" cannot be decoded")
            }
        }
        if !data.isEmpty {
            file.size += data.count
            if let maximum = limits.maximumFileSize, file.size > maximum {
                throw .limitExceeded(.fileSize, limit: maximum)
            }
            guard try handle({ () throws(UploadHandlerError) in try receiver.receive(data) }) else { return }
        }
        // The next chunk reuses this one's memory unless a handler kept it (Data copies on write then).
        data.removeAll(keepingCapacity: true)
        data.reserveCapacity(chunkSize)
        file.pending = data
    }

    /// At the part's closing boundary: a field's value or a finished file goes into the form.
    func finishPart() throws(MultipartFormError) {
        switch part.content {
        case .field(let name, let isBase64, let bytes):
            let value = isBase64 ? Base64ChunkDecoder.decodeWhole(bytes) ?? bytes : bytes
            form.fields.append(String(decoding: value, as: UTF8.self), for: name)
        case .file(var file):
            try deliver(&file)
            guard phase == .afterBoundary(endsPart: true) else { return }
            if (try? file.base64?.finish()) == nil, file.base64 != nil {
                throw .malformed("the base64 content of \"\(file.fileName)\" is truncated")
            }
            part.content = .skipped
            var finished: UploadedFile?
            guard try handle({ () throws(UploadHandlerError) in finished = try receiver.finishFile() }) else { return }
            if let finished { form.files.append(finished, for: file.fieldName) }
        case .undetermined, .skipped:
            break
        }
        part.content = .skipped
    }

    /// Runs a receiver call; a stop request stops the upload (and returns `false`), any other error is
    /// thrown.
    func handle(_ call: () throws(UploadHandlerError) -> Void) throws(MultipartFormError) -> Bool {
        do {
            try call()
            return true
        } catch .stopUpload(let connectionReset) {
            phase = .stopped(connectionReset: connectionReset)
            return false
        } catch {
            throw .handler(error)
        }
    }
}
