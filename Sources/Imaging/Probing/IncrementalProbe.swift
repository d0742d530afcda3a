/// The start of an encoded image read piece by piece, until its header probes.
///
/// ```swift
/// var header = IncrementalProbe()
/// let info = try header.probe(firstCount: 1024) { count in try file.read(count) }.get()
/// ```
///
/// Reads `firstCount` bytes, probes them with ``ImageInfo/init(probing:)``, and while the probe
/// says ``ImagingError/truncated(_:offset:)`` and the data goes on, reads a piece twice the size of
/// the last (at most 4 MiB) and probes again, as Django's `get_image_dimensions` does. A JPEG's
/// header is usually in the first few kilobytes; large EXIF blocks need more. What was read stays
/// in ``bytes``, so the caller can go on decoding from it.
package struct IncrementalProbe {
    /// Everything read so far, from the start of the image.
    package private(set) var bytes: [UInt8] = []
    /// Whether `read` has returned an empty piece: the data ends after ``bytes``.
    package private(set) var ended = false

    private static let largestPiece = 1 << 22

    package init() {}

    /// Reads until the header probes, or the data ends; the probe's result, with the error a
    /// header cut short gives when the data ends inside it.
    ///
    /// - Parameter read: asked for up to a number of bytes; returns at most that many (fewer is
    ///   fine), and an empty piece at the end of the data. Its errors are thrown as they are.
    package mutating func probe<Failure: Error, Piece: Collection<UInt8>>(
        firstCount: Int, read: (_ maximumCount: Int) throws(Failure) -> Piece
    ) throws(Failure) -> Result<ImageInfo, ImagingError> {
        var piece = firstCount
        while true {
            try fill(to: bytes.count + piece, read: read)
            let probe = Result { () throws(ImagingError) in try ImageInfo(probing: bytes) }
            // A header that goes on past what was read needs another, larger piece.
            guard case .failure(.truncated) = probe, !ended else { return probe }
            piece = min(piece * 2, Self.largestPiece)
        }
    }

    /// Reads the rest of the data and returns all of it.
    package mutating func readToEnd<Failure: Error, Piece: Collection<UInt8>>(
        read: (_ maximumCount: Int) throws(Failure) -> Piece
    ) throws(Failure) -> [UInt8] {
        while !ended { try fill(to: bytes.count + 1 << 16, read: read) }
        return bytes
    }

    /// Reads until ``bytes`` holds `count` bytes or the data ends.
    private mutating func fill<Failure: Error, Piece: Collection<UInt8>>(
        to count: Int, read: (Int) throws(Failure) -> Piece
    ) throws(Failure) {
        while bytes.count < count, !ended {
            let piece = try read(count - bytes.count)
            if piece.isEmpty { ended = true } else { bytes += piece }
        }
    }
}
