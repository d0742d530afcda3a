extension FileStorage {
    /// Whether `name` is free and at most `maxLength` characters (`nil` or 0: no limit).
    ///
    /// ```swift
    /// try await storage.isNameAvailable("a.txt", maxLength: 100)  // false once "a.txt" is saved
    /// ```
    ///
    /// Lengths count Unicode scalars (Python's code points). Cost: one ``exists(_:)``.
    /// The corresponding Django API is `Storage.is_name_available(name, max_length=None)`.
    public nonisolated(nonsending) func isNameAvailable(_ name: String, maxLength: Int?) async throws(StorageError)
        -> Bool
    {
        guard Self.fits(name, maxLength) else { return false }
        return try await !exists(name)
    }

    /// `name` when it is available, else `name` with `_` and 7 random letters and digits before all
    /// its extensions, its root cut short when needed to fit `maxLength`.
    ///
    /// ```swift
    /// try await storage.availableName("photos/a.tar.gz", maxLength: nil)  // "photos/a_x7Kp2Qz.tar.gz" when taken
    /// ```
    ///
    /// See ``availableName(_:maxLength:overwriting:)`` for the rules. The corresponding Django API is
    /// `FileStorage.get_available_name(name, max_length=None)`.
    public nonisolated(nonsending) func availableName(_ name: String, maxLength: Int?) async throws(StorageError)
        -> String
    {
        try await availableName(name, maxLength: maxLength, overwriting: false)
    }

    /// Django's `get_available_name`, for backends that may overwrite: with `overwriting`, no random
    /// suffix is added and the name is only cut to fit `maxLength`.
    ///
    /// ```swift
    /// // In a backend that replaces existing files:
    /// public nonisolated(nonsending) func availableName(_ name: String, maxLength: Int?) async throws(StorageError) -> String {
    ///     try await availableName(name, maxLength: maxLength, overwriting: true)
    /// }
    /// ```
    ///
    /// 1. Backslashes become `/`; a `..` in the directory part throws ``StorageError/Code-swift.enum/suspiciousName``,
    ///    and so does a file name that is empty, `.` or `..`.
    /// 2. While ``isNameAvailable(_:maxLength:)`` says no: the alternative is `root_XXXXXXX.ext`, where `.ext`
    ///    is every extension (`a.tar.gz` → `a_XXXXXXX.tar.gz`, `.test` → `.test_XXXXXXX`), the directory untouched.
    /// 3. If the alternative is longer than `maxLength`, the root loses the excess; when nothing of the root
    ///    is left, this throws ``StorageError/Code-swift.enum/noAvailableName``.
    ///
    /// The name is not normalised (`./q.txt` may become `./q_XXXXXXX.txt`). Cost: one
    /// ``isNameAvailable(_:maxLength:)`` per candidate.
    public nonisolated(nonsending) func availableName(
        _ name: String, maxLength: Int?, overwriting: Bool
    ) async throws(StorageError) -> String {
        let original = name
        var name = PathSyntax.withForwardSlashes(name)
        let (directory, fileName) = PathSyntax.split(name)
        if PathSyntax.components(directory).contains(where: PathSyntax.isParent) {
            throw StorageError(.traversal, operation: "find an available name for", name: original)
        }
        if let problem = FileNameProblem(fileName, allowRelativePath: false) {
            throw StorageError(problem, operation: "find an available name for", name: original)
        }
        let fileExtension = PathSyntax.allExtensions(fileName)
        var root = Array(fileName.unicodeScalars.dropLast(fileExtension.unicodeScalars.count))
        func alternative() -> String {
            let suffix = overwriting ? "" : "_" + Self.randomSuffix()
            return PathSyntax.join(directory, String(scalars: root) + suffix + fileExtension)
        }
        // An overwriting backend takes any name that fits; asking `exists` would loop for ever.
        nonisolated(nonsending) func isAvailable(_ name: String) async throws(StorageError) -> Bool {
            if overwriting { return Self.fits(name, maxLength) }
            return try await isNameAvailable(name, maxLength: maxLength)
        }
        while try await !isAvailable(name) {
            name = alternative()
            guard let maxLength, maxLength > 0 else { continue }
            let excess = name.unicodeScalars.count - maxLength
            guard excess > 0 else { continue }
            root.removeLast(min(excess, root.count))
            guard !root.isEmpty else {
                throw StorageError(
                    .noAvailableName, operation: "find an available name for", name: original,
                    reason:
                        "no free name fits in \(maxLength) characters; make sure the file field allows a sufficient max_length"
                )
            }
            name = alternative()
        }
        return name
    }

    /// `name` made a safe file name: trimmed, spaces to `_`, every character but letters, digits, `_`,
    /// `-` and `.` removed.
    ///
    /// ```swift
    /// try storage.validName("john's portrait in 2004.jpg")  // "johns_portrait_in_2004.jpg"
    /// try storage.validName("中文 名.jpg")                   // "中文_名.jpg"
    /// ```
    ///
    /// Letters and digits of every script are kept (Python's Unicode `\w`); a name left empty, `.` or
    /// `..` throws ``StorageError/Code-swift.enum/suspiciousName``.
    /// The corresponding Django API is `Storage.get_valid_name(name)` (`get_valid_filename`).
    public func validName(_ name: String) throws(StorageError) -> String {
        guard let valid = validFileName(name) else {
            throw StorageError(.underivable, operation: "make a valid file name from", name: name)
        }
        return valid
    }

    /// `filename` with its last component made valid (``validName(_:)``) and the path normalised.
    ///
    /// ```swift
    /// try storage.generateFilename("some\\path\\x y")    // "some/path/x_y"
    /// try storage.generateFilename("some/./path/./x")  // "some/path/x"
    /// ```
    ///
    /// Backslashes count as separators; a `..` in the directory throws
    /// ``StorageError/Code-swift.enum/suspiciousName``. An absolute path stays absolute here; ``save(_:content:maxLength:)``
    /// rejects it. The corresponding Django API is `Storage.generate_filename(filename)`.
    public func generateFilename(_ filename: String) throws(StorageError) -> String {
        let (directory, fileName) = PathSyntax.split(PathSyntax.withForwardSlashes(filename))
        if PathSyntax.components(directory).contains(where: PathSyntax.isParent) {
            throw StorageError(.traversal, operation: "generate a file name from", name: filename)
        }
        guard let valid = validFileName(fileName) else {
            throw StorageError(.underivable, operation: "generate a file name from", name: filename)
        }
        return PathSyntax.normalized(PathSyntax.join(directory, valid))
    }

    /// Whether `name` has at most `maxLength` scalars; `nil` and 0 mean no limit, as in Django.
    static func fits(_ name: String, _ maxLength: Int?) -> Bool {
        guard let maxLength, maxLength > 0 else { return true }
        return name.unicodeScalars.count <= maxLength
    }

    /// Seven random characters from `[A-Za-z0-9]`, as Django's `get_random_string(7)`.
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<7).map { _ in randomSuffixAlphabet[Int.random(in: 0..<62, using: &generator)] })
    }
}

private let randomSuffixAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
