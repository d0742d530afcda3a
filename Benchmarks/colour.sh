#!/usr/bin/env bash
# The colour rows of Documentation/Performance.md, "Colour profiles": what keeping an ICC profile, and converting it to sRGB, add to a 256-px
# thumbnail of a large photo (targets: <= 2 % and <= 10 %). Our colour-timer (release, in-process)
# and Pillow doing the same three jobs in the same run, for reference. Prints one Markdown table.
#
#   bash Benchmarks/colour.sh            # from the repository root; RUNS=15 by default
#
# The photo is the largest JPEG of Debian's plasma-workspace-wallpapers (installed if missing); the
# profile is the committed Adobe RGB (1998)-compatible one (580 bytes), spliced in as APP2.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-15}
work=${COLOUR_WORK:-.build/colour-bench}
mkdir -p "$work"
profile=Tests/Fixtures/colour/profiles/compatibleWithAdobeRGB1998.icc

dpkg-query -W -f='${Status}' plasma-workspace-wallpapers 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq plasma-workspace-wallpapers >&2; }
python3 -c 'import PIL.ImageCms' 2>/dev/null || python3 -m pip install --quiet pillow >&2

photo=$(python3 - <<'PY'
import glob
from PIL import Image
best = max(glob.glob("/usr/share/wallpapers/*/contents/images/*.jpg"),
           key=lambda p: (lambda s: s[0] * s[1])(Image.open(p).size))
print(best)
PY
)
echo "== photo $photo ($(python3 -c "from PIL import Image; print('%dx%d' % Image.open('$photo').size)"))" >&2

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --package-path Benchmarks --product colour-timer >&2
fi
timer="$(swift build -c release --package-path Benchmarks --show-bin-path)/colour-timer"

echo "## $(uname -m), $(nproc) cores, $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo
ours=$("$timer" "$photo" "$profile" "$runs")
pillow=$(python3 - "$photo" "$profile" "$runs" <<'PY'
import io, statistics, sys, time
from PIL import Image, ImageCms
photo, profile_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(photo, "rb").read()
profile = open(profile_path, "rb").read()
srgb = ImageCms.createProfile("sRGB")
transform = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(profile)), srgb, "RGB", "RGB",
                                    renderingIntent=ImageCms.Intent.PERCEPTUAL)
def job(mode):
    image = Image.open(io.BytesIO(data))
    image.draft("RGB", (512, 512))
    if mode == "convert":
        image = ImageCms.applyTransform(image.convert("RGB"), transform)
    image.thumbnail((256, 256))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, icc_profile=profile if mode == "keep" else None)
times = {m: [] for m in ("no-profile", "keep", "convert")}
for m in times: job(m)
for _ in range(runs):
    for m in times:
        start = time.perf_counter(); job(m); times[m].append((time.perf_counter() - start) * 1000)
base = statistics.median(times["no-profile"])
for m, t in times.items():
    print("%s %.2f ms %.3f" % (m, statistics.median(t), statistics.median(t) / base))
PY
)
echo "| row | ours (ms, median of $runs) | ours vs no profile | target | Pillow 13 + ImageCms (ms) | Pillow vs no profile |"
echo "|---|---|---|---|---|---|"
paste -d' ' <(echo "$ours") <(echo "$pillow") | while read -r name ms _ ratio _ pms _ pratio; do
    case $name in
        no-profile) target="—"; grade="" ;;
        keep) target="≤ 1.02×"; grade=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.02) ? " PASS" : " FAIL" }') ;;
        convert) target="≤ 1.10×"; grade=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.10) ? " PASS" : " FAIL" }') ;;
    esac
    printf '| %s | %s | %.3f×%s | %s | %s | %.3f× |\n' "$name" "$ms" "$ratio" "$grade" "$target" "$pms" "$pratio"
done
