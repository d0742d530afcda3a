#!/usr/bin/env python3
"""Makes ../../hostile/bombs/heic-grid-65536x65536.heic: a HEIF whose primary item is a `grid` of
16 x 16 HEVC tiles of 4096 x 4096, for a 65536 x 65536 output — the shape of an iPhone photo (a
grid of 512 x 512 tiles) blown up to 4.3 gigapixels. Every box is written by hand here (no encoder):
ftyp; meta with hdlr, pitm, iinf (the grid and one tile item), iref (dimg: the grid uses the tile
256 times), iprp (ispe of the grid and of the tile, an hvcC for the tile; ipma) and iloc (the grid
descriptor in idat, the tile's bytes in mdat); then mdat. Under 1 KB on disk.

Run from anywhere: python3 Tests/Fixtures/corpus/formats/make_grid_bomb.py
"""
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, "..", "..", "hostile", "bombs", "heic-grid-65536x65536.heic")


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind, version, flags, payload):
    return box(kind, struct.pack(">I", (version << 24) | flags) + payload)


rows = columns = 16
tile = 4096
output = rows * tile  # 65536: over 16 bits, so the grid descriptor uses 32-bit fields (flags & 1)

ftyp = box(b"ftyp", b"heic" + struct.pack(">I", 0) + b"mif1heic")
hdlr = full_box(b"hdlr", 0, 0, struct.pack(">I", 0) + b"pict" + bytes(12) + b"\0")
pitm = full_box(b"pitm", 0, 0, struct.pack(">H", 1))
infe_grid = full_box(b"infe", 2, 0, struct.pack(">HH", 1, 0) + b"grid" + b"\0")
infe_tile = full_box(b"infe", 2, 0, struct.pack(">HH", 2, 0) + b"hvc1" + b"\0")
iinf = full_box(b"iinf", 0, 0, struct.pack(">H", 2) + infe_grid + infe_tile)
references = rows * columns
dimg = box(b"dimg", struct.pack(">HH", 1, references) + struct.pack(">H", 2) * references)
iref = full_box(b"iref", 0, 0, dimg)
# A minimal HEVCDecoderConfigurationRecord (version 1, Main profile, no parameter-set arrays).
hvcc = box(b"hvcC", bytes([1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x5D, 0xF0, 0, 0xFC, 0xFD, 0xF8, 0xF8, 0, 0, 0x0F, 0]))
ispe_grid = full_box(b"ispe", 0, 0, struct.pack(">II", output, output))
ispe_tile = full_box(b"ispe", 0, 0, struct.pack(">II", tile, tile))
ipco = box(b"ipco", ispe_grid + hvcc + ispe_tile)
# ipma v0: item 1 -> property 1 (ispe of the grid); item 2 -> 2 (hvcC, essential), 3 (its ispe).
ipma = full_box(b"ipma", 0, 0, struct.pack(">I", 2) + struct.pack(">HB", 1, 1) + bytes([1])
                + struct.pack(">HB", 2, 2) + bytes([0x80 | 2, 3]))
iprp = box(b"iprp", ipco + ipma)
grid_descriptor = bytes([0, 1, rows - 1, columns - 1]) + struct.pack(">II", output, output)
idat = box(b"idat", grid_descriptor)
tile_bytes = bytes([0, 0, 0, 8, 0x26, 0x01, 0xAF, 0x00, 0x00, 0x00, 0x00, 0x00])  # a length-prefixed NAL stub


def iloc(mdat_offset):
    # v1: offset_size 4 and length_size 4, base_offset_size 0 and index_size 0; then per item its ID,
    # construction method (1: idat, 0: the file), data reference index 0, one extent (offset, length).
    def item(item_id, method, offset, length):
        return struct.pack(">HHHHII", item_id, method, 0, 1, offset, length)

    items = item(1, 1, 0, len(grid_descriptor)) + item(2, 0, mdat_offset, len(tile_bytes))
    return full_box(b"iloc", 1, 0, bytes([0x44, 0x00]) + struct.pack(">H", 2) + items)


def build(mdat_offset):
    meta = full_box(b"meta", 0, 0, hdlr + pitm + iloc(mdat_offset) + iinf + iref + iprp + idat)
    return ftyp + meta


head = build(0)
data = build(len(head) + 8) + box(b"mdat", tile_bytes)
with open(target, "wb") as f:
    f.write(data)
print(os.path.relpath(target, here), len(data), "bytes")
