#!/usr/bin/env python3
"""Generates sigv4-cases.json: Signature Version 4 signatures computed by botocore's own S3 signers
(S3SigV4Auth for the Authorization header, S3SigV4QueryAuth for presigned URLs) at a fixed clock.

The Swift tests (Tests/FilesS3Tests/SignatureFixtureTests.swift) sign the same inputs and must get
the same canonical request, string to sign and signature byte for byte.

    python3 Tests/Fixtures/sigv4/make_fixtures.py    # rewrites sigv4-cases.json beside this script

Needs botocore (`pip install botocore`); the version used is recorded in the output.
"""
import datetime
import json
import os
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "FQoGZXIvYXdzEBYaDExampleSessionToken+/=="

# name, kind (header | presigned), method, host, path (decoded), query (decoded pairs), headers,
# payload ("empty" | "unsigned" | text of the body), token?, region, time, expires (presigned only)
CASES = [
    ("get-range", "header", "GET", "examplebucket.s3.amazonaws.com", "/test.txt", [],
     [("Range", "bytes=0-9")], "empty", False, "us-east-1", "20130524T000000Z", None),
    ("get-unsigned", "header", "GET", "examplebucket.s3.amazonaws.com", "/test.txt", [], [], "unsigned",
     False, "us-east-1", "20130524T000000Z", None),
    ("put-body", "header", "PUT", "examplebucket.s3.amazonaws.com", "/test$file.text", [],
     [("x-amz-storage-class", "REDUCED_REDUNDANCY")],
     "Welcome to Amazon S3.", False, "us-east-1", "20130524T000000Z", None),
    ("put-space-key", "header", "PUT", "127.0.0.1:9000", "/media/photos/my holiday.jpg", [],
     [("Content-Type", "image/jpeg"), ("Cache-Control", "max-age=86400")], "\xff\xd8\xff\xe0 jpeg bytes",
     False, "eu-west-1", "20261202T003000Z", None),
    ("put-unicode-key", "header", "PUT", "bucket.s3.eu-central-1.amazonaws.com", "/été/中文 名.txt", [],
     [("Content-Type", "text/plain")], "bonjour", False, "eu-central-1", "20240229T235959Z", None),
    ("put-plus-tilde", "header", "PUT", "localhost:4566", "/b/a+b~c=d&e.txt", [], [], "x", False,
     "us-west-2", "20200101T000000Z", None),
    ("get-session-token", "header", "GET", "bucket.s3.amazonaws.com", "/private/report.pdf", [], [], "unsigned",
     True, "us-east-1", "20261202T120000Z", None),
    ("head-with-token", "header", "HEAD", "127.0.0.1:5000", "/media/a.txt", [], [], "empty", True,
     "us-east-1", "20261202T120001Z", None),
    ("delete", "header", "DELETE", "127.0.0.1:5000", "/media/old file (1).txt", [], [], "empty", False,
     "us-east-1", "20261202T120002Z", None),
    ("list-v2", "header", "GET", "127.0.0.1:5000", "/media",
     [("list-type", "2"), ("prefix", "photos/2024 summer/"), ("delimiter", "/"),
      ("continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")],
     [], "empty", False, "us-east-1", "20261202T120003Z", None),
    ("create-multipart", "header", "POST", "127.0.0.1:5000", "/media/big.bin", [("uploads", "")],
     [("Content-Type", "application/octet-stream"), ("x-amz-acl", "public-read")], "empty", False,
     "us-east-1", "20261202T120004Z", None),
    ("upload-part", "header", "PUT", "127.0.0.1:5000", "/media/big.bin",
     [("partNumber", "2"), ("uploadId", "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA")],
     [("Content-Length", "11")], "hello world", False, "us-east-1", "20261202T120005Z", None),
    ("complete-multipart", "header", "POST", "127.0.0.1:5000", "/media/big.bin",
     [("uploadId", "abc+def/ghi=")],
     [("Content-Type", "application/xml")],
     "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"e1\"</ETag></Part>"
     "</CompleteMultipartUpload>", False, "us-east-1", "20261202T120006Z", None),
    ("header-whitespace", "header", "PUT", "127.0.0.1:5000", "/media/a.txt", [],
     [("Content-Disposition", "  attachment;   filename=\"a  b.txt\"  "), ("x-amz-meta-Owner", "Zoë")],
     "data", False, "us-east-1", "20261202T120007Z", None),
    ("query-sort-and-encode", "header", "GET", "127.0.0.1:5000", "/media",
     [("prefix", "a b+c"), ("list-type", "2"), ("max-keys", "1000"), ("start-after", "é~/x")],
     [], "unsigned", False, "ap-southeast-2", "20261202T120008Z", None),
    ("presign-aws-example", "presigned", "GET", "examplebucket.s3.amazonaws.com", "/test.txt", [], [], None,
     False, "us-east-1", "20130524T000000Z", 86400),
    ("presign-space-key", "presigned", "GET", "127.0.0.1:5001", "/media/photos/my holiday.jpg", [], [], None,
     False, "us-east-1", "20261202T003000Z", 3600),
    ("presign-unicode-token", "presigned", "GET", "bucket.s3.eu-west-3.amazonaws.com", "/thumbs/café+1~.jpg",
     [], [], None, True, "eu-west-3", "20261202T003000Z", 600),
    ("presign-with-query", "presigned", "GET", "127.0.0.1:5001", "/media/report.pdf",
     [("response-content-disposition", "attachment; filename=\"r.pdf\"")], [], None, False, "us-east-1",
     "20261202T003000Z", 3600),
]


