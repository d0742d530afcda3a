#!/usr/bin/env python3
"""How close a thumbnail is to its reference: the PSNR in dB over the RGB samples.

    psnr.py REFERENCE OUTPUT      # prints e.g. 26.14

Both images are read as 8-bit RGB (an alpha channel is ignored). PSNR is
10·log10(255² / MSE), the mean squared error taken over every R, G and B sample; identical
images print "inf". An OUTPUT of another size is first resized to the reference's with
Lanczos, and stderr says "resized", so the caller can tell that the score is not
pixel-for-pixel (compare.py marks such scores).
"""
import sys

import numpy as np
from PIL import Image


def rgb(path):
    return Image.open(path).convert("RGB")


def psnr(reference, output):
    difference = np.asarray(reference, dtype=np.float64) - np.asarray(output, dtype=np.float64)
    mse = float(np.mean(difference * difference))
    return float("inf") if mse == 0 else 10 * np.log10(255.0 * 255.0 / mse)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    reference, output = rgb(argv[0]), rgb(argv[1])
    if output.size != reference.size:
        print(f"psnr.py: {argv[1]} is {output.size[0]}×{output.size[1]}, resized to the reference's "
              f"{reference.size[0]}×{reference.size[1]}", file=sys.stderr)
        output = output.resize(reference.size, Image.Resampling.LANCZOS)
    print(f"{psnr(reference, output):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
