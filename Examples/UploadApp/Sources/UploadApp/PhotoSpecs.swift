import Bridge
import Files
import Imaging

/// The two thumbnails every upload gets: `small`, fitting 256 × 256 (Pillow's `thumbnail` rule), and
/// `avatar`, filling 128 × 128 (the centre, cropped).
///
/// ```swift
/// let specs = PhotoSpecs.shared
/// specs.small.variantName(of: "photos/cat.jpg")   // "photos/cat.small-….jpg"
/// ```
public struct PhotoSpecs: Sendable {
    /// Fits the photo into 256 × 256, keeping its aspect ratio.
    public let small: ImageSpec
    /// Fills 128 × 128 exactly.
    public let avatar: ImageSpec

    /// The app's specs, made once.
    public static let shared: PhotoSpecs = {
        do {
            return try PhotoSpecs()
        } catch {
            // Constants: only a bad edit of the definitions below gets here, and every test would show it.
            preconditionFailure("The photo specs are invalid: \(error)")
        }
    }()

    /// Both specs; they are constants, so this throws only if their definition is changed badly.
    public init() throws(ImageSpecError) {
        small = try ImageSpec("small", fitting: Size(width: 256, height: 256))
        avatar = try ImageSpec("avatar", filling: Size(width: 128, height: 128))
    }

    /// Both, in the order the JSON and the page list them.
    public var all: [ImageSpec] { [small, avatar] }
}
