"""What the German, Spanish and French tables share: how an imperative is told, and the
rewrites that come after each language's own words are in the grammar's English."""

from __future__ import annotations

import re
from collections.abc import Callable

_DIGITS = r"\d+(?:\.\d+)?"
_SPAN = rf"{_DIGITS}(?:\s*(?:-|to|or)\s*{_DIGITS})?"

# After a language's own rewrites, in every one of them.
AFTER: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # "8–10", "10 — 15": the grammar's ranges have a hyphen.
    (rf"({_DIGITS})\s*[–—]\s*({_DIGITS})", r"\1-\2"),
    # "30 secondes à 1 minute": a range across units, read in seconds (numbers.in_numbers).
    (rf"({_DIGITS}\s*seconds)\s+(?:à|a|bis)\s+({_DIGITS}\s*minutes?)\b", r"\1 to \2"),
    # "3 sets of 10"; "2 sets with 12 each" became "2 sets of 12" in the language's rules.
    # A sentence that starts with a duration is a hold ("30 Sekunden, dann wechseln.",
    # "Entre 20 y 30 segundos por lado."): these languages write it without a verb.
    (
        rf"(^|[.!?:]\s+|\n)((?:about\s+|up to\s+)?{_SPAN}\s+(?:seconds|minutes|minute)\b)",
        r"\1hold \2",
    ),
]


def timed(
    *, before: str, about: str, numbers: str, joins: str, units: str, counts: str
) -> re.Pattern[str]:
    """How long or how often, at the end of a clause: "..., für etwa 15 bis 20 Sekunden",
    "..., 15-mal", "..., 8- bis 15-mal"; `numbers`: the words text2num leaves ("zwei"), the rest are digits."""
    number = rf"\d+|{numbers}"
    return re.compile(
        rf"\s*,?\s*(?:(?:{before})\s+)?(?:(?:{about})\s+)?(?:{number})"
        rf"(?:-?\s*(?:{joins})\s*(?:{number}))?\s*(?:{units}|-?\s*(?:{counts}))(?:\s+lang)?"
        r"\s*(?=[.!]?$)",
        re.IGNORECASE,
    )


def instruction_test(
    leading: re.Pattern[str], verbs: str, also: str | None = None
) -> Callable[[str], bool]:
    """Whether a sentence tells the listener what to do: it starts with one of `verbs` (an
    imperative), maybe after a scene ("Con la mano derecha, lleva ..."), or matches `also`."""
    start = re.compile(rf"(?:{verbs})\b", re.IGNORECASE)
    other = re.compile(also, re.IGNORECASE) if also else None

    def test(sentence: str) -> bool:
        text = leading.sub("", leading.sub("", sentence.strip())).lstrip("¡¿\"'*( ")
        if start.match(text) or (other is not None and other.search(text)):
            return True
        after = re.match(r"^[^,]{3,60},\s*(.+)$", text)
        return bool(
            after and (start.match(after[1]) or (other is not None and other.match(after[1])))
        )

    return test
