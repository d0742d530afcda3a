import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on 127.0.0.1 that answers every request with one status (503 by default) and
/// counts the requests, to check which requests the storage retries and how often, and where they went.
final class FailingServer: Sendable {
    let port: Int
    private let channel: any Channel
    private let counter: NIOLockedValueBox<[String: Int]>
    private let heads: NIOLockedValueBox<[String]>

    /// The number of requests received per method.
    var requests: [String: Int] { counter.withLockedValue { $0 } }
    /// Each request's method, target and `Host` header, in order: `HEAD /s3/bucket/a%20b.txt 127.0.0.1:80`.
    var requestLines: [String] { heads.withLockedValue { $0 } }

    init(status: HTTPResponseStatus = .serviceUnavailable) async throws {
        let counter = NIOLockedValueBox([String: Int]())
        let heads = NIOLockedValueBox([String]())
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Responder(status: status, counter: counter, heads: heads))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
        self.counter = counter
        self.heads = heads
    }

    func close() async throws {
        try await channel.close()
    }

    private final class Responder: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let status: HTTPResponseStatus
        let counter: NIOLockedValueBox<[String: Int]>
        let heads: NIOLockedValueBox<[String]>

        init(status: HTTPResponseStatus, counter: NIOLockedValueBox<[String: Int]>, heads: NIOLockedValueBox<[String]>)
        {
            self.status = status
            self.counter = counter
            self.heads = heads
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                counter.withLockedValue { $0[head.method.rawValue, default: 0] += 1 }
                let line = "\(head.method.rawValue) \(head.uri) \(head.headers.first(name: "Host") ?? "")"
                heads.withLockedValue { $0.append(line) }
            case .body:
                break
            case .end:
                let body =
                    "<Error><Code>ServiceUnavailable</Code><Message>Please reduce your request rate.</Message></Error>"
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: String(body.utf8.count))
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                    promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
