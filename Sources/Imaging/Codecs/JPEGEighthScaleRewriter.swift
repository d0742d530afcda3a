/// Rewrites a progressive JPEG as a baseline JPEG whose 1/8-scale decode is the same image, so
/// that libjpeg decodes it row by row instead of keeping every coefficient of the image.
///
/// At 1/8, libjpeg-turbo's inverse DCT of a block reads its DC coefficient alone, except for a
/// component subsampled by 2 (or 4) on both axes, such as the chroma of 4:2:0, which it scales up
/// with a larger IDCT that reads AC coefficients (see ``JPEGDCScanFilter``). The rewrite therefore
/// decodes the DC scans (first and refinement, any interleaving and restart interval) into one
/// 16-bit value a block, and, for those subsampled components only, runs their AC scans side by
/// side a block at a time while writing (``JPEGACScanDecoder``); every other AC scan is skipped
/// unread. It then writes one interleaved baseline scan of the same frame (dimensions, sampling
/// factors, component identifiers, quantisation tables, and the JFIF and Adobe markers that decide
/// the colour space) whose blocks hold exactly the coefficients libjpeg would have read, with
/// Huffman tables of its own. libjpeg does every pixel operation on it, as before.
///
/// Memory: 2 bytes a block of the DC values and the baseline file (about a byte a block, more for
/// the subsampled components' AC data) instead of 128 bytes a block.
///
/// The rewrite only takes what libjpeg decodes without warning or guessing: anything else (a
/// damaged or truncated scan, a restart marker out of sequence, an unusual progression, a scan
/// script after which libjpeg's block smoothing would run, arithmetic coding, 12-bit, a frame it
/// cannot write as one baseline scan) throws a ``JPEGRewriteRefusal`` and the caller takes the
/// usual path, which decodes or rejects the file exactly as before.
struct JPEGEighthScaleRewriter {
    private struct Component {
        let id: UInt8
        let horizontal: Int
        let vertical: Int
        let quantisationSlot: Int
        let widthInBlocks: Int
        let heightInBlocks: Int
        /// The stored blocks: the component's blocks padded to whole MCUs, as libjpeg stores them.
        let planeWidth: Int
        let planeHeight: Int
        /// Whether the 1/8 output reads its AC coefficients.
        let needsAC: Bool
        var dc: [Int16] = []
        /// libjpeg's `coef_bits`: the point transform each coefficient has reached, -1 before any scan.
        var coefficientBits = [Int](repeating: -1, count: 64)
        var acScans: [JPEGACScanDecoder] = []
    }

    private let data: UnsafeBufferPointer<UInt8>
    private var components: [Component] = []
    private var frame: Range<Int>?
    private var maximumSampling = (horizontal: 1, vertical: 1)
    private var mcusPerRow = 0
    private var mcuRows = 0
    /// APP0 (JFIF), APP14 (Adobe) and DQT segments, copied to the baseline file.
    private var copiedSegments: [Range<Int>] = []
    private var definedQuantisationSlots: Set<Int> = []
    private var dcTables: [JPEGHuffmanTable?] = [nil, nil, nil, nil]
    private var acTables: [JPEGHuffmanTable?] = [nil, nil, nil, nil]
    private var restartInterval = 0
    private var scanCount = 0
    /// The entropy-coded bytes of the AC scans decoded side by side: about the size of their blocks
    /// in the baseline file, which is reserved up front instead of grown by doubling.
    private var readACByteCount = 0

    /// More scans than this are left to libjpeg (TurboJPEG's own limit is 500): the side-by-side
    /// AC decoding costs a pass over a component's blocks per scan however short its data.
    static let maximumScanCount = 100

    private init(_ data: UnsafeBufferPointer<UInt8>) {
        self.data = data
    }

    /// The baseline JPEG to decode at 1/8 instead of `data`, or `nil` to decode `data` itself.
    static func baseline(of data: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        try? rewrite(data)
    }

