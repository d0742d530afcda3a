#!/usr/bin/env python3
"""The thumbnail job as a Django service built on Pillow does it: the Pillow yardstick.

    pillow_thumb.py IN OUT SIZE             # the service: draft, exif_transpose, thumbnail (bicubic)
    pillow_thumb.py IN OUT SIZE --lanczos   # the same with Lanczos, Pillow's best filter
    pillow_thumb.py IN OUT SIZE --ideal     # the quality reference compare.py scores against

The service opens the file, asks a JPEG decoder for a DCT-scaled decode (`draft`), applies
the EXIF orientation, makes the thumbnail with Pillow's defaults (bicubic, reducing gap 2),
and saves it into an in-memory buffer (JPEG quality 85, or PNG when OUT ends in .png), as a
view would before handing the bytes to a storage; only then are they written to OUT.

`--ideal` spends whatever the best result costs: the full-resolution decode (no draft), the
EXIF orientation, one Lanczos resize straight to the thumbnail's size, written as PNG (or as
JPEG q85 when OUT says so). Its size is the one `Image.thumbnail` gives, so every tool's
output can be compared with it pixel for pixel.

The arguments are read by hand: argparse would add its import to every timed run.
"""
import io
import math
import sys

from PIL import Image, ImageOps


def thumbnail_size(width, height, box):
    """The size Image.thumbnail((box, box)) gives: the aspect ratio kept, the free side the
    floor or ceiling that keeps it closer (the floor on a tie), never larger than the image."""
    if box >= width and box >= height:
        return width, height
    aspect = width / height

    def closest(value, error):
        return max(min(math.floor(value), math.ceil(value), key=error), 1)

    if 1 >= aspect:
        return closest(box * aspect, lambda n: abs(aspect - n / box)), box
    return box, closest(box / aspect, lambda n: 0 if n == 0 else abs(aspect - box / n))


def service(image, box, resample):
    if image.format == "JPEG":
        image.draft("RGB", (box, box))
    image = ImageOps.exif_transpose(image)
    image.thumbnail((box, box), resample)
    return image


def ideal(image, box):
    image.load()
    image = ImageOps.exif_transpose(image)
    return image.resize(thumbnail_size(image.width, image.height, box), Image.Resampling.LANCZOS)


def encoded(image, as_png):
    buffer = io.BytesIO()
    if as_png:
        image.save(buffer, "PNG")
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def main(argv):
    flags = {a for a in argv if a.startswith("--")}
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 3 or not paths[2].isdigit() or int(paths[2]) < 1 or flags - {"--lanczos", "--ideal"}:
        print(__doc__, file=sys.stderr)
        return 2
    source, target, box = paths[0], paths[1], int(paths[2])
    image = Image.open(source)
    if "--ideal" in flags:
        image = ideal(image, box)
    else:
        resample = Image.Resampling.LANCZOS if "--lanczos" in flags else Image.Resampling.BICUBIC
        image = service(image, box, resample)
    data = encoded(image, target.lower().endswith(".png"))
    with open(target, "wb") as out:
        out.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
