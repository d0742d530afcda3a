#!/usr/bin/env bash
# Counts where the instructions of one JPEG thumbnail go, in the library and in floor.c, with
# valgrind's callgrind (instruction counts repeat exactly run to run, whatever the load).
#
#   bash Benchmarks/profile.sh                       # the 20 MP baseline photo of compare.sh
#   bash Benchmarks/profile.sh path/to/photo.jpg     # any JPEG
#
# It runs Benchmarks' `thumbnail-profile` (the thumbnail command's per-file job, synchronous:
# valgrind 3.19 crashes on the command's async main) and floor, and prints one table:
# start-up before main, reading the file, decode, resample, encode, everything else.
# Needs what compare.sh installs, plus valgrind; COMPARE_WORK as there. floor is built from
# Benchmarks/yardsticks/floor.c.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
yardsticks="$root/Benchmarks/yardsticks"
mkdir -p "${COMPARE_WORK:-.build/compare}"
work=$(cd "${COMPARE_WORK:-.build/compare}" && pwd)
python=$(python3 -c 'import sys; print(sys.executable)')
size=${SIZE:-256}

command -v valgrind >/dev/null || {
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq valgrind >&2
}

if [ $# -ge 1 ]; then
    image=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
    photos=$("$python" Benchmarks/compare.py --work "$work" --floor none --prepare-only)
    image="$photos/baseline-20mp.jpg"
fi

floor="$work/floor"
if [ ! -x "$floor" ] || [ "$yardsticks/floor.c" -nt "$floor" ]; then
    # shellcheck disable=SC2046
    gcc -O2 -o "$floor" "$yardsticks/floor.c" $(pkg-config --cflags --libs libturbojpeg libpng) -lm
fi
(cd Benchmarks && swift build -c release --product thumbnail-profile >&2)
profiler="$(cd Benchmarks && swift build -c release --show-bin-path)/thumbnail-profile"

# valgrind 3.19 cannot read the DWARF that Swift 6.3 writes; the symbol table is enough.
out="$work/profile"
mkdir -p "$out"
cp "$profiler" "$out/thumbnail-profile"
strip --strip-debug "$out/thumbnail-profile"

valgrind --tool=callgrind --callgrind-out-file="$out/library.callgrind" \
    "$out/thumbnail-profile" "$image" "$out/library.jpg" "$size" 2>"$out/library.log"
valgrind --tool=callgrind --callgrind-out-file="$out/floor.callgrind" \
    "$floor" "$image" "$out/floor.jpg" "$size" 2>"$out/floor.log"

demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
callgrind_annotate --inclusive=yes --threshold=100 "$out/library.callgrind" 2>/dev/null | demangle \
    >"$out/library.txt"
callgrind_annotate --inclusive=yes --threshold=100 "$out/floor.callgrind" 2>/dev/null >"$out/floor.txt"

"$python" - "$out" "$image" <<'EOF'
import re
import sys
from pathlib import Path

out, image = Path(sys.argv[1]), sys.argv[2]


def inclusive(path):
    costs, total = {}, None
    for line in path.read_text(errors="replace").splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+(.*)$", line)
        if not m:
            continue
        value, name = int(m.group(1).replace(",", "")), m.group(2)
        if name.startswith("PROGRAM TOTALS"):
            total = value
        else:
            costs[name] = max(costs.get(name, 0), value)
    return total, costs


def find(costs, pattern):
    """The largest inclusive cost of a function whose name matches pattern (0 when none)."""
    rx = re.compile(pattern)
    return max((v for k, v in costs.items() if rx.search(k)), default=0)


def groups(path, library):
    total, costs = inclusive(path)
    below_main = find(costs, r"__libc_start_main")
    g = {"total": total, "start-up before main (loading, relocation)": total - below_main}
    g["read the file"] = find(costs, r"File\.readAllFromStart\(\)") if library else find(costs, r":fread ")
    # floor decodes through TurboJPEG; the library's streaming source drives libjpeg itself and
    # reads the file from inside jpeg_read_scanlines, so for it "decode" includes the reading.
    turbo = find(costs, r":tjDecompress2 ") + find(costs, r":tjDecompressHeader3 ")
    direct = sum(find(costs, p) for p in (r":jpeg_read_header ", r":jpeg_start_decompress ",
                                            r":jpeg_read_scanlines "))
    g["decode (tjDecompress2 or libjpeg)"] = turbo or direct
    g["encode (tjCompress2)"] = find(costs, r":tjCompress2 ")
    if library:
        g["resample"] = find(costs, r"Image\.resized\(to:from:filter:reducingGap:\)")
    else:  # floor's area average runs inside main: what main does besides the library calls
        g["resample"] = find(costs, r":main \[") - g["decode (tjDecompress2 or libjpeg)"] - g[
            "encode (tjCompress2)"] - g["read the file"]
    g["everything else"] = total - sum(v for k, v in g.items() if k != "total")
    return g


lib, flo = groups(out / "library.txt", True), groups(out / "floor.txt", False)
print(f"Instructions (callgrind Ir) for one thumbnail of {Path(image).name}, "
      f"library = thumbnail-profile (Bridge File.thumbnail), floor = floor.c\n")
print("| part | library | floor | library − floor |")
print("|---|---:|---:|---:|")
order = ["start-up before main (loading, relocation)", "read the file", "decode (tjDecompress2 or libjpeg)", "resample",
         "encode (tjCompress2)", "everything else", "total"]
for k in order:
    a, b = lib[k], flo[k]
    print(f"| {k} | {a / 1e6:,.1f} M | {b / 1e6:,.1f} M | {(a - b) / 1e6:+,.1f} M |")
print(f"\nlibrary / floor = {lib['total'] / flo['total']:.3f}")
EOF