    /// ``baseline(of:)``, saying why not.
    static func rewrite(_ data: UnsafeBufferPointer<UInt8>) throws(JPEGRewriteRefusal) -> [UInt8] {
        var rewriter = JPEGEighthScaleRewriter(data)
        try rewriter.readSegments()
        try rewriter.checkCompleteness()
        return try rewriter.writeBaseline()
    }

    // MARK: - Segments

    private func byte(_ offset: Int) -> Int { Int(data[offset]) }
    private func word(_ offset: Int) -> Int { byte(offset) << 8 | byte(offset + 1) }

    private mutating func readSegments() throws(JPEGRewriteRefusal) {
        guard data.count >= 4, data[0] == 0xFF, data[1] == 0xD8 else { throw JPEGRewriteRefusal("it is no JPEG") }
        var at = 2
        while true {
            guard at < data.count, data[at] == 0xFF else {
                throw JPEGRewriteRefusal(at < data.count ? "bytes stand between segments" : "it ends before EOI")
            }
            while at < data.count, data[at] == 0xFF { at += 1 }
            guard at < data.count else { throw JPEGRewriteRefusal("it ends before EOI") }
            let marker = data[at]
            at += 1
            if marker == 0xD9 { return }
            guard at + 2 <= data.count else { throw JPEGRewriteRefusal("it ends before EOI") }
            let length = word(at)
            guard length >= 2, at + length <= data.count else {
                throw JPEGRewriteRefusal("a segment overruns the file")
            }
            let body = (at + 2)..<(at + length)
            at += length
            switch marker {
            case 0xC2: try readFrame(body)
            case 0xC4: try readHuffmanTables(body)
            case 0xDB:
                guard scanCount == 0 else { throw JPEGRewriteRefusal("a quantisation table follows the first scan") }
                try readQuantisationTables(body)
                copiedSegments.append((body.lowerBound - 4)..<body.upperBound)
            case 0xDD:
                guard body.count == 2 else { throw JPEGRewriteRefusal("a DRI segment has the wrong length") }
                restartInterval = word(body.lowerBound)
            case 0xDA: at = try readScan(body)
            case 0xE0, 0xEE:
                // JFIF and Adobe markers decide libjpeg's colour space (and Adobe's transform), when
                // they come before the first scan (jpeg_read_header stops there).
                if scanCount == 0 { copiedSegments.append((body.lowerBound - 4)..<body.upperBound) }
            case 0xE1...0xED, 0xEF, 0xFE: break
            default:
                throw JPEGRewriteRefusal("it has a marker 0x\(String(marker, radix: 16)) the rewrite does not take")
            }
        }
    }

