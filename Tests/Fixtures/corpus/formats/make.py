#!/usr/bin/env python3
"""Remakes the WebP, GIF, HEIC and AVIF fixtures of this folder from the corpus, and the three
format bombs in ../../hostile/bombs/.

Needs: webp (cwebp), libheif-examples (heif-enc), gifsicle, and Pillow 13 (pip install pillow).
Run from anywhere: python3 Tests/Fixtures/corpus/formats/make.py
"""
import io
import os
import struct
import subprocess
import sys
import tempfile

from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.dirname(here)
bombs = os.path.join(corpus, "..", "hostile", "bombs")
testorig = os.path.join(corpus, "libjpeg-turbo", "testorig.jpg")  # 227 x 149 YCbCr
testorig_png = os.path.join(corpus, "libjpeg-turbo", "testorig.png")  # 227 x 149 gray
vgl = os.path.join(corpus, "libjpeg-turbo", "vgl_5674_0098.png")  # 120 x 96 RGB, 3,024-byte ICC profile
alpha_png = os.path.join(corpus, "pngsuite", "basn6a08.png")  # 32 x 32 RGBA, alpha gradient
landscape6 = os.path.join(corpus, "exif-orientation", "Landscape_6.jpg")  # EXIF orientation 6


def out(name):
    return os.path.join(here, name)


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --- WebP (cwebp) ---
run("cwebp", "-q", "80", testorig, "-o", out("lossy.webp"))
run("cwebp", "-lossless", testorig_png, "-o", out("lossless.webp"))
run("cwebp", "-q", "90", "-alpha_q", "100", alpha_png, "-o", out("alpha.webp"))
run("cwebp", "-lossless", "-exact", alpha_png, "-o", out("alpha-lossless.webp"))
# -metadata icc keeps the PNG's iCCP profile as an ICCP chunk, which needs the VP8X header.
run("cwebp", "-q", "80", "-metadata", "icc", vgl, "-o", out("icc.webp"))

# --- GIF (Pillow, gifsicle) ---
photo = Image.open(testorig).convert("RGB")
photo.quantize(256).save(out("static.gif"))
# Alpha below 50 % becomes the transparent colour.
rgba = Image.open(alpha_png).convert("RGBA")
paletted = rgba.convert("RGB").quantize(255)
alpha = rgba.getchannel("A").tobytes()
paletted.frombytes(bytes(255 if a < 128 else p for p, a in zip(paletted.tobytes(), alpha)))
paletted.save(out("transparent.gif"), transparency=255)
# Two frames: the photo, then the photo upside down; only the first is decoded.
frames = [photo.quantize(256), photo.transpose(Image.Transpose.FLIP_TOP_BOTTOM).quantize(256)]
frames[0].save(out("animated.gif"), save_all=True, append_images=frames[1:], duration=100, loop=0)
# The transparent frame at (8, 4) on a 48 x 40 logical screen: the canvas is the screen.
with open(out("offset.gif"), "wb") as f:
    subprocess.run(
        ["gifsicle", "--logical-screen", "48x40", "--position", "8,4", out("transparent.gif")],
        check=True, stdout=f)

# --- HEIC / AVIF (heif-enc) ---
with tempfile.TemporaryDirectory() as scratch:
    small6 = os.path.join(scratch, "small6.jpg")
    exif = Image.open(landscape6).getexif()
    Image.open(landscape6).resize((80, 120)).save(small6, exif=exif.tobytes(), quality=90)
    run("heif-enc", "-q", "50", testorig, "-o", out("plain.heic"))
    run("heif-enc", "-q", "50", small6, "-o", out("exif6.heic"))
    run("heif-enc", "-q", "60", alpha_png, "-o", out("alpha.heic"))
    run("heif-enc", "-A", "-q", "50", testorig, "-o", out("plain.avif"))


def boxes(data, start, end):
    """(type, start, header size, end) of the boxes in data[start:end]."""
    result = []
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start : start + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[start + 8 : start + 16])[0]
            header = 16
        elif size == 0:
            size = end - start
        result.append((kind.decode("latin1"), start, header, start + size))
        start += size
    return result


