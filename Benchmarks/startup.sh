#!/usr/bin/env bash
# Start-up of the `thumbnail` process (Documentation/Performance.md#start-up-libheif-loaded-on-first-use):
# `thumbnail --help` against the floor's usage error (Benchmarks/yardsticks/floor.c), a Swift program
# that imports FoundationEssentials alone (Benchmarks/yardsticks/essentials.swift) and /bin/true, and
# the whole-process 256-px thumbnail of the 20.1 MP baseline photo against the floor. Prints Markdown.
#
#   bash Benchmarks/startup.sh                               # from the repository root
#   BEFORE=/path/to/other/thumbnail bash Benchmarks/startup.sh   # another build in the same runs
#   RUNS=41 THUMBNAIL_RUNS=9 MARKDOWN=/tmp/s.md SKIP_BUILD=1 bash Benchmarks/startup.sh
#
# Needs what compare.sh installs (plasma-workspace-wallpapers for the photo, Pillow, GNU time, gcc,
# libturbojpeg0-dev, libpng-dev); run compare.sh or progressive.sh once first on a new machine.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${COMPARE_WORK:-.build/compare}
mkdir -p "$work"
work=$(cd "$work" && pwd)
python=$(python3 -c 'import sys; print(sys.executable)')

floor=${FLOOR:-$work/floor}
if [ -z "${FLOOR:-}" ] && { [ ! -x "$floor" ] || [ Benchmarks/yardsticks/floor.c -nt "$floor" ]; }; then
    # shellcheck disable=SC2046
    gcc -O2 -o "$floor" Benchmarks/yardsticks/floor.c $(pkg-config --cflags --libs libturbojpeg libpng) -lm
fi
essentials=$work/essentials
if [ ! -x "$essentials" ] || [ Benchmarks/yardsticks/essentials.swift -nt "$essentials" ]; then
    swiftc -O -o "$essentials" Benchmarks/yardsticks/essentials.swift
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --product thumbnail >"$work/build-thumbnail.log" 2>&1
fi
thumbnail="$(swift build -c release --show-bin-path)/thumbnail"

"$python" Benchmarks/startup.py --work "$work" --python "$python" --floor "$floor" --thumbnail "$thumbnail" \
    --before "${BEFORE:-}" --essentials "$essentials" --runs "${RUNS:-41}" \
    --thumbnail-runs "${THUMBNAIL_RUNS:-9}" --markdown "${MARKDOWN:-}"
