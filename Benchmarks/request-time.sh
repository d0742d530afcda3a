#!/usr/bin/env bash
# The request-time images' numbers (Documentation/Performance.md): signed-URL verification, ThumbHash/BlurHash from the smallest variant, and
# entropy/attention crops of a 20 MP photo to 128x128 against the centre crop, beside
# `vipsthumbnail --smartcrop attention` in the same run; then the attention window against libvips'
# on a set of photos.
#
#     bash Benchmarks/request-time.sh          # from the repository root; ROUNDS=9 for more rounds
#
# Needs libvips-tools (vipsthumbnail, vips), plasma-workspace-wallpapers (the photos; the same
# 20 MP upscale as specs.sh) and pillow. Prints Markdown tables with the load average, for
# Documentation/Performance.md ("Request-time images").
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-7}
mkdir -p ../.build/request-time
# Absolute: vipsthumbnail reads an output name that starts with "." as a format for stdout.
WORK=$(cd ../.build/request-time && pwd)
source ./common.sh
PHOTO=$(photo_20mp)
TIMER=$(timer_binary request-timer)
export VIPS_WARNING=0

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
VERIFY=$("$TIMER" verify "$ROUNDS")
PLACEHOLDERS=$("$TIMER" placeholders "$PHOTO" "$ROUNDS")
CROPS=$("$TIMER" crops "$PHOTO" "$ROUNDS")
# vipsthumbnail, one process per thumbnail (as a shell would run it), centre and attention.
VIPS=""
for crop in centre attention; do
    times=""
    for _ in $(seq "$ROUNDS"); do
        start=$(date +%s.%N)
        vipsthumbnail "$PHOTO" -s 128x128 --smartcrop "$crop" -o "$WORK/vips-$crop.jpg[Q=75]" 2>/dev/null
        end=$(date +%s.%N)
        times="$times $(echo "($end - $start) * 1000" | bc -l)"
    done
    VIPS="$VIPS
