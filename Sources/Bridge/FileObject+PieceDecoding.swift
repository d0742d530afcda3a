import Files

extension FileObject {
    /// Runs `decode` on this file's content read from the start in pieces, then puts the position
    /// back; a stream that cannot seek is read from where it is.
    ///
    /// The two failures come apart by type: what reading the file throws is thrown, as the
    /// ``FileError`` it was; what the image makes `decode` throw is the result's failure.
    /// `read` is escaping (it holds only this file) so that `decode` may wrap it in a closure of its own.
    func decodingPieces<Decoded>(
        _ decode: (_ read: @escaping (_ maximumCount: Int) throws(FileError) -> [UInt8])
            throws(ThumbnailReadingError<FileError>) -> Decoded
    ) throws(FileError) -> Result<Decoded, ImagingError> {
        try withPositionRestored { () throws(FileError) in
            if isSeekable { try seek(to: 0) }
            do throws(ThumbnailReadingError<FileError>) {
                return .success(try decode { count throws(FileError) in [UInt8](try self.read(count)) })
            } catch {
                switch error {
                case .reading(let error): throw error
                case .imaging(let error): return .failure(error)
                }
            }
        }
    }
}