    private mutating func readFrame(_ body: Range<Int>) throws(JPEGRewriteRefusal) {
        guard frame == nil, scanCount == 0, body.count >= 6 else {
            throw JPEGRewriteRefusal("its frame header is unusual")
        }
        let start = body.lowerBound
        let height = word(start + 1)
        let width = word(start + 3)
        let count = byte(start + 5)
        guard byte(start) == 8 else { throw JPEGRewriteRefusal("its samples are not 8-bit") }
        guard height > 0, width > 0, [1, 3, 4].contains(count), body.count == 6 + 3 * count else {
            throw JPEGRewriteRefusal("its frame header is unusual")
        }
        var factors: [(id: UInt8, horizontal: Int, vertical: Int, slot: Int)] = []
        for index in 0..<count {
            let offset = start + 6 + 3 * index
            let entry = (
                id: data[offset], horizontal: byte(offset + 1) >> 4, vertical: byte(offset + 1) & 15,
                slot: byte(offset + 2)
            )
            guard (1...4).contains(entry.horizontal), (1...4).contains(entry.vertical), entry.slot < 4,
                !factors.contains(where: { $0.id == entry.id })
            else { throw JPEGRewriteRefusal("its frame header is unusual") }
            factors.append(entry)
        }
        let maxH = factors.map(\.horizontal).max()!
        let maxV = factors.map(\.vertical).max()!
        maximumSampling = (maxH, maxV)
        mcusPerRow = (width + 8 * maxH - 1) / (8 * maxH)
        mcuRows = (height + 8 * maxV - 1) / (8 * maxV)
        // One baseline scan holds every component, at most 10 blocks an MCU (libjpeg's limit).
        if count > 1, factors.reduce(0, { $0 + $1.horizontal * $1.vertical }) > 10 {
            throw JPEGRewriteRefusal("its MCU would exceed 10 blocks in one baseline scan")
        }
        // The file must hold at least a bit a block in each component's first DC scan: a frame
        // larger than that cannot be complete, and its planes are not allocated.
        var codedBlocks = 0
        for entry in factors {
            let columns = (width * entry.horizontal + 8 * maxH - 1) / (8 * maxH)
            let rows = (height * entry.vertical + 8 * maxV - 1) / (8 * maxV)
            codedBlocks += columns * rows
        }
        guard codedBlocks <= 8 * data.count else { throw JPEGRewriteRefusal("its frame is larger than its data") }
        for entry in factors {
            // libjpeg-turbo's IDCT at 1/8 is larger than 1×1 for a component whose subsampling is a
            // multiple of 2 on both axes (jpeg_calc_output_dimensions).
            let needsAC = maxH % (entry.horizontal * 2) == 0 && maxV % (entry.vertical * 2) == 0
            // Its blocks are then written in its own raster order, which is the MCUs' only at 1×1.
            if needsAC, entry.horizontal != 1 || entry.vertical != 1 {
                throw JPEGRewriteRefusal("a component read at more than 1×1 has several blocks an MCU")
            }
            var component = Component(
                id: entry.id, horizontal: entry.horizontal, vertical: entry.vertical, quantisationSlot: entry.slot,
                widthInBlocks: (width * entry.horizontal + 8 * maxH - 1) / (8 * maxH),
                heightInBlocks: (height * entry.vertical + 8 * maxV - 1) / (8 * maxV),
                planeWidth: mcusPerRow * entry.horizontal, planeHeight: mcuRows * entry.vertical, needsAC: needsAC)
            component.dc = [Int16](repeating: 0, count: component.planeWidth * component.planeHeight)
            components.append(component)
        }
        frame = body
    }

    private mutating func readHuffmanTables(_ body: Range<Int>) throws(JPEGRewriteRefusal) {
        var at = body.lowerBound
        while at < body.upperBound {
            guard at + 17 <= body.upperBound else { throw JPEGRewriteRefusal("a DHT segment is malformed") }
            let tableClass = byte(at) >> 4
            let slot = byte(at) & 15
            let counts = Array(data[(at + 1)..<(at + 17)])
            let symbolCount = counts.reduce(0) { $0 + Int($1) }
            guard tableClass <= 1, slot < 4, symbolCount <= 256, at + 17 + symbolCount <= body.upperBound else {
                throw JPEGRewriteRefusal("a DHT segment is malformed")
            }
            let symbols = Array(data[(at + 17)..<(at + 17 + symbolCount)])
            // A table libjpeg would refuse is recorded as missing: a scan using it is not rewritten.
            let table = JPEGHuffmanTable(counts: counts, symbols: symbols, isDC: tableClass == 0)
            if tableClass == 0 { dcTables[slot] = table } else { acTables[slot] = table }
            at += 17 + symbolCount
        }
    }

    private mutating func readQuantisationTables(_ body: Range<Int>) throws(JPEGRewriteRefusal) {
        var at = body.lowerBound
        while at < body.upperBound {
            let precision = byte(at) >> 4
            let slot = byte(at) & 15
            let size = 1 + 64 * (precision + 1)
            guard precision <= 1, slot < 4, at + size <= body.upperBound else {
                throw JPEGRewriteRefusal("a DQT segment is malformed")
            }
            definedQuantisationSlots.insert(slot)
            at += size
        }
    }

