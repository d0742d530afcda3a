#!/usr/bin/env python3
"""Writes the hostile inputs under Tests/Fixtures/hostile/ (bombs/ and exif/).

Run once from anywhere; the outputs are committed. Needs Python 3 (stdlib only), `cjpeg`
(libjpeg-turbo-progs) and the committed corpus at Tests/Fixtures/corpus.
Every input is built from a corpus image or from scratch; see the README beside this script
for what each one declares and what the library must do with it.
"""
import os
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CORPUS = os.path.join(REPO, "Tests", "Fixtures", "corpus")
BOMBS = os.path.join(HERE, "bombs")
EXIF = os.path.join(HERE, "exif")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIB = 1 << 20


def corpus(path):
    with open(os.path.join(CORPUS, path), "rb") as f:
        return f.read()


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")


# --- PNG -------------------------------------------------------------------------------

def chunk(kind, data, length=None):
    """A PNG chunk with a correct CRC; `length` overrides the declared length."""
    declared = len(data) if length is None else length
    return struct.pack(">I", declared) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def ihdr(width, height, depth=8, colour=2, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace))


def deflate_zeros(count, level=9):
    """A zlib stream that inflates to `count` zero bytes (about 1000:1)."""
    compressor = zlib.compressobj(level)
    block = bytes(MIB)
    out = []
    for _ in range(count // MIB):
        out.append(compressor.compress(block))
    out.append(compressor.compress(bytes(count % MIB)))
    out.append(compressor.flush())
    return b"".join(out)


def png_chunks(data):
    """(kind, payload) for every chunk of a PNG."""
    offset, chunks = 8, []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        chunks.append((kind, data[offset + 8:offset + 8 + length]))
        offset += 12 + length
    return chunks


def png_with_extra_chunks(base, extra):
    """`base` with `extra` (encoded chunks) inserted right after IHDR."""
    chunks = png_chunks(base)
    head = chunk(chunks[0][0], chunks[0][1])
    rest = b"".join(chunk(kind, payload) for kind, payload in chunks[1:])
    return PNG_SIGNATURE + head + extra + rest


def png_bombs():
    # Declares 100000 x 100000 RGB (30 GB of pixels) with valid CRCs; one tiny IDAT.
    row = bytes(1 + 3 * 100000)
    write(BOMBS, "png-100000x100000.png",
          PNG_SIGNATURE + ihdr(100000, 100000) + chunk(b"IDAT", zlib.compress(row, 9)) + chunk(b"IEND", b""))
    # Past libpng's own 1,000,000-pixel side limit, and a side of 2^31 - 1.
    write(BOMBS, "png-2147483647x1.png",
          PNG_SIGNATURE + ihdr(0x7FFFFFFF, 1) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))
    # Declares 16 x 16 grey (272 bytes of filtered rows) but its IDAT inflates to 64 MiB.
    write(BOMBS, "png-idat-inflates-64mib.png",
          PNG_SIGNATURE + ihdr(16, 16, 8, 0) + chunk(b"IDAT", deflate_zeros(64 * MIB)) + chunk(b"IEND", b""))
    # The same, interlaced (Adam7 reads the stream in seven passes).
    write(BOMBS, "png-idat-inflates-64mib-adam7.png",
          PNG_SIGNATURE + ihdr(16, 16, 8, 0, 1) + chunk(b"IDAT", deflate_zeros(64 * MIB)) + chunk(b"IEND", b""))

    base = corpus("pngsuite/basn2c08.png")  # 32 x 32 RGB
    bomb = deflate_zeros(64 * MIB)
    write(BOMBS, "png-ztxt-inflates-64mib.png",
          png_with_extra_chunks(base, chunk(b"zTXt", b"Comment\0\0" + bomb)))
    write(BOMBS, "png-itxt-inflates-64mib.png",
          png_with_extra_chunks(base, chunk(b"iTXt", b"Comment\0\x01\0\0\0" + bomb)))
    write(BOMBS, "png-iccp-inflates-64mib.png",
          png_with_extra_chunks(base, chunk(b"iCCP", b"bomb\0\0" + bomb)))
    # A tEXt chunk whose length field claims 2 GiB - 1; the file ends long before.
    write(BOMBS, "png-text-claims-2gib.png",
          png_with_extra_chunks(base, struct.pack(">I", 0x7FFFFFFF) + b"tEXtComment\0" + b"x" * 1024))
    # 5000 small ancillary chunks (libpng caches at most 1000 unknown/ancillary chunks).
    many = b"".join(chunk(b"tEXt", b"k%d\0v" % i) for i in range(5000))
    write(BOMBS, "png-5000-text-chunks.png", png_with_extra_chunks(base, many))


