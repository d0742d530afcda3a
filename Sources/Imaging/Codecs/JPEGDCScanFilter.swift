/// Replaces, in a progressive JPEG about to be decoded at 1/8, the AC scans whose coefficients the
/// 1/8 output never reads by empty ones, so that libjpeg-turbo never entropy-decodes them.
///
/// At 1/8, libjpeg-turbo turns every block of a component into one pixel with its 1×1 inverse DCT,
/// which reads the DC coefficient alone. The exception is a component subsampled by 2 (or 4) on both
/// axes, such as the chroma of 4:2:0: libjpeg-turbo scales it up through the IDCT instead of
/// upsampling (`jpeg_calc_output_dimensions`), with a 2×2 IDCT that reads AC coefficients, so its
/// AC scans are kept. A progressive AC scan holds one component, so each is kept or replaced whole;
/// every DC scan (spectral start 0), every table and every other marker is kept.
///
/// A replaced scan keeps its header and gets ``JPEGEmptyACScan``'s data (end-of-band runs, a few
/// bytes), with that table defined before it and the file's table restored after it. libjpeg so
/// sees the same scans refining the same coefficient bits, which matters: its block smoothing
/// changes DC values when a component has no AC data at all, and decides so from those bits. The
/// pixels are then identical to the whole file's: AC coefficients zero instead of their values
/// are read by no 1×1 IDCT and by no DC smoothing. A scan header libjpeg would refuse (bad
/// progression, unknown component, missing or invalid table) is kept, so that it still refuses it.
///
/// The filter is a byte-level state machine fed in pieces, so the streamed decode uses it as the
/// in-memory one does; it never decodes entropy-coded data, only looks for the markers around it.
/// Anything but a progressive Huffman frame (SOF2) passes through unchanged.
struct JPEGDCScanFilter {
    /// Whether the image of `scale` reads only DC coefficients of the components that need none.
    static func applies(to scale: JPEGScale) -> Bool {
        scale.numerator * 8 <= scale.denominator
    }

    private enum State {
        /// Between segments: stray bytes are copied (libjpeg skips them with a warning).
        case betweenSegments
        /// After 0xFF between segments.
        case markerCode
        case lengthHigh(marker: UInt8)
        case lengthLow(marker: UInt8, high: UInt8)
        /// A segment copied as it comes.
        case copying(remaining: Int)
        /// A frame or scan header, gathered in `header` to decide on it.
        case gathering(marker: UInt8, remaining: Int)
        /// Entropy-coded data, copied or dropped.
        case entropy(kept: Bool)
        /// After 0xFF in entropy-coded data: stuffing, a restart marker, or the next marker.
        case entropyFF(kept: Bool)
        /// Not a progressive Huffman JPEG, after its end, or data the filter leaves to libjpeg.
        case passingThrough
    }

    private var state = State.betweenSegments
    private var header: [UInt8] = []
    /// The identifiers of the frame's components whose AC coefficients the 1/8 output reads.
    private var componentsNeedingAC: Set<UInt8> = []
    private var isProgressiveFrame = false
    /// The definitions (class/slot byte, counts, symbols) of AC tables 0...3 when usable.
    private var acTableDefinitions: [[UInt8]?] = [nil, nil, nil, nil]
    private var width = 0
    private var height = 0
    /// Each component's sampling factors, by identifier.
    private var sampling: [UInt8: (horizontal: Int, vertical: Int)] = [:]
    private var maximumSampling = (horizontal: 1, vertical: 1)
    /// libjpeg's `coef_bits` for coefficients 0...9 of each component, by identifier.
    private var coefficientBits: [UInt8: [Int]] = [:]
    /// The restart interval (DRI) in force, in MCUs.
    private var restartInterval = 0

    /// The bytes of the file left out so far (entropy-coded data of replaced scans).
    private(set) var droppedByteCount = 0
    /// The bytes of the file read up to the current one (counted by position, so that the budget
    /// does not depend on how the data is split), and the bytes of empty scans written so far.
    private var inputByteCount = 0
    private var emptyScanByteCount = 0
    /// Whether a replacement would have outgrown the file: a hostile file of scans far shorter
    /// than its frame (each block of a restart interval of 1 costs 3 bytes). Valid scans are never
    /// much shorter than their replacements, which the budget of twice the data read allows.
    private(set) var exceededBudget = false

