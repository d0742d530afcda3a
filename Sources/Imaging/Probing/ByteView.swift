/// Bounds-checked big- and little-endian reads over a buffer; every read returns `nil` past the end.
struct ByteView {
    let bytes: UnsafeBufferPointer<UInt8>

    var count: Int { bytes.count }

    func uint8(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func uint16(at offset: Int, bigEndian: Bool = true) -> Int? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        let (a, b) = (Int(bytes[offset]), Int(bytes[offset + 1]))
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func uint32(at offset: Int, bigEndian: Bool = true) -> Int? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        let (a, b, c, d) = (Int(bytes[offset]), Int(bytes[offset + 1]), Int(bytes[offset + 2]), Int(bytes[offset + 3]))
        return bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a
    }

    /// Whether the bytes at `offset` equal `expected`.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= bytes.count - expected.count else { return false }
        return expected.indices.allSatisfy { bytes[offset + $0] == expected[$0] }
    }

    /// A view of `count` bytes from `offset`, or `nil` when they are not all there.
    func slice(from offset: Int, count: Int) -> ByteView? {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else { return nil }
        return ByteView(bytes: UnsafeBufferPointer(rebasing: bytes[offset..<offset + count]))
    }
}
