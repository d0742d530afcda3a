import Bridge

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a verified `/media/v/{signature}/{spec}/{source}` path asks for: a spec by name and a source
/// by its storage name. Only ``VariantURLSigner/verifyVariantPath(_:prefix:now:)`` makes one, so holding
/// one means the signature was checked.
///
/// ```swift
/// let request = try signer.verifyVariantPath("/media/v/Xf3…/small/photos/IMG%201234.jpg")
/// request.spec    // "small"
/// request.source  // "photos/IMG 1234.jpg"
/// ```
public struct SignedVariantPath: Sendable, Hashable {
    /// The spec's name: 1 to 64 letters, digits, `_`, `-` or `@`.
    public let spec: String
    /// The source's storage name, percent-decoded; no empty, `.` or `..` segment, no backslash.
    public let source: String
    /// When the URL stops being valid, if it was signed with an expiry.
    public let expiresAt: Date?
}

extension VariantURLSigner {
    /// The signed path of `spec`'s variant of `source`: `prefix/signature[/exp:seconds]/spec/source`,
    /// each segment of `source` percent-encoded (everything but letters, digits and `-._~`).
    ///
    /// ```swift
    /// signer.variantPath(spec: "small", source: "photos/IMG 1234.jpg")
    /// // "/media/v/<signature>/small/photos/IMG%201234.jpg"
    /// ```
    ///
    /// - Precondition: `spec` is a valid spec name; `prefix` starts with `/` and does not end with one.
    public func variantPath(spec: String, source: String, expiresAt: Date? = nil, prefix: String = "/media/v")
        -> String
    {
        let encoded = source.split(separator: "/", omittingEmptySubsequences: false).map(PercentEncoding.encode)
        return prefix + sign("/\(spec)/\(encoded.joined(separator: "/"))", expiresAt: expiresAt)
    }

    /// The signed path of `spec`'s variant of `source`, as ``variantPath(spec:source:expiresAt:prefix:)``.
    ///
    /// ```swift
    /// let small = try ImageSpec("small", fitting: Size(square: 256))
    /// signer.variantPath(small, of: record.name)   // "/media/v/<signature>/small/photos/IMG_1234.jpg"
    /// ```
    public func variantPath(_ spec: ImageSpec, of source: String, expiresAt: Date? = nil, prefix: String = "/media/v")
        -> String
    {
        variantPath(spec: spec.name, source: source, expiresAt: expiresAt, prefix: prefix)
    }

    /// Checks a request path of the shape ``variantPath(spec:source:expiresAt:prefix:)`` makes and returns
    /// the spec name and source name it asks for.
    ///
    /// The path is checked as received (percent-encoded, without the query) before anything is decoded:
    /// characters a URL path cannot hold, an encoded slash or backslash, an empty, `.` or `..` segment, a
    /// bad spec name, then the signature (taken from its position after `prefix`), then the expiry.
    ///
    /// - Throws: a ``SignedURLError`` naming the first check that failed.
    ///
    /// Cost: one pass over the path and one HMAC-SHA256 per key tried.
    public func verifyVariantPath(_ path: String, prefix: String = "/media/v", now: Date = Date())
        throws(SignedURLError) -> SignedVariantPath
    {
        // Bytes throughout: String's `hasPrefix` and `==` compare canonical equivalents, which costs
        // more than the HMAC on a path this short.
        let bytes = path.utf8
        guard bytes.starts(with: prefix.utf8), bytes.dropFirst(prefix.utf8.count).first == UInt8(ascii: "/") else {
            throw .malformedPath("the path does not start with \"\(prefix)/\"")
        }
        let afterPrefix = path[bytes.index(bytes.startIndex, offsetBy: prefix.utf8.count)...]
        try PercentEncoding.checkRawPath(afterPrefix)
        let segments = afterPrefix.utf8.dropFirst().split(
            separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for segment in segments where Self.isEmptyOrDots(segment) {
            throw .dotSegment
        }
        let hasExpiry = segments.count > 1 && segments[1].starts(with: "exp:".utf8)
        let specIndex = hasExpiry ? 2 : 1
        guard segments.count > specIndex + 1 else {
            throw .malformedPath("the path is not \"\(prefix)/<signature>/<spec>/<source>\"")
        }
        let spec = Substring(segments[specIndex])
        guard (1...64).contains(spec.utf8.count), spec.utf8.allSatisfy(Self.isAllowedInSpecName) else {
            throw .badSpecName(String(spec))
        }
        let sourceSegments = segments[(specIndex + 1)...]
        let source: String
        let rawSource = afterPrefix[sourceSegments.first!.startIndex..<sourceSegments.last!.endIndex]
        if !rawSource.utf8.contains(UInt8(ascii: "%")) {
            // Nothing to decode, and the segments were checked above: the name as it stands.
            source = String(rawSource)
        } else {
            var decodedSource = ""
            for segment in sourceSegments {
                guard let decoded = PercentEncoding.decode(Substring(segment)), !Self.isEmptyOrDots(decoded.utf8[...]),
                    !decoded.utf8.contains(0)
                else { throw .encodedSeparator }
                if !decodedSource.isEmpty { decodedSource += "/" }
                decodedSource += decoded
            }
            source = decodedSource
        }
        let signature = Substring(segments[0])
        let signed = afterPrefix[signature.endIndex...]
        try verify(signature: signature, for: signed)
        _ = try Self.checkingExpiry(of: signed, now: now)
        let expiry =
            hasExpiry ? Int64(Substring(segments[1]).dropFirst(4)).map { Date(timeIntervalSince1970: Double($0)) } : nil
        return SignedVariantPath(spec: String(spec), source: source, expiresAt: expiry)
    }

    /// Whether a segment is empty, `.` or `..`.
    static func isEmptyOrDots(_ segment: Substring.UTF8View) -> Bool {
        segment.count <= 2 && segment.allSatisfy { $0 == UInt8(ascii: ".") }
    }

    /// The characters of ``ImageSpec`` names: ASCII letters, digits, `_`, `-`, `@`.
    static func isAllowedInSpecName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "@"):
            true
        default: false
        }
    }
}
