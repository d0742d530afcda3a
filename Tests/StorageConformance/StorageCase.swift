import Files

/// One check every ``FileStorage`` backend must pass, run on a fresh, empty storage that does not overwrite.
///
/// ```swift
/// @Test(arguments: StorageConformance.cases)
/// func myBackend(_ check: StorageCase) async throws {
///     try await check.run(MyStorage(bucket: freshBucket()))
/// }
/// ```
///
/// The body records failures with Swift Testing's `#expect`, so it must run inside a test.
public struct StorageCase: Sendable, CustomStringConvertible {
    /// What the case checks, as a sentence; the test's argument label.
    public let name: String
    /// Runs the case against a fresh, empty, non-overwriting storage.
    public let run: @Sendable (any FileStorage) async throws -> Void

    /// A case called `name` running `run`.
    public init(_ name: String, run: @escaping @Sendable (any FileStorage) async throws -> Void) {
        self.name = name
        self.run = run
    }

    /// The case's ``name``.
    public var description: String { name }
}
