#!/usr/bin/env python3
"""Generates presign-cases.json: presigned POST forms and presigned PUT URLs made by botocore's own
generate_presigned_post / generate_presigned_url at a fixed clock.

The Swift tests (Tests/FilesS3Tests/PresignVectorTests.swift) give S3Storage.presignedPost and
S3Storage.presignedPut the same inputs and must produce the same URL and form fields (the policy's
bytes and the signature included) byte for byte.

    python3 Tests/Fixtures/presign/make_presign_vectors.py    # rewrites presign-cases.json beside this script

Needs boto3 (`pip install boto3`); the botocore version used is recorded in the output. Nothing is
sent: signing is local.

The policy's conditions are passed in the order S3Storage writes them: Content-Type, the length range,
success_action_redirect, success_action_status, the exact fields and the prefixed fields (each sorted
by name); botocore then appends bucket, key and the x-amz-* fields, as S3Storage does.
"""
import datetime
import json
import os

import boto3
import botocore
import botocore.auth
import botocore.signers
from botocore.config import Config

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "FQoGZXIvYXdzEBYaDExampleSessionToken+/=="

POSTS = [
    {
        "name": "post-exact-key-image-prefix-redirect",
        "endpoint": "http://127.0.0.1:9000", "addressing": "path", "region": "us-east-1", "bucket": "media",
        "location": "", "token": False, "time": "20261206T120000Z", "expires": 300,
        "key": ["exactly", "staging/3f2a9c.jpg"], "contentType": ["startingWith", "image/"],
        "contentLength": [1, 10485760], "successActionRedirect": "http://127.0.0.1:8080/finish?x=1&y=2",
        "successActionStatus": None, "fields": {}, "fieldPrefixes": {},
    },
    {
        "name": "post-prefix-key-exact-type-token-status-location",
        "endpoint": None, "addressing": "virtual", "region": "eu-west-1", "bucket": "photos",
        "location": "media", "token": True, "time": "20240229T235959Z", "expires": 3600,
        "key": ["startingWith", "uploads/"], "contentType": ["exactly", "image/png"],
        "contentLength": None, "successActionRedirect": None, "successActionStatus": 201,
        "fields": {"acl": "private", "x-amz-meta-owner": "Zoë \"<&>\"", "Cache-Control": "max-age=60"},
        "fieldPrefixes": {"x-amz-meta-tag": ""},
    },
    {
        "name": "post-aws-example-conditions",
        "endpoint": None, "addressing": "virtual", "region": "us-east-1", "bucket": "sigv4examplebucket",
        "location": "", "token": False, "time": "20151229T000000Z", "expires": 129600,
        "key": ["startingWith", "user/user1/"], "contentType": ["startingWith", "image/"],
        "contentLength": None,
        "successActionRedirect": "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html",
        "successActionStatus": None,
        "fields": {"acl": "public-read", "x-amz-meta-uuid": "14365123651274",
                   "x-amz-server-side-encryption": "AES256"},
        "fieldPrefixes": {"x-amz-meta-tag": ""},
    },
]

PUTS = [
    {
        "name": "put-length-md5-type",
        "endpoint": "http://127.0.0.1:9000", "addressing": "path", "region": "us-east-1", "bucket": "media",
        "location": "", "token": False, "time": "20261206T120000Z", "expires": 600,
        "key": "staging/a b+c.jpg", "contentLength": 11, "contentMD5": "XrY7u+Ae7tCTyyK7j1rNww==",
        "contentType": "image/jpeg",
    },
    {
        "name": "put-length-md5-token-location",
        "endpoint": None, "addressing": "virtual", "region": "eu-central-1", "bucket": "photos",
        "location": "media", "token": True, "time": "20240229T235959Z", "expires": 3600,
        "key": "staging/été.png", "contentLength": 0, "contentMD5": "1B2M2Y8AsgTpgAmY7PhCfg==",
        "contentType": None,
    },
]


def fix_clock(stamp):
    clock = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda *args, **kwargs: clock
    botocore.signers.get_current_datetime = lambda *args, **kwargs: clock


def client(case):
    return boto3.client(
        "s3", region_name=case["region"], endpoint_url=case["endpoint"], aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET, aws_session_token=TOKEN if case["token"] else None,
        config=Config(signature_version="s3v4", s3={"addressing_style": case["addressing"]}))


def full_key(case, key):
    return case["location"] + "/" + key if case["location"] else key


def post(case):
    fix_clock(case["time"])
    conditions = []
    fields = {}
    kind, value = case["contentType"] or (None, None)
    if kind == "exactly":
        conditions.append({"Content-Type": value})
        fields["Content-Type"] = value
    elif kind == "startingWith":
        conditions.append(["starts-with", "$Content-Type", value])
    if case["contentLength"]:
        conditions.append(["content-length-range"] + case["contentLength"])
    if case["successActionRedirect"] is not None:
        conditions.append({"success_action_redirect": case["successActionRedirect"]})
        fields["success_action_redirect"] = case["successActionRedirect"]
    if case["successActionStatus"] is not None:
        conditions.append({"success_action_status": str(case["successActionStatus"])})
        fields["success_action_status"] = str(case["successActionStatus"])
    for name in sorted(case["fields"]):
        conditions.append({name: case["fields"][name]})
        fields[name] = case["fields"][name]
    for name in sorted(case["fieldPrefixes"]):
        conditions.append(["starts-with", "$" + name, case["fieldPrefixes"][name]])
    kind, key = case["key"]
    key = full_key(case, key) + ("${filename}" if kind == "startingWith" else "")
    result = client(case).generate_presigned_post(
        case["bucket"], key, Fields=fields, Conditions=conditions, ExpiresIn=case["expires"])
    return dict(case, url=result["url"], resultFields=result["fields"])


def put(case):
    fix_clock(case["time"])
    params = {"Bucket": case["bucket"], "Key": full_key(case, case["key"]),
              "ContentLength": case["contentLength"], "ContentMD5": case["contentMD5"]}
    if case["contentType"] is not None:
        params["ContentType"] = case["contentType"]
    url = client(case).generate_presigned_url("put_object", Params=params, ExpiresIn=case["expires"])
    return dict(case, url=url)


def main():
    output = {
        "source": "botocore %s generate_presigned_post / generate_presigned_url, generated by "
                  "make_presign_vectors.py" % botocore.__version__,
        "accessKeyID": KEY_ID,
        "secretAccessKey": SECRET,
        "sessionToken": TOKEN,
        "posts": [post(case) for case in POSTS],
        "puts": [put(case) for case in PUTS],
    }
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "presign-cases.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(output, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote %d posts and %d puts to %s" % (len(output["posts"]), len(output["puts"]), target))


if __name__ == "__main__":
    main()
