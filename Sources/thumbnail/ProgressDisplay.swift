#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of a variant run: on a terminal a count and a bar redrawn in place with `\r`; otherwise
/// (a pipe, a log file) one plain line per source. Failures always go to standard error.
struct ProgressDisplay {
    /// Whether standard output is a terminal, checked once.
    let isTerminal: Bool
    private var total = 0
    private var done = 0
    private var made = 0
    private var skipped = 0
    private var failed = 0

    static let barWidth = 30

    init(isTerminal: Bool = isatty(STDOUT_FILENO) != 0) {
        self.isTerminal = isTerminal
    }

    mutating func start(total: Int) {
        self.total = total
        if isTerminal { draw() } else { emit("\(total) sources\n") }
    }

    mutating func record(_ source: String, _ outcome: VariantRun.Outcome) {
        done += 1
        let count = "\(done)/\(total)"
        switch outcome {
        case .made(let variant):
            made += 1
            if !isTerminal { emit("\(count) made \(variant.name) (\(variant.width)×\(variant.height))\n") }
        case .skipped(let name):
            skipped += 1
            if !isTerminal { emit("\(count) skipped \(name): already stored\n") }
        case .failed(let reason):
            failed += 1
            // Clear the bar's line first, so the error does not run into it.
            if isTerminal { emit("\r\u{1B}[K") }
            Console.error("\(source): \(reason)")
        }
        if isTerminal { draw() }
    }

    mutating func finish() {
        if isTerminal { emit("\n") }
        emit("made \(made), skipped \(skipped), failed \(failed)\n")
    }

    /// `[#########---------------------]  12/40`, over the previous one.
    private func draw() {
        let filled = total == 0 ? Self.barWidth : done * Self.barWidth / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.barWidth - filled)
        emit("\r[\(bar)] \(done)/\(total)")
    }

    private func emit(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
    }
}
