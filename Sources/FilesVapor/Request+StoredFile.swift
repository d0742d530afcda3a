#if Vapor
public import Files
import Foundation
public import Vapor

extension Request {
    /// The stored file `name` of `storage`, streamed: the answer to `GET /media/<name>`.
    ///
    /// ```swift
    /// app.get("media", "**") { request async -> Response in
    ///     await request.streamStoredFile(request.parameters.getCatchall().joined(separator: "/"), from: storage)
    /// }
    /// ```
    ///
    /// A `FileSystemStorage` goes through Vapor's own `FileIO.asyncStreamFile(at:)`: `ETag`,
    /// `Last-Modified`, `304` for a matching `If-None-Match`, `Range` (206). Any other storage gets a body
    /// streamed from its `open`, one `chunkSize` read at a time, with the same `ETag`, `Last-Modified` and
    /// `304` (no ranges: the whole file, as RFC 9110 allows). `Content-Type` comes from Files' `MIMETypes`.
    /// A name that is not plain (`ServedFileName`), a missing file or a directory is a 404 before
    /// anything is opened.
    ///
    /// Cost: two storage calls (size, modification date), then memory for one chunk per response
    /// whatever the file's size.
    public func streamStoredFile(
        _ name: String, from storage: any FileStorage, chunkSize: Int = 64 * 1024
    ) async -> Response {
        guard let name = ServedFileName.fromURLPath(name), let size = try? await storage.size(name),
            let modified = try? await storage.modificationDate(name)
        else { return Response(status: .notFound) }
        let mediaType = MIMETypes.guessType(of: name).flatMap(Self.mediaType)
        if let disk = storage as? FileSystemStorage {
            // `size` has resolved the name inside the storage (links included); FileIO reads it by path.
            let path = URL(fileURLWithPath: disk.location).appendingPathComponent(name).path
            do {
                return try await fileio.asyncStreamFile(at: path, chunkSize: chunkSize, mediaType: mediaType)
            } catch {
                return Response(status: (error as? any AbortError)?.status ?? .notFound)
            }
        }
        return Self.streamed(
            name, from: storage, size: size, modified: modified, mediaType: mediaType, chunkSize: max(chunkSize, 1),
            ifNoneMatch: headers.first(name: .ifNoneMatch))
    }

    /// A 200 with a body read from `storage` a chunk at a time, or the 304 for a matching `ifNoneMatch`.
    static func streamed(
        _ name: String, from storage: any FileStorage, size: Int, modified: Date, mediaType: HTTPMediaType?,
        chunkSize: Int, ifNoneMatch: String?
    ) -> Response {
        var headers = HTTPHeaders()
        let etag = "\"\(String(size, radix: 16))-\(String(Int(modified.timeIntervalSince1970 * 1000), radix: 16))\""
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .lastModified, value: modified.formatted(Self.httpDate))
        if let ifNoneMatch, Self.matches(ifNoneMatch, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        if let mediaType { headers.contentType = mediaType }
        // `FileObject` is not `Sendable`: it is opened, read and closed inside the task writing the body.
        let body = Response.Body(
            managedAsyncStream: { writer in
                let file = try await storage.open(name, mode: .read.binary)
                defer { try? file.close() }
                while true {
                    // A disk read blocks: it runs on the file I/O threads, not on the event loop.
                    let data = try await WorkerThreads.fileIO.runBorrowing { () throws(FileError) in
                        try file.read(chunkSize)
                    }
                    if data.isEmpty { break }
                    try await writer.writeBuffer(ByteBuffer(bytes: data))
                }
            }, count: size)
        return Response(status: .ok, headers: headers, body: body)
    }

    /// RFC 9110's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`); a format style is `Sendable` and made once.
    static let httpDate = Date.VerbatimFormatStyle(
        format: """
            \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
            \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\
            \(second: .twoDigits) GMT
            """,
        locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(secondsFromGMT: 0) ?? .current,
        calendar: Calendar(identifier: .gregorian))

    /// RFC 9110's weak comparison for `If-None-Match`: `*`, or one of the listed tags.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { listed in
            let tag = listed.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/\(etag)"
        }
    }

    /// `type/subtype` as Vapor's media type.
    static func mediaType(_ contentType: String) -> HTTPMediaType? {
        let parts = contentType.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return HTTPMediaType(type: String(parts[0]), subType: String(parts[1]))
    }
}
#endif
