"""The numbers an article gives: holds, reps, sets, sides, written in digits or words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .lexicon import rewrite

# Words text2num leaves as they are (lexicon.in_digits writes every other number word in
# digits before the grammar reads it).
WORDS = {
    "one": 1, "a few": 3, "once": 1, "twice": 2, "a couple of": 2, "a couple": 2,
    "a dozen": 12, "dozen": 12,
}  # fmt: skip
# A relaxed breath in a held pose: "stay for 5 breaths" becomes a hold, marked as a guess.
SECONDS_PER_BREATH = 5

_WORD = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
NUM = rf"(?:\d+(?:\.\d+)?|{_WORD})"
RANGE = rf"(?P<low>{NUM})(?:\s*(?:-|to|or)\s*(?P<high>{NUM}))?"


def number(text: str) -> float:
    text = text.lower().strip()
    return float(WORDS[text]) if text in WORDS else float(text)


def _range(match: Mapping[str, str]) -> tuple[float, float]:
    low = number(match["low"])
    high = number(match["high"]) if match.get("high") else low
    return (low, high) if low <= high else (high, low)


@dataclass(frozen=True)
class Found:
    hold: tuple[float, float] | None = None
    reps: tuple[float, float] | None = None
    repeats: tuple[float, float] | None = None  # "repeat 3 times": sets or reps, by the hold
    sets: tuple[float, float] | None = None
    sides: str = "none"
    # Why the hold's seconds are a guess, if they are: "breaths" (a count of breaths) or
    # "few" ("a few seconds").
    hold_guess: str = ""

    @property
    def counts(self) -> bool:
        """Whether the text gives a hold, a count or sets (sides alone are no number)."""
        return bool(self.hold or self.reps or self.repeats or self.sets)


# Counted by the day or week, not in the routine: "3 times a day", "twice daily".
_FREQUENCY = re.compile(
    rf"\b(?:frequency\s*:\s*)?(?:{NUM}(?:\s*(?:-|or|to)\s*{NUM})?\s*(?:[x×]|times|sets|sessions|minutes?|mins?|hours?)|once|twice)\s*(?:(?:a|per|each)\s+(?:day|week)|/\s*(?:day|week|daily))\b(?:\s+for\s+{NUM}\s*(?:minutes?|mins?))?|\b(?:once|twice)\s+(?:daily|weekly)\b|\bfrequency\s*:[^.]{{0,30}}?\b(?:day|week|daily|weekly)\b",
    re.IGNORECASE,
)
_BREATHS = [
    rf"\b(?:for|take|hold(?: it| this| the pose)?(?: for)?|stay(?: here| there)?(?: for)?|remain(?: here| there)?(?: for)?|breathe(?: here| there)?(?: for)?)\s+(?:about\s+)?{RANGE}\s+(?:slow\s+|deep\s+|full\s+)?breaths?\b",
    # "10 slow breaths", "10 tiefe Atemzüge": a word may say how.
    rf"\b{RANGE}\s+(?:[^\W\d]+\s+)?breaths?\b",
]
# A handout's shorthand: "3x10" (sets of reps), "2 x 30s" (sets of holds), "x15" (reps).
_X_HOLD = re.compile(
    rf"\b(?P<sets>\d{{1,2}})\s*[x×]\s*{RANGE}\s*(?P<unit>s|secs?|seconds?|mins?|minutes?)\b",
    re.IGNORECASE,
)
_X_SETS = re.compile(
    rf"\b(?P<sets>\d{{1,2}})\s*[x×]\s*{RANGE}\b(?!\s*(?:s|secs?|seconds?|mins?|minutes?)\b)",
    re.IGNORECASE,
)
_X_REPS = re.compile(r"(?<![\w-])[x×]\s?(?P<low>\d{1,3})\b", re.IGNORECASE)
# "2 sets of 8", "three sets of 10 reps": both numbers at once.
_SETS_OF = re.compile(
    rf"\b(?P<sets>{NUM})\s+(?:sets|rounds)\s+of\s+(?P<low>{NUM})(?:\s*(?:-|to|or)\s*(?P<high>{NUM}))?(?!\s*(?:seconds?|secs?|minutes?|mins?|breaths?))",
    re.IGNORECASE,
)

_HOLD = [
    rf"\b(?:hold|duration)\s*[:=]\s*{RANGE}\s*(?P<unit>seconds?|secs?|s\b|minutes?|mins?)",
    rf"\bhold(?:ing)?\b[^.;]{{0,40}}?\b(?:for\s+)?(?:about\s+|around\s+|up to\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|s\b|minutes?|mins?)",
    rf"\b(?:stay|remain|rest|breathe)(?:\s+(?:there|here|in (?:this|that|the) (?:position|pose)))?\s+(?:for\s+)?(?:about\s+|around\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|minutes?|mins?)",
    rf"\bfor\s+(?:about\s+|around\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|minutes?|mins?)",
    # Said with no verb, as lists and cards do: "30 seconds each side", "Each side: 30 s",
    # "A 30s hold", or a sentence that opens with how long ("20 seconds, then switch").
    rf"\b{RANGE}\s*(?P<unit>seconds?|secs?|s\b|minutes?|mins?)\s+(?:on\s+|for\s+)?(?:each|per|every|either)\s+(?:side|leg|arm)\b",
    rf"\b(?:each|per|every) (?:side|leg|arm)[:,]?\s+(?:about\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|s\b|minutes?|mins?)",
    rf"\b{RANGE}\s*(?P<unit>s|secs?|seconds?|mins?|minutes?)[- ]hold\b",
    rf"(?:^|[.!?]\s+)(?:about\s+|around\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|minutes?|mins?)\b(?!\s+(?:of\s+)?(?:rest|break|pause))",
    # "After 30 seconds, release": held that long (not "after 2 minutes of rest").
    rf"\bafter\s+(?:about\s+)?{RANGE}\s*(?P<unit>seconds?|secs?|minutes?|mins?)\b(?!\s+(?:of\s+)?(?:rest|break|pause))",
    rf"\b(?:a\s+)?(?:slow\s+)?count\s+(?:of|to)\s+{RANGE}(?P<unit>)",
    rf"\b{RANGE}[- ](?P<unit>seconds?|minutes?)\s+hold\b",
    rf"\bup to\s+{RANGE}\s*(?P<unit>seconds?|minutes?)",
    # "hold 5, do 5 each way": a hold's number alone is seconds.
    rf"\bhold(?: it| this| each(?: one)?)?(?: for)?\s+{RANGE}(?P<unit>)(?=\s*(?:[,.;]|$|and\b|then\b))",
]
_REPS = [
    # "Go for 8 on one side", "10 each side": a count per side.
    rf"\b(?!twice|once){RANGE}\s*(?:on (?:each|one|either|the other) side|per (?:side|arm|leg)|/\s*side|each side|each way|each direction|in each direction|on each (?:leg|arm)|with each (?:arm|leg|hand)|forwards?|backwards?)\b",
    rf"\b(?:repetitions|reps)\s*[:=]\s*{RANGE}\b",
    rf"\b(?:do|doing|perform|complete|aim for)\s+(?:about\s+|around\s+|roughly\s+|all\s+)?(?!one\s+of\b){RANGE}(?!\.?\d|\s*(?:-|to|or)\s*\d)(?!\s*(?:seconds?|minutes?|times|sets|rounds|degrees|[x×]\s*\d))(?:\s+(?:reps|repetitions|of (?:these|them|this)))?",
    rf"\b{RANGE}\s+(?:reps|repetitions)\b",
    rf"\b(?!one\b){RANGE}\s+of\s+(?:these|them|those)\b",  # "one of them" picks, not counts
]
_REPEATS = [
    # "6 rounds" of a flowing move are reps, "do 2 rounds" of a stretch sets, by the hold;
    # "3 rounds of 15" are sets (see _SETS_OF).
    rf"\b{RANGE}\s+(?:rounds|cycles)\b(?!\s+of\b)",
    r"\b(?P<low>twice)\b(?!\s+(?:a|per|each|daily)\b)",
    r"\b(?:repeat|do(?: it| this| them| these)?)(?:\s+(?:it|this|the (?:stretch|sequence)))?\s+(?P<low>once|twice)\b",
    rf"\b(?:repeat|do(?: it| this| them| these)?|perform(?: it| this)?)\s+(?:this\s+|the (?:stretch|sequence)\s+)?(?:about\s+)?(?!a few\b){RANGE}\s+times\b",
    rf"\b(?!a few\b){RANGE}\s+times\b",  # "repeat a few times" gives no number
    # "(3 x wiederholen)", "10x." at the end; not "6x Physio" (six sessions).
    r"\b(?P<low>\d{1,2})\s*[x×](?=\s+repeat\b|\s*[),.;]|\s*$)",
]
_SETS = [
    rf"\bsets\s*[:=]\s*{RANGE}\b",
    rf"\b{RANGE}\s+sets\b(?!\s*:)",
]
_ALTERNATE = (
    r"\balternat(?:e|ing|ely)\b|\bswitch(?:ing)? (?:sides|legs|arms) each (?:time|rep)\b"
    r"|\bfrom side to side\b"
)
_BOTH = (
    # A side named as one of two, not a place: "each side of the spine", "either side of a
    # doorframe" are no sides.
    r"\b(?:each|either|the other|other|both|opposite) sides?\b(?!\s+of\s)"
    # One limb and the opposite hand: "Press one shoulder down with the opposite hand".
    r"|\bone (?:shoulder|arm|leg|hand|knee|foot)\b[^.]{0,40}\b(?:the )?opposite (?:hand|leg|arm)\b"
    # The other limb only where the move goes over to it ("your other hand" holds the band).
    r"|\b(?:repeat|switch|swap|change|then|do|same)\b[^.]{0,30}\b(?:the|your) (?:other|opposite) (?:leg|arm|hand|foot|shoulder|ear)s?\b"
    r"|\bper (?:side|arm|leg)\b|/\s*side\b|\b(?:with|on|for) each (?:arm|leg|hand|foot)\b|\b(?:do|then do) the (?:left|right|other) side\b"
    r"|\bboth (?:legs|arms|hands|feet) in turn\b|\b(?:one|each) (?:leg|arm) at a time\b"
    r"|\b(?:switch|swap|change) (?:sides|arms|legs|hands)\b"
    r"|\b(?:then|and) (?:switch|swap)(?: over)?(?=\s*(?:[.!;]|$))"
    r"|\b(?:repeat|do the same|then)\b[^.]{0,30}\b(?:on|to) (?:the )?(?:left|right)(?: side)?\b"
    r"|\bthen (?:turn|tilt|bend|lean|twist|rotate|look)\b[^.]{0,20}\bto(?:ward)? the (?:left|right)\b"
)


# A move that goes from one side over to the other and back, counted as one: "turn your
# head from side to side", "this left/right turn". Alternating, unless a count is given per
# side (then each side is done on its own: both).
_SIDE_TO_SIDE = (
    r"\bside to side\b|\b(?:left\s*/\s*right|right\s*/\s*left)\b"
    r"|\b(?:turn|tilt|look|rotat|bend|lean|twist|rock|sway|mov)\w*\b[^.]{0,40}?"
    r"\b(?:left,? (?:and|then) (?:to the )?right|right,? (?:and|then) (?:to the )?left)\b"
)


class _Union:
    """Several patterns searched as one: the leftmost match, the earlier pattern on a tie
    (as searching each and taking the first would give, in one pass over the text)."""

    def __init__(self, patterns: list[str]) -> None:
        # Each pattern's groups get its number, as a name may appear once in a pattern.
        parts = [re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", p) for i, p in enumerate(patterns)]
        self.regex = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)

    def search(self, text: str) -> dict[str, str] | None:
        """The groups of the match by their own names ('low', 'high', 'unit'), or None."""
        match = self.regex.search(text)
        if match is None:
            return None
        return {k.rsplit("_", 1)[0]: v for k, v in match.groupdict().items() if v is not None}

    def ranges(self, text: str) -> list[tuple[int, tuple[float, float], str]]:
        """Where each match starts, the range it gives and its words."""
        return [
            (
                m.start(),
                _range({k.rsplit("_", 1)[0]: v for k, v in m.groupdict().items() if v}),
                m[0],
            )
            for m in self.regex.finditer(text)
        ]


HOLD, BREATHS, REPS, REPEATS, SETS = map(_Union, (_HOLD, _BREATHS, _REPS, _REPEATS, _SETS))
_ALTERNATE_RE = re.compile(_ALTERNATE, re.IGNORECASE)
_BOTH_RE = re.compile(_BOTH, re.IGNORECASE)
_SIDE_TO_SIDE_RE = re.compile(_SIDE_TO_SIDE, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = {w for word in WORDS for w in re.findall(r"[a-z]+", word)} - {"a", "of"}
# Words one of the count patterns needs ("do " and not "do": "down" and "door" are common).
_REPS_HINTS = (
    *("rep", "of th", "do ", "perform", "complete", "aim", "side", "each", "per ", "/"),
    *("way", "direction", "forward", "backward"),
)
_PER = re.compile(r"\b(?:side|arm|leg|way|direction)\b", re.IGNORECASE)
_SHORT_SECONDS = re.compile(r"\d\s?s\b")  # "5s", "5 s"


def _has(text: str, *words: str) -> bool:
    """Whether the lower-cased text holds any of the words (a pattern's cheap precondition:
    most sentences hold no number, and the patterns are tried at every position)."""
    return any(word in text for word in words)


# Amounts said in words, as the patterns read them: (a word the text must hold, so most
# sentences cost one look; the pattern; how it is said).
_SAID_AS = [
    (w, re.compile(p, re.IGNORECASE), said)
    for w, p, said in (
        ("minute", r"\bhalf a minute\b", "30 seconds"),
        (
            "minute",
            r"\b(?:a|one|1) minute and a half\b|\b(?:(?:one|1) and a half|1\.5) minutes\b",
            "90 seconds",
        ),
        # "a breath or two", "a second or 2": one or two of them.
        (" or ", r"\b(?:a|one|1)\s+(breath|second|minute)\s+or\s+(?:two|2)\b", r"1 to 2 \1s"),
        ("minute", r"\b(?:a|one) full minute\b|\ba minute(?: or so)?\b", "1 minute"),
        ("minute", r"\ba couple of minutes\b", "2 minutes"),
        # "30 sec to 1 min": a range across units, in seconds.
        (
            "min",
            r"\b(\d+)\s*(?:seconds?|secs?|s)\s*(?:-|to|or)\s*(\d+)\s*(?:minutes?|mins?)\b",
            lambda m: f"{m[1]} to {int(m[2]) * 60} seconds",
        ),
        # "30 60 seconds": a range whose dash the page lost.
        (
            "sec",
            r"\b(\d+) (\d+)(?= seconds\b)",
            lambda m: f"{m[1]}-{m[2]}" if int(m[1]) < int(m[2]) else m[0],
        ),
        (
            "second",
            r"\b(?:a|one) second\b(?! (?:time|set|round|side|one|exercise|stretch|position)s?\b)",
            "1 second",
        ),
        # "10- to 15-second hold", "2- or 3-minute rest": the first number's unit said once.
        ("-", r"\b(\d+)-\s+(to|or)\s+(?=\d)", r"\1 \2 "),
        # "Repeat two more times", "twice more": that many after the first.
        ("more", r"\b(\d+) more times\b", lambda m: f"{int(m[1]) + 1} times"),
        ("more", r"\btwice more\b", "3 times"),
    )
]
# "Hold it for a few seconds (I count to five)": the count says what "a few" does not.
_COUNT_TO = re.compile(rf"\bcount(?:ing)?\s+(?:to|of)\s+{RANGE}", re.IGNORECASE)


def in_numbers(text: str) -> str:
    """Amounts said in words, in numbers: 'half a minute' -> '30 seconds'."""
    low = text.lower()
    for word, pattern, said in _SAID_AS:
        if word in low:
            text = pattern.sub(said, text)
    return text


Range = tuple[float, float] | None


def _shorthand(text: str, hold: Range, reps: Range, sets: Range) -> tuple[Range, Range, Range]:
    """What a handout's x notation adds to the numbers found in words."""
    if match := _X_HOLD.search(text):
        sets = sets or (number(match["sets"]),) * 2
        low, high = _range(match.groupdict())
        factor = 60 if match["unit"].lower().startswith("m") else 1
        hold = hold or (low * factor, high * factor)
    elif match := _X_SETS.search(text):
        sets = sets or (number(match["sets"]),) * 2
        reps = reps or _range(match.groupdict())
    elif match := _X_REPS.search(text):
        reps = reps or _range(match.groupdict())
    return hold, reps, sets


