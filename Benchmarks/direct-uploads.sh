#!/usr/bin/env bash
# The direct-upload numbers of Documentation/Performance.md, "Direct uploads": the Hummingbird example
# server (Examples/UploadServer, release) with --direct-uploads on moto (no authentication: it takes a
# browser's form), the 14.7 MP photo. Bytes the server receives per direct upload, its RSS growth during
# 8 concurrent finalizes (target <= 16 MiB), finalize latency against POST /photos (target <= 1.1x).
#
#   bash Benchmarks/direct-uploads.sh            # from the repository root
#   RUNS=9 SKIP_BUILD=1 bash Benchmarks/direct-uploads.sh
#
# Needs moto (`.ci/moto`, started here) and plasma-workspace-wallpapers (the photo, as uploads.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$PWD/.build/direct-uploads-bench}
rm -rf "$work"
mkdir -p "$work"
package=Examples/UploadServer
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build --package-path "$package" --scratch-path "$package/.build-release" -c release --product UploadServer >&2
fi
server="$(swift build --package-path "$package" --scratch-path "$package/.build-release" -c release --show-bin-path)/UploadServer"
photo=/usr/share/wallpapers/SafeLanding/contents/images/5120x2880.jpg
[ -f "$photo" ] || { echo "missing $photo: install plasma-workspace-wallpapers" >&2; exit 1; }
bash .ci/moto start "$work/moto"
trap 'bash .ci/moto stop "$work/moto"' EXIT
# shellcheck disable=SC1091
source "$work/moto/moto.env"
echo "## $(uname -m), $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
AWS_ACCESS_KEY_ID=$FILES_S3_TEST_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$FILES_S3_TEST_SECRET_ACCESS_KEY \
    python3 Benchmarks/direct_uploads.py "$server" "$work/run" --photo "$photo" \
    --endpoint "$FILES_S3_TEST_NOAUTH_ENDPOINT" --runs "${RUNS:-7}"
