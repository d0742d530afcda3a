#!/usr/bin/env bash
# The large-upload numbers of Documentation/Performance.md, "Large uploads": a 500 MB upload streamed to disk at >= 300 MB/s with the server's
# RSS growing by <= 16 MiB, and GET / p99 < 50 ms while 8 such uploads stream. Two tables:
#
#   1. multipart-timer (this package): the parser alone, release build, the body fed as 64 KiB
#      ByteBuffers through Django's default handlers to a temporary file; beside it the same parser
#      into a handler that drops the bytes, the bare 64 KiB writes, and MultipartKit's parser.
#   2. upload_stream.py: the Hummingbird example server (Examples/UploadServer, release) and curl
#      over loopback; VmRSS sampled every 50 ms; then 8 uploads at once under `hey` on GET /.
#
#   bash Benchmarks/upload-stream.sh             # from the repository root
#   RUNS=5 SERVER_RUNS=3 MEGABYTES=500 bash Benchmarks/upload-stream.sh
#
# Environment:
#   RUNS          rounds of the parser timer (default 5); SERVER_RUNS uploads one at a time (default 3)
#   MEGABYTES     upload size in 10^6 bytes (default 500)
#   CONCURRENT    uploads at once in the last row (default 8); HEY_CONCURRENCY GET / clients (default 8)
#   WORK          scratch folder (default .build/upload-stream), removed afterwards except body.bin
#   SKIP_BUILD=1  reuse what is built
#   ONLY=timer or ONLY=server  run one of the two tables
# Needs curl and hey (Debian's `hey`); installs hey when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${RUNS:-5}
server_runs=${SERVER_RUNS:-3}
megabytes=${MEGABYTES:-500}
work=${WORK:-$repo/.build/upload-stream}
mkdir -p "$work"
work=$(cd "$work" && pwd)

command -v hey >/dev/null || { apt-get update -qq && apt-get install -y -qq hey >/dev/null; }
only=${ONLY:-all}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    [ "$only" = server ] || swift build -c release --package-path Benchmarks --product multipart-timer >&2
    [ "$only" = timer ] || swift build -c release --package-path Examples/UploadServer --scratch-path Examples/UploadServer/.build-release --product UploadServer >&2
fi
timer="$(swift build -c release --package-path Benchmarks --show-bin-path)/multipart-timer"
# The same build folder as uploads.sh, so the two benchmarks share one release build of the server.
server="$(swift build -c release --package-path Examples/UploadServer --scratch-path Examples/UploadServer/.build-release --show-bin-path)/UploadServer"

echo "## $(uname -m), $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo
if [ "$only" != server ]; then
rm -rf "$work/timer"
"$timer" "$work/timer" "$megabytes" "$runs" | python3 -c '
import os, statistics, sys
rows = {}
for line in sys.stdin:
    name, clock, *values = line.split()
    rows.setdefault(name, {})[clock] = [float(v) for v in values]
load = os.getloadavg()
print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} after the runs; {sys.argv[1]} MB, {sys.argv[2]} runs, MB/s (10^6 bytes)")
print()
print("| measurement | median MB/s, wall clock | min–max | median MB/s of CPU time | min–max |")
print("|---|---|---|---|---|")
for name, clocks in rows.items():
    wall, cpu = clocks["wall"], clocks["cpu"]
    print(f"| {name} | **{statistics.median(wall):.0f}** | {min(wall):.0f}–{max(wall):.0f} | "
          f"{statistics.median(cpu):.0f} | {min(cpu):.0f}–{max(cpu):.0f} |")
' "$megabytes" "$runs"
rmdir "$work/timer"
echo
fi
[ "$only" = timer ] && exit 0
rm -rf "$work/tmp" "$work/media"
python3 Benchmarks/upload_stream.py "$server" "$work" --megabytes "$megabytes" --runs "$server_runs" \
    --concurrent "${CONCURRENT:-8}" --hey-concurrency "${HEY_CONCURRENCY:-8}"
rm -rf "$work/tmp" "$work/media"