    /// The error a streamed decode stops with when ``exceededBudget``.
    static let budgetExceeded = ImagingError.corrupt(
        .jpeg, reason: "the scans are far shorter than the frame they claim to cover")

    /// A filter for one JPEG. `allowingTruncation` turns it off: libjpeg's smoothing of an image
    /// that ends early depends on how far into a scan the data went, which a replaced scan hides.
    init(allowingTruncation: Bool) {
        if allowingTruncation { state = .passingThrough }
    }

    /// Whether the filter has decided to leave this file alone (not a progressive Huffman frame, or
    /// truncation allowed) before replacing anything: its output so far is its input, and the rest
    /// needs no filter.
    var leavesTheFileAlone: Bool {
        guard case .passingThrough = state else { return false }
        return droppedByteCount == 0 && emptyScanByteCount == 0 && !exceededBudget
    }

    /// Filters the whole of `data`: the bytes to decode instead, or `nil` when no scan was replaced
    /// or when libjpeg's block smoothing may run (see ``smoothingMayApply``).
    static func filtered(_ data: UnsafeBufferPointer<UInt8>, allowingTruncation: Bool) -> [UInt8]? {
        var filter = JPEGDCScanFilter(allowingTruncation: allowingTruncation)
        var output: [UInt8] = []
        output.reserveCapacity(data.count / 4)
        // The frame header comes early: a file left alone is not copied to the end.
        var start = 0
        while start < data.count {
            let end = min(data.count, start + 65_536)
            filter.process(UnsafeBufferPointer(rebasing: data[start..<end]), into: &output)
            if filter.leavesTheFileAlone { return nil }
            start = end
        }
        guard filter.droppedByteCount > 0, !filter.exceededBudget, !filter.smoothingMayApply else { return nil }
        return output
    }