vips-$crop $(python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(statistics.median(v), min(v))" $times)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$VERIFY" "$PLACEHOLDERS" "$CROPS" "$VIPS" "$ROUNDS" <<'PY'
import sys
rows = {}
for block in sys.argv[1:5]:
    for line in block.strip().splitlines():
        if line.strip():
            name, med, low = line.split()
            rows[name] = (float(med), float(low))
rounds = sys.argv[5]
print(f"| case ({rounds} rounds) | median | min | target |")
print("|---|---|---|---|")
v = rows["verify"]
print(f"| verify a signed /media/v path (µs per call, 100,000 calls a round) | {v[0]:.3f} µs | {v[1]:.3f} µs | ≤ 2 µs: {'PASS' if v[0] <= 2 else 'FAIL'} |")
c = rows["verify-cpu"]
print(f"| the same, thread CPU time (what the load average does not inflate) | {c[0]:.3f} µs | {c[1]:.3f} µs | ≤ 2 µs: {'PASS' if c[0] <= 2 else 'FAIL'} |")
h, hc = rows["verify-hmac"], rows["verify-hmac-cpu"]
print(f"| of which the HMAC-SHA256 check alone (wall / CPU) | {h[0]:.3f} / {hc[0]:.3f} µs | {h[1]:.3f} / {hc[1]:.3f} µs | |")
for name, label in [("thumbhash", "ThumbHash of the smallest variant (256-px thumbnail reduced to ≤ 100 px)"),
                    ("blurhash", "BlurHash (4×3) of the same pixels")]:
    m = rows[name]
    print(f"| {label} | {m[0]:.3f} ms | {m[1]:.3f} ms | ≤ 1 ms: {'PASS' if m[0] <= 1 else 'FAIL'} |")
m = rows["placeholders-from-256"]
print(f"| ImagePlaceholders(of: 256-px thumbnail): reduction + both hashes | {m[0]:.3f} ms | {m[1]:.3f} ms | |")
a, b = rows["thumbnail-256"], rows["thumbnail-256-with-placeholders"]
print(f"| 20 MP JPEG → 256-px variant, VariantGenerator.save | {a[0]:.1f} ms | {a[1]:.1f} ms | |")
print(f"| the same with makesPlaceholders | {b[0]:.1f} ms | {b[1]:.1f} ms | ≤ 1.03×: {b[0]/a[0]:.3f}× {'PASS' if b[0]/a[0] <= 1.03 else 'FAIL'} |")
centre = rows["centre"][0]
for name, label in [("centre", "20 MP JPEG → 128×128 fill, centre (decode, crop, encode, store)"),
                    ("entropy", "the same, entropy"), ("attention", "the same, attention")]:
    m = rows[name]
    ratio = m[0] / centre
    verdict = "" if name == "centre" else f"≤ 1.15×: {ratio:.3f}× {'PASS' if ratio <= 1.15 else 'FAIL'}"
    print(f"| {label} | {m[0]:.1f} ms | {m[1]:.1f} ms | {verdict} |")
for name, label in [("vips-centre", "vipsthumbnail -s 128x128 --smartcrop centre (process)"),
                    ("vips-attention", "vipsthumbnail -s 128x128 --smartcrop attention (process)")]:
    m = rows[name]
    print(f"| {label} | {m[0]:.1f} ms | {m[1]:.1f} ms | |")
PY

echo
# Attention windows against libvips on the wallpapers (one size of each picture) and the
# repository's oriented photo. libvips' window: `vips thumbnail` to cover 128x128 (what
# vipsthumbnail crops), then `vips smartcrop` prints the attention centre; the window is centred on
# it and kept inside. Checked against `vips thumbnail --crop attention`'s own output.
PHOTOS=()
for dir in /usr/share/wallpapers/*/contents/images; do
    largest=$(ls -S "$dir"/*.jpg 2>/dev/null | head -1 || true)
    if [ -n "$largest" ]; then PHOTOS+=("$largest"); fi
done
PHOTOS+=(../Tests/Fixtures/corpus/libjpeg-turbo/testorig.jpg ../Tests/Fixtures/corpus/exif-orientation/Portrait_1.jpg)
OURS=$("$TIMER" windows "${PHOTOS[@]}")
VIPSWINDOWS=""
for photo in "${PHOTOS[@]}"; do
    width=$(vipsheader -f width "$photo" 2>/dev/null); height=$(vipsheader -f height "$photo" 2>/dev/null)
    if [ "$width" -ge "$height" ]; then box="10000 --height 128"; else box="128 --height 10000"; fi
    # shellcheck disable=SC2086
    vips thumbnail "$photo" "$WORK/cover.v" $box 2>/dev/null
    cw=$(vipsheader -f width "$WORK/cover.v" 2>/dev/null); ch=$(vipsheader -f height "$WORK/cover.v" 2>/dev/null)
    attention=$(vips smartcrop "$WORK/cover.v" "$WORK/crop.v" 128 128 --interesting attention \
        --attention-x --attention-y 2>/dev/null | tr '\n' ' ')
    read -r ax ay <<< "$attention"
    left=$(( ax - 64 )); top=$(( ay - 64 ))
    left=$(( left < 0 ? 0 : (left > cw - 128 ? cw - 128 : left) ))
    top=$(( top < 0 ? 0 : (top > ch - 128 ? ch - 128 : top) ))
    vips extract_area "$WORK/cover.v" "$WORK/mine.v" "$left" "$top" 128 128 2>/dev/null
    vips thumbnail "$photo" "$WORK/theirs.v" 128 --height 128 --crop attention 2>/dev/null
    vips subtract "$WORK/mine.v" "$WORK/theirs.v" "$WORK/diff.v" 2>/dev/null
    vips abs "$WORK/diff.v" "$WORK/absdiff.v" 2>/dev/null
    check=$(vips avg "$WORK/absdiff.v" 2>/dev/null)
    VIPSWINDOWS="$VIPSWINDOWS
$photo $(python3 -c "print($left / $cw, $top / $ch, 128 / $cw, 128 / $ch, $check)")"
done
python3 - "$OURS" "$VIPSWINDOWS" <<'PY'
import os, sys
ours = {}
for line in sys.argv[1].strip().splitlines():
    parts = line.split()
    ours[parts[0]] = {parts[i]: [float(v) for v in parts[i + 1:i + 5]] for i in (1, 6)}
print("| photo | libvips window x, y (share of width, height) | ours (attention) | distance (share of the sliding side) | ours (entropy) |")
print("|---|---|---|---|---|")
agree = total = off_centre = agree_off = 0
for line in sys.argv[2].strip().splitlines():
    path, x, y, w, h, check = line.split()
    x, y, w, h, check = float(x), float(y), float(w), float(h), float(check)
    mine = ours[path]["attention"]
    entropy = ours[path]["entropy"]
    sliding_x = w < 0.999
    distance = abs(mine[0] - x) if sliding_x else abs(mine[1] - y)
    centred = abs((x if sliding_x else y) - (1 - (w if sliding_x else h)) / 2)
    total += 1
    agree += distance <= 0.10
    if centred > 0.10:
        off_centre += 1
        agree_off += distance <= 0.10
    name = path.split("/wallpapers/")[-1].split("/")[0] if "/wallpapers/" in path else os.path.basename(path)
    flag = "" if check < 1 else f" (libvips self-check {check:.1f})"
    print(f"| {name}{' (off-centre)' if centred > 0.10 else ''} | {x:.3f}, {y:.3f}{flag} | {mine[0]:.3f}, {mine[1]:.3f} | {distance:.3f} {'✓' if distance <= 0.10 else '✗'} | {entropy[0]:.3f}, {entropy[1]:.3f} |")
print()
print(f"attention windows within 10 % of libvips': {agree} of {total}; of the {off_centre} whose libvips window is off-centre by more than 10 %: {agree_off}")
PY
