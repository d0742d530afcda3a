/// One progressive AC scan of one component, decoded a block at a time (ITU T.81 G.1.2.2 first
/// scans, G.1.2.3 refinement scans) with its own reader, end-of-band run and restart count.
///
/// ``JPEGEighthScaleRewriter`` runs every AC scan of a component side by side, block by block, so
/// that it holds one block of that component instead of all of them: each scan's effect on a block
/// depends only on that block and the scan's own state, so the order of the work is libjpeg's in
/// effect. Coefficients are kept in zigzag order and as `JCOEF` (16 bits, wrapping) like libjpeg's.
struct JPEGACScanDecoder {
    private var reader: JPEGEntropyReader
    private let table: JPEGHuffmanTable
    private let spectralStart: Int
    private let spectralEnd: Int
    private let isRefinement: Bool
    private let low: Int
    private let restartInterval: Int
    private var restartsToGo: Int
    private var restartIndex = 0
    private var endOfBandRun = 0

    init(
        _ data: UnsafeBufferPointer<UInt8>, at position: Int, table: JPEGHuffmanTable,
        spectralStart: Int, spectralEnd: Int, high: Int, low: Int, restartInterval: Int
    ) {
        reader = JPEGEntropyReader(data, at: position)
        self.table = table
        self.spectralStart = spectralStart
        self.spectralEnd = spectralEnd
        self.isRefinement = high != 0
        self.low = low
        self.restartInterval = restartInterval
        restartsToGo = restartInterval
    }

    /// Applies this scan to the next block of its component; `block` holds 64 coefficients.
    mutating func decode(into block: UnsafeMutablePointer<Int16>) throws(JPEGRewriteRefusal) {
        if restartInterval > 0 {
            if restartsToGo == 0 {
                try reader.restart(index: restartIndex)
                restartIndex += 1
                restartsToGo = restartInterval
                endOfBandRun = 0
            }
            restartsToGo -= 1
        }
        if isRefinement {
            try refine(block)
        } else {
            try first(block)
        }
    }

    /// The end-of-band run of class `r`: 2^r plus r more bits.
    private mutating func run(class r: Int) throws(JPEGRewriteRefusal) -> Int {
        guard r > 0 else { return 1 }
        let extra = try reader.bits(r)
        return (1 << r) + extra
    }

    private mutating func first(_ block: UnsafeMutablePointer<Int16>) throws(JPEGRewriteRefusal) {
        if endOfBandRun > 0 {
            endOfBandRun -= 1
            return
        }
        var k = spectralStart
        while k <= spectralEnd {
            let symbol = Int(try table.decode(&reader))
            let r = symbol >> 4
            let size = symbol & 15
            if size != 0 {
                k += r
                // libjpeg writes past the band then (its order table is padded); the rewrite declines.
                guard k <= spectralEnd else { throw JPEGRewriteRefusal("a run of zeros overruns its band") }
                let value = try reader.extended(size: size)
                block[k] = Int16(truncatingIfNeeded: value << low)
            } else if r == 15 {
                k += 15
            } else {
                endOfBandRun = try run(class: r) - 1
                return
            }
            k += 1
        }
    }

    private mutating func refine(_ block: UnsafeMutablePointer<Int16>) throws(JPEGRewriteRefusal) {
        let plusOne = Int16(1 << low)
        let minusOne = Int16(truncatingIfNeeded: -1 << low)
        var k = spectralStart
        if endOfBandRun == 0 {
            while k <= spectralEnd {
                let symbol = Int(try table.decode(&reader))
                var r = symbol >> 4
                let size = symbol & 15
                var newValue: Int16 = 0
                if size != 0 {
                    // libjpeg warns and goes on as if the size were 1; the rewrite declines.
                    guard size == 1 else { throw JPEGRewriteRefusal("a refinement scan codes a size other than 1") }
                    newValue = try reader.bit() ? plusOne : minusOne
                } else if r != 15 {
                    endOfBandRun = try run(class: r)
                    break
                }
                // Correction bits for the nonzero coefficients passed over, up to the r+1-th zero.
                while k <= spectralEnd {
                    let value = block[k]
                    if value != 0 {
                        if try reader.bit(), value & plusOne == 0 {
                            block[k] = value >= 0 ? value &+ plusOne : value &+ minusOne
                        }
                    } else {
                        r -= 1
                        if r < 0 { break }
                    }
                    k += 1
                }
                if newValue != 0 {
                    guard k <= spectralEnd else { throw JPEGRewriteRefusal("a new coefficient falls past its band") }
                    block[k] = newValue
                }
                k += 1
            }
        }
        if endOfBandRun > 0 {
            while k <= spectralEnd {
                let value = block[k]
                if value != 0, try reader.bit(), value & plusOne == 0 {
                    block[k] = value >= 0 ? value &+ plusOne : value &+ minusOne
                }
                k += 1
            }
            endOfBandRun -= 1
        }
    }
}
