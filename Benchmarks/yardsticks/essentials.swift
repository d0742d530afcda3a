// The start-up yardstick of Benchmarks/startup.sh: a Swift program that imports FoundationEssentials
// alone and prints one line, the least a Swift command-line tool that uses Foundation's types pays.
import FoundationEssentials

print("usage: essentials (built at \(Date.distantPast.timeIntervalSinceReferenceDate < 0 ? "any" : "no") time)")
