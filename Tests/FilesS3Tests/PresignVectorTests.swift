import Files
import FilesS3
import Foundation
import TestSupport
import Testing

/// Presigned browser forms and PUT URLs, offline: AWS's published POST example, and botocore's
/// `generate_presigned_post` / `generate_presigned_url` for the same inputs
/// (Tests/Fixtures/presign/presign-cases.json, written by make_presign_vectors.py beside it).
@Suite struct PresignVectorTests {
    static let exampleCredentials = S3Credentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

    /// The policy of AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)"
    /// (S3 API reference, sigv4-post-example), exactly as the page's form encodes it: CRLF line ends, one
    /// empty line before the credential, none after the closing brace.
    static let awsExamplePolicy = [
        #"{ "expiration": "2015-12-30T12:00:00.000Z","#,
        #"  "conditions": ["#,
        #"    {"bucket": "sigv4examplebucket"},"#,
        #"    ["starts-with", "$key", "user/user1/"],"#,
        #"    {"acl": "public-read"},"#,
        #"    {"success_action_redirect": "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"},"#,
        #"    ["starts-with", "$Content-Type", "image/"],"#,
        #"    {"x-amz-meta-uuid": "14365123651274"},"#,
        #"    {"x-amz-server-side-encryption": "AES256"},"#,
        #"    ["starts-with", "$x-amz-meta-tag", ""],"#,
        "",
        #"    {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"},"#,
        #"    {"x-amz-algorithm": "AWS4-HMAC-SHA256"},"#,
        #"    {"x-amz-date": "20151229T000000Z" }"#,
        "  ]",
        "}",
    ].joined(separator: "\r\n")

