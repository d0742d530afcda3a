import AsyncHTTPClient
import Crypto
import Files
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs and sends ``S3Request``s over one shared `HTTPClient`, retrying what is safe to retry.
///
/// An idempotent request (`GET`, `HEAD`, `PUT`, `DELETE`) that meets a 5xx answer, a connection
/// failure or a timeout is tried again, up to ``S3Configuration/maxAttempts`` times in all, waiting
/// ``S3Configuration/retryBaseDelay`` × 2ⁿ (at most 2 s, with jitter) between tries. A `POST` is sent
/// once: its failure is reported, never silently repeated.
struct S3Client: Sendable {
    let http: HTTPClient
    let configuration: S3Configuration
    let endpoint: S3Endpoint
    let credentials: S3Credentials
    /// The clock requests are signed with; tests fix it.
    let now: @Sendable () -> Date

    /// Sends `request` and returns the response of a 2xx answer, its body not yet read.
    ///
    /// Throws a `StorageError` for an error answer (its XML `Code` mapped to a `StorageError.Code`)
    /// or when the server cannot be reached or does not answer in time.
    func send(_ request: S3Request) async throws(StorageError) -> HTTPClientResponse {
        var attempt = 1
        while true {
            let outcome = await attemptOnce(request)
            switch outcome {
            case .success(let response):
                return response
            case .failure(let failure):
                guard failure.isTransient, request.isIdempotent, attempt < configuration.maxAttempts else {
                    throw failure.error
                }
                try await backOff(after: attempt, request)
                attempt += 1
            }
        }
    }

    /// Sends `request` and reads its whole body (at most `limit` bytes).
    func sendCollecting(_ request: S3Request, limit: Int = 16 * 1024 * 1024) async throws(StorageError) -> (
        HTTPClientResponse, ByteBuffer
    ) {
        let response = try await send(request)
        do {
            return (response, try await response.body.collect(upTo: limit))
        } catch {
            throw S3ErrorMapping.transportFailure(error, request: request, bucket: configuration.bucket).error
        }
    }

    /// Sends a request that S3 may answer with 200 and an `<Error>` document (CompleteMultipartUpload,
    /// CopyObject: the answer starts before the work ends), and returns the body of a real success.
    func sendCheckingBody(_ request: S3Request) async throws(StorageError) -> String {
        let (response, body) = try await sendCollecting(request)
        let text = String(buffer: body)
        if text.contains("<Error>") {
            throw S3ErrorMapping.answerFailure(
                status: Int(response.status.code), body: text, request: request, bucket: configuration.bucket
            ).error
        }
        return text
    }

    private func backOff(after attempt: Int, _ request: S3Request) async throws(StorageError) {
        let base = configuration.retryBaseDelay * (1 << min(attempt - 1, 20))
        let capped = min(base, .seconds(2))
        do {
            try await Task.sleep(for: capped * Double.random(in: 0.5...1.0))
        } catch {
            throw StorageError(
                .failed, operation: request.operation, name: request.name, reason: "the task was cancelled")
        }
    }

    private func attemptOnce(_ request: S3Request) async -> Result<HTTPClientResponse, S3ErrorMapping.Failure> {
        let httpRequest = signed(request)
        let response: HTTPClientResponse
        do {
            response = try await http.execute(
                httpRequest,
                timeout: TimeAmount(configuration.requestTimeout))
        } catch {
            return .failure(S3ErrorMapping.transportFailure(error, request: request, bucket: configuration.bucket))
        }
        let status = Int(response.status.code)
        if (200..<300).contains(status) { return .success(response) }
        let body = try? await response.body.collect(upTo: 64 * 1024)
        return .failure(
            S3ErrorMapping.answerFailure(
                status: status, body: body.map { String(buffer: $0) } ?? "", request: request,
                bucket: configuration.bucket))
    }

    /// The signer of every request, header-signed or presigned.
    var signer: SignerV4 { SignerV4(credentials: credentials, region: configuration.region) }

    /// The request with its URL, headers and Signature Version 4 `Authorization`.
    func signed(_ request: S3Request) -> HTTPClientRequest {
        let path = endpoint.path(forKey: request.key)
        let payload: SignableRequest.Payload =
            if let body = request.body {
                .sha256(Self.sha256(body))
            } else {
                .empty
            }
        let signable = SignableRequest(
            method: request.method, host: endpoint.host, path: path, query: request.query, headers: request.headers,
            payload: payload)
        let signed = signer.signHeaders(signable, at: SigningTime(now()))
        var httpRequest = HTTPClientRequest(url: endpoint.url(path: path, encodedQuery: signable.encodedQuery))
        httpRequest.method = request.method
        httpRequest.headers = signed.headers
        if let body = request.body, body.pieces.count == 1 {
            httpRequest.body = .bytes(body.pieces[0])
        } else if let body = request.body, body.count > 0 {
            httpRequest.body = .stream(body.sequence, length: .known(Int64(body.count)))
        } else if request.body != nil {
            httpRequest.body = .bytes(ByteBuffer())
        } else if request.method == .PUT || request.method == .POST {
            httpRequest.headers.add(name: "Content-Length", value: "0")
        }
        return httpRequest
    }

    /// The hex SHA-256 of a body, read in place.
    static func sha256(_ body: S3Body) -> String {
        var hasher = SHA256()
        for piece in body.pieces {
            piece.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        }
        return Hex.lowercase(hasher.finalize())
    }

    /// A presigned URL of `key` for `method`, valid for `expires` seconds, with `headers` signed (the
    /// client must send them exactly).
    func presignedURL(
        key: String, method: HTTPMethod = .GET, headers: HTTPHeaders = [:], expires: Int, at time: SigningTime? = nil
    ) -> String {
        let path = endpoint.path(forKey: key)
        let signable = SignableRequest(
            method: method, host: endpoint.host, path: path, headers: headers, payload: .unsigned)
        let query = signer.presign(signable, at: time ?? SigningTime(now()), expires: expires)
        return endpoint.url(path: path, encodedQuery: query.queryString)
    }
}
