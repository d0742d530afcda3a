import Files
import Foundation
import Testing

/// The stored bytes of `name`, read through ``FileStorage/open(_:)``.
func contents(of name: String, in storage: any FileStorage) async throws -> Data {
    let file = try await storage.open(name)
    defer { try? file.close() }
    return try file.read()
}

/// Whether `name` is `root` + `_` + 7 ASCII letters or digits + `fileExtension`.
func isAlternative(_ name: String, root: String, fileExtension: String) -> Bool {
    guard name.hasPrefix(root + "_"), name.hasSuffix(fileExtension) else { return false }
    let middle = name.unicodeScalars.dropFirst(root.unicodeScalars.count + 1)
        .dropLast(fileExtension.unicodeScalars.count)
    return middle.count == 7
        && middle.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
}

/// Expects `body` to throw a ``StorageError`` with `code`, and returns it.
@discardableResult
func expectFailure<T>(
    _ code: StorageError.Code, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> StorageError? {
    do {
        _ = try await body()
        Issue.record("expected a StorageError with code \(code), nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as StorageError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a StorageError with code \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// `count` reproducible bytes that do not repeat with any chunk size (a 64-bit LCG's high bytes).
func pseudoRandomBytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    for index in bytes.indices {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
    }
    return Data(bytes)
}

/// Every file in the storage, walking the listing from the root (`FileStorage.fileNames(under:)`).
func allFiles(in storage: any FileStorage, under path: String = "") async throws -> [String] {
    try await storage.fileNames(under: path)
}
