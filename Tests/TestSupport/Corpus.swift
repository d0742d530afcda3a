import Foundation

/// The conformance images committed under `Tests/Fixtures/corpus/`, and the repository's other fixtures.
public enum Corpus {
    /// The repository's root directory, found from this file's location.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The corpus directory.
    public static let root: URL = repositoryRoot.appendingPathComponent("Tests/Fixtures/corpus")

    /// The URL of a corpus file, e.g. `"pngsuite/basn2c08.png"`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The bytes of a corpus file.
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relativePath)))
    }

    /// The URL of a fixture committed under `Tests/Fixtures/`.
    public static func fixture(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    /// One row of `MANIFEST.tsv`.
    public struct Entry: Sendable, CustomStringConvertible {
        /// Path relative to the corpus root, e.g. `pngsuite/basn2c08.png`.
        public var path: String
        /// `png` or `jpeg`.
        public var format: String
        /// Stored width and height.
        public var width: Int?
        public var height: Int?
        /// Width and height after applying EXIF orientation.
        public var displayWidth: Int?
        public var displayHeight: Int?
        /// EXIF orientation, when the file has one.
        public var exifOrientation: Int?
        /// What a decoder must do: `decode`, `error`, …, as the corpus README says.
        public var expected: String
        /// All columns by header name.
        public var columns: [String: String]

        public var description: String { path }

        public init(
            path: String, format: String, width: Int? = nil, height: Int? = nil, displayWidth: Int? = nil,
            displayHeight: Int? = nil, exifOrientation: Int? = nil, expected: String, columns: [String: String]
        ) {
            self.path = path
            self.format = format
            self.width = width
            self.height = height
            self.displayWidth = displayWidth
            self.displayHeight = displayHeight
            self.exifOrientation = exifOrientation
            self.expected = expected
            self.columns = columns
        }
    }

    /// How many rows `MANIFEST.tsv` has; `CorpusCompletenessTests` fails when it has fewer.
    public static let expectedRowCount = 225

    /// `rows`, or — when a filter or a missing fixture left nothing — one placeholder whose path does not
    /// exist, so that a parameterised test over the list fails instead of running zero cases.
    public static func nonEmpty<Row>(_ rows: [Row], orElse placeholder: (String) -> Row) -> [Row] {
        rows.isEmpty ? [placeholder(missingPath)] : rows
    }

    /// The manifest rows that satisfy `isIncluded`; never empty (see ``nonEmpty(_:orElse:)``).
    public static func entries(where isIncluded: (Entry) -> Bool) -> [Entry] {
        nonEmpty(manifest.filter(isIncluded)) { path in
            Entry(path: path, format: "", expected: "", columns: [:])
        }
    }

    /// The path a placeholder row carries: reading it fails with a message saying why.
    public static let missingPath = "NO-ROWS: Tests/Fixtures is missing, empty or truncated"

    /// Every row of `MANIFEST.tsv`, in file order; empty when the file is missing.
    public static let manifest: [Entry] = {
        guard let text = try? String(contentsOf: url("MANIFEST.tsv"), encoding: .utf8) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().components(separatedBy: "\t")
        return lines.map { line in
            let fields = line.components(separatedBy: "\t")
            var columns: [String: String] = [:]
            for (index, name) in header.enumerated() {
                columns[name] = index < fields.count ? fields[index] : ""
            }
            return Entry(
                path: columns["path"] ?? "",
                format: columns["format"] ?? "",
                width: Int(columns["width"] ?? ""),
                height: Int(columns["height"] ?? ""),
                displayWidth: Int(columns["display_w"] ?? ""),
                displayHeight: Int(columns["display_h"] ?? ""),
                exifOrientation: Int(columns["exif_orientation"] ?? ""),
                expected: columns["expected"] ?? "",
                columns: columns
            )
        }
    }()
}
