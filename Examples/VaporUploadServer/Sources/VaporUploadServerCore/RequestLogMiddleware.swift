import Vapor

/// Logs one line per request once it is answered: method, path, status and milliseconds.
///
/// ```
/// [ INFO ] POST /photos 201 84 ms [request-id: …]
/// ```
///
/// It replaces Vapor's `RouteLoggingMiddleware`, which logs before the answer and so without its status.
public struct RequestLogMiddleware: AsyncMiddleware {
    /// A middleware logging at `info`.
    public init() {}

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let path = request.url.path
        do {
            let response = try await next.respond(to: request)
            log(request, path: path, status: response.status.code, since: start)
            return response
        } catch {
            log(request, path: path, status: (error as? any AbortError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, path: String, status: UInt, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        request.logger.info("\(request.method) \(path) \(status) \(milliseconds) ms")
    }
}
