#!/usr/bin/env bash
# The S3 number of Documentation/Performance.md, "S3 storage": a 200 MB file saved to S3 (moto, signatures checked) as a multipart upload must
# grow the process's peak RSS by at most 2 part sizes + 16 MiB. Builds the release executable, makes
# the file, starts moto with .ci/moto, runs the upload once under /usr/bin/time -v, stops moto.
#
#   bash Benchmarks/s3-multipart-rss.sh       (repository root; SIZE_MB=200 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${SIZE_MB:-200}
scratch=${BENCH_SCRATCH:-Benchmarks/.build}
swift build -c release --package-path Benchmarks --scratch-path "$scratch" --product s3-multipart-rss
bin=$(swift build -c release --package-path Benchmarks --scratch-path "$scratch" --show-bin-path)/s3-multipart-rss

work=$(mktemp -d)
trap 'bash .ci/moto stop "$work/moto"; rm -rf "$work"' EXIT
head -c "$((size_mb * 1024 * 1024))" /dev/urandom >"$work/big.bin"
bash .ci/moto start "$work/moto"
# shellcheck disable=SC1091
source "$work/moto/moto.env"
python3 - <<'PY'
import os
import boto3
from botocore.config import Config
boto3.client(
    "s3", endpoint_url=os.environ["FILES_S3_TEST_ENDPOINT"], region_name="us-east-1",
    aws_access_key_id=os.environ["FILES_S3_TEST_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["FILES_S3_TEST_SECRET_ACCESS_KEY"],
    config=Config(s3={"addressing_style": "path"}),
).create_bucket(Bucket="files-s3-benchmarks")
PY
/usr/bin/time -v -o "$work/time.txt" "$bin" "$work/big.bin"
grep -E "Maximum resident|Elapsed" "$work/time.txt"
