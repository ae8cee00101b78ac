"""Durations and counts as routines write them: `30`, `2.5`, `"45s"`, `"1m30s"`, `"10-15"`."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal, get_args

Level = Literal["gentle", "standard", "strong"]
LEVELS: tuple[Level, ...] = get_args(Level)

_UNIT_RE = re.compile(r"^(?:(?P<m>\d+(?:\.\d+)?)m)?(?:(?P<s>\d+(?:\.\d+)?)s?)?$")


@dataclass(frozen=True)
class Amount:
    """A number, or a range the source gave (`low` < `high`); the level picks from it."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    def pick(self, level: Level = "standard", *, count: bool = False) -> float:
        """The value for a level, on a number a coach would say (see `friendly`): gentle the
        lowest in the range, strong the highest, standard the nearest the middle (of two as
        near, the lower). A single value is kept exactly as written."""
        if not self.is_range:
            return self.low
        candidates = friendly(self.low, self.high, count=count)
        if not candidates:  # a range too narrow for any whole number, like 2.2-2.8
            return (self.low + self.high) / 2
        if level == "gentle":
            return candidates[0]
        if level == "strong":
            return candidates[-1]
        middle = (self.low + self.high) / 2
        return min(candidates, key=lambda c: (abs(c - middle), c))

    def __str__(self) -> str:
        def fmt(x: float) -> str:
            return f"{x:g}"

        return fmt(self.low) if not self.is_range else f"{fmt(self.low)}-{fmt(self.high)}"


# Counts a coach says: every number to six, then these, then tens.
NICE_COUNTS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30)


def friendly(low: float, high: float, *, count: bool) -> list[float]:
    """The numbers from `low` to `high` a coach would say, in order. Seconds: whole under
    10, then steps of 5. Counts: NICE_COUNTS, then tens. Where none lies in the range,
    every whole number in it."""
    first, last = math.ceil(low), math.floor(high)
    whole = [float(n) for n in range(first, last + 1)] if last - first < 10_000 else []
    if count:
        nice = [n for n in whole if n in NICE_COUNTS or (n > NICE_COUNTS[-1] and n % 10 == 0)]
    else:
        nice = [n for n in whole if n < 10 or n % 5 == 0]
    return nice or whole


def friendly_seconds(seconds: float) -> float:
    """`seconds` rounded to a length a coach would say: whole under 10, else steps of 5."""
    step = 1 if seconds < 9.5 else 5
    return max(1.0, float(math.floor(seconds / step + 0.5) * step))


class AmountError(ValueError):
    """The text is not a valid duration or count; the message says what is expected."""


# Units as people write them: "30 secs", "2 minutes", "1 min 30 s".
_UNIT_WORDS = (
    (re.compile(r"(?:minutes?|mins?)\b"), "m"),
    (re.compile(r"(?:seconds?|secs?)\b"), "s"),
)


def _one_duration(text: str, what: str) -> float:
    compact = text.strip().lower()
    for words, unit in _UNIT_WORDS:
        compact = words.sub(unit, compact)
    compact = compact.replace(" ", "")
    if not compact:
        raise AmountError("empty duration")
    match = _UNIT_RE.match(compact)
    if not match or not (match["m"] or match["s"]):
        raise AmountError(
            f"{what} '{text.strip()}' is not a duration; write seconds like 30, '45s', '1m30s'"
        )
    return float(match["m"] or 0) * 60 + float(match["s"] or 0)


def shown(value: object, typed: str | None = None) -> str:
    """A value for a message, as the person wrote it: text in quotes, numbers as typed.

    `typed` is the source text of a YAML scalar ("1e3", "no", ".nan"), which says what
    was written better than the value YAML made of it (1000.0, False, nan).
    """
    if isinstance(value, str):
        return f"'{value}'"
    if typed is not None:
        return typed if typed.strip() else "nothing"
    return "nothing" if value is None else repr(value)  # a Located shows "a list", "a mapping"


def _split_range(value: object, what: str, typed: str | None) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise AmountError(
            f"{what} must be a number or a range like '10-15', got {shown(value, typed)}"
        )
    if isinstance(value, (int, float)):
        if math.isnan(value) or math.isinf(value):
            raise AmountError(f"{what} must be a finite number, got {shown(value, typed)}")
        return [repr(value)]
    parts = re.split(r"\s*(?:-|–|\bto\b)\s*", value.strip())
    if len(parts) not in (1, 2) or "" in parts:
        raise AmountError(
            f"{what} must be a positive number or a range like '10-15', got {shown(value)}"
        )
    return parts


