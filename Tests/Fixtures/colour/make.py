#!/usr/bin/env python3
"""Makes the colour and metadata fixtures of ColorProfileTests and PNGOrientationTests.

Run from anywhere: python3 Tests/Fixtures/colour/make.py
Needs: Pillow 13 (pip install pillow), jpgicc (Debian liblcms2-utils 2.14), and Debian
icc-profiles-free's compatibleWithAdobeRGB1998.icc and Gray.icc (zlib licence; Kai-Uwe Behrmann,
Marti Maria and others), which the fixtures embed. Every other source is in this repository: the
photo is Tests/Fixtures/corpus/exif-orientation/Landscape_1.jpg (MIT, see its LICENSE).
The outputs are committed; SIZES.tsv lists each with its size in pixels and bytes.
"""
import io
import os
import struct
import subprocess
import zlib

from PIL import Image, ImageCms

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))
photo = os.path.join(root, "Tests/Fixtures/corpus/exif-orientation/Landscape_1.jpg")
adobe_path = "/usr/share/color/icc/compatibleWithAdobeRGB1998.icc"
gray_path = "/usr/share/color/icc/Gray.icc"


def out(name):
    return os.path.join(here, name)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_with_chunks(image, extra):
    """`image` as PNG with `extra` chunks inserted right after IHDR."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    data = buffer.getvalue()
    ihdr_end = 8 + 8 + 13 + 4
    return data[:ihdr_end] + b"".join(extra) + data[ihdr_end:]


def exif_with_orientation(value):
    exif = Image.Exif()
    exif[0x0112] = value
    return exif.tobytes()  # b"Exif\0\0" + TIFF


source = Image.open(photo).convert("RGB")

# The two profiles themselves, as seeds for the icc-profile fuzz target.
os.makedirs(out("profiles"), exist_ok=True)
for path in (adobe_path, gray_path):
    with open(path, "rb") as f, open(out("profiles/" + os.path.basename(path)), "wb") as g:
        g.write(f.read())

# --- an Adobe RGB photo: sRGB pixels converted by lcms2 (through Pillow), the profile embedded.
small = source.resize((600, 400), Image.Resampling.LANCZOS)
with open(adobe_path, "rb") as f:
    adobe = f.read()
srgb = ImageCms.createProfile("sRGB")
to_adobe = ImageCms.buildTransform(srgb, ImageCms.ImageCmsProfile(io.BytesIO(adobe)), "RGB", "RGB",
                                   renderingIntent=ImageCms.Intent.PERCEPTUAL)
adobe_pixels = ImageCms.applyTransform(small, to_adobe)
# 4:4:4, as jpgicc writes its output: a DCT-scaled decode upsamples 4:2:0 chroma differently,
# which would make the comparison of thumbnails measure the subsampling, not the conversion.
adobe_pixels.save(out("adobe-rgb.jpg"), "JPEG", quality=92, subsampling=0, icc_profile=adobe)
adobe_pixels.save(out("adobe-rgb.png"), "PNG", icc_profile=adobe)
# The reference conversion: jpgicc (lcms2's own tool), perceptual, built-in sRGB out, quality 100.
subprocess.run(["jpgicc", "-t0", "-q100", out("adobe-rgb.jpg"), out("adobe-rgb.jpgicc-srgb.jpg")], check=True)
# A gray JPEG carrying icc-profiles-free's Gray.icc (420 bytes).
with open(gray_path, "rb") as f:
    gray_profile = f.read()
small.convert("L").resize((300, 200)).save(out("gray-profile.jpg"), "JPEG", quality=92, icc_profile=gray_profile)

# --- EXIF with GPS, a camera serial number and an embedded thumbnail: none may reach an output.
gps_image = source.resize((300, 200))
exif = Image.Exif()
exif[0x010F] = "Example Camera Co."  # Make
exif[0x0110] = "Model 1"  # Model
exif[0x0112] = 1
exif_ifd = exif.get_ifd(0x8769)
exif_ifd[0xA431] = "SERIAL-0123456789"  # BodySerialNumber
gps = exif.get_ifd(0x8825)
gps[1] = "N"
gps[2] = (48.0, 51.0, 29.0)
gps[3] = "E"
gps[4] = (2.0, 17.0, 40.0)
gps_image.save(out("gps-exif.jpg"), "JPEG", quality=90, exif=exif.tobytes())

# --- PNG orientation, three ways, orientation 6 ("rotate 90° clockwise to display"). The display
# image is 256 x 170; stored, it is 170 x 256. orientation-none.png is the display image itself.
display = source.resize((256, 170), Image.Resampling.LANCZOS)
stored = display.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise: undone by orientation 6
display.save(out("orientation-none.png"), "PNG")
stored.save(out("orientation-stored.png"), "PNG")
tiff = exif_with_orientation(6)[6:]
with open(out("orientation-exif.png"), "wb") as f:
    f.write(png_with_chunks(stored, [chunk(b"eXIf", tiff)]))
hex_text = exif_with_orientation(6).hex()
raw = "\nexif\n%8d\n" % (len(hex_text) // 2) + "\n".join(hex_text[i:i + 72] for i in range(0, len(hex_text), 72)) + "\n"
with open(out("orientation-raw-profile.png"), "wb") as f:
    f.write(png_with_chunks(stored, [chunk(b"zTXt", b"Raw profile type exif\0\0" + zlib.compress(raw.encode()))]))
xmp = ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
       'xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>'
       '<?xpacket end="r"?>')
with open(out("orientation-xmp.png"), "wb") as f:
    f.write(png_with_chunks(stored, [chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0" + xmp.encode())]))

# --- an iCCP bomb: a profile header declaring 100 MB and a zlib stream that inflates to 100 MB of
# zeros (about 100 KB on disk); the decoder must stop inflating at the 4 MiB limit.
bomb_size = 100 * 1000 * 1000
header = bytearray(adobe[:128])
header[0:4] = struct.pack(">I", bomb_size)
compressor = zlib.compressobj(9)
stream = compressor.compress(bytes(header))
zeros = bytes(1 << 20)
for _ in range(bomb_size // len(zeros)):
    stream += compressor.compress(zeros)
stream += compressor.flush()
tiny = source.resize((64, 43))
with open(out("iccp-bomb.png"), "wb") as f:
    f.write(png_with_chunks(tiny, [chunk(b"iCCP", b"bomb\0\0" + stream)]))

with open(out("SIZES.tsv"), "w") as f:
    f.write("file\twidth\theight\tbytes\n")
    for name in sorted(os.listdir(here)):
        if name.endswith((".jpg", ".png")):
            with open(out(name), "rb") as g:
                data = g.read()
            if name.endswith(".png"):  # IHDR; Pillow itself refuses to open the iCCP bomb
                width, height = struct.unpack(">II", data[16:24])
            else:
                with Image.open(out(name)) as image:
                    width, height = image.size
            f.write("%s\t%d\t%d\t%d\n" % (name, width, height, len(data)))
print("wrote", ", ".join(sorted(n for n in os.listdir(here) if n.endswith((".jpg", ".png")))))