    /// Appends to `output` what is kept of the next piece of the data.
    mutating func process(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let start = inputByteCount
        defer { inputByteCount = start + input.count }
        var index = 0
        let count = input.count
        while index < count {
            switch state {
            case .passingThrough:
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index...]))
                return
            case .entropy(let kept):
                // The bulk of the file: find the next 0xFF without looking at anything else.
                var end = index
                while end < count, input[end] != 0xFF { end += 1 }
                if kept {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                } else {
                    droppedByteCount += end - index
                }
                index = end
                if end < count {
                    state = .entropyFF(kept: kept)
                    index += 1
                }
            case .copying(let remaining):
                let end = min(count, index + remaining)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                state = end - index == remaining ? .betweenSegments : .copying(remaining: remaining - (end - index))
                index = end
            default:
                inputByteCount = start + index + 1
                step(input[index], into: &output)
                index += 1
            }
        }
    }

    private mutating func step(_ byte: UInt8, into output: inout [UInt8]) {
        switch state {
        case .betweenSegments:
            if byte == 0xFF {
                state = .markerCode
            } else {
                output.append(byte)
            }
        case .markerCode:
            marker(byte, into: &output)
        case .entropyFF(let kept):
            switch byte {
            case 0x00, 0xD0...0xD7:
                // Stuffed 0xFF or a restart marker: still inside the scan.
                if kept {
                    output.append(0xFF)
                    output.append(byte)
                } else {
                    droppedByteCount += 2
                }
                state = .entropy(kept: kept)
            case 0xFF:
                if kept { output.append(0xFF) } else { droppedByteCount += 1 }
            default:
                marker(byte, into: &output)
            }
        case .lengthHigh(let marker):
            header.append(byte)
            state = .lengthLow(marker: marker, high: byte)
        case .lengthLow(let marker, let high):
            header.append(byte)
            let length = Int(high) << 8 | Int(byte)
            guard length >= 2 else {
                // libjpeg rejects it; leave the rest to it.
                passThrough(into: &output)
                return
            }
            if Self.isGathered(marker) {
                state = .gathering(marker: marker, remaining: length - 2)
                if length == 2 { finishHeader(marker, into: &output) }
            } else {
                output.append(contentsOf: header)
                header.removeAll(keepingCapacity: true)
                state = length == 2 ? .betweenSegments : .copying(remaining: length - 2)
            }
        case .gathering(let marker, let remaining):
            header.append(byte)
            if remaining == 1 {
                finishHeader(marker, into: &output)
            } else {
                state = .gathering(marker: marker, remaining: remaining - 1)
            }
        case .entropy, .copying, .passingThrough:
            preconditionFailure("handled by process(_:into:)")
        }
    }

    /// The code after 0xFF (the 0xFF itself not yet written).
    private mutating func marker(_ code: UInt8, into output: inout [UInt8]) {
        switch code {
        case 0xFF:
            output.append(0xFF)  // a fill byte; the marker is still to come
            state = .markerCode
        case 0x00, 0x01, 0xD0...0xD8:
            // Not a marker, TEM, a stray RSTn, SOI: no length.
            output.append(0xFF)
            output.append(code)
            state = .betweenSegments
        case 0xD9:
            // EOI: libjpeg reads nothing after it.
            output.append(0xFF)
            output.append(code)
            state = .passingThrough
        default:
            header = [0xFF, code]
            state = .lengthHigh(marker: code)
        }
    }

    /// Frame, scan and table headers (SOFn, SOS, DHT, DRI) are read before they are written.
    private static func isGathered(_ marker: UInt8) -> Bool {
        marker == 0xDA || marker == 0xC4 || marker == 0xDD
            || ((0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
    }

    private mutating func finishHeader(_ marker: UInt8, into output: inout [UInt8]) {
        switch marker {
        case 0xDA:
            noteCoefficientBits()
            if let replacement = emptyScan() {
                output.append(contentsOf: replacement.table)
                output.append(contentsOf: header)
                output.append(contentsOf: replacement.data)
                output.append(contentsOf: replacement.restoredTable)
                state = .entropy(kept: false)
            } else {
                output.append(contentsOf: header)
                state = .entropy(kept: true)
            }
            header.removeAll(keepingCapacity: true)
            return
        case 0xC4:
            readHuffmanTables()
        case 0xDD:
            // FF DD, length 4, interval.
            if header.count == 6 { restartInterval = Int(header[4]) << 8 | Int(header[5]) }
        default:
            if !readFrame() {
                output.append(contentsOf: header)
                header.removeAll()
                state = .passingThrough
                return
            }
        }
        output.append(contentsOf: header)
        header.removeAll(keepingCapacity: true)
        state = .betweenSegments
    }

    /// Reads the frame header in `header`; whether scans may be replaced in this frame.
    private mutating func readFrame() -> Bool {
        // FF Cn, length (2), precision, height (2), width (2), count, then 3 bytes a component.
        guard header[1] == 0xC2, !isProgressiveFrame, header.count >= 10 else { return false }
        let count = Int(header[9])
        guard count >= 1, header.count == 10 + 3 * count else { return false }
        height = Int(header[5]) << 8 | Int(header[6])
        width = Int(header[7]) << 8 | Int(header[8])
        for component in 0..<count {
            let offset = 10 + 3 * component
            let horizontal = Int(header[offset + 1] >> 4)
            let vertical = Int(header[offset + 1] & 0x0F)
            guard (1...4).contains(horizontal), (1...4).contains(vertical), sampling[header[offset]] == nil
            else { return false }
            sampling[header[offset]] = (horizontal, vertical)
        }
        maximumSampling = (sampling.values.map(\.horizontal).max()!, sampling.values.map(\.vertical).max()!)
        for (id, factors) in sampling {
            // libjpeg-turbo's IDCT size at 1/8 (jpeg_calc_output_dimensions with a minimum of 1):
            // doubled when the component's subsampling is a multiple of 2 on both axes.
            if maximumSampling.horizontal % (factors.horizontal * 2) == 0,
                maximumSampling.vertical % (factors.vertical * 2) == 0
            {
                componentsNeedingAC.insert(id)
            }
        }
        isProgressiveFrame = width > 0 && height > 0
        coefficientBits = sampling.mapValues { _ in [Int](repeating: -1, count: 10) }
        return isProgressiveFrame
    }

    /// Follows, for the scan header in `header`, libjpeg's record of the precision each of the
    /// first 10 coefficients has reached (`coef_bits`, set to Al for Ss...Se by every scan).
    private mutating func noteCoefficientBits() {
        guard isProgressiveFrame, header.count >= 5 else { return }
        let count = Int(header[4])
        guard header.count >= 8 + 2 * count else { return }
        let start = Int(header[5 + 2 * count])
        let end = Int(header[6 + 2 * count])
        let low = Int(header[7 + 2 * count] & 0x0F)
        // Only coefficients 0...9 matter to smoothing; a band past them changes nothing here.
        guard start <= end, start <= 9 else { return }
        for component in 0..<count where coefficientBits[header[5 + 2 * component]] != nil {
            for index in start...min(end, 9) { coefficientBits[header[5 + 2 * component]]![index] = low }
        }
    }

    /// Whether libjpeg's block smoothing may run on the data seen so far: some component's first
    /// AC coefficients are missing or imprecise (`smoothing_ok`). On damaged data it then depends
    /// on how far into each scan the decoder got, which a replaced scan cannot reproduce, so the
    /// in-memory decode takes the whole file instead (a streamed one cannot go back).
    var smoothingMayApply: Bool {
        coefficientBits.values.contains { bits in bits[1...].contains { $0 != 0 } }
    }

    /// Notes which AC tables the DHT segment in `header` defines usably. A dropped scan must not
    /// hide an error libjpeg raises only when a scan uses a table: a missing table, or code lengths
    /// that overflow (`jpeg_make_d_derived_tbl`).
    private mutating func readHuffmanTables() {
        var offset = 4
        while offset + 17 <= header.count {
            let tableClass = header[offset] >> 4
            let index = Int(header[offset] & 0x0F)
            var symbolCount = 0
            var code = 0
            var usable = true
            for length in 1...16 {
                let count = Int(header[offset + length])
                symbolCount += count
                code += count
                if code >= 1 << length { usable = false }
                code <<= 1
            }
            // libjpeg's own checks of the segment (JERR_BAD_HUFF_TABLE, JERR_DHT_INDEX) stop the
            // decode whatever is dropped; only the table's usability is recorded here.
            guard symbolCount <= 256, offset + 17 + symbolCount <= header.count, index < 4 else { return }
            if tableClass == 1 {
                acTableDefinitions[index] = usable ? Array(header[offset..<(offset + 17 + symbolCount)]) : nil
            }
            offset += 17 + symbolCount
        }
    }

    /// The replacement for the scan whose header is in `header`, or `nil` to keep the scan.
    private mutating func emptyScan() -> (table: [UInt8], data: [UInt8], restoredTable: [UInt8])? {
        // FF DA, length (2), count 1, id, tables, Ss, Se, Ah/Al: an AC scan holds one component.
        // Anything libjpeg would reject (jdmarker's get_sos, jdphuff's start_pass) is kept, so that
        // it still does.
        guard isProgressiveFrame, header.count == 10, header[4] == 1 else { return nil }
        let id = header[5]
        let slot = Int(header[6] & 0x0F)
        let spectralStart = header[7]
        let spectralEnd = header[8]
        let high = header[9] >> 4
        let low = header[9] & 0x0F
        guard spectralStart != 0, spectralStart <= spectralEnd, spectralEnd <= 63,
            high == 0 || low == high - 1, low <= 13,
            slot < 4, let definition = acTableDefinitions[slot],
            let factors = sampling[id], !componentsNeedingAC.contains(id)
        else { return nil }
        // A non-interleaved scan covers the component's own blocks, not the MCU-padded ones.
        let columns = ceilingDivision(width * factors.horizontal, maximumSampling.horizontal * 8)
        let rows = ceilingDivision(height * factors.vertical, maximumSampling.vertical * 8)
        let blocks = columns * rows
        let bound = JPEGEmptyACScan.maximumByteCount(blocks: blocks, restartInterval: restartInterval)
        guard emptyScanByteCount + bound <= 2 * inputByteCount + 65_536 else {
            exceededBudget = true
            return nil
        }
        let data = JPEGEmptyACScan.entropyData(blocks: blocks, restartInterval: restartInterval)
        emptyScanByteCount += data.count
        return (
            JPEGEmptyACScan.huffmanTable(slot: slot), data, JPEGEmptyACScan.huffmanTable(definition: definition)
        )
    }

    private func ceilingDivision(_ numerator: Int, _ denominator: Int) -> Int {
        (numerator + denominator - 1) / denominator
    }

    private mutating func passThrough(into output: inout [UInt8]) {
        output.append(contentsOf: header)
        header.removeAll()
        state = .passingThrough
    }
}
