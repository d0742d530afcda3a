import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The canonical request of Signature Version 4: the request reduced to one exact text.
///
/// ```
/// GET
/// /test.txt
///
/// host:examplebucket.s3.amazonaws.com
/// range:bytes=0-9
/// …
///
/// host;range;x-amz-content-sha256;x-amz-date
/// e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
/// ```
package struct CanonicalRequest: Sendable, Hashable {
    /// The text that is hashed into the string to sign.
    package let text: String
    /// The lower-case header names, sorted and joined with `;` (`host;range;x-amz-date`).
    package let signedHeaders: String

    /// Builds the canonical request of `request` with its headers as given (the signer adds its own first).
    package init(_ request: SignableRequest) {
        let headers = Self.canonicalHeaders(request)
        signedHeaders = headers.map(\.name).joined(separator: ";")
        let headerLines = headers.map { "\($0.name):\($0.value)\n" }.joined()
        text = [
            request.method.rawValue,
            URIEncoding.encodePath(request.path),
            Self.canonicalQuery(request.query),
            headerLines,
            signedHeaders,
            request.payload.hash,
        ].joined(separator: "\n")
    }

    /// Names and values encoded, then sorted by name and value (byte order), joined with `&`.
    package static func canonicalQuery(_ query: [URLQueryItem]) -> String {
        query.map { (URIEncoding.encodeQueryComponent($0.name), URIEncoding.encodeQueryComponent($0.value ?? "")) }
            .sorted {
                ($0.0.utf8.lexicographicallyPrecedes($1.0.utf8))
                    || ($0.0 == $1.0 && $0.1.utf8.lexicographicallyPrecedes($1.1.utf8))
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// `host` plus the request's headers, names lower-cased, values trimmed with inner runs of
    /// whitespace collapsed to one space, repeated names joined with `,`, sorted by name.
    static func canonicalHeaders(_ request: SignableRequest) -> [(name: String, value: String)] {
        var values: [String: [String]] = [:]
        var hasHost = false
        for header in request.headers {
            let name = header.name.lowercased()
            if name == "host" { hasHost = true }
            values[name, default: []].append(collapsingWhitespace(header.value))
        }
        if !hasHost { values["host"] = [request.host] }
        return values.map { (name: $0.key, value: $0.value.joined(separator: ",")) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    private static func collapsingWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
