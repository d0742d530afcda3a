import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

/// A client that goes away mid-upload: the spilled temporary file is removed and the server serves on.
@Suite struct DisconnectTests {
    /// A plain close (FIN): Hummingbird takes it as a half-close, and the idle timeout (8 s here) ends
    /// the request; the parser's failure then interrupts the handlers, which remove the file.
    @Test func aClientThatDisconnectsMidUploadLeavesNoTemporaryFile() async throws {
        let server = try await TestServer()
        try await server.test(.live, idleTimeout: .seconds(8)) { client in
            let port = try #require(client.port)
            var body = MultipartBody()
            body.addFile(Data(repeating: 0x42, count: 8 * 1024 * 1024), fileName: "big.jpg")
            let whole = body.closed()
            let head =
                "POST /photos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(MultipartBody.contentType)\r\n"
                + "Content-Length: \(whole.count)\r\nAccept: application/json\r\n\r\n"
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            // More than the 2.5 MiB kept in memory, so the upload is spilling to a temporary file.
            // Not awaited: the server reads at its own pace, and the close below may cut the write short.
            channel.writeAndFlush(ByteBuffer(bytes: Data(head.utf8) + whole.prefix(4 * 1024 * 1024)), promise: nil)
            for _ in 0..<400 where server.temporaryFiles().isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(!server.temporaryFiles().isEmpty, "the upload never reached a temporary file")
            // The server may have closed it first (its idle timeout); either way the client is gone.
            try? await channel.close().get()
            try await server.waitUntilNoTemporaryFiles()
            #expect(try await client.execute(uri: "/", method: .get).status == .ok)
        }
        #expect(!FileManager.default.fileExists(atPath: server.mediaRoot.appendingPathComponent("photos").path))
    }
}
