#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The photo the command thumbnails when given no input: `Examples/Resources/sample.jpg`.
enum SamplePhoto {
    static let relativePath = "Examples/Resources/sample.jpg"

    /// Found next to the sources this binary was built from, else relative to the working directory.
    static var path: String {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Sources/thumbnail/SamplePhoto.swift
        let besideSources = (components.map(String.init) + [relativePath]).joined(separator: "/")
        return access(besideSources, R_OK) == 0 ? besideSources : relativePath
    }
}
