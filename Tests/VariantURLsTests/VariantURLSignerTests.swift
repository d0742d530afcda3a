import Bridge
import Foundation
import Testing

@testable import VariantURLs

@Suite("Variant URL signing")
struct VariantURLSignerTests {
    static let imgproxyPath = "/fill/300/400/sm/0/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png"

    let signer = try! VariantURLSigner(keys: [URLSigningKey(bytes: Array("current".utf8))], salt: Array("s".utf8))

    @Test("imgproxy's documented example: key \"secret\", salt \"hello\", both hex-encoded")
    func imgproxyExample() throws {
        let imgproxy = try VariantURLSigner.imgproxy(hexKey: "736563726574", hexSalt: "68656C6C6F")
        #expect(imgproxy.signature(for: Self.imgproxyPath) == "AfrOrF3gWeDA6VOlDG4TzxMv39O7MXnF4CXpKUwGqRM")
        let signed = imgproxy.sign(Self.imgproxyPath)
        #expect(signed == "/AfrOrF3gWeDA6VOlDG4TzxMv39O7MXnF4CXpKUwGqRM" + Self.imgproxyPath)
        #expect(try imgproxy.verify(signedPath: signed) == Self.imgproxyPath[...])
    }

    @Test("Truncation keeps the first bytes of the digest, as IMGPROXY_SIGNATURE_SIZE")
    func truncation() throws {
        let short = try VariantURLSigner.imgproxy(hexKey: "736563726574", hexSalt: "68656C6C6F", signatureSize: 8)
        // The first 8 bytes of the full digest are the first 10 characters plus 6 bits of the 11th.
        let signature = short.signature(for: Self.imgproxyPath)
        #expect(signature.count == 11)
        #expect(signature.hasPrefix("AfrOrF3gWe"))
        #expect(try short.verify(signedPath: short.sign(Self.imgproxyPath)) == Self.imgproxyPath[...])
        #expect(throws: SignedURLError.wrongLength(actual: 43, expected: 11)) {
            try short.verify(signedPath: "/AfrOrF3gWeDA6VOlDG4TzxMv39O7MXnF4CXpKUwGqRM" + Self.imgproxyPath)
        }
    }

    @Test("Keys rotate: the first signs, every key verifies, a removed key's signatures are refused")
    func rotation() throws {
        let old = URLSigningKey(bytes: Array("old".utf8))
        let new = URLSigningKey(bytes: Array("new".utf8))
        let before = try VariantURLSigner(keys: [old])
        let during = try VariantURLSigner(keys: [new, old])
        let after = try VariantURLSigner(keys: [new])
        let signedBefore = before.sign("/small/a.jpg")
        #expect(try during.verify(signedPath: signedBefore) == "/small/a.jpg")
        #expect(during.sign("/small/a.jpg") == after.sign("/small/a.jpg"))
        #expect(throws: SignedURLError.unknownKey) { try after.verify(signedPath: signedBefore) }
    }

    @Test("A key id names the key; an id no key has is its own error")
    func keyIDs() throws {
        let signer = try VariantURLSigner(keys: [
            URLSigningKey(bytes: [1, 2, 3], id: "k2"), URLSigningKey(bytes: [4, 5, 6], id: "k1"),
        ])
        let signed = signer.sign("/small/a.jpg")
        #expect(signed.hasPrefix("/k2."))
        #expect(try signer.verify(signedPath: signed) == "/small/a.jpg")
        let other = try VariantURLSigner(keys: [URLSigningKey(bytes: [1, 2, 3], id: "k9")])
        #expect(throws: SignedURLError.unknownKeyID("k9")) { try signer.verify(signedPath: other.sign("/small/a.jpg")) }
    }

    @Test("A changed path, a changed signature, a wrong alphabet or length are refused")
    func tampering() throws {
        let signed = signer.sign("/small/a.jpg")
        let signature = signed.dropFirst().prefix(43)
        #expect(throws: SignedURLError.unknownKey) { try signer.verify(signedPath: "/\(signature)/small/b.jpg") }
        var flipped = Array(signature)
        flipped[5] = flipped[5] == "A" ? "B" : "A"
        #expect(throws: SignedURLError.unknownKey) {
            try signer.verify(signedPath: "/\(String(flipped))/small/a.jpg")
        }
        let padded = String(signature.dropLast()) + "="
        #expect(throws: SignedURLError.wrongAlphabet) { try signer.verify(signedPath: "/\(padded)/small/a.jpg") }
        let plus = String(signature.dropLast()) + "+"
        #expect(throws: SignedURLError.wrongAlphabet) { try signer.verify(signedPath: "/\(plus)/small/a.jpg") }
        #expect(throws: SignedURLError.wrongLength(actual: 42, expected: 43)) {
            try signer.verify(signedPath: "/\(signature.dropLast())/small/a.jpg")
        }
        #expect(throws: SignedURLError.malformedPath("the path is not \"/<signature>/…\"")) {
            try signer.verify(signedPath: "/\(signature)")
        }
    }

    @Test("The signature is read from its position: a copy of it elsewhere in the path changes nothing")
    func positionNotSearch() throws {
        let signature = signer.signature(for: "/small/a.jpg")
        // thumbor's CVE: stripping the signature with a global replace let this path through.
        let sneaky = "/\(signature)/small/a.jpg\(signature)"
        #expect(throws: SignedURLError.unknownKey) { try signer.verify(signedPath: sneaky) }
    }

    @Test("An expiry is signed with the path, and refused once passed")
    func expiry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let signed = signer.sign("/small/a.jpg", expiresAt: now.addingTimeInterval(60))
        #expect(signed.contains("/exp:1800000060/small/a.jpg"))
        #expect(try signer.verify(signedPath: signed, now: now) == "/small/a.jpg")
        #expect(throws: SignedURLError.expired(at: 1_800_000_060)) {
            try signer.verify(signedPath: signed, now: now.addingTimeInterval(61))
        }
        // Moving the expiry breaks the signature.
        let moved = signed.replacingOccurrences(of: "exp:1800000060", with: "exp:1900000060")
        #expect(throws: SignedURLError.unknownKey) { try signer.verify(signedPath: moved, now: now) }
    }

    @Test("Bad configurations are typed errors")
    func configuration() {
        #expect(throws: SignedURLError.invalidConfiguration("no key was given")) {
            try VariantURLSigner(keys: [])
        }
        #expect(throws: SignedURLError.invalidConfiguration("a key is empty")) {
            try VariantURLSigner(keys: [URLSigningKey(bytes: [])])
        }
        #expect(
            throws: SignedURLError.invalidConfiguration("the key holds a character that is not a hexadecimal digit")
        ) {
            try VariantURLSigner.imgproxy(hexKey: "zz", hexSalt: "")
        }
        #expect(throws: SignedURLError.invalidConfiguration("the signature size 33 is not between 1 and 32 bytes")) {
            try VariantURLSigner(keys: [URLSigningKey(bytes: [1])], signatureSize: 33)
        }
    }

    @Test("Every error reads as one sentence")
    func descriptions() {
        #expect(
            SignedURLError.wrongLength(actual: 4, expected: 43).description
                == "The signed URL was refused: the signature is 4 characters long, not 43.")
        #expect(
            SignedURLError.invalidConfiguration("no key was given").description
                == "Cannot make the URL signer: no key was given.")
    }

    @Test("Constant-time comparison still compares every byte and the length")
    func constantTimeEqual() {
        #expect(VariantURLSigner.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!VariantURLSigner.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!VariantURLSigner.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(!VariantURLSigner.constantTimeEqual([1, 2], [1, 2, 0]))
    }

    @Test("Base64URL round-trips every length and refuses stray bits", arguments: 0...9)
    func base64(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 37 + 250) }
        let text = Base64URL.encode(bytes)
        #expect(text.count == Base64URL.encodedLength(of: count))
        #expect(Base64URL.decode(Substring(text).utf8) == bytes)
        #expect(
            Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "") == text)
    }
}
