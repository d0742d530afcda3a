#!/usr/bin/env bash
# The format rows of Documentation/Performance.md, "Formats", each against its reference tool in the same run:
#   WebP: a 256-px thumbnail of the 20 MP photo as WebP, at the lowest quality whose PSNR matches
#         the JPEG q85 thumbnail's — bytes (target <= 0.8x the JPEG's) and time of the whole job
#         (target <= 1.2x the JPEG path's); beside Pillow's WebP save and `vipsthumbnail -o x.webp`.
#   HEIC: a 12 MP HEIC to a 256-px JPEG — against libheif's own heif-thumbnailer (target <= 1.15x)
#         and Pillow + pillow-heif (target <= 0.7x).
#
#   bash Benchmarks/formats.sh          # from the repository root; RUNS=9 by default
#
# Inputs are made once in $FORMATS_WORK (default .build/formats-bench) from Debian's
# plasma-workspace-wallpapers: the 20 MP photo as compare.sh makes it (SafeLanding upscaled with
# Lanczos to 5984 x 3366, baseline 4:2:0 q92), and a 12 MP HEIC (SafeLanding at 4608 x 2592,
# heif-enc -q 80, no embedded thumbnail, so heif-thumbnailer decodes the image). Installs what is
# missing: plasma-workspace-wallpapers libvips-tools libheif-examples heif-thumbnailer; pillow, pillow-heif.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
work=${FORMATS_WORK:-.build/formats-bench}
mkdir -p "$work"
work=$(cd "$work" && pwd)

missing=()
for p in plasma-workspace-wallpapers libvips-tools libheif-examples heif-thumbnailer; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi
python3 -c 'import PIL, pillow_heif' 2>/dev/null || python3 -m pip install --quiet pillow pillow-heif >&2

photo=$work/baseline-20mp.jpg
heic=$work/safelanding-12mp.heic
if [ ! -s "$photo" ] || [ ! -s "$heic" ]; then
    python3 - "$photo" "$work/safelanding-12mp.png" <<'PY'
import sys
from PIL import Image
im = Image.open("/usr/share/wallpapers/SafeLanding/contents/images/5120x2880.jpg").convert("RGB")
im.resize((5984, 3366), Image.LANCZOS).save(sys.argv[1], "JPEG", quality=92, subsampling="4:2:0")
im.resize((4608, 2592), Image.LANCZOS).save(sys.argv[2], "PNG", compress_level=1)
PY
    heif-enc -q 80 -o "$heic" "$work/safelanding-12mp.png" >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --package-path Benchmarks --product format-timer >&2
fi
timer="$(swift build -c release --package-path Benchmarks --show-bin-path)/format-timer"

echo "## $(uname -m), $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo
ours=$("$timer" "$photo" "$runs")
jpeg_bytes=$(awk '$1 == "jpeg85" { print $2 }' <<<"$ours")
jpeg_psnr=$(awk '$1 == "jpeg85" { print $3 }' <<<"$ours")
webp_q=$(awk '$1 == "webp" { print $2 }' <<<"$ours")
webp_bytes=$(awk '$1 == "webp" { print $3 }' <<<"$ours")
webp_psnr=$(awk '$1 == "webp" { print $4 }' <<<"$ours")
jpeg_ms=$(awk '$1 == "jpeg-path" { print $2 }' <<<"$ours")
webp_ms=$(awk '$1 == "webp-path" { print $2 }' <<<"$ours")
heic_ms=$("$timer" --heic "$heic" "$runs" | awk '{ print $2 }')

# The reference tools, timed the same way: medians of RUNS, each whole job.
refs=$(python3 - "$photo" "$heic" "$runs" "$work" <<'PY'
import io, statistics, subprocess, sys, time
from PIL import Image
import pillow_heif
photo, heic, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
data = open(photo, "rb").read()

def psnr(a, b):
    import math
    pa, pb = a.tobytes(), b.tobytes()
    mse = sum((x - y) ** 2 for x, y in zip(pa, pb)) / len(pa)
    return float("inf") if mse == 0 else 10 * math.log10(255 * 255 / mse)

def thumb():
    im = Image.open(io.BytesIO(data))
    im.thumbnail((256, 256))  # draft (DCT scaling) to twice the box first, as our reducing gap
    return im.convert("RGB")

base = thumb()
def encoded(fmt, q):
    out = io.BytesIO(); base.save(out, fmt, quality=q); return out.getvalue()
jpeg = encoded("JPEG", 85)
jpeg_psnr = psnr(Image.open(io.BytesIO(jpeg)).convert("RGB"), base)
low, high = 1, 100
while low < high:
    mid = (low + high) // 2
    if psnr(Image.open(io.BytesIO(encoded("WEBP", mid))).convert("RGB"), base) >= jpeg_psnr: high = mid
    else: low = mid + 1
webp = encoded("WEBP", low)
print("pillow-jpeg85", len(jpeg), "%.3f" % jpeg_psnr)
print("pillow-webp", low, len(webp), "%.3f" % psnr(Image.open(io.BytesIO(webp)).convert("RGB"), base))

def timed(job):
    job()
    times = []
    for _ in range(runs):
        start = time.perf_counter(); job(); times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)

