#!/usr/bin/env python3
"""Makes the ThumbHash and BlurHash vectors the Swift tests check byte for byte.

Reference implementations: the PyPI packages `thumbhash` (0.1.2) and `blurhash` (1.1.5)
(`pip install thumbhash blurhash pillow`). The tests read only what this script writes:
  inputs/*.png   the exact input pixels (lossless PNG, no gAMA/iCCP, so decoding gives them back)
  decoded/*.png  the blurhash package's decoder output
  vectors.json   per input: its ThumbHash (base64), its BlurHashes; per decode: hash, size, punch, file

Inputs are synthetic (seeded, so the script rebuilds the same files) plus two photos reduced from
the repository's own corpus (Tests/Fixtures/corpus/libjpeg-turbo/testorig.jpg and
exif-orientation/Landscape_0.jpg) with Pillow's thumbnail; the PNG is what counts, not the reduction.
The thumbhash package fails on images with transparency (a tuple unpacking slip in
rgba_to_thumb_hash), so transparent inputs carry BlurHash vectors only.

Run from the repository root: python3 Tests/Fixtures/placeholders/make_vectors.py
"""
import base64
import json
import os
import random

import blurhash
import thumbhash
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def synthetic():
    rng = random.Random(20)
    images = {}

    def gradient(w, h, mode="RGB"):
        im = Image.new("RGB", (w, h))
        im.putdata([(x * 255 // max(1, w - 1), y * 255 // max(1, h - 1), (x + y) * 127 // max(1, w + h - 2))
                    for y in range(h) for x in range(w)])
        return im.convert(mode)

    images["gradient-64x48"] = gradient(64, 48)
    images["gradient-31x77"] = gradient(31, 77)
    images["gradient-gray-50x50"] = gradient(50, 50, "L")
    noise = Image.new("RGB", (100, 100))
    noise.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(100 * 100)])
    images["noise-100x100"] = noise
    flat = Image.new("RGB", (20, 10), (200, 120, 40))
    images["flat-20x10"] = flat
    images["single-1x1"] = Image.new("RGB", (1, 1), (12, 34, 56))
    images["wide-100x7"] = gradient(100, 7)
    # A subject off-centre: a red disc on a blue-grey field.
    disc = Image.new("RGB", (90, 60), (90, 100, 120))
    disc.putdata([(230, 60, 40) if (x - 65) ** 2 + (y - 20) ** 2 < 150 else (90, 100, 120)
                  for y in range(60) for x in range(90)])
    images["disc-90x60"] = disc
    alpha = gradient(40, 30, "RGBA")
    alpha.putdata([(r, g, b, (x * 255) // 39) for (i, (r, g, b, _)) in enumerate(alpha.getdata())
                   for x in [i % 40]])
    images["alpha-40x30"] = alpha
    return images


def photos():
    images = {}
    for name, path in [("photo-testorig", "Tests/Fixtures/corpus/libjpeg-turbo/testorig.jpg"),
                       ("photo-landscape", "Tests/Fixtures/corpus/exif-orientation/Landscape_0.jpg")]:
        im = Image.open(os.path.join(ROOT, path)).convert("RGB")
        im.thumbnail((100, 100))
        images[name] = im
    return images


def rgba_list(im):
    flat = []
    for pixel in im.convert("RGBA").getdata():
        flat.extend(pixel)
    return flat


def rgb_rows(im):
    rgb = im.convert("RGBA")
    w, h = rgb.size
    data = list(rgb.getdata())
    return [[list(data[y * w + x][:3]) for x in range(w)] for y in range(h)]


def main():
    os.makedirs(os.path.join(HERE, "inputs"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "decoded"), exist_ok=True)
    vectors = {"generator": "thumbhash %s, blurhash %s" % ("0.1.2", "1.1.5"), "inputs": [], "decodes": []}
    images = synthetic()
    images.update(photos())
    for name, im in images.items():
        path = "inputs/%s.png" % name
        im.save(os.path.join(HERE, path), optimize=False)
        entry = {"file": path, "width": im.width, "height": im.height, "mode": im.mode, "blurhash": {}}
        has_alpha = im.mode == "RGBA" and min(im.getdata(3)) < 255
        if not has_alpha:
            entry["thumbhash"] = base64.b64encode(bytes(thumbhash.rgba_to_thumb_hash(im.width, im.height,
                                                                                     rgba_list(im)))).decode()
        rows = rgb_rows(im)
        for cx, cy in [(4, 3), (4, 4), (1, 1), (9, 9), (3, 7)]:
            entry["blurhash"]["%dx%d" % (cx, cy)] = blurhash.encode(rows, cx, cy)
        vectors["inputs"].append(entry)
    for index, (source, size, punch) in enumerate([("gradient-64x48", (32, 24), 1.0), ("disc-90x60", (30, 20), 1.0),
                                                    ("photo-testorig", (16, 16), 1.5),
                                                    ("noise-100x100", (8, 5), 1.0)]):
        entry = next(e for e in vectors["inputs"] if e["file"] == "inputs/%s.png" % source)
        hash_ = entry["blurhash"]["4x3"] if index != 2 else entry["blurhash"]["9x9"]
        pixels = blurhash.decode(hash_, size[0], size[1], punch=punch)
        out = Image.new("RGB", size)
        out.putdata([tuple(p) for row in pixels for p in row])
        path = "decoded/%d.png" % index
        out.save(os.path.join(HERE, path))
        vectors["decodes"].append({"blurhash": hash_, "width": size[0], "height": size[1], "punch": punch,
                                   "file": path})
    with open(os.path.join(HERE, "vectors.json"), "w") as f:
        json.dump(vectors, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
