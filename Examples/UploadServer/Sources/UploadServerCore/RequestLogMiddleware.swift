import Hummingbird
import Logging

/// Logs one line per request when its response is ready: method, path, status and duration.
///
/// ```
/// info UploadServer : POST /photos 201 38 ms
/// ```
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware; it logs with the request context's logger.
    public init() {}

    /// Runs the rest of the chain, then logs.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start, logger: context.logger)
            return response
        } catch let error as any HTTPResponseError {
            log(request, status: error.status.code, since: start, logger: context.logger)
            throw error
        } catch {
            log(request, status: 500, since: start, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, logger: Logger) {
        let elapsed = (ContinuousClock.now - start).components
        let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
        logger.info("\(request.method) \(request.uri.path) \(status) \(milliseconds) ms")
    }
}