# --- JPEG ------------------------------------------------------------------------------

def jpeg_segments(data):
    """(offset, marker, length) for every marker segment before the first SOS."""
    offset, segments = 2, []
    while offset < len(data):
        marker = data[offset + 1]
        (length,) = struct.unpack(">H", data[offset + 2:offset + 4])
        segments.append((offset, marker, length))
        if marker == 0xDA:
            break
        offset += 2 + length
    return segments


def with_dimensions(jpeg, width, height):
    """`jpeg` with its SOFn frame header declaring `width` x `height`."""
    data = bytearray(jpeg)
    for offset, marker, _ in jpeg_segments(jpeg):
        if marker in (0xC0, 0xC1, 0xC2):
            struct.pack_into(">HH", data, offset + 5, height, width)
            return bytes(data)
    raise ValueError("no SOF")


def ppm(width, height):
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(height) for x in range(width) for _ in range(3))
    return b"P6\n%d %d\n255\n" % (width, height) + pixels


def end_of_first_scan(jpeg):
    """The offset of the marker that follows the entropy-coded data of the first scan."""
    offset = jpeg_segments(jpeg)[-1][0]  # the first SOS
    offset += 2 + struct.unpack(">H", jpeg[offset + 2:offset + 4])[0]
    while True:
        offset = jpeg.index(b"\xFF", offset)
        following = jpeg[offset + 1]
        if following != 0x00 and not 0xD0 <= following <= 0xD7:
            return offset
        offset += 2


def many_scans_jpeg(width=16, height=16, sampling="1x1"):
    """A valid progressive JPEG that sends every AC coefficient of every component one bit per
    scan (libjpeg allows 10 bits of successive approximation): 3 x 63 x 11 + 1 = 2,080 scans. cjpeg accepts at most 100 scans per script, so it
    makes 27 files that share the DC scan and tables, and their AC scans are concatenated."""
    coefficient_groups = [range(k, k + 7) for k in range(1, 64, 7)]
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in.ppm")
        with open(source, "wb") as f:
            f.write(ppm(width, height))
        parts = []
        for component in range(3):
            for group in coefficient_groups:
                scans = ["0,1,2: 0-0, 0, 0;"]
                for k in group:
                    scans.append("%d: %d-%d, 0, 10;" % (component, k, k))
                    scans += ["%d: %d-%d, %d, %d;" % (component, k, k, a, a - 1) for a in range(10, 0, -1)]
                script, out = os.path.join(tmp, "scans.txt"), os.path.join(tmp, "out.jpg")
                with open(script, "w") as f:
                    f.write("\n".join(scans) + "\n")
                subprocess.run(["cjpeg", "-quality", "90", "-sample", sampling, "-scans", script,
                                "-outfile", out, source], check=True)
                with open(out, "rb") as f:
                    parts.append(f.read())
    first = parts[0]
    body = first[:first.rindex(b"\xFF\xD9")]
    for part in parts[1:]:
        body += part[end_of_first_scan(part):part.rindex(b"\xFF\xD9")]
    data = body + b"\xFF\xD9"
    return data, data.count(b"\xFF\xDA")


def jpeg_bombs():
    base = corpus("libjpeg-turbo/testorig.jpg")
    write(BOMBS, "jpeg-65500x65500.jpg", with_dimensions(base, 65500, 65500))
    write(BOMBS, "jpeg-65500x1.jpg", with_dimensions(base, 65500, 1))  # fits the limit: decodes or fails cleanly
    write(BOMBS, "jpeg-progressive-65500x65500.jpg",
          with_dimensions(corpus("generated/progressive_testorig.jpg"), 65500, 65500))
    data, count = many_scans_jpeg()
    write(BOMBS, "jpeg-%d-scans.jpg" % count, data)
    # The same with a luma sampling of 3x1, which TurboJPEG 2.1 cannot classify ("Could not
    # determine subsampling type"): a decoder falling back to plain libjpeg must limit scans too.
    data, count = many_scans_jpeg(48, 16, "3x1,1x1,1x1")
    write(BOMBS, "jpeg-%d-scans-sampling-3x1.jpg" % count, data)