def parse_duration(value: object, what: str = "duration", typed: str | None = None) -> Amount:
    """Seconds from a number, a string with units, or a range of either; `typed` is the
    text as written, for messages."""
    parts = _split_range(value, what, typed)
    if isinstance(value, (int, float)):
        numbers = [float(value)]
    else:
        numbers = [_one_duration(p, what) for p in parts]
    return _checked(numbers, what)


def parse_count(value: object, what: str = "count", typed: str | None = None) -> Amount:
    """A whole number of reps or sets, or a range like '10-15'; `typed` as for durations."""
    parts = _split_range(value, what, typed)
    numbers: list[float] = []
    for part in parts:
        try:
            number = float(part)
        except ValueError:
            raise AmountError(
                f"{what} must be a whole number or a range like '10-15', got {shown(value, typed)}"
            ) from None
        if not math.isfinite(number):  # "inf" and "nan" are floats to Python, not counts
            raise AmountError(f"{what} must be a finite number, got {shown(value, typed)}")
        if number != int(number):
            raise AmountError(f"{what} must be a whole number, got {shown(value, typed)}")
        numbers.append(number)
    return _checked(numbers, what)


def _checked(numbers: list[float], what: str) -> Amount:
    low, high = numbers[0], numbers[-1]
    if low <= 0 or high <= 0:
        raise AmountError(f"{what} must be positive, got {low if low <= 0 else high:g}")
    if high < low:
        raise AmountError(
            f"{what} range must go from low to high, got {low:g}-{high:g}; write '{high:g}-{low:g}'"
        )
    return Amount(low, high)


@dataclass(frozen=True)
class Limit:
    """The values a field may take: above zero (or `low`) and at most `high`."""

    high: float
    unit: str = " seconds"  # how a value is shown in messages
    low: float = 0.0  # 0: anything above zero
    why_low: str = ""


# Every field's limits, for routines, profiles and the command line alike.
LIMITS: dict[str, Limit] = {
    "hold": Limit(600),
    "rest": Limit(600),
    "transition": Limit(600),
    "switch": Limit(600),
    "relax": Limit(600),
    "prepare": Limit(120, low=3, why_low="room for the three countdown pips"),
    "tempo": Limit(60),
    "reps": Limit(200, unit=""),
    "sets": Limit(200, unit=""),
    "rounds": Limit(50, unit=""),  # times through a block of exercises
}
SPEAKING_RATES = (80, 400)  # words a minute
HOLD_SCALES = (0.1, 10.0)  # factors for every hold


def limit_problem(name: str, value: Amount) -> str | None:
    """What is wrong with `value` for the field `name`, or None when it is within limits."""
    limit = LIMITS[name]
    if value.high > limit.high:
        return f"{name} {value.high:g}{limit.unit} is over the limit of {limit.high:g}{limit.unit}"
    if value.low < limit.low:
        return f"{name} must be at least {limit.low:g}{limit.unit}, {limit.why_low}"
    return None


# What each choice of a session may be, checked by the one reader of settings
# (settings/reader.py) and guarded by the types that carry them (Options, Voice).


def level_problem(value: object, typed: str | None = None) -> str | None:
    """What is wrong with `value` as a level, or None when it is one."""
    if isinstance(value, str) and value in LEVELS:
        return None
    return f"level {shown(value, typed)} is not known; use one of: {', '.join(LEVELS)}"


def rate_problem(value: object, typed: str | None = None) -> str | None:
    """What is wrong with `value` as a speaking rate, or None when it is one."""
    slow, fast = SPEAKING_RATES
    if not isinstance(value, bool) and isinstance(value, int) and slow <= value <= fast:
        return None
    return f"rate must be words a minute between {slow} and {fast}, like 160, got {shown(value, typed)}"


def factor_problem(value: object) -> str | None:
    """What a hold-scale factor must be, when `value` is not that; else None."""
    low, high = HOLD_SCALES
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        return f"a factor between {low:g} and {high:g}, like 1.5"
    return None
