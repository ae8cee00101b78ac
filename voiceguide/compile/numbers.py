"""The numbers an article gives: holds, reps, sets, sides, written in digits or words."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
    "a few": 3, "once": 1, "twice": 2, "thirteen": 13, "fourteen": 14, "sixteen": 16,
    "eighteen": 18, "thirty-five": 35, "ninety": 90, "a couple of": 2, "a couple": 2,
}  # fmt: skip
# A relaxed breath in a held pose: "stay for 5 breaths" becomes a hold, marked as a guess.
SECONDS_PER_BREATH = 5
_WORD = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
NUM = rf"(?:\d+(?:\.\d+)?|{_WORD})"
RANGE = rf"(?P<low>{NUM})(?:\s*(?:-|to|or)\s*(?P<high>{NUM}))?"


def number(text: str) -> float:
    text = text.lower().strip()
    return float(WORDS[text]) if text in WORDS else float(text)


def _range(match: re.Match) -> tuple[float, float]:
    low = number(match["low"])
    high = number(match["high"]) if match.groupdict().get("high") else low
    return (low, high) if low <= high else (high, low)


@dataclass(frozen=True)
class Found:
    hold: tuple[float, float] | None = None
    reps: tuple[float, float] | None = None
    repeats: tuple[float, float] | None = None  # "repeat 3 times": sets or reps, by the hold
    sets: tuple[float, float] | None = None
    sides: str = "none"
    breaths: bool = False  # the hold was given in breaths, so its seconds are a guess


# Counted by the day or week, not in the routine: "3 times a day", "twice daily".
_FREQUENCY = re.compile(
    rf"\b(?:frequency\s*:\s*)?(?:{NUM}\s+times|once|twice)\s+(?:a|per|each)\s+(?:day|week)\b|\b(?:once|twice)\s+(?:daily|weekly)\b|\bfrequency\s*:[^.]{0, 30}?\b(?:day|week|daily|weekly)\b",
    re.IGNORECASE,
)
_BREATHS = [
    rf"\b(?:for|take|hold(?: it| this| the pose)?(?: for)?|stay(?: here| there)?(?: for)?|remain(?: here| there)?(?: for)?|breathe(?: here| there)?(?: for)?)\s+(?:about\s+)?{RANGE}\s+(?:slow\s+|deep\s+|full\s+)?breaths?\b",
    rf"\b{RANGE}\s+(?:slow\s+|deep\s+|full\s+)?breaths?\b",
]
# "2 sets of 8", "three sets of 10 reps": both numbers at once.
_SETS_OF = re.compile(
    rf"\b(?P<sets>{NUM})\s+(?:sets|rounds)\s+of\s+(?P<low>{NUM})(?:\s*(?:-|to|or)\s*(?P<high>{NUM}))?(?!\s*(?:seconds?|secs?|minutes?|mins?|breaths?))",
    re.IGNORECASE,
)

_HOLD = [
    rf"\b(?:hold|duration)\s*:\s*{RANGE}\s*(?P<unit>seconds?|secs?|s\b|minutes?|mins?)",
    rf"\bhold(?:ing)?\b[^.;]{{0,40}}?\b(?:for\s+)?(?:about\s+|around\s+|up to\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|s\b|minutes?|mins?)",
    rf"\b(?:stay|remain|rest|breathe)(?:\s+(?:there|here|in (?:this|that|the) (?:position|pose)))?\s+(?:for\s+)?(?:about\s+|around\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|minutes?|mins?)",
    rf"\bfor\s+(?:about\s+|around\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|minutes?|mins?)",
    rf"\b(?:a\s+)?(?:slow\s+)?count\s+of\s+{RANGE}(?P<unit>)",
    rf"\b{RANGE}[- ](?P<unit>seconds?|minutes?)\s+hold\b",
    rf"\bup to\s+{RANGE}\s*(?P<unit>seconds?|minutes?)",
]
_REPS = [
    rf"\b(?:repetitions|reps)\s*:\s*{RANGE}\b",
    rf"\b(?:do|doing|perform|complete|aim for)\s+(?:about\s+|around\s+|roughly\s+)?(?!one\s+of\b){RANGE}(?!\s*(?:seconds?|minutes?|times|sets|rounds|degrees))(?:\s+(?:reps|repetitions|of (?:these|them|this)))?",
    rf"\b{RANGE}\s+(?:reps|repetitions)\b",
    rf"\b(?!one\b){RANGE}\s+of\s+(?:these|them)\b",  # "one of them" picks, not counts
    rf"\b(?:repeat|do (?:it|this|them))\s+{RANGE}\s+times\s+(?:on|per|for)\s+each\s+side",
]
_REPEATS = [
    r"\b(?:repeat|do(?: it| this| them| these)?)(?:\s+(?:it|this|the (?:stretch|sequence)))?\s+(?P<low>once|twice)\b",
    rf"\b(?:repeat|do(?: it| this| them| these)?|perform(?: it| this)?)\s+(?:this\s+|the (?:stretch|sequence)\s+)?(?:about\s+)?{RANGE}\s+times\b",
    rf"\b{RANGE}\s+times\b",
]
_SETS = [
    rf"\bsets\s*:\s*{RANGE}\b",
    rf"\b{RANGE}\s+(?:sets|rounds)\b(?!\s*:)",
    rf"\bwith\s+{RANGE}\s+sets\b",
]
_ALTERNATE = r"\balternat(?:e|ing)\b|\bswitch(?:ing)? (?:sides|legs|arms) each (?:time|rep)\b"
_BOTH = (
    r"\b(?:each|the other|other) (?:side|leg|arm|hand)s?\b|\bboth sides\b|\bopposite (?:hand|leg|arm)\b"
    r"|\bper side\b|\bone side\b|\bboth (?:legs|arms|hands|feet) in turn\b|\b(?:one|each) (?:leg|arm) at a time\b"
    r"|\b(?:switch|swap|change) (?:sides|arms|legs|hands)\b"
    r"|\b(?:repeat|do the same|then)\b[^.]{0,30}\bon the (?:left|right)(?: side)?\b"
    r"|\bthen (?:turn|tilt|bend|lean|twist|rotate|look)\b[^.]{0,20}\bto(?:ward)? the (?:left|right)\b"
)


def _first(patterns: list[str], text: str) -> re.Match | None:
    hits = [m for p in patterns if (m := re.search(p, text, re.IGNORECASE))]
    return min(hits, key=lambda m: m.start()) if hits else None


def find_numbers(text: str) -> Found:
    """Every number the text gives, as ranges (low, high)."""
    hold = reps = repeats = sets = None
    breaths = False
    text = _FREQUENCY.sub(" ", text)
    if match := _first(_HOLD, text):
        low, high = _range(match)
        factor = 60 if (match["unit"] or "").lower().startswith("m") else 1
        hold = (low * factor, high * factor)
    elif match := _first(_BREATHS, text):
        low, high = _range(match)
        hold, breaths = (low * SECONDS_PER_BREATH, high * SECONDS_PER_BREATH), True
    if match := _SETS_OF.search(text):
        sets, reps = (number(match["sets"]),) * 2, _range(match)
    else:
        if match := _first(_SETS, text):
            sets = _range(match)
        if match := _first(_REPS, text):
            reps = _range(match)
    if match := _first(_REPEATS, text):
        repeats = _range(match)
    sides = "alternate" if re.search(_ALTERNATE, text, re.IGNORECASE) else "none"
    if sides == "none" and re.search(_BOTH, text, re.IGNORECASE):
        sides = "both"
    return Found(hold, reps, repeats, sets, sides, breaths)


def strip_numbers(sentence: str) -> bool:
    """True when a sentence only states numbers (the planner speaks those itself)."""
    return bool(
        re.search(
            rf"\b{NUM}\s*(?:-|to)?\s*(?:{NUM})?\s*(?:seconds?|secs?|minutes?|reps?|repetitions|times|sets?|rounds?)\b",
            sentence,
            re.IGNORECASE,
        )
    ) or bool(re.search(r"\bcount of\b", sentence, re.IGNORECASE))