def pillow_job(fmt, q):
    def job():
        out = io.BytesIO(); thumb().save(out, fmt, quality=q)
    return job
print("pillow-jpeg-path %.2f" % timed(pillow_job("JPEG", 85)))
print("pillow-webp-path %.2f" % timed(pillow_job("WEBP", low)))
vips_out = f"{work}/vips.webp"
print("vips-webp-path %.2f" % timed(lambda: subprocess.run(
    ["vipsthumbnail", photo, "-s", "256", "-o", f"{vips_out}[Q={low},strip]"], check=True)))
print("vips-webp-bytes", len(open(vips_out, "rb").read()))

pillow_heif.register_heif_opener()
def pillow_heic():
    im = Image.open(heic); im.thumbnail((256, 256))
    out = io.BytesIO(); im.convert("RGB").save(out, "JPEG", quality=85)
print("pillow-heic-path %.2f" % timed(pillow_heic))
print("heif-thumbnailer-path %.2f" % timed(lambda: subprocess.run(
    ["heif-thumbnailer", "-s", "256", heic, f"{work}/heif-thumbnailer.png"], check=True)))
PY
)
ref() { awk -v k="$1" -v f="${2:-2}" '$1 == k { print $f }' <<<"$refs"; }
grade() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "PASS" : "FAIL" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# Our in-process timer against processes: heif-thumbnailer and vipsthumbnail are whole programs,
# so our CLI is timed as a program too for those two rows.
cli="$(swift build -c release --show-bin-path 2>/dev/null)/thumbnail"
if [ "${SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product thumbnail >&2; fi
cli_heic_ms=$(python3 - "$cli" "$heic" "$runs" "$work" <<'PY'
import statistics, subprocess, sys, time
cli, heic, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
job = lambda: subprocess.run([cli, heic, "--size", "256", "--output-dir", f"{work}/cli"], check=True,
                             stdout=subprocess.DEVNULL)
job()
times = []
for _ in range(runs):
    start = time.perf_counter(); job(); times.append((time.perf_counter() - start) * 1000)
print("%.2f" % statistics.median(times))
PY
)

echo "WebP at matched PSNR (our JPEG q85 thumbnail: $jpeg_bytes bytes, PSNR $jpeg_psnr dB):"
echo
echo "| row | ours | target | Pillow 13 | vipsthumbnail |"
echo "|---|---|---|---|---|"
echo "| WebP quality matching JPEG q85's PSNR | q$webp_q ($webp_psnr dB) | | q$(ref pillow-webp 2) | Q$webp_q (ours) |"
echo "| WebP bytes / JPEG bytes | $(ratio "$webp_bytes" "$jpeg_bytes")× ($webp_bytes / $jpeg_bytes) $(grade "$(ratio "$webp_bytes" "$jpeg_bytes")" 0.8) | ≤ 0.8× | $(ratio "$(ref pillow-webp 3)" "$(ref pillow-jpeg85 2)")× | $(ref vips-webp-bytes 2) bytes |"
echo "| WebP job / JPEG job (ms) | $(ratio "$webp_ms" "$jpeg_ms")× ($webp_ms / $jpeg_ms) $(grade "$(ratio "$webp_ms" "$jpeg_ms")" 1.2) | ≤ 1.2× | $(ratio "$(ref pillow-webp-path)" "$(ref pillow-jpeg-path)")× ($(ref pillow-webp-path) / $(ref pillow-jpeg-path)) | $(ref vips-webp-path) ms (a process) |"
echo
echo "HEIC 4608 × 2592 (12 MP) → 256-px JPEG, medians of $runs:"
echo
echo "| row | ours | reference | ratio | target |"
echo "|---|---|---|---|---|"
echo "| against heif-thumbnailer (both as processes) | $cli_heic_ms ms (thumbnail CLI) | $(ref heif-thumbnailer-path) ms | $(ratio "$cli_heic_ms" "$(ref heif-thumbnailer-path)")× $(grade "$(ratio "$cli_heic_ms" "$(ref heif-thumbnailer-path)")" 1.15) | ≤ 1.15× |"
echo "| against Pillow + pillow-heif (both in-process) | $heic_ms ms | $(ref pillow-heic-path) ms | $(ratio "$heic_ms" "$(ref pillow-heic-path)")× $(grade "$(ratio "$heic_ms" "$(ref pillow-heic-path)")" 0.7) | ≤ 0.7× |"