    // MARK: - Scans

    /// Reads the scan whose header is `body`; the offset of the marker after its data.
    private mutating func readScan(_ body: Range<Int>) throws(JPEGRewriteRefusal) -> Int {
        guard frame != nil else { throw JPEGRewriteRefusal("a scan comes before the frame header") }
        scanCount += 1
        guard scanCount <= Self.maximumScanCount else { throw JPEGRewriteRefusal("it has too many scans") }
        let start = body.lowerBound
        let count = byte(start)
        guard (1...4).contains(count), body.count == 4 + 2 * count else {
            throw JPEGRewriteRefusal("a scan header is malformed")
        }
        var members: [(index: Int, dcSlot: Int, acSlot: Int)] = []
        for position in 0..<count {
            let offset = start + 1 + 2 * position
            guard let index = components.firstIndex(where: { $0.id == data[offset] }),
                !members.contains(where: { $0.index == index })
            else { throw JPEGRewriteRefusal("a scan names an unknown or repeated component") }
            members.append((index, byte(offset + 1) >> 4, byte(offset + 1) & 15))
        }
        let spectralStart = byte(start + 1 + 2 * count)
        let spectralEnd = byte(start + 2 + 2 * count)
        let high = byte(start + 3 + 2 * count) >> 4
        let low = byte(start + 3 + 2 * count) & 15
        try checkProgression(members.map(\.index), spectralStart, spectralEnd, high, low)
        if count > 1, members.reduce(0, { $0 + components[$1.index].horizontal * components[$1.index].vertical }) > 10 {
            throw JPEGRewriteRefusal("a scan's MCU exceeds 10 blocks")
        }
        for member in members where !definedQuantisationSlots.contains(components[member.index].quantisationSlot) {
            throw JPEGRewriteRefusal("a component's quantisation table is missing")
        }
        let dataStart = body.upperBound
        if spectralStart == 0 {
            var tables: [JPEGHuffmanTable] = []
            if high == 0 {
                for member in members {
                    guard member.dcSlot < 4, let table = dcTables[member.dcSlot] else {
                        throw JPEGRewriteRefusal("a DC scan's Huffman table is missing or invalid")
                    }
                    tables.append(table)
                }
            }
            let end = try decodeDCScan(members.map(\.index), tables: tables, at: dataStart, high: high, low: low)
            guard let next = JPEGEntropyReader.endOfScan(data, from: end) else {
                throw JPEGRewriteRefusal("it ends before EOI")
            }
            return next
        }
        let member = members[0]
        guard member.acSlot < 4, let table = acTables[member.acSlot] else {
            throw JPEGRewriteRefusal("an AC scan's Huffman table is missing or invalid")
        }
        guard let next = JPEGEntropyReader.endOfScan(data, from: dataStart) else {
            throw JPEGRewriteRefusal("it ends before EOI")
        }
        if components[member.index].needsAC {
            readACByteCount += next - dataStart
            components[member.index].acScans.append(
                JPEGACScanDecoder(
                    data, at: dataStart, table: table, spectralStart: spectralStart, spectralEnd: spectralEnd,
                    high: high, low: low, restartInterval: restartInterval))
        }
        return next
    }