def url_for(host, path, query):
    url = "http://" + host + quote(path, safe="/~")
    if query:
        url += "?" + "&".join(quote(k, safe="-_.~") + "=" + quote(v, safe="-_.~") for k, v in query)
    return url


def sign(case):
    name, kind, method, host, path, query, headers, payload, token, region, stamp, expires = case
    clock = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *args, **kwargs: clock
    credentials = Credentials(KEY_ID, SECRET, TOKEN if token else None)
    body = b"" if payload in (None, "empty", "unsigned") else payload.encode("utf-8")
    request = AWSRequest(method=method, url=url_for(host, path, query), headers=dict(headers), data=body)
    if kind == "header":
        if payload == "unsigned":
            request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
        signer = botocore.auth.S3SigV4Auth(credentials, "s3", region)
    else:
        signer = botocore.auth.S3SigV4QueryAuth(credentials, "s3", region, expires=expires)
    captured = {}
    original = signer.string_to_sign

    def capture(request, canonical_request):
        captured["canonical_request"] = canonical_request
        captured["string_to_sign"] = original(request, canonical_request)
        return captured["string_to_sign"]

    signer.string_to_sign = capture
    signer.add_auth(request)
    if kind == "header":
        signature = request.headers["Authorization"].rsplit("Signature=", 1)[1]
        authorization = request.headers["Authorization"]
    else:
        signature = request.url.rsplit("X-Amz-Signature=", 1)[1]
        authorization = None
    return {
        "name": name,
        "kind": kind,
        "method": method,
        "host": host,
        "path": path,
        "query": [[k, v] for k, v in query],
        "headers": [[k, v] for k, v in headers],
        "payload": payload,
        "sessionToken": TOKEN if token else None,
        "region": region,
        "time": stamp,
        "expires": expires,
        "canonicalRequest": captured["canonical_request"],
        "stringToSign": captured["string_to_sign"],
        "signature": signature,
        "authorization": authorization,
        "url": request.url if kind == "presigned" else None,
    }


def main():
    output = {
        "source": "botocore %s S3SigV4Auth / S3SigV4QueryAuth, generated by make_fixtures.py" % botocore.__version__,
        "accessKeyID": KEY_ID,
        "secretAccessKey": SECRET,
        "cases": [sign(case) for case in CASES],
    }
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4-cases.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(output, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote %d cases to %s" % (len(output["cases"]), target))


if __name__ == "__main__":
    main()
