#!/usr/bin/env bash
# A cached variant served through the signed route (`/media/v/<signature>/small/<source>`: verify the
# HMAC, find the stored variant, stream it through FileMiddleware) against the same bytes from
# `/media/<variant name>` (FileMiddleware alone), in the same run, against a release build of the
# Hummingbird upload server. Target: the signed route within 10 % of `/media/` (requests per second).
#
#     bash Benchmarks/signed-route.sh     # from anywhere; ROUNDS=7 DURATION=10s CONNECTIONS=32 to vary
#
# Needs wrk (Debian `wrk`) and curl. The two URLs alternate, ROUNDS runs each; the table gives the
# medians (and each run's requests per second) with the load average before and after, for
# Documentation/Performance.md ("Request-time images"). The server logs one line per request, to
# /dev/null here, for both URLs alike.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
PHOTO=Tests/Fixtures/corpus/exif-orientation/Portrait_6.jpg

swift build -c release --package-path Examples/UploadServer --scratch-path Examples/UploadServer/.build-release --product UploadServer >&2
SERVER=$(swift build -c release --package-path Examples/UploadServer --scratch-path Examples/UploadServer/.build-release --show-bin-path)/UploadServer

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" "$SERVER" --host 127.0.0.1 --port "$port" --media-root "$work/media" > /dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited" >&2; exit 1; }
    sleep 0.2
done
base="http://127.0.0.1:$port"

curl -sf -H "Accept: application/json" -F "photo=@$PHOTO" "$base/photos" > "$work/photo.json"
signed=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["thumbnails"]["small"]["url"])' "$work/photo.json")
name=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["thumbnails"]["small"]["name"])' "$work/photo.json")
plain="/media/$name"
# The first signed request makes the variant if the upload has not; both then serve the same file.
curl -sf -o "$work/signed.jpg" "$base$signed"
curl -sf -o "$work/plain.jpg" "$base$plain"
cmp -s "$work/signed.jpg" "$work/plain.jpg" || { echo "the two URLs serve different bytes" >&2; exit 1; }
bytes=$(stat -c %s "$work/plain.jpg")

# wrk's "Requests/sec" and its median latency (in µs) for one run.
run() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$base$1" | python3 -c '
import re, sys
text = sys.stdin.read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
value, unit = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit("wrk saw %s error responses" % errors.group(1))
print(rps, float(value) * {"us": 1, "ms": 1000, "s": 1000000}[unit])'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
media_runs="" signed_runs=""
for _ in $(seq "$ROUNDS"); do
    media_runs="$media_runs;$(run "$plain")"
    signed_runs="$signed_runs;$(run "$signed")"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$media_runs" "$signed_runs" "$ROUNDS" "$DURATION" "$CONNECTIONS" "$bytes" "$load_before" "$load_after" <<'PY'
import statistics, sys
def parse(block):
    return [tuple(map(float, run.split())) for run in block.split(";") if run.strip()]
media, signed = parse(sys.argv[1]), parse(sys.argv[2])
rounds, duration, connections, size, before, after = sys.argv[3:9]
print(f"wrk, {connections} connections, {rounds} runs of {duration} each, alternating; a {size}-byte JPEG; "
      f"load average {before} before, {after} after")
print()
print("| URL | requests/s (median) | runs | median latency | ratio to /media/ |")
print("|---|---|---|---|---|")
m = statistics.median(r for r, _ in media)
for label, runs in [("`/media/<variant name>` (FileMiddleware)", media),
                    ("`/media/v/<signature>/small/<source>` (signed route)", signed)]:
    rps = statistics.median(r for r, _ in runs)
    latency = statistics.median(l for _, l in runs)
    ratio = rps / m
    verdict = "" if runs is media else f"{ratio:.3f}× (≥ 0.90×: {'PASS' if ratio >= 0.90 else 'FAIL'})"
    print(f"| {label} | {rps:,.0f} | {' / '.join(f'{r:,.0f}' for r, _ in runs)} | {latency:.0f} µs | {verdict} |")
PY
