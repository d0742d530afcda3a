extension StorageError {
    /// `Cannot <operation> "<name>": no such file in the storage.`, code ``Code-swift.enum/notFound``.
    ///
    /// ```swift
    /// throw StorageError.notFound("open", "missing.jpg")  // Cannot open "missing.jpg": no such file in the storage.
    /// ```
    ///
    /// The corresponding Python error is `FileNotFoundError` (S3's `NoSuchKey`).
    public static func notFound(_ operation: String, _ name: String?) -> StorageError {
        StorageError(.notFound, operation: operation, name: name, reason: "no such file in the storage")
    }

    /// `Cannot <operation> "<name>": it is a directory.`, code ``Code-swift.enum/notAFile``.
    ///
    /// The corresponding Python error is `IsADirectoryError`.
    public static func isDirectory(_ operation: String, _ name: String?) -> StorageError {
        StorageError(.notAFile, operation: operation, name: name, reason: "it is a directory")
    }

    /// `Cannot <operation> "<name>": "<prefix>" exists and is not a directory.`, code
    /// ``Code-swift.enum/notAFile``: a file stands where the name needs a directory.
    ///
    /// The corresponding Django error is `FileExistsError("<dir> exists and is not a directory.")`.
    public static func fileInPath(_ prefix: String, operation: String, name: String?) -> StorageError {
        StorageError(.notAFile, operation: operation, name: name, reason: "\"\(prefix)\" exists and is not a directory")
    }

    /// `Cannot delete: a name must be given, not the storage itself.`, code ``Code-swift.enum/suspiciousName``.
    ///
    /// The corresponding Django error is `ValueError("The name must be given to delete().")`.
    public static let deletingTheRoot = StorageError(
        .suspiciousName, operation: "delete", name: nil, reason: "a name must be given, not the storage itself")
}
