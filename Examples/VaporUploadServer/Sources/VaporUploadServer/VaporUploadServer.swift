import ArgumentParser
import UploadApp
import Vapor
import VaporUploadServerCore

/// The upload app on Vapor 4: `swift run VaporUploadServer --port 8080 --media-root ./media`.
///
/// The flags are UploadApp's (the Hummingbird server takes the same ones). Vapor's own lifecycle runs
/// the server: its `serve` command listens until SIGINT or SIGTERM, then the application shuts down,
/// finishing the requests in flight.
@main
struct VaporUploadServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upload photos in a browser; each gets a 256-px thumbnail and a 128×128 avatar.")

    @OptionGroup var options: UploadOptions

    func run() async throws {
        // Vapor reads its own command line; it is given only `serve` and the log level (`info`, so that
        // every request is logged; LOG_LEVEL overrides it), the flags being ours.
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
        var environment = Environment(
            name: "production", arguments: [CommandLine.arguments[0], "serve", "--log", level])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        var uploadApp: UploadApp?
        do {
            app.http.server.configuration.hostname = options.host
            app.http.server.configuration.port = options.port
            let routes = try await UploadApp(options: options)
            uploadApp = routes
            app.useUploadRoutes(routes)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            await uploadApp?.shutdown()
            throw error
        }
        try await app.asyncShutdown()
        await uploadApp?.shutdown()
    }
}
