// STOP-GAP — DELETE THIS FILE AT MERGE.
//
// The shared implementations of `save`, `availableName`, `validName` and `generateFilename` come with
// the `Storage` protocol's extension in Files (written on another branch). Until that lands, S3Storage
// carries minimal copies of Django's semantics here so that this branch builds and its tests run.
// When merging: delete this file; S3Storage then gets the shared versions. The shared `availableName`
// must ask `isNameAvailable` (which honours `fileOverwrite`) and, for an overwriting storage, truncate
// the root to fit `maxLength` without adding a random suffix, as django-storages'
// `get_available_overwrite_name` does.
import Files

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension S3Storage {
    public func save(_ name: String?, content: File, maxLength: Int?) async throws(StorageError) -> String {
        guard let name = name ?? content.name else {
            throw StorageError(.suspiciousName, operation: "save", name: nil, reason: "the content has no name")
        }
        try Self.validate(name, operation: "save")
        let available = try await availableName(name, maxLength: maxLength)
        try Self.validate(available, operation: "save")
        let stored = try await store(content, as: available)
        try Self.validate(stored, operation: "save")
        return stored
    }

    public func availableName(_ name: String, maxLength: Int?) async throws(StorageError) -> String {
        let path = name.replacing("\\", with: "/")
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let fileName = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if directory.split(separator: "/").contains("..") {
            throw StorageError(
                .suspiciousName, operation: "save", name: name, reason: "the directory climbs out of the storage")
        }
        try Self.validate(fileName, operation: "save", allowRelativePath: false)
        let suffixStart = fileName.dropFirst().firstIndex(of: ".") ?? fileName.endIndex
        let fileExtension = String(fileName[suffixStart...])
        var root = String(fileName[..<suffixStart])
        func join(_ file: String) -> String { directory.isEmpty ? file : directory + "/" + file }
        var candidate = path
        while try await !isNameAvailable(candidate, maxLength: maxLength) {
            let alternative =
                configuration.fileOverwrite ? root + fileExtension : root + "_" + Self.randomSuffix() + fileExtension
            candidate = join(alternative)
            if let maxLength, maxLength > 0, candidate.unicodeScalars.count > maxLength {
                let excess = candidate.unicodeScalars.count - maxLength
                root = String(String.UnicodeScalarView(root.unicodeScalars.dropLast(excess)))
                guard !root.isEmpty else {
                    throw StorageError(
                        .noAvailableName, operation: "save", name: name,
                        reason: "no available name fits the maximum length of \(maxLength)")
                }
                candidate = join(
                    configuration.fileOverwrite
                        ? root + fileExtension : root + "_" + Self.randomSuffix() + fileExtension)
            }
        }
        return candidate
    }

    public func validName(_ name: String) throws(StorageError) -> String {
        let spaced = String(
            String.UnicodeScalarView(
                name.unicodeScalars.drop(while: \.properties.isWhitespace).reversed().drop(
                    while: \.properties.isWhitespace
                ).reversed())
        ).replacing(" ", with: "_")
        let kept = spaced.unicodeScalars.filter {
            $0 == "-" || $0 == "." || $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
        let valid = String(String.UnicodeScalarView(kept))
        guard !["", ".", ".."].contains(valid) else {
            throw StorageError(
                .suspiciousName, operation: "save", name: name, reason: "no file name can be derived from it")
        }
        return valid
    }

    public func generateFilename(_ filename: String) throws(StorageError) -> String {
        let path = filename.replacing("\\", with: "/")
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if directory.split(separator: "/").contains("..") {
            throw StorageError(
                .suspiciousName, operation: "save", name: filename, reason: "the directory climbs out of the storage")
        }
        let valid = try validName(base)
        let joined = (directory.split(separator: "/").filter { $0 != "." } + [Substring(valid)]).joined(separator: "/")
        return directory.hasPrefix("/") ? "/" + joined : joined
    }

    private static func validate(_ name: String, operation: String, allowRelativePath: Bool = true) throws(StorageError)
    {
        do {
            try validateFileName(name, allowRelativePath: allowRelativePath)
        } catch {
            throw StorageError(.suspiciousName, operation: operation, name: name, reason: "\(error)")
        }
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<7).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
