#!/usr/bin/env bash
# Compares the `thumbnail` command with the yardsticks of Documentation/Performance.md (floor.c, Pillow,
# vipsthumbnail) on real wallpapers and prints one table. floor.c, pillow_thumb.py and
# psnr.py are the repository's own, in Benchmarks/yardsticks/.
#
#   bash Benchmarks/compare.sh                 # from the repository root
#   RUNS=9 bash Benchmarks/compare.sh          # more counted runs per tool (default 5)
#   ROWS=baseline20,batch bash Benchmarks/compare.sh
#
# Environment:
#   RUNS           counted runs per tool, alternating with the others (default 5)
#   ROWS           subset of baseline20,baseline,progressive,png,batch,startup,resample
#   COMPARE_WORK   scratch folder for binaries, inputs and outputs (default .build/compare)
#   SKIP_INSTALL=1 do not check or install system and Python packages
#   SKIP_BUILD=1   reuse the thumbnail binary already built
#   MARKDOWN=FILE  also write the table to FILE
#
# Installs (once, only what is missing): plasma-workspace-wallpapers libvips-tools
# libjpeg-turbo-progs libturbojpeg0-dev libpng-dev pkg-config time, and Pillow + numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

yardsticks="$root/Benchmarks/yardsticks"
work=${COMPARE_WORK:-.build/compare}
runs=${RUNS:-5}
rows=${ROWS:-baseline20,baseline,progressive,png,batch,startup,resample}

say() { printf '== %s\n' "$*" >&2; }

mkdir -p "$work"
work=$(cd "$work" && pwd)

# --- what the comparison needs ------------------------------------------------
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
    packages=(plasma-workspace-wallpapers libvips-tools libjpeg-turbo-progs libturbojpeg0-dev
              libpng-dev pkg-config time gcc)
    missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        say "installing ${missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
    fi
fi

# The interpreter itself: a version manager's shim adds ~50 ms to every Pillow run.
python=$(python3 -c 'import sys; print(sys.executable)')
if [ "${SKIP_INSTALL:-0}" != 1 ] && ! "$python" -c 'import PIL, numpy' 2>/dev/null; then
    say "installing pillow numpy for $python"
    "$python" -m pip install --quiet pillow numpy >&2
fi

# --- yardstick: floor.c, built outside the repository's tracked files -----------
floor="$work/floor"
if [ ! -x "$floor" ] || [ "$yardsticks/floor.c" -nt "$floor" ]; then
    say "building floor"
    # shellcheck disable=SC2046
    gcc -O2 -o "$floor" "$yardsticks/floor.c" $(pkg-config --cflags --libs libturbojpeg libpng) -lm
fi

# --- the command under test ----------------------------------------------------
thumbnail=""
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building thumbnail (release)"
    if ! swift build -c release --product thumbnail >"$work/build-thumbnail.log" 2>&1; then
        say "thumbnail did not build (see $work/build-thumbnail.log); its rows are skipped"
    fi
fi
bin=$(swift build -c release --show-bin-path 2>/dev/null || true)
[ -n "$bin" ] && [ -x "$bin/thumbnail" ] && thumbnail="$bin/thumbnail"

# --- optional: the in-process resampler timer from the Benchmarks package --------
timer=""
if [[ ",$rows," == *",resample,"* ]]; then
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        say "building resample-timer (release, Benchmarks package)"
        (cd Benchmarks && swift build -c release --product resample-timer) >"$work/build-timer.log" 2>&1 ||
            say "resample-timer did not build (see $work/build-timer.log); its row is skipped"
    fi
    tbin=$(cd Benchmarks && swift build -c release --show-bin-path 2>/dev/null || true)
    [ -n "$tbin" ] && [ -x "$tbin/resample-timer" ] && timer="$tbin/resample-timer"
fi

say "measuring: $runs runs per tool, rows $rows"
exec "$python" "$root/Benchmarks/compare.py" \
    --work "$work" --yardsticks "$yardsticks" --python "$python" --floor "$floor" \
    --thumbnail "$thumbnail" --resample-timer "$timer" --runs "$runs" --rows "$rows" \
    ${MARKDOWN:+--markdown "$MARKDOWN"}
