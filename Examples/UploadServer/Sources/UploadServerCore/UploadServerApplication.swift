import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import UploadApp

/// The Hummingbird application of the upload server: the routes, the request log, the address.
///
/// ```swift
/// let application = UploadServerApplication.make(app: app, host: "127.0.0.1", port: 8080, logger: logger)
/// try await ServiceGroup(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
/// ```
public enum UploadServerApplication {
    /// The application serving `app` on `host`:`port` (0 picks a free port; the log line names it).
    ///
    /// `idleTimeout` closes a connection that sends nothing for that long. It is what ends an upload
    /// whose client half-closed its socket (sent FIN, no RST) mid-body: Hummingbird allows remote
    /// half-closure, so such a request would otherwise wait forever with its temporary file.
    public static func make(
        app: UploadApp, host: String, port: Int, idleTimeout: Duration = .seconds(30), logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        UploadRoutes(app: app).add(to: router)
        let seconds = idleTimeout.components
        let timeout = TimeAmount.nanoseconds(seconds.seconds * 1_000_000_000 + seconds.attoseconds / 1_000_000_000)
        return Application(
            router: router, server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: timeout)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                logger.info("Listening on http://\(host):\(channel.localAddress?.port ?? port)")
            },
            logger: logger)
    }
}