    /// libjpeg's checks of a progressive scan (jdphuff.c's start_pass): what it refuses, and what
    /// it only warns about (`JWRN_BOGUS_PROGRESSION`), which the rewrite declines alike.
    private mutating func checkProgression(
        _ members: [Int], _ spectralStart: Int, _ spectralEnd: Int, _ high: Int, _ low: Int
    ) throws(JPEGRewriteRefusal) {
        var valid = spectralStart == 0 ? spectralEnd == 0 : spectralStart <= spectralEnd && spectralEnd < 64
        if spectralStart != 0, members.count != 1 { valid = false }
        if high != 0, low != high - 1 { valid = false }
        if low > 13 { valid = false }
        guard valid else { throw JPEGRewriteRefusal("a scan's progression parameters are invalid") }
        for index in members {
            if spectralStart > 0, components[index].coefficientBits[0] < 0 {
                throw JPEGRewriteRefusal("an AC scan comes before its component's DC scan")
            }
            for coefficient in spectralStart...spectralEnd {
                guard high == max(components[index].coefficientBits[coefficient], 0) else {
                    throw JPEGRewriteRefusal("a scan refines bits its component does not have")
                }
                components[index].coefficientBits[coefficient] = low
            }
        }
    }

    /// Decodes a DC scan (first or refinement) into the components' DC planes; the offset of the
    /// first byte its reader did not load.
    private mutating func decodeDCScan(
        _ members: [Int], tables: [JPEGHuffmanTable], at start: Int, high: Int, low: Int
    ) throws(JPEGRewriteRefusal) -> Int {
        var reader = JPEGEntropyReader(data, at: start)
        let interleaved = members.count > 1
        let columns = interleaved ? mcusPerRow : components[members[0]].widthInBlocks
        let rows = interleaved ? mcuRows : components[members[0]].heightInBlocks
        var predictions = [Int](repeating: 0, count: members.count)
        var restartsToGo = restartInterval
        var restartIndex = 0
        let bit = Int16(1 << low)
        // Read through a pointer: subscripting the array would copy a table (five arrays, five
        // retains and releases) for every block, a fifth of the whole thumbnail's time.
        try tables.withUnsafeBufferPointer { (tables) throws(JPEGRewriteRefusal) in
            for mcuRow in 0..<rows {
                for mcuColumn in 0..<columns {
                    if restartInterval > 0 {
                        if restartsToGo == 0 {
                            try reader.restart(index: restartIndex)
                            restartIndex += 1
                            restartsToGo = restartInterval
                            for index in predictions.indices { predictions[index] = 0 }
                        }
                        restartsToGo -= 1
                    }
                    for (position, index) in members.enumerated() {
                        let blockColumns = interleaved ? components[index].horizontal : 1
                        let blockRows = interleaved ? components[index].vertical : 1
                        let width = components[index].planeWidth
                        for blockRow in 0..<blockRows {
                            let rowStart = (mcuRow * blockRows + blockRow) * width + mcuColumn * blockColumns
                            for block in rowStart..<(rowStart + blockColumns) {
                                if high == 0 {
                                    let size = Int(try tables[position].decode(&reader))
                                    predictions[position] += try reader.extended(size: size)
                                    // libjpeg stops on a prediction past a C int (JERR_BAD_DCT_COEF).
                                    guard abs(predictions[position]) <= Int(Int32.max) else {
                                        throw JPEGRewriteRefusal("a DC prediction overflows")
                                    }
                                    components[index].dc[block] = Int16(
                                        truncatingIfNeeded: predictions[position] << low)
                                } else if try reader.bit() {
                                    components[index].dc[block] |= bit
                                }
                            }
                        }
                    }
                }
            }
        }
        return reader.position
    }

    /// After the last scan: every component has its DC coefficients, and libjpeg's block smoothing
    /// (which changes DC-derived pixels when the first AC coefficients are imprecise) will not run.
    private func checkCompleteness() throws(JPEGRewriteRefusal) {
        guard frame != nil else { throw JPEGRewriteRefusal("it has no progressive Huffman frame") }
        for component in components {
            guard component.coefficientBits[0] >= 0 else { throw JPEGRewriteRefusal("a component has no DC scan") }
            // libjpeg-turbo's smoothing_ok looks at coefficients 1...9.
            guard component.coefficientBits[1...9].allSatisfy({ $0 == 0 }) else {
                throw JPEGRewriteRefusal("libjpeg's block smoothing would run on its scan script")
            }
        }
    }