# --- EXIF ------------------------------------------------------------------------------

def app1_exif(tiff):
    payload = b"Exif\0\0" + tiff
    return b"\xFF\xE1" + struct.pack(">H", len(payload) + 2) + payload


def with_exif(jpeg, tiff):
    """`jpeg` with an APP1 Exif segment holding `tiff` right after SOI."""
    return jpeg[:2] + app1_exif(tiff) + jpeg[2:]


def ifd(entries, next_offset, little=True):
    e = "<" if little else ">"
    out = struct.pack(e + "H", len(entries))
    for tag, kind, count, value in entries:
        out += struct.pack(e + "HHI", tag, kind, count) + value
    return out + struct.pack(e + "I", next_offset)


def short_value(v, little=True):
    return struct.pack("<HH" if little else ">HH", v, 0)


def exif_inputs():
    base = corpus("libjpeg-turbo/testorig.jpg")
    le = b"II*\0"
    orientation6 = (0x0112, 3, 1, short_value(6))
    cases = {
        # First IFD offset far outside the segment.
        "exif-ifd0-offset-outside.jpg": le + struct.pack("<I", 0xFFFFFFF0),
        # IFD0's next-IFD offset points back at IFD0 (a loop), with a valid orientation.
        "exif-ifd-loop-self.jpg": le + struct.pack("<I", 8) + ifd([orientation6], 8),
        # The Exif sub-IFD pointer (0x8769) points at IFD0, whose next pointer points at IFD1 -> IFD0.
        "exif-subifd-loop.jpg": le + struct.pack("<I", 8)
        + ifd([orientation6, (0x8769, 4, 1, struct.pack("<I", 8))], 26)
        + ifd([(0x8769, 4, 1, struct.pack("<I", 8))], 8),
        # IFD0 claims 65535 entries in a 20-byte segment.
        "exif-entry-count-65535.jpg": le + struct.pack("<I", 8) + struct.pack("<H", 0xFFFF) + b"\0" * 8,
        # Orientation as SHORT x 2^30 (value stored at an offset far outside).
        "exif-orientation-count-huge.jpg": le + struct.pack("<I", 8)
        + ifd([(0x0112, 3, 0x40000000, struct.pack("<I", 0x7FFFFFF0))], 0),
        # Orientation 9999 and 0: out of range, must read as "up".
        "exif-orientation-9999.jpg": le + struct.pack("<I", 8) + ifd([(0x0112, 3, 1, short_value(9999))], 0),
        # Orientation with a wrong type (ASCII) and a LONG holding 6.
        "exif-orientation-wrong-type.jpg": le + struct.pack("<I", 8) + ifd([(0x0112, 2, 4, b"6\0\0\0")], 0),
        # A TIFF header with neither II nor MM.
        "exif-bad-byte-order.jpg": b"XX*\0" + struct.pack("<I", 8) + ifd([orientation6], 0),
        # A TIFF header cut after the byte order.
        "exif-truncated-header.jpg": b"II",
        # An empty Exif payload.
        "exif-empty.jpg": b"",
        # Big-endian, valid orientation 6, but next-IFD offset = 0xFFFFFFFF.
        "exif-big-endian-next-outside.jpg": b"MM\0*" + struct.pack(">I", 8)
        + ifd([(0x0112, 3, 1, struct.pack(">HH", 6, 0))], 0xFFFFFFFF, little=False),
    }
    for name, tiff in cases.items():
        write(EXIF, name, with_exif(base, tiff))
    # An APP1 whose segment length runs past the end of the file.
    broken = base[:2] + b"\xFF\xE1\xFF\xF0Exif\0\0II*\0\x08\0\0\0" + base[2:40]
    write(EXIF, "exif-segment-length-past-end.jpg", broken)
    # 3,000 APP1 Exif segments, each with an IFD loop.
    loop = app1_exif(le + struct.pack("<I", 8) + ifd([orientation6], 8))
    write(EXIF, "exif-3000-segments.jpg", base[:2] + loop * 3000 + base[2:])


if __name__ == "__main__":
    if not os.path.isdir(CORPUS):
        sys.exit("corpus not found at %s" % CORPUS)
    png_bombs()
    jpeg_bombs()
    exif_inputs()
