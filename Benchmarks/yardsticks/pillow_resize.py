#!/usr/bin/env python3
"""Pillow's resampler alone: 3000x2000 RGB to 256x171, Lanczos, timed around the resize only.

    pillow_resize.py IN.png RUNS

Decodes IN once, then resizes it RUNS + 1 times and prints the median of all but the first
(warm-up) in seconds: the yardstick of compare.py's resampler row.
"""
import statistics
import sys
import time

from PIL import Image

image = Image.open(sys.argv[1]).convert("RGB")
image.load()
runs = int(sys.argv[2])
times = []
for _ in range(runs + 1):
    start = time.perf_counter()
    image.resize((256, 171), Image.LANCZOS)
    times.append(time.perf_counter() - start)
print(statistics.median(times[1:]))
