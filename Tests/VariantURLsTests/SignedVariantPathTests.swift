import Bridge
import Foundation
import Testing

@testable import VariantURLs

@Suite("Signed variant paths: /media/v/{signature}/{spec}/{source}")
struct SignedVariantPathTests {
    let signer = try! VariantURLSigner(keys: [URLSigningKey(bytes: Array("current".utf8))])

    @Test("A made path verifies to its spec and source, with the source percent-decoded")
    func roundTrip() throws {
        let path = signer.variantPath(spec: "small", source: "photos/IMG 1234 é.jpg")
        #expect(path.hasPrefix("/media/v/"))
        #expect(path.hasSuffix("/small/photos/IMG%201234%20%C3%A9.jpg"))
        let request = try signer.verifyVariantPath(path)
        #expect(request.spec == "small")
        #expect(request.source == "photos/IMG 1234 é.jpg")
        #expect(request.expiresAt == nil)
        let spec = try ImageSpec("avatar", filling: Size(square: 128))
        #expect(try signer.verifyVariantPath(signer.variantPath(spec, of: "a.png")).spec == "avatar")
    }

    @Test("Another prefix, and an expiry")
    func prefixAndExpiry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let path = signer.variantPath(
            spec: "small", source: "a.jpg", expiresAt: now.addingTimeInterval(10), prefix: "/img")
        let request = try signer.verifyVariantPath(path, prefix: "/img", now: now)
        #expect(request.expiresAt == Date(timeIntervalSince1970: 1_800_000_010))
        #expect(throws: SignedURLError.expired(at: 1_800_000_010)) {
            try signer.verifyVariantPath(path, prefix: "/img", now: now.addingTimeInterval(20))
        }
        #expect(throws: SignedURLError.self) { try signer.verifyVariantPath(path, now: now) }
    }

    /// Paths built around a valid signature of the path as signed, so only the named check can fail.
    static let hostile: [(path: String, error: SignedURLError)] = [
        ("/small/../etc/passwd", .dotSegment),
        ("/small/photos/./a.jpg", .dotSegment),
        ("/small/photos//a.jpg", .dotSegment),
        ("/small/photos%2Fa.jpg", .encodedSeparator),
        ("/small/photos%2fa.jpg", .encodedSeparator),
        ("/small/photos%5Ca.jpg", .encodedSeparator),
        ("/small/photos%5ca.jpg", .encodedSeparator),
        ("/small/photos\\a.jpg", .encodedSeparator),
        ("/small/a b.jpg", .encodedSeparator),
        ("/small/a%zz.jpg", .encodedSeparator),
        ("/small/%2e%2e/a.jpg", .encodedSeparator),
        ("/small/a%00.jpg", .encodedSeparator),
        ("/sm.all/a.jpg", .badSpecName("sm.all")),
        ("/sm%41ll/a.jpg", .badSpecName("sm%41ll")),
        ("/\(String(repeating: "s", count: 65))/a.jpg", .badSpecName(String(repeating: "s", count: 65))),
        ("/small", .malformedPath("the path is not \"/media/v/<signature>/<spec>/<source>\"")),
        ("/exp:12x/small/a.jpg", .badExpiry),
    ]

    @Test("Hostile paths are refused with their reason, even when correctly signed", arguments: hostile)
    func hostilePaths(path: String, error: SignedURLError) {
        let signed = "/media/v/" + signer.signature(for: path) + path
        #expect(throws: error) { try signer.verifyVariantPath(signed) }
    }

    @Test("A path outside the prefix, and a signature for another source, are refused")
    func wrongPrefixAndSwap() {
        let path = signer.variantPath(spec: "small", source: "a.jpg")
        #expect(throws: SignedURLError.malformedPath("the path does not start with \"/media/v/\"")) {
            try signer.verifyVariantPath(path.replacingOccurrences(of: "/media/v/", with: "/media/w/"))
        }
        #expect(throws: SignedURLError.unknownKey) {
            try signer.verifyVariantPath(path.replacingOccurrences(of: "a.jpg", with: "b.jpg"))
        }
        #expect(throws: SignedURLError.unknownKey) {
            try signer.verifyVariantPath(path.replacingOccurrences(of: "/small/", with: "/large/"))
        }
    }
}
