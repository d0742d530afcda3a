/// Packs Huffman codes and extra bits into JPEG entropy-coded data: most significant bit first,
/// a zero byte stuffed after every 0xFF (ITU T.81 F.1.2.3).
struct JPEGBitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator = 0
    private var count = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `bits` bits of `value` (at most 24). Inlined: it runs once or twice per
    /// coefficient written.
    @inline(__always)
    mutating func write(_ value: Int, count bits: Int) {
        guard bits > 0 else { return }
        accumulator = accumulator << bits | value & ((1 << bits) - 1)
        count += bits
        while count >= 8 {
            count -= 8
            append(UInt8(truncatingIfNeeded: accumulator >> count))
        }
        accumulator &= (1 << count) - 1
    }

    /// Fills the last byte with 1 bits, as encoders do before a marker.
    mutating func padToByte() {
        if count > 0 { write((1 << (8 - count)) - 1, count: 8 - count) }
    }

    /// Appends bytes as they are (no stuffing), after ``padToByte()``: markers and segments.
    mutating func appendRawBytes(_ marker: [UInt8]) {
        bytes += marker
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        bytes.append(byte)
        if byte == 0xFF { bytes.append(0x00) }
    }
}
