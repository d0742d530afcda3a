#!/usr/bin/env python3
"""Writes regressions/restart-intervals-damaged.jpg: a complete JPEG whose entropy data is damaged
mid-stream in the two ways libjpeg recovers from at a restart marker.

Pillow's Tests/images/hopper_bad_exif.jpg showed the bug (libjpeg warns "N extraneous bytes before
marker 0xd0" and "premature end of data segment" at a restart marker, then resynchronises; Pillow
and djpeg decode the whole image, the library said "truncated"). This file reproduces it from the
committed corpus: libjpeg-turbo's testorig.jpg (227 x 149), re-encoded by Pillow with a restart
marker after every MCU row, then
  - the second half of restart interval 3's entropy data is cut out (the decoder meets RST3 before
    the interval's last block: "premature end of data segment"), and
  - 1214 bytes of garbage are put in front of RST6 (libjpeg: "1220 extraneous bytes before marker
    0xd6", the garbage and the tail of the interval it could not use).
The file still ends with its EOI: no data is missing at the end.

    pip install pillow
    python3 Tests/Fixtures/hostile/make_damaged_jpeg.py
"""
import io
import os
import random

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "corpus", "libjpeg-turbo", "testorig.jpg")
OUTPUT = os.path.join(HERE, "regressions", "restart-intervals-damaged.jpg")


def restart_markers(data, scan_start):
    """The offsets of the RSTn markers (FF D0 ... FF D7) in the entropy data after `scan_start`."""
    return [i for i in range(scan_start, len(data) - 1) if data[i] == 0xFF and 0xD0 <= data[i + 1] <= 0xD7]


def main():
    encoded = io.BytesIO()
    Image.open(SOURCE).save(encoded, "JPEG", quality=90, restart_marker_rows=1)
    data = bytearray(encoded.getvalue())
    sos = data.index(b"\xff\xda")
    scan_start = sos + 2 + int.from_bytes(data[sos + 2 : sos + 4], "big")
    markers = restart_markers(data, scan_start)
    # Garbage first (it sits later in the file, so the cut below does not move it): no 0xFF byte,
    # so no marker appears in it.
    garbage = bytes(random.Random(1214).randrange(0, 0xFF) for _ in range(1214))
    data[markers[6] : markers[6]] = garbage
    # Interval 3 runs from just after RST2 to RST3; drop its second half.
    first, end = markers[2] + 2, markers[3]
    del data[(first + end) // 2 : end]
    with open(OUTPUT, "wb") as f:
        f.write(data)
    print(f"{os.path.relpath(OUTPUT, HERE)}: {len(data)} bytes, {len(markers)} restart markers")


if __name__ == "__main__":
    main()
