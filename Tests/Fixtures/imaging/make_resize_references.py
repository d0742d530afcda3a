#!/usr/bin/env python3
"""Generates the Pillow reference outputs the resampling tests compare against.

Run once from this directory (needs `pip install pillow`; made with Pillow 13.0.0):

    python3 make_resize_references.py ../corpus/exif-orientation/Landscape_1.jpg

Writes resample/*.ppm|pgm|pam (the tests name each file and its Pillow call). The source is a real
photograph (1800x1200) reduced 4x to 450x300 so the fixtures stay small.
Images with alpha get a synthetic alpha channel: 0 in the left quarter, a
linear ramp over the middle half, 255 in the right quarter; the tests compute
the same channel (`alpha(x) = clamp((x - w/4) * 255 / (w/2), 0, 255)`, integer
division) rather than storing it.
"""
import os
import sys

from PIL import Image, ImageOps

OUT = "resample"
FILTERS = {
    "nearest": Image.Resampling.NEAREST,
    "box": Image.Resampling.BOX,
    "bilinear": Image.Resampling.BILINEAR,
    "hamming": Image.Resampling.HAMMING,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
}


def save(im, name):
    """P5 for L, P6 for RGB, P7 (PAM) for LA and RGBA: dependency-free formats."""
    path = os.path.join(OUT, name)
    w, h = im.size
    depth = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}[im.mode]
    with open(path, "wb") as f:
        if im.mode == "L":
            f.write(b"P5\n%d %d\n255\n" % (w, h))
        elif im.mode == "RGB":
            f.write(b"P6\n%d %d\n255\n" % (w, h))
        else:
            tupltype = b"GRAYSCALE_ALPHA" if im.mode == "LA" else b"RGB_ALPHA"
            f.write(b"P7\nWIDTH %d\nHEIGHT %d\nDEPTH %d\nMAXVAL 255\nTUPLTYPE %s\nENDHDR\n" % (w, h, depth, tupltype))
        f.write(im.tobytes())
    return name


def with_alpha(im):
    w, h = im.size
    alpha = Image.new("L", im.size)
    alpha.putdata([max(0, min(255, (x - w // 4) * 255 // (w // 2))) for y in range(h) for x in range(w)])
    out = im.convert("RGBA" if im.mode == "RGB" else "LA")
    out.putalpha(alpha)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    photo = Image.open(sys.argv[1]).convert("RGB")
    source = photo.reduce(4)  # 1800x1200 -> 450x300
    assert source.size == (450, 300)
    save(source, "source.ppm")
    w, h = source.size

    def add(name, op, flt, im):
        save(im, name)

    for scale in (3, 7):
        size = (round(w / scale), round(h / scale))
        for fname, flt in FILTERS.items():
            add(f"rgb_{fname}_1_{scale}.ppm", "resize", fname, source.resize(size, flt))
    rgba = with_alpha(source)
    for fname in ("bilinear", "bicubic", "lanczos"):
        add(f"rgba_{fname}_1_3.pam", "resize", fname, rgba.resize((w // 3, h // 3), FILTERS[fname]))
    gray = source.convert("L")
    add("gray_lanczos_1_3.pgm", "resize", "lanczos", gray.resize((w // 3, h // 3), Image.Resampling.LANCZOS))
    add("gray_alpha_bicubic_1_7.pam", "resize", "bicubic", with_alpha(gray).resize((64, 43), Image.Resampling.BICUBIC))
    # Upscaling a 50x40 crop at a non-integer ratio.
    crop = source.crop((200, 100, 250, 140))
    for fname in ("nearest", "bicubic", "lanczos"):
        add(f"upscale_{fname}.ppm", "upscale", fname, crop.resize((123, 97), FILTERS[fname]))
    # A fractional source box (crop + resize in one pass).
    add("box_bicubic.ppm", "box", "bicubic",
        source.resize((80, 60), Image.Resampling.BICUBIC, box=(10.5, 20.25, 310.75, 245.5)))
    add("reduce_7.ppm", "reduce", "box", source.reduce(7))
    add("reduce_4x5.pam", "reduce", "box", rgba.reduce((4, 5)))
    # resize(reducing_gap=) with its safe box, and thumbnail (which uses it).
    add("gap_lanczos_2.ppm", "gap", "lanczos", source.resize((41, 27), Image.Resampling.LANCZOS, reducing_gap=2.0))
    thumb = source.copy()
    thumb.thumbnail((64, 64))
    add("thumbnail_64.ppm", "thumbnail", "bicubic", thumb)
    rgba_thumb = rgba.copy()
    rgba_thumb.thumbnail((50, 50), Image.Resampling.LANCZOS)
    add("thumbnail_rgba_50.pam", "thumbnail", "lanczos", rgba_thumb)
    # ImageOps.
    add("fit_100x100.ppm", "fit", "bicubic", ImageOps.fit(source, (100, 100)))
    add("fit_90x120_top_left.ppm", "fit", "bicubic", ImageOps.fit(source, (90, 120), centering=(0.0, 0.0)))
    add("contain_100x100.ppm", "contain", "bicubic", ImageOps.contain(source, (100, 100)))
    add("pad_120x120.ppm", "pad", "bicubic", ImageOps.pad(source, (120, 120), color=(255, 255, 255)))
    add("pad_rgba_80x100_end.pam", "pad", "bicubic", ImageOps.pad(rgba, (80, 100), centering=(1, 1)))


if __name__ == "__main__":
    main()
