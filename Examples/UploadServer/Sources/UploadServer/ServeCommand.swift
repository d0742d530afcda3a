import ArgumentParser
import Logging
import ServiceLifecycle
import UploadApp
import UploadServerCore

/// `UploadServer [serve] [--host 127.0.0.1] [--port 8080] [--media-root ./media] [--database sqlite:PATH | postgres://…] [--s3-bucket NAME …]`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves a photo gallery: upload a photo, get it back with a 256-px thumbnail and an avatar.")

    @OptionGroup var options: UploadOptions

    func run() async throws {
        var logger = Logger(label: "UploadServer")
        logger.logLevel = .info
        let app = try await UploadApp(options: options)
        let application = UploadServerApplication.make(
            app: app, host: options.host, port: options.port, logger: logger)
        // SIGINT / SIGTERM end the service group gracefully: in-flight requests finish, then exit 0.
        let services = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await services.run()
        } catch {
            await app.shutdown()
            throw error
        }
        await app.shutdown()
    }
}