def find_numbers(text: str) -> Found:
    """Every number the text gives, as ranges (low, high)."""
    hold = reps = repeats = sets = None
    hold_guess = ""
    text = in_numbers(rewrite(text))
    low = text.lower()
    if _DIGIT.search(text) or not _NUMBER_WORDS.isdisjoint(re.findall(r"[a-z]+", low)):
        if _has(low, "day", "week"):
            text = _FREQUENCY.sub(" ", text)
        if _has(low, "sec", "min", "count", "hold") or _SHORT_SECONDS.search(low):
            match = HOLD.search(text)
            if match and match["low"].lower() == "a few" and (count_to := _COUNT_TO.search(text)):
                match = {k: v for k, v in count_to.groupdict().items() if v is not None}
            if match:
                hold_guess = "few" if match["low"].lower() == "a few" else ""
                seconds, most = _range(match)
                factor = 60 if match.get("unit", "").lower().startswith("m") else 1
                hold = (seconds * factor, most * factor)
        if hold is None and "breaths" in low and (match := BREATHS.search(text)):
            first, last = _range(match)
            hold, hold_guess = (first * SECONDS_PER_BREATH, last * SECONDS_PER_BREATH), "breaths"
        counted = _has(low, "set", "round")
        if counted and (sets_of := _SETS_OF.search(text)):
            sets, reps = (number(sets_of["sets"]),) * 2, _range(sets_of.groupdict())
        else:
            if counted and (match := SETS.search(text)):
                sets = _range(match)
            if _has(low, *_REPS_HINTS) and (match := REPS.search(text)):
                reps = _range(match)
        if _has(low, "time", "once", "twice", "round", "cycle", "x", "×") and (
            match := REPEATS.search(text)
        ):
            repeats = _range(match)
        if "x" in low or "×" in low:
            hold, reps, sets = _shorthand(text, hold, reps, sets)
        if not sets and (reps or repeats):
            # Two counts, neither called sets ("Repeat 9 times. Do three repetitions."): the
            # first is counted in each set, the later one is how many sets.
            # "10 repetitions, 5 per side" says the first again.
            counts = sorted(REPS.ranges(text) + REPEATS.ranges(text))
            later = [c for _, c, said in counts if c != counts[0][1] and not _PER.search(said)]
            if later:
                reps, repeats, sets = counts[0][1], None, later[0]
    sides = "alternate" if _ALTERNATE_RE.search(text) else "none"
    if sides == "none" and _BOTH_RE.search(text):
        sides = "both"
    elif sides == "none" and _SIDE_TO_SIDE_RE.search(text):
        sides = "alternate"
    return Found(hold, reps, repeats, sets, sides, hold_guess)


_STATED = re.compile(
    rf"\b{NUM}\s*(?:-|to)?\s*(?:{NUM})?\s*(?:seconds?|secs?|minutes?|reps?|repetitions|times|sets?|rounds?|breaths?)\b"
    r"|\b\d{1,2}\s*[x×]\s*\d|(?<![\w-])[x×]\s?\d{1,3}\b|\d\s*/\s*side\b"
    r"|\bcount (?:of|to)\b|\bhalf a minute\b|\ba (?:full )?minute\b|\ba couple of minutes\b",
    re.IGNORECASE,
)


def strip_numbers(sentence: str) -> bool:
    """True when a sentence states numbers (the planner speaks those itself)."""
    return bool(_STATED.search(rewrite(sentence)))
