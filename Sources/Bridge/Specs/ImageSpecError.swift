import Files

/// Why an ``ImageSpec`` could not be made, naming the spec.
///
/// ```swift
/// do { _ = try ImageSpec("small", fitting: Size(width: 0, height: 256)) }
/// catch { print(error) }  // Cannot make the image spec "small": the box 0×256 must be at least 1×1.
/// ```
public struct ImageSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The spec's name, as given.
    public var spec: String
    /// Why, as the end of a sentence.
    public var reason: String

    /// Creates an error about the spec named `spec`.
    public init(spec: String, reason: String) {
        self.spec = spec
        self.reason = reason
    }

    /// `Cannot make the image spec "<spec>": <reason>.`
    public var description: String { "Cannot make the image spec \"\(spec)\": \(reason)." }
}