    @Test func theAWSPostExampleSignatureIsReproduced() throws {
        let base64 = Data(Self.awsExamplePolicy.utf8).base64EncodedString()
        let signer = SignerV4(credentials: Self.exampleCredentials, region: "us-east-1")
        let time = try #require(SigningTime(timestamp: "20151229T000000Z"))
        #expect(
            signer.signature(ofPolicy: base64, at: time)
                == "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e")
        #expect(signer.credential(at: time) == "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request")
        // With LF line ends the same policy signs differently: the CRLFs are part of the example.
        let lf = Data(Self.awsExamplePolicy.replacing("\r\n", with: "\n").utf8).base64EncodedString()
        #expect(signer.signature(ofPolicy: lf, at: time) != signer.signature(ofPolicy: base64, at: time))
    }

    /// `presignedPost` expresses every condition of AWS's example: the same set, in botocore's layout.
    @Test func presignedPostWritesTheAWSExamplesConditions() throws {
        var configuration = S3Configuration(
            bucket: "sigv4examplebucket", region: "us-east-1", credentials: Self.exampleCredentials)
        configuration.querystringAuth = true
        let storage = try S3Storage(configuration)
        var policy = S3PostPolicy(key: .startingWith("user/user1/"), expiresIn: .seconds(36 * 3600))
        policy.contentType = .startingWith("image/")
        policy.successActionRedirect = "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html"
        policy.fields = [
            "acl": "public-read", "x-amz-meta-uuid": "14365123651274", "x-amz-server-side-encryption": "AES256",
        ]
        policy.fieldPrefixes = ["x-amz-meta-tag": ""]
        let post = try storage.presignedPost(policy, at: Date(timeIntervalSince1970: 1_451_347_200))
        let ours = try Self.policy(post.fields["policy"])
        let theirs = try Self.policy(Data(Self.awsExamplePolicy.utf8).base64EncodedString())
        #expect(ours.conditions == theirs.conditions)
        #expect(ours.expiration == "2015-12-30T12:00:00Z")
        #expect(post.fields["key"] == "user/user1/${filename}")
        #expect(post.fields["x-amz-date"] == "20151229T000000Z")
        #expect(post.url == "https://sigv4examplebucket.s3.us-east-1.amazonaws.com/")
        #expect(post.name == "user/user1/")
    }

    struct Vectors: Decodable {
        var source: String
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String
        var posts: [Post]
        var puts: [Put]
    }

    struct Post: Decodable, CustomStringConvertible {
        var name: String
        var endpoint: String?
        var addressing: String
        var region: String
        var bucket: String
        var location: String
        var token: Bool
        var time: String
        var expires: Int
        var key: [String]
        var contentType: [String]?
        var contentLength: [Int]?
        var successActionRedirect: String?
        var successActionStatus: Int?
        var fields: [String: String]
        var fieldPrefixes: [String: String]
        var url: String
        var resultFields: [String: String]
        var description: String { name }
    }

    struct Put: Decodable, CustomStringConvertible {
        var name: String
        var endpoint: String?
        var addressing: String
        var region: String
        var bucket: String
        var location: String
        var token: Bool
        var time: String
        var expires: Int
        var key: String
        var contentLength: Int
        var contentMD5: String
        var contentType: String?
        var url: String
        var description: String { name }
    }

    static func vectors() throws -> Vectors {
        let url = Corpus.fixture("presign/presign-cases.json")
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
        try #require(vectors.posts.count >= 3 && vectors.puts.count >= 2, "\(url.path): run make_presign_vectors.py")
        return vectors
    }

    static func storage(
        _ vectors: Vectors, endpoint: String?, addressing: String, region: String, bucket: String, location: String,
        token: Bool
    ) throws -> S3Storage {
        let configuration = S3Configuration(
            bucket: bucket, region: region, endpoint: endpoint,
            addressingStyle: addressing == "path" ? .path : .virtualHosted, location: location,
            credentials: S3Credentials(
                accessKeyID: vectors.accessKeyID, secretAccessKey: vectors.secretAccessKey,
                sessionToken: token ? vectors.sessionToken : nil))
        return try S3Storage(configuration)
    }

    static func match(_ pair: [String]?) throws -> S3PostPolicy.Match? {
        guard let pair else { return nil }
        try #require(pair.count == 2)
        return pair[0] == "exactly" ? .exactly(pair[1]) : .startingWith(pair[1])
    }

    /// `20261206T120000Z` as a date.
    static func date(_ timestamp: String) throws -> Date {
        let digits = timestamp.filter(\.isNumber).map { Int(String($0))! }
        try #require(digits.count == 14)
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10),
            minute: number(10..<12), second: number(12..<14))
        return try #require(calendar.date(from: components))
    }

    @Test func everyBotocorePresignedPostIsReproduced() throws {
        let vectors = try Self.vectors()
        for fixture in vectors.posts {
            let storage = try Self.storage(
                vectors, endpoint: fixture.endpoint, addressing: fixture.addressing, region: fixture.region,
                bucket: fixture.bucket, location: fixture.location, token: fixture.token)
            var policy = S3PostPolicy(
                key: try #require(try Self.match(fixture.key)), expiresIn: .seconds(fixture.expires))
            policy.contentType = try Self.match(fixture.contentType)
            policy.contentLength = fixture.contentLength.map { $0[0]...$0[1] }
            policy.successActionRedirect = fixture.successActionRedirect
            policy.successActionStatus = fixture.successActionStatus
            policy.fields = fixture.fields
            policy.fieldPrefixes = fixture.fieldPrefixes
            let post = try storage.presignedPost(policy, at: Self.date(fixture.time))
            #expect(post.fields == fixture.resultFields, "\(fixture)")
            #expect(post.fields["policy"] == fixture.resultFields["policy"], "\(fixture)")
            #expect(post.fields["x-amz-signature"] == fixture.resultFields["x-amz-signature"], "\(fixture)")
            // botocore posts to us-east-1's global endpoint (s3.amazonaws.com); this storage to the regional one.
            if fixture.endpoint != nil || fixture.region != "us-east-1" {
                #expect(post.url == fixture.url, "\(fixture)")
            }
        }
    }

    @Test func everyBotocorePresignedPutIsReproduced() throws {
        let vectors = try Self.vectors()
        for fixture in vectors.puts {
            let storage = try Self.storage(
                vectors, endpoint: fixture.endpoint, addressing: fixture.addressing, region: fixture.region,
                bucket: fixture.bucket, location: fixture.location, token: fixture.token)
            let put = try storage.presignedPut(
                fixture.key, contentLength: fixture.contentLength, contentMD5: fixture.contentMD5,
                contentType: fixture.contentType, expiresIn: .seconds(fixture.expires), at: Self.date(fixture.time))
            // botocore puts X-Amz-Security-Token after X-Amz-SignedHeaders; this storage sorts the query
            // (the canonical order). The same items, the same signature.
            #expect(Self.queryItems(put.url) == Self.queryItems(fixture.url), "\(fixture)")
            #expect(put.url.split(separator: "?").first == fixture.url.split(separator: "?").first, "\(fixture)")
            #expect(
                put.url.hasSuffix(
                    String(
                        fixture.url.suffix(
                            from: try #require(fixture.url.firstRange(of: "&X-Amz-Signature=")).lowerBound))))
            #expect(put.method == "PUT")
            #expect(put.headers["Content-Length"] == String(fixture.contentLength))
            #expect(put.headers["Content-MD5"] == fixture.contentMD5)
            #expect(put.headers["Content-Type"] == fixture.contentType)
        }
    }

    /// The signature covers the length, the digest and the type: changing any changes it.
    @Test func thePutSignatureCoversLengthDigestAndType() throws {
        let storage = try S3Storage(
            S3Configuration(bucket: "b", region: "us-east-1", credentials: Self.exampleCredentials))
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        func signature(_ length: Int, _ md5: String, _ type: String?) throws -> String {
            let url = try storage.presignedPut(
                "a.jpg", contentLength: length, contentMD5: md5, contentType: type, at: date
            ).url
            return String(try #require(url.split(separator: "X-Amz-Signature=").last))
        }
        let md5 = "XrY7u+Ae7tCTyyK7j1rNww=="
        let base = try signature(11, md5, "image/jpeg")
        #expect(try signature(12, md5, "image/jpeg") != base)
        #expect(try signature(11, "1B2M2Y8AsgTpgAmY7PhCfg==", "image/jpeg") != base)
        #expect(try signature(11, md5, "image/png") != base)
        #expect(try signature(11, md5, "image/jpeg") == base)
    }

    @Test func badPresignInputsAreClearErrors() throws {
        let storage = try S3Storage(
            S3Configuration(bucket: "b", region: "us-east-1", location: "media", credentials: Self.exampleCredentials))
        var policy = S3PostPolicy(key: .exactly("../escape.jpg"))
        #expect(throws: StorageError.self) { try storage.presignedPost(policy) }
        policy.key = .exactly("")
        #expect(throws: StorageError.self) { try storage.presignedPost(policy) }
        policy.key = .exactly("a.jpg")
        policy.expiresIn = .zero
        policy.contentLength = -1...5
        policy.successActionStatus = 302
        let error = try #require(throws: StorageError.self) { try storage.presignedPost(policy) }
        #expect(
            error.description
                == "Cannot presign a form for \"a.jpg\": the expiry must be positive, the length range must not "
                + "start below zero, the success status must be 200, 201 or 204.")
        #expect(throws: StorageError.self) {
            try storage.presignedPut("a.jpg", contentLength: 1, contentMD5: "not base64")
        }
        #expect(throws: StorageError.self) {
            try storage.presignedPut("a.jpg", contentLength: -1, contentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==")
        }
        #expect(throws: StorageError.self) {
            try storage.presignedPut(
                "a.jpg", contentLength: 1, contentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==", expiresIn: .seconds(8 * 86400))
        }
        // The empty prefix is the location itself, with its slash: "media2/…" is not inside "media".
        let anywhere = try storage.presignedPost(S3PostPolicy(key: .startingWith("")))
        #expect(anywhere.fields["key"] == "media/${filename}")
    }

    static func queryItems(_ url: String) -> Set<Substring> {
        Set(url.split(separator: "?").last?.split(separator: "&") ?? [])
    }

    static func policy(_ base64: String?) throws -> (expiration: String, conditions: Set<String>) {
        let text = try #require(base64)
        let data = try #require(Data(base64Encoded: text))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let conditions = try #require(object["conditions"] as? [Any])
        // Each condition re-serialised with sorted keys, so the sets compare as values.
        let texts = try conditions.map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
        }
        return (try #require(object["expiration"] as? String), Set(texts))
    }
}
