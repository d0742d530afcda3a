/// The entropy-coded data of a progressive AC scan in which every block's band is zero: nothing but
/// end-of-band runs (EOBRUN, ITU T.81 G.1.2.2), coded with a Huffman table made for them.
///
/// ``JPEGDCScanFilter`` puts one in place of each AC scan it leaves out, with the original scan
/// header, so that libjpeg sees the same scans, in the same order, refining the same coefficient
/// bits: its block smoothing, which decides from those bits whether to change DC values, then
/// decides exactly as for the whole file, and its scan count is the file's.
enum JPEGEmptyACScan {
    /// The symbols of the table: EOBRUN classes 0...14 (symbol `r << 4`, a run of `2^r` plus `r`
    /// extra bits), all coded in 4 bits, class `r` as the value `r`.
    private static let runClasses = 15
    /// The longest run one code covers (class 14 with all 14 extra bits set).
    private static let longestRun = (1 << 15) - 1

    /// A DHT segment defining the end-of-band table as AC table `slot`.
    static func huffmanTable(slot: Int) -> [UInt8] {
        var counts = [UInt8](repeating: 0, count: 16)
        counts[3] = UInt8(runClasses)  // 15 codes of length 4
        let symbols = (0..<runClasses).map { UInt8($0 << 4) }
        return segment(marker: 0xC4, body: [0x10 | UInt8(slot)] + counts + symbols)
    }

    /// A DHT segment defining AC table `slot` as `definition` (class/slot byte, 16 counts, symbols).
    static func huffmanTable(definition: [UInt8]) -> [UInt8] {
        segment(marker: 0xC4, body: definition)
    }

    /// The data of a scan of `blocks` blocks (one component, one block an MCU), with a restart
    /// marker every `restartInterval` blocks when that is not 0, as libjpeg expects them.
    static func entropyData(blocks: Int, restartInterval: Int) -> [UInt8] {
        var writer = JPEGBitWriter()
        var remaining = blocks
        var restart = 0
        let interval = restartInterval > 0 ? restartInterval : max(blocks, 1)
        while remaining > 0 {
            var run = min(interval, remaining)
            remaining -= run
            while run > 0 {
                let piece = min(run, longestRun)
                run -= piece
                let runClass = Int.bitWidth - 1 - piece.leadingZeroBitCount
                writer.write(runClass, count: 4)
                writer.write(piece - (1 << runClass), count: runClass)
            }
            writer.padToByte()
            if remaining > 0 {
                writer.appendRawBytes([0xFF, 0xD0 + UInt8(restart % 8)])
                restart += 1
            }
        }
        return writer.bytes
    }

    /// At least the size of ``entropyData(blocks:restartInterval:)``, without making it: 3 bytes
    /// a run code (19 bits at most) and 2 a restart marker.
    static func maximumByteCount(blocks: Int, restartInterval: Int) -> Int {
        let intervals = restartInterval > 0 ? (blocks + restartInterval - 1) / restartInterval : 1
        let codes = intervals + blocks / longestRun
        return 3 * codes + 2 * intervals
    }

    private static func segment(marker: UInt8, body: [UInt8]) -> [UInt8] {
        let length = body.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }
}
