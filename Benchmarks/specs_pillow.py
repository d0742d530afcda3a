"""Pillow doing the three specs of Documentation/Performance.md, "Image specs", from one 20 MP JPEG, for Benchmarks/specs.sh.

Each spec opens the image again, as an app using Pillow per thumbnail does: Image.open, draft
(the DCT-scaled decode), then thumbnail (fit) or ImageOps.fit (fill), saved as JPEG q85 to memory.
The JPEG is read into memory once, before timing, as the Swift side reads it from an
InMemoryStorage.

    python3 specs_pillow.py PHOTO.jpg [ROUNDS]

Prints `pillow-three-specs <median seconds> <min seconds>`.
"""
import io
import statistics
import sys
import time

from PIL import Image, ImageOps

SPECS = [("fit", (256, 256)), ("fill", (128, 128)), ("fit", (1024, 1024))]


def make(data, mode, box):
    image = Image.open(io.BytesIO(data))
    # reducing_gap 2, as Image.thumbnail's own draft and the Swift side use.
    image.draft("RGB", (box[0] * 2, box[1] * 2))
    if mode == "fit":
        image.thumbnail(box, Image.Resampling.BICUBIC)
    else:
        image = ImageOps.fit(image, box, Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def main():
    data = open(sys.argv[1], "rb").read()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    times = []
    for round_number in range(rounds + 1):
        start = time.perf_counter()
        for mode, box in SPECS:
            make(data, mode, box)
        if round_number > 0:
            times.append(time.perf_counter() - start)
    print("pillow-three-specs %.4f %.4f" % (statistics.median(times), min(times)))


main()
