#!/usr/bin/env bash
# DC-only decoding of progressive JPEGs at 1/8 (Documentation/Performance.md#progressive-jpegs-at-18-dc-scans-only): the `thumbnail` command against floor.c
# and Pillow, whole process, on progressive photos made with `jpegtran -progressive` from the
# wallpapers compare.sh uses (a 20.1 MP one upscaled once, a 12.0 MP one downscaled once), and the
# baseline 20.1 MP photo to show its path is unchanged. Prints one Markdown table.
#
#   bash Benchmarks/progressive.sh              # from the repository root
#   RUNS=9 MARKDOWN=/tmp/p.md bash Benchmarks/progressive.sh
#   FLOOR=/path/to/floor bash Benchmarks/progressive.sh   # another build of the floor program
#   DECODE_PEAK=0 bash Benchmarks/progressive.sh          # without the peak-memory table (decode-peak)
#
# Needs what compare.sh installs (SKIP_INSTALL=1 skips the check): plasma-workspace-wallpapers,
# libjpeg-turbo-progs, libturbojpeg0-dev, libpng-dev, time, gcc; Pillow and numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${COMPARE_WORK:-.build/compare}
mkdir -p "$work"
work=$(cd "$work" && pwd)
python=$(python3 -c 'import sys; print(sys.executable)')

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    missing=()
    for p in plasma-workspace-wallpapers libjpeg-turbo-progs libturbojpeg0-dev libpng-dev pkg-config time gcc; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
    fi
    "$python" -c 'import PIL, numpy' 2>/dev/null || "$python" -m pip install --quiet pillow numpy >&2
fi

# FLOOR=/path/to/floor measures another build of the floor program instead of the yardstick's.
floor=${FLOOR:-$work/floor}
if [ -z "${FLOOR:-}" ] && { [ ! -x "$floor" ] || [ Benchmarks/yardsticks/floor.c -nt "$floor" ]; }; then
    # shellcheck disable=SC2046
    gcc -O2 -o "$floor" Benchmarks/yardsticks/floor.c $(pkg-config --cflags --libs libturbojpeg libpng) -lm
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --product thumbnail >"$work/build-thumbnail.log" 2>&1
fi
thumbnail="$(swift build -c release --show-bin-path)/thumbnail"
# The peak memory of one decode (Benchmarks/Sources/decode-peak); DECODE_PEAK=0 leaves it out.
decode_peak=""
if [ "${DECODE_PEAK:-1}" != 0 ]; then
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        swift build -c release --package-path Benchmarks --product decode-peak >"$work/build-decode-peak.log" 2>&1
    fi
    decode_peak="$(swift build -c release --package-path Benchmarks --show-bin-path)/decode-peak"
fi

"$python" Benchmarks/progressive.py --work "$work" --floor "$floor" --thumbnail "$thumbnail" \
    --python "$python" --runs "${RUNS:-7}" --markdown "${MARKDOWN:-}" --decode-peak "$decode_peak"
