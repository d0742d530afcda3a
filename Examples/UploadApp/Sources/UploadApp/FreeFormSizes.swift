import Bridge
import Imaging

/// Sizes a signed URL names instead of a spec: `fit-<W>x<H>` (inside the box, aspect ratio kept, never
/// upscaled, as `small`) or `fill-<W>x<H>` (exactly the box, the centre cropped, as `avatar`), each side
/// from 1 to ``maximum``. Off unless the server is started with `--free-form-sizes MAXxMAX`: every size
/// is a new file in the storage, so the signature and the maximum are what keep anyone from filling it.
///
/// ```swift
/// let sizes = try FreeFormSizes("1200x1200")
/// try sizes.spec(named: "fit-300x200")   // an ImageSpec fitting 300 × 200
/// try sizes.spec(named: "small")         // nil: not a size, a spec name
/// try sizes.spec(named: "fit-5000x10")   // throws: larger than 1200 × 1200
/// ```
///
/// A size is refused from its name alone, before the source is opened or decoded. Only the canonical
/// spelling is a size (no sign, no leading zero, at most five digits a side), so one size has one name
/// and so one stored variant.
public struct FreeFormSizes: Sendable, Equatable {
    /// The largest width and height a free-form size may ask for.
    public let maximumWidth: Int
    public let maximumHeight: Int

    /// Sizes up to `width` × `height` (each at least 1).
    public init(maximumWidth width: Int, height: Int) throws(UploadAppError) {
        guard width >= 1, height >= 1 else {
            throw UploadAppError(
                status: 500, message: "The free-form size limit \(width)x\(height) has a side below 1.")
        }
        maximumWidth = width
        maximumHeight = height
    }

    /// Sizes up to `text`, written `WIDTHxHEIGHT` (`--free-form-sizes 1200x1200`).
    public init(_ text: String) throws(UploadAppError) {
        guard let (width, height) = Self.dimensions(Substring(text)) else {
            throw UploadAppError(
                status: 500, message: "The free-form size limit \"\(text.prefix(40))\" is not WIDTHxHEIGHT.")
        }
        try self.init(maximumWidth: width, height: height)
    }

    /// The spec `name` asks for, `nil` when `name` is not a size at all (`small`, `fit-big`).
    ///
    /// - Throws: a 400 ``UploadAppError`` for a size with a side of 0 or beyond the maximum.
    func spec(named name: String) throws(UploadAppError) -> ImageSpec? {
        let fill = name.hasPrefix("fill-")
        guard fill || name.hasPrefix("fit-"),
            let (width, height) = Self.dimensions(name.dropFirst(fill ? 5 : 4))
        else { return nil }
        guard (1...maximumWidth).contains(width), (1...maximumHeight).contains(height) else {
            throw UploadAppError(
                status: 400,
                message:
                    "The size \(width)x\(height) is outside the 1x1 to \(maximumWidth)x\(maximumHeight) this server makes."
            )
        }
        let box = Size(width: width, height: height)
        do {
            return try ImageSpec(name, shape: fill ? .filling(box) : .fitting(box))
        } catch {
            throw UploadAppError(status: 400, message: "The size \(name) is refused: \(error.reason).")
        }
    }

    /// `W` and `H` of `WxH`, each one to five digits without a leading zero (`0` alone is kept, to be
    /// refused as a side below 1).
    static func dimensions(_ text: Substring) -> (Int, Int)? {
        let sides = text.split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
        guard sides.count == 2 else { return nil }
        let numbers = sides.compactMap { side -> Int? in
            guard (1...5).contains(side.utf8.count), side.utf8.allSatisfy({ (48...57).contains($0) }),
                side == "0" || side.first != "0"
            else { return nil }
            return Int(side)
        }
        guard numbers.count == 2 else { return nil }
        return (numbers[0], numbers[1])
    }
}
