"""Regenerate the cover picture in audio_assets/ from code: python scripts/make_cover.py [OUT]

A calm, simple picture a phone shows beside the track: an evening sky fading from blue to
a warm peach, a pale sun, and three soft waves in front of it (the voice, and the breath).
512 x 512, 8-bit RGB PNG, written with the standard library alone (struct and zlib), so it
needs nothing installed; no timestamp goes in, so every run gives the same bytes (a test
checks the shipped file against a fresh one; another zlib build could compress otherwise).
"""

from __future__ import annotations

import itertools
import math
import struct
import sys
import zlib
from pathlib import Path

SIZE = 512
ASSETS = Path(__file__).resolve().parent.parent / "audio_assets"
Colour = tuple[float, float, float]

SKY: tuple[tuple[float, Colour], ...] = (  # (height from the top, 0..1; colour)
    (0.0, (58.0, 82.0, 124.0)),
    (0.36, (124.0, 148.0, 184.0)),
    (0.62, (238.0, 200.0, 180.0)),
    (1.0, (242.0, 210.0, 186.0)),
)
SUN = (256.0, 236.0, 74.0)  # centre x, centre y, radius
SUN_COLOUR: Colour = (255.0, 241.0, 222.0)
# (height of the crest line, swell in pixels, waves across the picture, phase, colour, opacity)
WAVES: tuple[tuple[float, float, float, float, Colour, float], ...] = (
    (318.0, 11.0, 1.5, 0.6, (150.0, 180.0, 196.0), 0.85),
    (362.0, 13.0, 1.2, 2.2, (98.0, 140.0, 164.0), 0.9),
    (410.0, 15.0, 1.0, 4.1, (62.0, 100.0, 128.0), 0.95),
)


def _sky(y: float) -> Colour:
    """The sky's colour `y` pixels from the top: straight blends between the stops."""
    t = y / (SIZE - 1)
    for (t0, c0), (t1, c1) in itertools.pairwise(SKY):
        if t <= t1:
            return _over(c0, c1, (t - t0) / (t1 - t0))
    return SKY[-1][1]


def _over(base: Colour, top: Colour, alpha: float) -> Colour:
    return (
        base[0] + (top[0] - base[0]) * alpha,
        base[1] + (top[1] - base[1]) * alpha,
        base[2] + (top[2] - base[2]) * alpha,
    )


def _coverage(distance: float) -> float:
    """How much of a pixel lies inside an edge `distance` pixels away (negative: inside)."""
    return min(1.0, max(0.0, 0.5 - distance))


def pixels() -> list[bytes]:
    """The picture, one row of RGB bytes at a time."""
    cx, cy, radius = SUN
    crests = [
        [base + swell * math.sin(2 * math.pi * turns * x / SIZE + phase) for x in range(SIZE)]
        for base, swell, turns, phase, _colour, _alpha in WAVES
    ]
    rows = []
    for y in range(SIZE):
        sky = _sky(y)
        row = bytearray()
        for x in range(SIZE):
            colour = sky
            distance = math.hypot(x - cx, y - cy) - radius
            if distance < 40:  # a faint glow around the sun, then the disc itself
                glow = 0.18 * max(0.0, 1 - max(0.0, distance) / 40)
                colour = _over(colour, SUN_COLOUR, glow)
                colour = _over(colour, SUN_COLOUR, _coverage(distance))
            for crest, wave in zip(crests, WAVES, strict=True):
                inside = _coverage(crest[x] - y)
                if inside:
                    colour = _over(colour, wave[4], inside * wave[5])
            row += bytes(round(channel) for channel in colour)
        rows.append(bytes(row))
    return rows


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _filtered(row: bytes, above: bytes) -> bytes:
    """The row under whichever PNG filter leaves the smallest differences (the usual rule)."""
    left = bytes(3) + row[:-3]
    upleft = bytes(3) + above[:-3]
    candidates = [
        bytes([0]) + row,
        bytes([1]) + bytes((r - a) & 0xFF for r, a in zip(row, left, strict=True)),
        bytes([2]) + bytes((r - b) & 0xFF for r, b in zip(row, above, strict=True)),
        bytes([3])
        + bytes((r - (a + b) // 2) & 0xFF for r, a, b in zip(row, left, above, strict=True)),
        bytes([4])
        + bytes(
            (r - _paeth(a, b, c)) & 0xFF
            for r, a, b, c in zip(row, left, above, upleft, strict=True)
        ),
    ]
    return min(candidates, key=lambda data: sum(v if v < 128 else 256 - v for v in data[1:]))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG of the rows, with no timestamp or text chunk: the same bytes each time."""
    above = bytes(len(rows[0]))
    raw = bytearray()
    for row in rows:
        raw += _filtered(row, above)
        above = row
    header = struct.pack(">IIBBBBB", len(rows[0]) // 3, len(rows), 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + _chunk(b"IEND", b"")
    )


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ASSETS / "cover.png"
    data = png(pixels())
    out.write_bytes(data)
    print(f"{out}  {SIZE}x{SIZE}, {len(data)} bytes")


if __name__ == "__main__":
    main()
