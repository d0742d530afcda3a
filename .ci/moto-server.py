#!/usr/bin/env python3
"""moto_server with three fidelity fixes, so that it checks Signature Version 4 as S3 does and
refuses a conditional copy onto an existing key as S3 does.

moto rebuilds the signed request from werkzeug's `request.url`, which decodes `%2F` in the query to
`/` (`?delimiter=%2F` becomes `?delimiter=/`). Its canonical query then differs from the one every
SDK signs (AWS encodes `/` in query values), and every listing with a delimiter or a prefix fails with
SignatureDoesNotMatch, boto3's own included. This wrapper hands moto the query exactly as it arrived
(the server's RAW_URI).

moto checks no presigned URL (query-string Signature Version 4): with authentication on it fails them
with 500 for want of an `Authorization` header, without it it accepts any signature, and it never
compares a body with its `Content-MD5`. When MOTO_PRESIGN_KEYS names a file of `key-id secret` lines
(.ci/moto writes the IAM user's), a request carrying `X-Amz-Signature` is checked as S3 checks it:
botocore's S3SigV4QueryAuth recomputes the signature over the signed headers as received (a
different Content-Length, Content-MD5 or Content-Type gets 403 SignatureDoesNotMatch), an expired URL
gets 403 AccessDenied, and a body whose MD5 differs from its `Content-MD5` gets 400 BadDigest. Keys not
in the file are left to moto as before.

    python3 .ci/moto-server.py -H 127.0.0.1 -p PORT      # the same arguments as moto_server
"""
import base64
import datetime
import hashlib
import os
import sys
import threading
from urllib.parse import parse_qsl

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from moto.core import responses
from moto.core.exceptions import SignatureDoesNotMatchError, _RESTError
from moto.s3.exceptions import PreconditionFailed
from moto.s3.responses import S3Response
from moto.server import main


class BadDigest(_RESTError):
    code = 400

    def __init__(self):
        super().__init__("BadDigest", "The Content-MD5 you specified did not match what we received.")


class RequestExpired(_RESTError):
    code = 403

    def __init__(self):
        super().__init__("AccessDenied", "Request has expired")


def presign_secret(key_id):
    path = os.environ.get("MOTO_PRESIGN_KEYS")
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and parts[0] == key_id:
                return parts[1]
    return None


def check_presigned(request, raw):
    """Raises moto's error for a presigned request S3 would refuse; returns quietly otherwise."""
    path, _, query = raw.partition("?")
    items = parse_qsl(query, keep_blank_values=True)
    params = dict(items)
    if "X-Amz-Signature" not in params or params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256":
        return
    key_id, day, region, service, _ = params.get("X-Amz-Credential", "////").split("/", 4)
    secret = presign_secret(key_id)
    if secret is None:
        return
    signed_at = datetime.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
    expires = int(params["X-Amz-Expires"])
    if datetime.datetime.utcnow() > signed_at + datetime.timedelta(seconds=expires):
        raise RequestExpired()
    names = params["X-Amz-SignedHeaders"].split(";")
    headers = {name: request.headers.get(name, "") for name in names if name != "host"}
    rest = "&".join(
        k + "=" + v for k, v in (pair.split("=", 1) if "=" in pair else (pair, "") for pair in query.split("&"))
        if not k.startswith("X-Amz-")
    )
    url = "http://" + request.headers.get("Host", "") + path + ("?" + rest if rest else "")
    resign = AWSRequest(method=request.method, url=url, headers=headers, data=b"")
    original_clock = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda *args, **kwargs: signed_at
    try:
        token = params.get("X-Amz-Security-Token")
        botocore.auth.S3SigV4QueryAuth(Credentials(key_id, secret, token), service, region, expires=expires).add_auth(
            resign)
    finally:
        botocore.auth.get_current_datetime = original_clock
    if resign.url.rsplit("X-Amz-Signature=", 1)[1] != params["X-Amz-Signature"]:
        raise SignatureDoesNotMatchError()
    md5 = request.headers.get("Content-MD5")
    if md5 is not None and base64.b64encode(hashlib.md5(request.get_data()).digest()).decode() != md5:
        raise BadDigest()

_setup_class = responses.BaseResponse.setup_class


def setup_class(self, request, full_url, headers, use_raw_body=False):
    environ = getattr(request, "environ", None) or {}
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or ""
    check_presigned(request, raw)
    if "?" in raw and "?" in full_url:
        full_url = full_url.split("?", 1)[0] + "?" + raw.split("?", 1)[1]
    return _setup_class(self, request, full_url, headers, use_raw_body)


responses.BaseResponse.setup_class = setup_class

# S3 takes `If-None-Match: *` on CopyObject as on PutObject (the copy happens only if no object has
# the destination key, else 412 PreconditionFailed); moto 5.2.1 honours it on PutObject only. The
# check and the copy run under one lock, so two concurrent copies to one key cannot both pass it.
_copy_object = S3Response.copy_object
_copy_lock = threading.Lock()


def copy_object(self):
    with _copy_lock:
        if self.headers.get("If-None-Match") == "*" and (
            self.backend.get_object(self.bucket_name, self.parse_key_name()) is not None
        ):
            raise PreconditionFailed("If-None-Match")
        return _copy_object(self)


S3Response.copy_object = copy_object

if __name__ == "__main__":
    sys.exit(main())
