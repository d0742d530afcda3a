import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs and verifies URL paths with HMAC-SHA256, so that only the server's own pages can ask it to
/// make an image: nobody can make it resize to 9999×9999 for free.
///
/// ```swift
/// let signer = try VariantURLSigner(keys: [URLSigningKey(bytes: secret)], salt: Array("media".utf8))
/// let url = signer.sign("/fill/300/400/photo.jpg")   // "/<43 characters>/fill/300/400/photo.jpg"
/// let rest = try signer.verify(signedPath: url)       // "/fill/300/400/photo.jpg"
/// ```
///
/// The signature is URL-safe base64 without padding of `HMAC-SHA256(key, salt + path)`, where `path` is
/// everything after the signature segment, leading `/` included: imgproxy's scheme, so
/// ``imgproxy(hexKey:hexSalt:signatureSize:)`` signs URLs imgproxy accepts. Keys rotate: the first key
/// signs, every key verifies. A signature may be truncated to fewer bytes (shorter URLs, weaker
/// signatures). A verifier takes the signature from its position (the first segment), never by
/// searching the path for it, and compares in constant time.
///
/// Cost: one HMAC-SHA256 of the path per key tried, about a microsecond; no allocation beyond the
/// decoded signature.
public struct VariantURLSigner: Sendable {
    /// The keys; the first signs.
    public let keys: [URLSigningKey]
    /// Bytes put before the path in every HMAC (imgproxy's salt); may be empty.
    public let salt: [UInt8]
    /// The number of digest bytes a signature keeps, 1 to 32 (imgproxy's `IMGPROXY_SIGNATURE_SIZE`).
    public let signatureSize: Int
    /// Per key, the HMAC with the key and the salt already absorbed: a signature then hashes the
    /// path alone (a copy of the state, not the key's padding blocks again).
    private let prepared: [HMAC<SHA256>]

    /// A signer with `keys` (the first signs, any verifies), a salt, and the digest bytes to keep.
    ///
    /// - Throws: ``SignedURLError/invalidConfiguration(_:)`` when there is no key, a key is empty, a key
    ///   id is not 1 to 32 letters, digits, `_` or `-`, two keys share an id, or `signatureSize` is not
    ///   1 to 32.
    public init(keys: [URLSigningKey], salt: [UInt8] = [], signatureSize: Int = 32) throws(SignedURLError) {
        guard !keys.isEmpty else { throw .invalidConfiguration("no key was given") }
        guard keys.allSatisfy({ $0.byteCount > 0 }) else { throw .invalidConfiguration("a key is empty") }
        for id in keys.compactMap(\.id) {
            guard (1...32).contains(id.utf8.count), id.utf8.allSatisfy({ Base64URL.value(of: $0) != nil }) else {
                throw .invalidConfiguration("the key id \"\(id.prefix(32))\" is not 1 to 32 letters, digits, _ or -")
            }
        }
        let ids = keys.compactMap(\.id)
        guard Set(ids).count == ids.count else { throw .invalidConfiguration("two keys have the same id") }
        guard (1...32).contains(signatureSize) else {
            throw .invalidConfiguration("the signature size \(signatureSize) is not between 1 and 32 bytes")
        }
        self.keys = keys
        self.salt = salt
        self.signatureSize = signatureSize
        self.prepared = keys.map { key in
            var hmac = HMAC<SHA256>(key: key.key)
            hmac.update(data: salt)
            return hmac
        }
    }

    /// A signer whose signatures imgproxy accepts: key and salt as hexadecimal text, as imgproxy's
    /// `IMGPROXY_KEY` and `IMGPROXY_SALT` take them.
    ///
    /// ```swift
    /// // imgproxy's documented example: key "secret", salt "hello".
    /// let signer = try VariantURLSigner.imgproxy(hexKey: "736563726574", hexSalt: "68656C6C6F")
    /// signer.signature(for: "/fill/300/400/sm/0/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png")
    /// // "AfrOrF3gWeDA6VOlDG4TzxMv39O7MXnF4CXpKUwGqRM"
    /// ```
    ///
    /// - Throws: ``SignedURLError/invalidConfiguration(_:)`` when the key or salt is not hexadecimal, the
    ///   key is empty, or `signatureSize` is not 1 to 32.
    public static func imgproxy(
        hexKey: String, hexSalt: String, signatureSize: Int = 32
    ) throws(SignedURLError) -> VariantURLSigner {
        try VariantURLSigner(
            keys: [URLSigningKey(hex: hexKey)], salt: Hex.decode(hexSalt, what: "salt"),
            signatureSize: signatureSize)
    }

    /// The number of characters of a signature (without a key id).
    public var signatureLength: Int { Base64URL.encodedLength(of: signatureSize) }

