/// Bounds-checked big- and little-endian reads for the header parsers; every read returns `nil`
/// past the end.
extension Span where Element == UInt8 {
    func uint8(at offset: Int) -> UInt8? {
        offset >= 0 && offset < count ? self[offset] : nil
    }

    func uint16(at offset: Int, bigEndian: Bool = true) -> Int? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        let (a, b) = (Int(self[offset]), Int(self[offset + 1]))
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func uint32(at offset: Int, bigEndian: Bool = true) -> Int? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        let (a, b, c, d) = (Int(self[offset]), Int(self[offset + 1]), Int(self[offset + 2]), Int(self[offset + 3]))
        return bigEndian ? a << 24 | b << 16 | c << 8 | d : d << 24 | c << 16 | b << 8 | a
    }

    /// Whether the bytes at `offset` equal `expected`.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= count - expected.count else { return false }
        return expected.indices.allSatisfy { self[offset + $0] == expected[$0] }
    }

    /// The range of the `count` bytes from `offset`, or `nil` when they are not all there; the
    /// caller takes them with `extracting(_:)` (a method here cannot return a span).
    func range(from offset: Int, count: Int) -> Range<Int>? {
        guard offset >= 0, count >= 0, offset <= self.count - count else { return nil }
        return offset..<offset + count
    }
}
