#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One stored file of an ``InMemoryStorage``: its bytes and when they last changed.
struct MemoryFile: Sendable {
    var data: Data
    var modified: Date
}

/// A directory of an ``InMemoryStorage``: the entries under it by name.
struct MemoryDirectory: Sendable {
    var entries: [String: MemoryNode] = [:]
    var modified = Date()
}

/// A file or a directory.
enum MemoryNode: Sendable {
    case file(MemoryFile)
    case directory(MemoryDirectory)
}

/// Why a tree operation failed, before the storage words it as a ``StorageError``.
enum MemoryTreeFailure: Error, Equatable {
    /// Nothing is at the path.
    case notFound
    /// The component at this index (0-based) is a file where a directory is needed.
    case fileInPath(index: Int)
    /// The path is a directory where a file is needed.
    case isDirectory
    /// The path is taken and the operation does not replace.
    case exists
}

extension MemoryDirectory {
    /// The node at `components` (this directory for none), or `nil` when nothing is there.
    func node(at components: ArraySlice<String>) -> MemoryNode? {
        guard let first = components.first else { return .directory(self) }
        switch entries[first] {
        case .directory(let child)?: return child.node(at: components.dropFirst())
        case .file(let file)? where components.count == 1: return .file(file)
        default: return nil
        }
    }

    /// Puts `file` at `components`, creating the missing directories; with `replacing` false a taken
    /// name throws ``MemoryTreeFailure/exists``, and a directory is never replaced.
    mutating func insert(
        _ file: MemoryFile, at components: ArraySlice<String>, replacing: Bool
    ) throws(MemoryTreeFailure) {
        try withParent(of: components, creating: true) { (directory, last) throws(MemoryTreeFailure) in
            switch directory.entries[last] {
            case .directory?: throw replacing ? .isDirectory : .exists
            case .file? where !replacing: throw .exists
            default:
                directory.entries[last] = .file(file)
                directory.modified = file.modified
            }
        }
    }

    /// Removes whatever is at `components` (a whole subtree for a directory); a missing path is fine.
    mutating func remove(at components: ArraySlice<String>) {
        try? withParent(of: components, creating: false) { (directory, last) throws(MemoryTreeFailure) in
            if directory.entries.removeValue(forKey: last) != nil { directory.modified = Date() }
        }
    }

    /// Runs `body` on the directory holding the last component, and that component's name.
    ///
    /// Each child is taken out of its parent while `body` runs, so the change is made in place rather
    /// than on a copy of the subtree.
    private mutating func withParent(
        of components: ArraySlice<String>, creating: Bool, depth: Int = 0,
        _ body: (inout MemoryDirectory, String) throws(MemoryTreeFailure) -> Void
    ) throws(MemoryTreeFailure) {
        guard let first = components.first else { throw .isDirectory }
        if components.count == 1 { return try body(&self, first) }
        var child: MemoryDirectory
        switch entries.removeValue(forKey: first) {
        case .directory(let existing)?:
            child = existing
        case .file(let file)?:
            entries[first] = .file(file)
            throw .fileInPath(index: depth)
        case nil:
            guard creating else { throw .notFound }
            child = MemoryDirectory()
        }
        defer { entries[first] = .directory(child) }
        try child.withParent(of: components.dropFirst(), creating: creating, depth: depth + 1, body)
    }
}
