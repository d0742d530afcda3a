import FilesS3
import Foundation
import NIOHTTP1
import Testing

/// AWS's published Signature Version 4 examples for S3 (the S3 API reference, "Signature Calculations
/// for the Authorization Header: Transferring Payload in a Single Chunk" and "Authenticating Requests:
/// Using Query Parameters"), reproduced byte for byte.
@Suite struct SignatureExampleTests {
    let credentials = S3Credentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    let time = SigningTime(timestamp: "20130524T000000Z")!

    @Test func headerSignedRangeGetMatchesTheS3Reference() {
        let request = SignableRequest(
            method: .GET, host: "examplebucket.s3.amazonaws.com", path: "/test.txt",
            headers: ["Range": "bytes=0-9"], payload: .empty)
        let signed = SignerV4(credentials: credentials, region: "us-east-1").signHeaders(request, at: time)
        #expect(
            signed.canonicalRequest.text == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
        #expect(
            signed.stringToSign.text == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """)
        #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(
            signed.authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func presignedGetMatchesTheS3Reference() {
        let request = SignableRequest(method: .GET, host: "examplebucket.s3.amazonaws.com", path: "/test.txt")
        let signed = SignerV4(credentials: credentials, region: "us-east-1").presign(request, at: time, expires: 86400)
        #expect(
            signed.canonicalRequest.text == """
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD
                """)
        #expect(
            signed.stringToSign.text == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04
                """)
        #expect(signed.signature == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        #expect(
            signed.queryString.hasSuffix(
                "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"))
    }

    @Test(arguments: [
        ("photos/my holiday.jpg", "photos/my%20holiday.jpg"),
        ("a+b~c=d&e.txt", "a%2Bb~c%3Dd%26e.txt"),
        ("été/中文.txt", "%C3%A9t%C3%A9/%E4%B8%AD%E6%96%87.txt"),
        ("-_.~AZaz09", "-_.~AZaz09"),
    ])
    func pathsAreEncodedAsAWSSpecifies(_ key: String, _ encoded: String) {
        #expect(URIEncoding.encodePath(key) == encoded)
    }

    @Test func aSlashIsEncodedInAQueryValueOnly() {
        #expect(URIEncoding.encodeQueryComponent("a/b c") == "a%2Fb%20c")
        #expect(URIEncoding.encodePath("a/b c") == "a/b%20c")
    }

    @Test func signingTimeIsWrittenInUTC() throws {
        #expect(SigningTime(Date(timeIntervalSince1970: 1_369_353_600)).timestamp == "20130524T000000Z")
        #expect(SigningTime(Date(timeIntervalSince1970: 951_868_799)).timestamp == "20000229T235959Z")
        #expect(SigningTime(timestamp: "2013-05-24") == nil)
    }
}