    /// The signature of `path` with the first key: `id.` (when the key has an id) then the digest.
    ///
    /// `path` is signed byte for byte as given: sign the path as it will be sent (percent-encoded).
    public func signature(for path: some StringProtocol) -> String {
        let digest = Base64URL.encode(mac(path, key: 0).prefix(signatureSize))
        return keys[0].id.map { "\($0).\(digest)" } ?? digest
    }

    /// `/signature` followed by `path`; with `expiresAt`, an `exp:<seconds since 1970>` segment is put
    /// first in the signed part (imgproxy's `exp` option), so the verifier refuses the URL after then.
    ///
    /// - Precondition: `path` starts with `/`.
    public func sign(_ path: String, expiresAt: Date? = nil) -> String {
        let signed = expiresAt.map { "/exp:\(Int64($0.timeIntervalSince1970.rounded(.down)))\(path)" } ?? path
        return "/\(signature(for: signed))\(signed)"
    }

    /// Checks that `signature` signs `path` with one of the keys (the named one, when it carries an id).
    ///
    /// - Throws: ``SignedURLError/wrongLength(actual:expected:)``, ``SignedURLError/wrongAlphabet``,
    ///   ``SignedURLError/unknownKeyID(_:)`` or ``SignedURLError/unknownKey``.
    public func verify(signature: Substring, for path: Substring) throws(SignedURLError) {
        var digestText = signature
        var candidates = keys.indices
        if let dot = signature.utf8.firstIndex(of: UInt8(ascii: ".")) {
            let id = signature[..<dot]
            guard let index = keys.firstIndex(where: { $0.id.map { $0[...] == id } ?? false }) else {
                throw .unknownKeyID(String(id))
            }
            candidates = index..<(index + 1)
            digestText = signature[signature.index(after: dot)...]
        }
        guard digestText.utf8.count == signatureLength else {
            throw .wrongLength(actual: digestText.utf8.count, expected: signatureLength)
        }
        guard let given = Base64URL.decode(digestText.utf8), given.count == signatureSize else {
            throw .wrongAlphabet
        }
        for key in candidates {
            let matches = mac(path, key: key).withUnsafeBytes { digest in
                Self.constantTimeEqual(UnsafeRawBufferPointer(rebasing: digest.prefix(signatureSize)), given)
            }
            if matches { return }
        }
        throw .unknownKey
    }

    /// Verifies a path made by ``sign(_:expiresAt:)`` and returns the part after the signature (with its
    /// `exp:` segment, if any, removed): the signature is the first segment, taken by position.
    ///
    /// - Throws: ``SignedURLError/malformedPath(_:)`` when `signedPath` is not `/signature/…`; the errors
    ///   of ``verify(signature:for:)``; ``SignedURLError/badExpiry`` or ``SignedURLError/expired(at:)``.
    public func verify(signedPath: some StringProtocol, now: Date = Date()) throws(SignedURLError) -> Substring {
        let text = Substring(signedPath)
        guard text.utf8.first == UInt8(ascii: "/"),
            let slash = text.utf8.dropFirst().firstIndex(of: UInt8(ascii: "/"))
        else {
            throw .malformedPath("the path is not \"/<signature>/…\"")
        }
        let signature = text[text.index(after: text.startIndex)..<slash]
        let rest = text[slash...]
        try verify(signature: signature, for: rest)
        return try Self.checkingExpiry(of: rest, now: now)
    }

    /// `rest` without a leading `/exp:<seconds>` segment, after checking it is still in the future.
    static func checkingExpiry(of rest: Substring, now: Date) throws(SignedURLError) -> Substring {
        let marker = "/exp:"
        guard rest.utf8.starts(with: marker.utf8) else { return rest }
        let afterMarker = rest[rest.utf8.index(rest.startIndex, offsetBy: marker.utf8.count)...]
        let end = afterMarker.utf8.firstIndex(of: UInt8(ascii: "/")) ?? afterMarker.endIndex
        let digits = afterMarker[..<end]
        guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ (48...57).contains($0) }),
            let expiry = Int64(digits)
        else { throw .badExpiry }
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .expired(at: expiry) }
        return afterMarker[end...]
    }

    private func mac(_ path: some StringProtocol, key index: Int) -> HashedAuthenticationCode<SHA256> {
        var hmac = prepared[index]
        let hashed: Void? = path.utf8.withContiguousStorageIfAvailable { hmac.update(data: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            var copy = String(path)
            copy.withUTF8 { hmac.update(data: UnsafeRawBufferPointer($0)) }
        }
        return hmac.finalize()
    }

    /// Whether the bytes are equal, in a time that depends on their length only.
    package static func constantTimeEqual(_ expected: some Sequence<UInt8>, _ given: [UInt8]) -> Bool {
        var difference: UInt8 = 0
        var count = 0
        for (index, byte) in expected.enumerated() {
            difference |= byte ^ (index < given.count ? given[index] : 0)
            count += 1
        }
        return difference == 0 && count == given.count
    }
}
