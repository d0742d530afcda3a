#!/usr/bin/env python3
"""The two inputs compare.py makes once from a shipped wallpaper, with Pillow.

    make_inputs.py SOURCE.jpg BIG.jpg RESAMPLE.png

No 15-25 MP photo ships in the package, so the wallpaper is upscaled (Lanczos) to 5984x3366 =
20.1 MP and saved as a baseline 4:2:0 JPEG at q92 (BIG), and resized to 3000x2000 and saved as a
quickly compressed PNG (RESAMPLE, the resampler row's input).
"""
import sys

from PIL import Image

source, big, resample = sys.argv[1:4]
image = Image.open(source).convert("RGB")
image.resize((5984, 3366), Image.LANCZOS).save(big, "JPEG", quality=92, subsampling="4:2:0", progressive=False)
image.resize((3000, 2000), Image.LANCZOS).save(resample, "PNG", compress_level=1)
