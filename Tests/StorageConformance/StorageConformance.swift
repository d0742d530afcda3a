/// The storage cases every backend runs, so that the disk, memory and S3 backends cannot drift apart.
///
/// ```swift
/// @Test(arguments: StorageConformance.cases)
/// func fileSystem(_ check: StorageCase) async throws {
///     let directory = try makeTemporaryDirectory()
///     defer { removeDirectory(directory) }
///     try await check.run(FileSystemStorage(location: directory))
/// }
/// ```
///
/// Each case gets a fresh, empty storage that does not overwrite (S3 runs with `fileOverwrite` off).
/// They are Django's storage cases (`tests/file_storage`): the save pipeline, alternative names, length
/// limits, name checks, and the basic operations. What only one backend has (symbolic links,
/// permissions, moving temporary files, URL signing) stays in that backend's own tests.
public enum StorageConformance {
    /// Every case, in a stable order.
    public static let cases: [StorageCase] =
        savingCases + namingCases + validationCases + operationCases + contentCases + concurrencyCases
}
