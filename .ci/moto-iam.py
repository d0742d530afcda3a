#!/usr/bin/env python3
"""Creates, on a moto server that checks signatures, the IAM user the FilesS3 tests sign with:
the user, its access key, a policy allowing every S3 action, and the policy attached to the user.

    python3 .ci/moto-iam.py http://127.0.0.1:PORT

These are exactly the four calls moto lets through unauthenticated (INITIAL_NO_AUTH_ACTION_COUNT=4,
set by .ci/moto). Prints the key as two `export` lines for moto.env.
"""
import json
import sys

import boto3

endpoint = sys.argv[1]
iam = boto3.client(
    "iam", endpoint_url=endpoint, region_name="us-east-1",
    aws_access_key_id="setup", aws_secret_access_key="setup",
)
iam.create_user(UserName="files-s3-tests")
key = iam.create_access_key(UserName="files-s3-tests")["AccessKey"]
policy = iam.create_policy(
    PolicyName="files-s3-tests-s3",
    PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
    }),
)["Policy"]
iam.attach_user_policy(UserName="files-s3-tests", PolicyArn=policy["Arn"])
print("export FILES_S3_TEST_ACCESS_KEY_ID=%s" % key["AccessKeyId"])
print("export FILES_S3_TEST_SECRET_ACCESS_KEY=%s" % key["SecretAccessKey"])
