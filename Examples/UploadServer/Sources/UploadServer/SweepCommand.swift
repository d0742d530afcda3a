import ArgumentParser
import Foundation
import UploadApp

/// `UploadServer sweep [--older-than 3600] [--all-staged] --database … [--s3-bucket NAME …]`: what
/// uploads that died left staged in the storage is promoted (its row committed) or deleted (it never
/// did), once.
///
/// Every server already sweeps at start-up; with several servers that may run for weeks, run this
/// from a timer (cron, a systemd timer, a Kubernetes CronJob) with the servers' own flags. It is safe
/// while they serve, as long as `--older-than` is longer than any upload takes.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Promotes or deletes what died uploads left staged, then exits.")

    @OptionGroup var options: UploadOptions

    @Option(help: "Only what was staged more than this many seconds ago is swept (younger may be in progress).")
    var olderThan = 3600

    @Flag(help: "Sweep everything staged, however young: only when no upload is in progress on any server.")
    var allStaged = false

    func validate() throws {
        guard olderThan >= 0 else { throw ValidationError("--older-than must be 0 or more seconds.") }
    }

    func run() async throws {
        let app = try await UploadApp(options: options)
        do {
            // Staging directories close every ten minutes; a sweep "from the far future" takes the
            // open ones too.
            let report = try await app.gallery.sweep(
                olderThan: .seconds(allStaged ? 0 : olderThan), now: allStaged ? .distantFuture : Date())
            print("swept: \(report.deleted.count) deleted, \(report.promoted.count) promoted, \(report.kept) kept")
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
    }
}
