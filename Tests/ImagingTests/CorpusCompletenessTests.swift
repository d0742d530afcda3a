import Foundation
import TestSupport
import Testing

/// The committed corpus is all there: a missing, empty or truncated fixture set fails here, and the
/// parameterised suites over it fail too (``Corpus/nonEmpty(_:orElse:)``) instead of running no case.
@Suite struct CorpusCompletenessTests {
    @Test func manifestHasEveryRow() {
        #expect(Corpus.manifest.count == Corpus.expectedRowCount)
    }

    @Test func everyManifestRowHasItsFile() {
        let missing = Corpus.manifest.map(\.path).filter {
            !FileManager.default.fileExists(atPath: Corpus.url($0).path)
        }
        #expect(missing.isEmpty, "missing corpus files: \(missing)")
    }

    @Test func everyRowSaysWhatIsExpected() {
        #expect(Corpus.manifest.allSatisfy { !$0.path.isEmpty && !$0.format.isEmpty && !$0.expected.isEmpty })
    }

    @Test func aPlaceholderRowFailsToLoad() {
        #expect(throws: (any Error).self) { try Corpus.bytes(Corpus.missingPath) }
    }
}
