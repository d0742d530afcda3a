#!/usr/bin/env python3
"""Generates thumbnail_sizes.tsv: Pillow's Image.thumbnail output size for many
(image size, box) pairs, including the rounding cases of Pillow PRs #4256/#4404.

Run once from this directory (made with Pillow 13.0.0): python3 make_thumbnail_sizes.py
Columns: width, height, box_width, box_height, thumb_width, thumb_height.
"""
import random

from PIL import Image

CASES = [
    (4000, 3000, 128, 128),  # anchors: 128x96
    (100, 145, 50, 50),  # PR #4404: 34x50, not 35x50
    (256, 162, 33, 33),  # PR #4256: 33x21, not 33x20
    (64, 48, 128, 128),  # fits: unchanged
    (128, 128, 128, 128),  # exactly the box: unchanged
    (129, 128, 128, 128),
    (1, 1000, 10, 10),  # min 1 px
    (1000, 1, 10, 10),
    (3, 2000, 1, 1),
    (2000, 3, 1, 1),
    (300, 200, 1000, 50),  # one side already fits
    (300, 200, 50, 1000),
    (1920, 1080, 256, 256),
    (1080, 1920, 256, 256),
    (5120, 2880, 256, 256),
    (333, 500, 100, 150),
    (7, 5, 3, 3),
    (5, 7, 3, 3),
    (101, 99, 100, 100),
]


def thumb(w, h, bw, bh):
    im = Image.new("1", (w, h))
    im.thumbnail((bw, bh))
    return im.size


def main():
    rng = random.Random(4256)
    cases = list(CASES)
    while len(cases) < 400:
        w, h = rng.randint(1, 3000), rng.randint(1, 3000)
        bw, bh = rng.randint(1, 400), rng.randint(1, 400)
        cases.append((w, h, bw, bh))
    with open("thumbnail_sizes.tsv", "w") as f:
        f.write("width\theight\tbox_width\tbox_height\tthumb_width\tthumb_height\n")
        for w, h, bw, bh in cases:
            tw, th = thumb(w, h, bw, bh)
            f.write(f"{w}\t{h}\t{bw}\t{bh}\t{tw}\t{th}\n")


if __name__ == "__main__":
    main()
