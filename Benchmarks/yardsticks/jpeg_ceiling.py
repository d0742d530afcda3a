#!/usr/bin/env python3
"""The quality ceiling of a JPEG thumbnail: the reference itself saved as q85 4:2:0 with Pillow.

    jpeg_ceiling.py REFERENCE.png OUT.jpg

compare.py scores OUT against REFERENCE; no thumbnail JPEG at those settings can score higher.
"""
import sys

from PIL import Image

Image.open(sys.argv[1]).convert("RGB").save(sys.argv[2], "JPEG", quality=85, subsampling="4:2:0")
