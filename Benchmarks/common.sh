# Sourced by the timer scripts (storage.sh, attachments.sh, specs.sh, request-time.sh) after they
# `cd` into Benchmarks/: the steps each of them used to spell out.

# timer_binary NAME: builds the release product NAME of this package (unless SKIP_BUILD=1, which
# reuses the one built) and prints the path of its binary.
timer_binary() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        swift build -c release --product "$1" >&2
    fi
    echo "$(swift build -c release --show-bin-path)/$1"
}

# fresh_directory DIR: DIR emptied (made when missing), printed as an absolute path.
fresh_directory() {
    rm -rf "$1"
    mkdir -p "$1"
    (cd "$1" && pwd)
}

# photo_20mp: the path of the 20.1 MP JPEG the spec and request-time timers decode. The package
# ships no 15-25 MP photo, so a 5120x2880 wallpaper (plasma-workspace-wallpapers) is upscaled to 5984x3366
# once, with Pillow.
photo_20mp() {
    local photo=../.build/specs/photo-20mp.jpg
    local source=/usr/share/wallpapers/SafeLanding/contents/images/5120x2880.jpg
    if [ ! -f "$photo" ]; then
        mkdir -p ../.build/specs
        python3 -c "
from PIL import Image
Image.open('$source').resize((5984, 3366), Image.Resampling.LANCZOS).save('$photo', quality=92, subsampling=2)"
    fi
    echo "$photo"
}
