#!/usr/bin/env python3
"""Reference decodes made once with Pillow (pip install pillow numpy) for ImagingTests.

Writes, next to this script:
  png-references.tsv  path, width, height, pixel format, FNV-1a-64 of the raw pixels, for every
                      valid PngSuite file (and the corpus' other PNGs), converted to the pixel
                      format our decoder produces: palette -> rgb (rgba with tRNS), tRNS on
                      gray/RGB -> alpha, 16-bit -> 8-bit by keeping the most significant byte
                      (Pillow does that itself for RGB/RGBA; for 16-bit gray, mode I;16, we shift).
                      One deliberate difference: a tRNS key on 1/2/4-bit gray is compared with the
                      stored sample (PNG spec, libpng), not with Pillow's 8-bit expansion.
  jpeg-block-means.tsv  path, width, height, block, then the per-channel means of every
                      block x block tile (row-major, rounded), of Pillow's convert("RGB") / "L"
                      decode; used with a tolerance because JPEG decoders may differ by +-1.

Usage: python3 make_references.py [../corpus]
"""
import os
import struct
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def fnv1a64(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for byte in data:
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def png_layout(path):
    """(colour type, bit depth, has tRNS before IDAT) from the file itself."""
    data = open(path, "rb").read()
    color_type, depth = data[25], data[24]
    offset, trns = 8, False
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if kind == b"IDAT":
            break
        trns = trns or kind == b"tRNS"
        offset += 12 + length
    return color_type, depth, trns


def our_png_pixels(path):
    color_type, depth, trns = png_layout(path)
    im = Image.open(path)
    gray = color_type in (0, 4)
    alpha = color_type in (4, 6) or trns
    if im.mode in ("I;16", "I;16B", "I"):  # 16-bit gray: keep the most significant byte
        values = (np.asarray(im, dtype=np.uint32) >> 8).astype(np.uint8)
        if alpha:  # tRNS on 16-bit gray: compare the full 16-bit value, as libpng does
            key = im.info["transparency"]
            a = np.where(np.asarray(im, dtype=np.uint32) == key, 0, 255).astype(np.uint8)
            values = np.dstack([values, a])
        return ("grayAlpha" if alpha else "gray"), values
    if color_type == 0 and depth < 8 and trns:
        # Pillow compares the tRNS key (a depth-bit sample) with the 8-bit expanded value, so
        # tbbn0g04's key 15 never matches; libpng, correctly, compares the stored sample.
        key = im.info["transparency"] * 255 // ((1 << depth) - 1)
        values = np.asarray(im)
        return "grayAlpha", np.dstack([values, np.where(values == key, 0, 255).astype(np.uint8)])
    rgba = np.asarray(im.convert("RGBA"))
    if gray:
        channels = [rgba[:, :, 0]] + ([rgba[:, :, 3]] if alpha else [])
        return ("grayAlpha" if alpha else "gray"), np.dstack(channels)
    return ("rgba", rgba) if alpha else ("rgb", rgba[:, :, :3])


def png_rows(corpus):
    rows = []
    for directory in ("pngsuite", "libjpeg-turbo"):
        for name in sorted(os.listdir(os.path.join(corpus, directory))):
            if not name.endswith(".png") or name.startswith("x"):
                continue
            path = os.path.join(corpus, directory, name)
            fmt, pixels = our_png_pixels(path)
            pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
            h, w = pixels.shape[0], pixels.shape[1]
            rows.append(f"{directory}/{name}\t{w}\t{h}\t{fmt}\t{fnv1a64(pixels.tobytes())}")
    return rows


def block_means(pixels, block):
    h, w = pixels.shape[0], pixels.shape[1]
    pixels = pixels.reshape(h, w, -1).astype(np.float64)
    out = []
    for by in range(0, h, block):
        for bx in range(0, w, block):
            tile = pixels[by : by + block, bx : bx + block]
            out.extend(int(round(v)) for v in tile.mean(axis=(0, 1)))
    return out


def jpeg_rows(corpus):
    names = [
        "jpeg-misc/jpg-cmyk-1.jpg", "jpeg-misc/jpg-cmyk-2.jpg", "jpeg-misc/ycck.jpg",
        "generated/cmyk_testorig.jpg", "libjpeg-turbo/testorig.jpg", "generated/gray_testorig.jpg",
        "exif-orientation/Landscape_1.jpg",
    ]
    rows = []
    for name in names:
        im = Image.open(os.path.join(corpus, name))
        im = im.convert("L" if im.mode == "L" else "RGB")
        pixels = np.asarray(im)
        block = 8 if max(im.size) <= 512 else 32
        values = ",".join(map(str, block_means(pixels, block)))
        rows.append(f"{name}\t{im.size[0]}\t{im.size[1]}\t{block}\t{values}")
    return rows


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "corpus")
    with open(os.path.join(HERE, "png-references.tsv"), "w") as f:
        f.write("\n".join(png_rows(corpus)) + "\n")
    with open(os.path.join(HERE, "jpeg-block-means.tsv"), "w") as f:
        f.write("\n".join(jpeg_rows(corpus)) + "\n")


if __name__ == "__main__":
    main()
