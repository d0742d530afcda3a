/// Reads the bits of one scan's entropy-coded data (ITU T.81 F.2.2.5): most significant bit
/// first, the zero byte after a data 0xFF dropped, stopping at the first marker.
///
/// Strict where libjpeg is lenient: data that ends at a marker before the bits a code needs, or a
/// restart marker out of sequence, refuses the rewrite instead of being filled with zeros, so that
/// only what libjpeg decodes without guessing is rewritten.
struct JPEGEntropyReader {
    private let data: UnsafeBufferPointer<UInt8>
    /// The next byte to load; at a marker once the data is exhausted.
    private(set) var position: Int
    private var buffer: UInt64 = 0
    private var count = 0

    init(_ data: UnsafeBufferPointer<UInt8>, at position: Int) {
        self.data = data
        self.position = position
    }

    /// Loads whole bytes while there is room and no marker is next.
    private mutating func refill() {
        while count <= 56, position < data.count {
            let byte = data[position]
            if byte == 0xFF {
                guard position + 1 < data.count, data[position + 1] == 0x00 else { return }
                position += 2
            } else {
                position += 1
            }
            buffer = buffer << 8 | UInt64(byte)
            count += 8
        }
    }

    /// The next `bits` bits (at most 16) as an unsigned value.
    mutating func bits(_ bits: Int) throws(JPEGRewriteRefusal) -> Int {
        if count < bits {
            refill()
            guard count >= bits else { throw JPEGRewriteRefusal("a scan's data ends before its last block") }
        }
        count -= bits
        return Int(truncatingIfNeeded: buffer >> UInt64(count)) & ((1 << bits) - 1)
    }

    /// The next 8 bits without reading them, or `nil` when fewer are left before a marker.
    mutating func peek8() -> Int? {
        if count < 8 {
            refill()
            guard count >= 8 else { return nil }
        }
        return Int(truncatingIfNeeded: buffer >> UInt64(count - 8)) & 0xFF
    }

    /// Reads `bits` bits already seen by ``peek8()``.
    mutating func skip(_ bits: Int) {
        count -= bits
    }

    /// The next bit.
    mutating func bit() throws(JPEGRewriteRefusal) -> Bool {
        try bits(1) == 1
    }

    /// The value of a coefficient (difference) of `size` bits (F.2.2.1's EXTEND).
    mutating func extended(size: Int) throws(JPEGRewriteRefusal) -> Int {
        guard size > 0 else { return 0 }
        guard size <= 16 else { throw JPEGRewriteRefusal("a coefficient is wider than 16 bits") }
        let value = try bits(size)
        return value < 1 << (size - 1) ? value - (1 << size) + 1 : value
    }

    /// Drops the bits left before a restart marker and reads the marker, which must be RSTn with
    /// n = `index` mod 8 (libjpeg resynchronises on any other; the rewrite declines to).
    mutating func restart(index: Int) throws(JPEGRewriteRefusal) {
        // The bytes loaded but unread are the padding before the marker (libjpeg drops them too).
        buffer = 0
        count = 0
        refill()
        buffer = 0
        count = 0
        var at = position
        while at < data.count, data[at] == 0xFF { at += 1 }
        guard at > position, at < data.count, data[at] == 0xD0 + UInt8(index % 8) else {
            throw JPEGRewriteRefusal("a restart marker is missing or out of sequence")
        }
        position = at + 1
    }

    /// The offset of the first marker at or after `position` that is not a restart marker: where
    /// the scan's data ends (the bytes before it are skipped, as libjpeg skips them).
    static func endOfScan(_ data: UnsafeBufferPointer<UInt8>, from position: Int) -> Int? {
        var at = position
        while at + 1 < data.count {
            if data[at] != 0xFF {
                at += 1
                continue
            }
            switch data[at + 1] {
            case 0x00, 0xD0...0xD7: at += 2
            case 0xFF: at += 1
            default: return at
            }
        }
        return nil
    }
}
