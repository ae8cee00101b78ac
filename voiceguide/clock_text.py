"""Lengths and moments as a clock shows them: the one formatter for every place a length is
read (plan, list, build's summary, the page, the sheet, chapters, captions, a programme's
summary).

The seconds are rounded to the places shown *before* they are split into hours, minutes
and seconds, so 179.96 s reads 3:00.0, never 2:60.0, and an hour carries the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class ClockParts:
    """A length rounded to `places` decimal places, split: `fraction` counts tenths (places
    1), thousandths (places 3) and so on."""

    hours: int
    minutes: int  # 0-59
    seconds: int  # 0-59
    fraction: int  # 0 to 10**places - 1
    places: int

    @property
    def second_value(self) -> Fraction:
        """The seconds part with its fraction: 30.5 for 30 s and 5 tenths."""
        return self.seconds + Fraction(self.fraction, 10**self.places)


def clock_parts(seconds: float | Fraction, places: int = 1) -> ClockParts:
    """`seconds` rounded to `places` decimal places (half to even, on the exact value),
    then split into hours, minutes, seconds and the fraction."""
    if seconds < 0:
        raise ValueError(f"a length cannot be negative: {seconds}")
    scale = 10**places
    ticks = round(Fraction(seconds) * scale)  # exact: a float's binary value, not its repr
    whole, fraction = divmod(ticks, scale)
    minutes, second = divmod(whole, 60)
    hours, minute = divmod(minutes, 60)
    return ClockParts(hours, minute, second, fraction, places)


def clock(seconds: float | Fraction, places: int = 1) -> str:
    """A length as M:SS.s ("2:59.9", "3:00.0"), or H:MM:SS.s past an hour ("1:02:03.4")."""
    parts = clock_parts(seconds, places)
    tail = f"{parts.seconds:02d}" + (f".{parts.fraction:0{places}d}" if places else "")
    if parts.hours:
        return f"{parts.hours}:{parts.minutes:02d}:{tail}"
    return f"{parts.minutes}:{tail}"


def timestamp(samples: int, rate: int) -> str:
    """HH:MM:SS.mmm, as WebVTT captions and Vorbis chapters write a moment (`samples` at
    `rate` frames a second, rounded to the millisecond)."""
    parts = clock_parts(Fraction(samples, rate), places=3)
    return f"{parts.hours:02d}:{parts.minutes:02d}:{parts.seconds:02d}.{parts.fraction:03d}"
