/// A Huffman table of a DHT segment (ITU T.81 B.2.4.2, C): 16 code-length counts and the symbols in
/// code order. Decodes for the rewrite's reading of progressive scans, and assigns the canonical
/// codes its baseline writer uses.
struct JPEGHuffmanTable: Sendable {
    let counts: [UInt8]
    let symbols: [UInt8]
    /// F.2.2.3's MAXCODE (-1 for no code of that length), VALPTR and MINCODE, indexed by length.
    private var maximumCode = [Int](repeating: -1, count: 18)
    private var valueOffset = [Int](repeating: 0, count: 17)
    /// Codes of up to 8 bits in one look-up: (length << 8 | symbol), 0 when longer.
    private var fast = [UInt16](repeating: 0, count: 256)

    /// A table from its counts and symbols, or `nil` for one libjpeg refuses
    /// (`jpeg_make_d_derived_tbl`): more than 256 symbols, codes overflowing their length, or a DC
    /// symbol above 15.
    init?(counts: [UInt8], symbols: [UInt8], isDC: Bool) {
        guard counts.count == 16, symbols.count == counts.reduce(0, { $0 + Int($1) }), symbols.count <= 256
        else { return nil }
        if isDC, symbols.contains(where: { $0 > 15 }) { return nil }
        self.counts = counts
        self.symbols = symbols
        var code = 0
        var index = 0
        for length in 1...16 {
            let count = Int(counts[length - 1])
            if count > 0 {
                valueOffset[length] = index - code
                for _ in 0..<count {
                    if length <= 8 {
                        let shift = 8 - length
                        for low in 0..<(1 << shift) {
                            fast[code << shift | low] = UInt16(length << 8) | UInt16(symbols[index])
                        }
                    }
                    code += 1
                    index += 1
                }
                maximumCode[length] = code - 1
            }
            // All-ones codes are reserved: a code reaching 2^length does not fit.
            guard code < 1 << length else { return nil }
            code <<= 1
        }
        maximumCode[17] = Int.max
    }

    /// Decodes one symbol; a bit pattern that is no code refuses the rewrite (libjpeg warns and
    /// decodes a zero, which the rewrite leaves to it).
    ///
    /// Always inlined: called as a function on a table read from an array, it made the caller copy
    /// the table (five arrays, five retains and releases) for every symbol.
    @inline(__always)
    func decode(_ reader: inout JPEGEntropyReader) throws(JPEGRewriteRefusal) -> UInt8 {
        if let peeked = reader.peek8() {
            let entry = fast[peeked]
            if entry != 0 {
                reader.skip(Int(entry >> 8))
                return UInt8(truncatingIfNeeded: entry)
            }
        }
        return try decodeLongCode(&reader)
    }

    /// A code longer than the look-up's 8 bits, a bit at a time (F.2.2.3's DECODE).
    private func decodeLongCode(_ reader: inout JPEGEntropyReader) throws(JPEGRewriteRefusal) -> UInt8 {
        var code = 0
        for length in 1...16 {
            let bit = try reader.bits(1)
            code = code << 1 | bit
            if code <= maximumCode[length] { return symbols[code + valueOffset[length]] }
        }
        throw JPEGRewriteRefusal("a scan holds a bit pattern that is no Huffman code")
    }

    /// Each symbol's canonical code and its length (C.2), for writing.
    func codes() -> [UInt8: (code: Int, length: Int)] {
        var codes: [UInt8: (code: Int, length: Int)] = [:]
        var code = 0
        var index = 0
        for length in 1...16 {
            for _ in 0..<Int(counts[length - 1]) {
                codes[symbols[index]] = (code, length)
                code += 1
                index += 1
            }
            code <<= 1
        }
        return codes
    }

    /// The DHT segment defining this table as class `tableClass` (0 DC, 1 AC), slot `slot`.
    func segment(tableClass: UInt8, slot: UInt8) -> [UInt8] {
        let length = 2 + 1 + 16 + symbols.count
        return [0xFF, 0xC4, UInt8(length >> 8), UInt8(length & 0xFF), tableClass << 4 | slot] + counts + symbols
    }
}
