internal import CFuzzDriver
import Foundation

/// Runs a fuzz target: under libFuzzer when the fuzz build linked it, otherwise once over
/// each file named on the command line (reproducing a crash with a plain debug build).
///
/// The body must not return normally on a bug: it traps (`preconditionFailure`) so that
/// libFuzzer records the input.
public func runFuzzTarget(_ body: @escaping @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    if fuzz_driver_is_linked() != 0 {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(fuzz_driver_run(&argc, &argv, body))
    }
    let paths = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
    guard !paths.isEmpty else {
        FileHandle.standardError.write(
            Data("usage: \(CommandLine.arguments[0]) FILE...  (built without libFuzzer: reproduces inputs)\n".utf8))
        exit(2)
    }
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
            exit(2)
        }
        _ = data.withUnsafeBytes { raw in
            body(raw.bindMemory(to: UInt8.self).baseAddress, raw.count)
        }
        print("ok \(path)")
    }
    exit(0)
}

/// Copies libFuzzer's input into an array (the library's APIs take collections of bytes).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
