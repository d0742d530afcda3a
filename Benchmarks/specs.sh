#!/usr/bin/env bash
# The image-spec benchmark of Documentation/Performance.md, "Image specs": eager generation of three image specs (256 fit, 128x128 fill, 1024 fit)
# from one 20 MP JPEG, against the largest spec alone and against Pillow doing the same three.
#
#     bash Benchmarks/specs.sh            # from the repository root; ROUNDS=9 for more rounds
#
# Needs plasma-workspace-wallpapers (the photo) and pillow. Prints a Markdown table with the load
# average, for Documentation/Performance.md ("Image specs").
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-7}
source ./common.sh
PHOTO=$(photo_20mp)
TIMER=$(timer_binary spec-timer)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
SWIFT=$("$TIMER" "$PHOTO" "$ROUNDS")
PILLOW=$(python3 specs_pillow.py "$PHOTO" "$ROUNDS")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$SWIFT" "$PILLOW" "$ROUNDS" <<'PY'
import sys
rows = {}
for line in (sys.argv[1] + "\n" + sys.argv[2]).splitlines():
    parts = line.split()
    rows[parts[0]] = (float(parts[1]), float(parts[2]), parts[3] if len(parts) > 3 else "3 (one per open)")
three, largest, pillow = rows["three-specs"][0], rows["largest-alone"][0], rows["pillow-three-specs"][0]
print(f"| case ({sys.argv[3]} rounds) | median s | min s | decodes |")
print("|---|---|---|---|")
for name, label in [("three-specs", "VariantGenerator, 3 specs, one decode"),
                    ("largest-alone", "VariantGenerator, 1024 fit alone"),
                    ("one-call-1024", "file.thumbnail(fitting: 1024) alone"),
                    ("three-one-calls", "3 x file.thumbnail (256 fit, 128 fill, 1024 fit)"),
                    ("pillow-three-specs", "Pillow, 3 x (open + draft + resize + save)")]:
    median, minimum, decodes = rows[name]
    print(f"| {label} | {median:.3f} | {minimum:.3f} | {decodes} |")
print()
print(f"three specs / largest alone = {three / largest:.2f} (target <= 1.3): {'PASS' if three / largest <= 1.3 else 'FAIL'}")
print(f"three specs / Pillow = {three / pillow:.2f} (target <= 0.5): {'PASS' if three / pillow <= 0.5 else 'FAIL'}")
PY