    // MARK: - Baseline

    /// The DC table of the baseline file: Annex K's luminance lengths for sizes 0...11, and 12...15
    /// after them, since a difference of DC values of a progressive file can need up to 15 bits.
    private static let dcTable = JPEGHuffmanTable(
        counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], symbols: Array(0...15), isDC: true)!
    /// AC table 0: end-of-block alone, in one bit, for the blocks that carry a DC value only.
    private static let endOfBlockTable = JPEGHuffmanTable(
        counts: [1] + [UInt8](repeating: 0, count: 15), symbols: [0x00], isDC: false)!
    /// AC table 1, for the components whose AC coefficients are read: ITU T.81 Annex K's
    /// chrominance AC table (K.3.3.2), every run/size symbol up to size 10 with typical lengths,
    /// which keeps the rewrite about as large as those components' scans in the file. A
    /// coefficient of more than 10 bits (never from an 8-bit encoder) declines the rewrite.
    static let acTable = JPEGHuffmanTable(
        counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
        symbols: [
            0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
            0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xA1, 0xB1, 0xC1, 0x09, 0x23, 0x33, 0x52, 0xF0,
            0x15, 0x62, 0x72, 0xD1, 0x0A, 0x16, 0x24, 0x34, 0xE1, 0x25, 0xF1, 0x17, 0x18, 0x19, 0x1A, 0x26,
            0x27, 0x28, 0x29, 0x2A, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
            0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
            0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
            0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5,
            0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3,
            0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA,
            0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
            0xF9, 0xFA,
        ], isDC: false)!

    /// A symbol's code and length, by symbol, for writing.
    private struct CodeBook {
        var codes = [Int](repeating: 0, count: 256)
        var lengths = [Int](repeating: 0, count: 256)

        init(_ table: JPEGHuffmanTable) {
            for (symbol, entry) in table.codes() {
                codes[Int(symbol)] = entry.code
                lengths[Int(symbol)] = entry.length
            }
        }

        func write(_ symbol: Int, to writer: inout JPEGBitWriter) {
            writer.write(codes[symbol], count: lengths[symbol])
        }
    }

    /// The baseline file: SOI, the copied markers, SOF0, the tables, one scan of every component
    /// (in frame order, interleaved when there are several), EOI.
    private mutating func writeBaseline() throws(JPEGRewriteRefusal) -> [UInt8] {
        guard let frame else { throw JPEGRewriteRefusal("it has no progressive Huffman frame") }
        let anyNeedsAC = components.contains(where: \.needsAC)
        // A DC-only block takes 3 to 8 bits; the side-by-side blocks about what their scans took.
        let dcOnlyBlocks = components.filter { !$0.needsAC }.reduce(0) { $0 + $1.dc.count }
        let acBlocks = components.filter(\.needsAC).reduce(0) { $0 + $1.dc.count }
        let estimate = 4096 + dcOnlyBlocks * 3 / 4 + acBlocks / 2 + readACByteCount * 5 / 4
        var writer = JPEGBitWriter(reservingCapacity: min(estimate, 2 * data.count + (1 << 20)))
        writer.appendRawBytes([0xFF, 0xD8])
        for segment in copiedSegments { writer.appendRawBytes(Array(data[segment])) }
        writer.appendRawBytes([0xFF, 0xC0, UInt8((frame.count + 2) >> 8), UInt8((frame.count + 2) & 0xFF)])
        writer.appendRawBytes(Array(data[frame]))
        writer.appendRawBytes(Self.dcTable.segment(tableClass: 0, slot: 0))
        writer.appendRawBytes(Self.endOfBlockTable.segment(tableClass: 1, slot: 0))
        if anyNeedsAC { writer.appendRawBytes(Self.acTable.segment(tableClass: 1, slot: 1)) }
        let count = components.count
        writer.appendRawBytes([0xFF, 0xDA, 0, UInt8(6 + 2 * count), UInt8(count)])
        for component in components { writer.appendRawBytes([component.id, component.needsAC ? 0x01 : 0x00]) }
        writer.appendRawBytes([0, 63, 0])

        let dcCodes = CodeBook(Self.dcTable)
        let acCodes = CodeBook(Self.acTable)
        var predictions = [Int](repeating: 0, count: count)
        let block = UnsafeMutablePointer<Int16>.allocate(capacity: 64)
        defer { block.deallocate() }
        do {
            func write(_ index: Int, block blockIndex: Int) throws(JPEGRewriteRefusal) {
                let value = components[index].dc[blockIndex]
                let difference = Int(value) - predictions[index]
                predictions[index] = Int(value)
                try Self.writeValue(difference, symbolBase: 0, largestSize: 15, book: dcCodes, to: &writer)
                guard components[index].needsAC else {
                    writer.write(0, count: 1)  // end of block
                    return
                }
                block.update(repeating: 0, count: 64)
                for scan in components[index].acScans.indices {
                    try components[index].acScans[scan].decode(into: block)
                }
                var run = 0
                for k in 1..<64 {
                    let coefficient = Int(block[k])
                    if coefficient == 0 {
                        run += 1
                        continue
                    }
                    while run >= 16 {
                        acCodes.write(0xF0, to: &writer)
                        run -= 16
                    }
                    try Self.writeValue(
                        coefficient, symbolBase: run << 4, largestSize: 10, book: acCodes, to: &writer)
                    run = 0
                }
                if run > 0 { acCodes.write(0x00, to: &writer) }
            }
            if count == 1 {
                let component = components[0]
                for row in 0..<component.heightInBlocks {
                    try checkGrowth(writer)
                    for column in 0..<component.widthInBlocks {
                        try write(0, block: row * component.planeWidth + column)
                    }
                }
            } else {
                for mcuRow in 0..<mcuRows {
                    try checkGrowth(writer)
                    for mcuColumn in 0..<mcusPerRow {
                        for index in 0..<count {
                            let horizontal = components[index].horizontal
                            let vertical = components[index].vertical
                            let width = components[index].planeWidth
                            for blockRow in 0..<vertical {
                                let rowStart = (mcuRow * vertical + blockRow) * width + mcuColumn * horizontal
                                for column in rowStart..<(rowStart + horizontal) { try write(index, block: column) }
                            }
                        }
                    }
                }
            }
        }
        writer.padToByte()
        writer.appendRawBytes([0xFF, 0xD9])
        return writer.bytes
    }

    /// A real file's rewrite is smaller than the file; a hostile one (coefficients that cost the
    /// file a bit and the baseline file 3 bytes) is stopped at twice the file and a mebibyte.
    private func checkGrowth(_ writer: JPEGBitWriter) throws(JPEGRewriteRefusal) {
        guard writer.bytes.count <= 2 * data.count + (1 << 20) else {
            throw JPEGRewriteRefusal("its baseline rewrite outgrows it")
        }
    }

    /// Writes `value` as its size category (plus `symbolBase`, the run of an AC symbol) and the
    /// category's extra bits (F.1.2.1); sizes above `largestSize` have no code and refuse the rewrite.
    private static func writeValue(
        _ value: Int, symbolBase: Int, largestSize: Int, book: CodeBook, to writer: inout JPEGBitWriter
    ) throws(JPEGRewriteRefusal) {
        let magnitude = value.magnitude
        let size = magnitude == 0 ? 0 : UInt.bitWidth - magnitude.leadingZeroBitCount
        guard size <= largestSize else {
            throw JPEGRewriteRefusal("a coefficient is too large for the rewrite's Huffman tables")
        }
        book.write(symbolBase | size, to: &writer)
        if size > 0 { writer.write(value < 0 ? value - 1 : value, count: size) }
    }
}
