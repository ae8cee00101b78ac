"""Make the web app's icons from the cover: python scripts/make_icons.py [FOLDER]

The page installs as an app (voiceguide/web/static/icons/): a 512 x 512 icon (the cover's
own pixels) and a 192 x 192 one (each pixel the average of the cover's pixels under it).
Read and written with the standard library alone (zlib, struct) and make_cover.py's PNG
writer, so every run gives the same bytes; a test checks the shipped icons against a
fresh run. The cover has nothing near its edges, so it serves as a maskable icon too.
"""

from __future__ import annotations

import importlib.util
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COVER = ROOT / "audio_assets" / "cover.png"
ICONS = ROOT / "voiceguide" / "web" / "static" / "icons"
SIZES = (192, 512)


def _cover_writer():  # make_cover.py's `png`, which writes the same bytes each time
    spec = importlib.util.spec_from_file_location("make_cover", ROOT / "scripts" / "make_cover.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.png


def read_png(data: bytes) -> list[bytes]:
    """The rows of RGB bytes of an 8-bit RGB, non-interlaced PNG (as make_cover.py writes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    at, idat, header = 8, b"", b""
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        at += 12 + size
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if (depth, colour, interlace) != (8, 2, 0):
        raise ValueError("only 8-bit RGB, non-interlaced PNGs are read here")
    raw = zlib.decompress(idat)
    stride = width * 3
    rows: list[bytes] = []
    above = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - 3] if x >= 3 else 0
            b = above[x]
            c = above[x - 3] if x >= 3 else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        above = line
    return rows


def scaled(rows: list[bytes], size: int) -> list[bytes]:
    """The picture at `size` x `size`: each new pixel the average of the old ones it covers,
    weighted by how much of each it covers (area averaging)."""
    old = len(rows)
    if size == old:
        return list(rows)
    step = old / size
    weights = []  # for each new index: (old index, weight) of the old pixels it covers
    for i in range(size):
        start, end = i * step, (i + 1) * step
        parts = []
        j = int(start)
        while j < end and j < old:
            parts.append((j, min(end, j + 1) - max(start, j)))
            j += 1
        weights.append(parts)
    out = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            total = [0.0, 0.0, 0.0]
            for oy, wy in weights[y]:
                line = rows[oy]
                for ox, wx in weights[x]:
                    w = wy * wx
                    for c in range(3):
                        total[c] += line[ox * 3 + c] * w
            area = step * step
            row += bytes(min(255, round(t / area)) for t in total)
        out.append(bytes(row))
    return out


def icons() -> dict[str, bytes]:
    """Each icon's file name and bytes."""
    write = _cover_writer()
    rows = read_png(COVER.read_bytes())
    return {f"icon-{size}.png": write(scaled(rows, size)) for size in SIZES}


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ICONS
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in icons().items():
        (folder / name).write_bytes(data)
        print(f"{folder / name}  {len(data)} bytes")


if __name__ == "__main__":
    main()
