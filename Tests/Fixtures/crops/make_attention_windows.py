#!/usr/bin/env python3
"""Records libvips' attention-crop windows for CropStrategy.attention's test (Documentation/Performance.md#request-time-images).

For each (image, box) below, the window `vipsthumbnail --smartcrop attention` keeps: `vips thumbnail`
to cover the box (what vipsthumbnail crops), `vips smartcrop --interesting attention` for the
attention centre, the box centred on it and kept inside. Written to windows.tsv as the window's left
and top edge, each a share of the covering image's width and height. Needs libvips-tools (8.14) and
pillow; run from the repository root:

    python3 Tests/Fixtures/crops/make_attention_windows.py

Images: photos from the repository's corpus (Tests/Fixtures/corpus, licences there) and scenes this
script draws (scenes/*.png: a textured skin-toned disc off-centre on a plain or graded field).
"""
import os
import subprocess
import tempfile

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def scene(name, size, centre, radius, background, graded=False):
    w, h = size
    im = Image.new("RGB", size, background)
    if graded:
        px = im.load()
        for y in range(h):
            for x in range(w):
                px[x, y] = (background[0] + x * 60 // w, background[1] + y * 40 // h, background[2])
    draw = ImageDraw.Draw(im)
    cx, cy = centre
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(224, 172, 140))
    for k in range(0, 2 * radius, 6):
        draw.line((cx - radius + k, cy - radius, cx - radius + k, cy + radius), fill=(194, 142, 110), width=2)
    os.makedirs(os.path.join(HERE, "scenes"), exist_ok=True)
    path = os.path.join(HERE, "scenes", name + ".png")
    im.save(path)
    return os.path.relpath(path, ROOT)


def vips(*args):
    return subprocess.run(["vips", *args], check=True, capture_output=True, text=True,
                          env=dict(os.environ, VIPS_WARNING="0")).stdout


def window(path, box):
    bw, bh = box
    with Image.open(os.path.join(ROOT, path)) as im:
        w, h = im.size
    with tempfile.TemporaryDirectory() as tmp:
        cover = os.path.join(tmp, "cover.v")
        if w * bh > h * bw:
            vips("thumbnail", os.path.join(ROOT, path), cover, "100000", "--height", str(bh))
        else:
            vips("thumbnail", os.path.join(ROOT, path), cover, str(bw), "--height", "100000")
        cw = int(subprocess.run(["vipsheader", "-f", "width", cover], capture_output=True, text=True).stdout)
        ch = int(subprocess.run(["vipsheader", "-f", "height", cover], capture_output=True, text=True).stdout)
        ax, ay = (int(v) for v in vips("smartcrop", cover, os.path.join(tmp, "c.v"), str(bw), str(bh),
                                       "--interesting", "attention", "--attention-x", "--attention-y").split())
    left = min(max(ax - bw // 2, 0), cw - bw)
    top = min(max(ay - bh // 2, 0), ch - bh)
    return left / cw, top / ch


def main():
    cases = [
        ("Tests/Fixtures/corpus/exif-orientation/Landscape_1.jpg", (128, 128)),
        ("Tests/Fixtures/corpus/exif-orientation/Landscape_1.jpg", (48, 96)),
        ("Tests/Fixtures/corpus/exif-orientation/Portrait_1.jpg", (128, 128)),
        ("Tests/Fixtures/corpus/exif-orientation/Portrait_1.jpg", (200, 50)),
        ("Tests/Fixtures/corpus/libjpeg-turbo/testorig.jpg", (64, 64)),
        ("Tests/Fixtures/corpus/libjpeg-turbo/vgl_5674_0098.png", (40, 80)),
        (scene("disc-right", (900, 450), (700, 200), 120, (70, 90, 110)), (128, 128)),
        (scene("disc-left-graded", (800, 400), (150, 260), 100, (40, 60, 80), graded=True), (128, 128)),
        (scene("disc-top", (360, 900), (200, 160), 110, (90, 110, 70)), (96, 96)),
    ]
    with open(os.path.join(HERE, "windows.tsv"), "w") as out:
        out.write("# file\tbox_width\tbox_height\tleft\ttop  (libvips 8.14 attention window, shares of the covering image)\n")
        for path, box in cases:
            left, top = window(path, box)
            out.write(f"{path}\t{box[0]}\t{box[1]}\t{left:.4f}\t{top:.4f}\n")


if __name__ == "__main__":
    main()