def add_rotation(heic, angle):
    """heic with an `irot` property (angle x 90 degrees anticlockwise) on its primary item: the box
    is appended to ipco, associated (essential) in ipma, and every size and iloc offset after it
    is moved by the bytes added."""
    data = bytearray(heic)
    top = boxes(data, 0, len(data))
    (_, meta_start, _, meta_end) = next(b for b in top if b[0] == "meta")
    children = boxes(data, meta_start + 12, meta_end)
    pitm = next(b for b in children if b[0] == "pitm")
    primary = struct.unpack(">H", data[pitm[1] + 12 : pitm[1] + 14])[0]
    iprp = next(b for b in children if b[0] == "iprp")
    ipco, ipma = [next(b for b in boxes(data, iprp[1] + 8, iprp[3]) if b[0] == t) for t in ("ipco", "ipma")]
    index = len(boxes(data, ipco[1] + 8, ipco[3])) + 1
    assert data[ipma[1] + 8] == 0 and data[ipma[1] + 11] & 1 == 0, "ipma version 0, 7-bit indices"
    # Find the primary item's ipma entry and add the association.
    count = struct.unpack(">I", data[ipma[1] + 12 : ipma[1] + 16])[0]
    offset = ipma[1] + 16
    insert_at = None
    for _ in range(count):
        item = struct.unpack(">H", data[offset : offset + 2])[0]
        n = data[offset + 2]
        if item == primary:
            insert_at = offset
            break
        offset += 3 + n
    assert insert_at is not None
    n = data[insert_at + 2]
    entry_end = insert_at + 3 + n
    irot = struct.pack(">I4sB", 9, b"irot", angle)
    added = len(irot) + 1
    # Edits from the back, so earlier offsets stay valid.
    data[entry_end:entry_end] = bytes([0x80 | index])
    data[insert_at + 2] = n + 1
    data[ipco[3] : ipco[3]] = irot
    for box in (ipma,):
        struct.pack_into(">I", data, box[1] + len(irot), box[3] - box[1] + 1)
    struct.pack_into(">I", data, ipco[1], ipco[3] - ipco[1] + len(irot))
    struct.pack_into(">I", data, iprp[1], iprp[3] - iprp[1] + added)
    struct.pack_into(">I", data, meta_start, meta_end - meta_start + added)
    # iloc (before iprp in heif-enc's files): move every file offset by `added`.
    iloc = next(b for b in boxes(data, meta_start + 12, meta_end + added) if b[0] == "iloc")
    assert iloc[1] < iprp[1]
    p = iloc[1] + 8
    version = data[p]
    p += 4
    offset_size, length_size = data[p] >> 4, data[p] & 15
    base_size, index_size = data[p + 1] >> 4, (data[p + 1] & 15 if version in (1, 2) else 0)
    p += 2
    items = struct.unpack(">H", data[p : p + 2])[0] if version < 2 else struct.unpack(">I", data[p : p + 4])[0]
    p += 2 if version < 2 else 4
    fmt = {0: None, 4: ">I", 8: ">Q"}
    for _ in range(items):
        p += 2 if version < 2 else 4
        method = 0
        if version in (1, 2):
            method = struct.unpack(">H", data[p : p + 2])[0] & 15
            p += 2
        p += 2  # data_reference_index
        base = struct.unpack(fmt[base_size], data[p : p + base_size])[0] if base_size else 0
        if base_size and method == 0 and base:
            struct.pack_into(fmt[base_size], data, p, base + added)
        p += base_size
        extents = struct.unpack(">H", data[p : p + 2])[0]
        p += 2
        for _ in range(extents):
            p += index_size
            if offset_size and method == 0 and not base:
                value = struct.unpack(fmt[offset_size], data[p : p + offset_size])[0]
                struct.pack_into(fmt[offset_size], data, p, value + added)
            p += offset_size + length_size
    return bytes(data)


with open(out("plain.heic"), "rb") as f:
    plain = f.read()
with open(out("rotated.heic"), "wb") as f:
    f.write(add_rotation(plain, 1))

# --- Bombs: valid files whose headers claim huge sizes ---
with open(out("lossy.webp"), "rb") as f:
    webp = bytearray(f.read())
assert webp[12:16] == b"VP8 " and webp[23:26] == b"\x9d\x01\x2a"
struct.pack_into("<HH", webp, 26, 16383, 16383)
with open(os.path.join(bombs, "webp-16383x16383.webp"), "wb") as f:
    f.write(webp)

with open(out("static.gif"), "rb") as f:
    gif = bytearray(f.read())
struct.pack_into("<HH", gif, 6, 65535, 65535)
with open(os.path.join(bombs, "gif-65535x65535.gif"), "wb") as f:
    f.write(gif)

# Every ispe (the primary item's among them) says 65536 x 65536: same length, so no offset moves.
heic = bytearray(plain)
at = heic.find(b"ispe")
assert at > 0
while at > 0:
    struct.pack_into(">II", heic, at + 8, 65536, 65536)
    at = heic.find(b"ispe", at + 4)
with open(os.path.join(bombs, "heic-65536x65536.heic"), "wb") as f:
    f.write(heic)

for name in sorted(os.listdir(here)):
    if not name.endswith((".py", ".md")):
        print(f"{name}\t{os.path.getsize(out(name))}")

# --- Reference pixels: Pillow for WebP and GIF (libwebp, Pillow's own GIF reader), heif-convert
# (libheif's decode to PNG) for HEIC and AVIF. Five points per image: the corners and the centre.
def reference(name):
    path = out(name)
    if name.endswith((".heic", ".avif")):
        with tempfile.TemporaryDirectory() as scratch:
            png = os.path.join(scratch, "decoded.png")
            run("heif-convert", path, png)
            image = Image.open(png)
            image.load()
    else:
        image = Image.open(path)
        image.load()
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    w, h = image.size
    points = [(0, 0), (w - 1, 0), (w // 2, h // 2), (0, h - 1), (w - 1, h - 1)]
    samples = " ".join(f"{x},{y}=" + ",".join(str(v) for v in image.getpixel((x, y))) for x, y in points)
    return f"{name}\t{w}\t{h}\t{image.mode}\t{samples}"


rows = [reference(n) for n in sorted(os.listdir(here)) if n.endswith((".webp", ".gif", ".heic", ".avif"))]
with open(out("references.tsv"), "w") as f:
    f.write("file\twidth\theight\tmode\tpixels (x,y=samples)\n" + "\n".join(rows) + "\n")
