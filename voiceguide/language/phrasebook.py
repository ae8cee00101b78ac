"""The phrase book: every fixed phrase the voice says in one language, read from the
language's data file (`<code>.yaml` beside its module).

The planner asks for phrases by key and fills in values; durations, counts and lists
are worded here by the language's rules (its plural rule and decimal sign), so a new
language is a new module and its file, never a change to the planner.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import Language


class PhraseBook:
    """The phrases of one language."""

    def __init__(self, language: Language, data: dict[str, Any]) -> None:
        self.rules = language  # its plural rule and decimal sign
        self.language = language.code
        # unit -> form -> text: "one" and "other" (CLDR's plural categories), and
        # optionally "single", said for exactly 1 where the digit would be read wrong
        # ("eine Minute", where espeak-ng reads "1 Minute" as "eins Minute").
        self.units: dict[str, dict[str, str]] = data["units"]
        self.words: dict[str, str] = data["words"]
        self.phrases: dict[str, str | list[str]] = data["phrases"]
        self.printed: dict[str, str] = data["print"]  # the printable sheet's words

    def say(self, key: str, turn: int = 0, **values: object) -> str:
        """The phrase `key` with `values` filled in; of several variants, the one for
        `turn` (0 the first), so a moment that comes again is worded another way."""
        text = self.phrases[key]
        if isinstance(text, list):
            text = text[turn % len(text)]
        said = text.format(**values)
        if not said.endswith((".", "?", "!")):
            return said  # a part of another phrase (" on each side", "all in 3 rounds")
        # A sentence starts with a capital, whatever was filled in first ("Eine Übung, ...").
        return said[:1].upper() + said[1:]

    def label(self, key: str, **values: object) -> str:
        """A word or short phrase read rather than heard: the sheet, captions, chapters."""
        return self.printed[key].format(**values)

    def word(self, key: str) -> str:
        return self.words[key]

    def number(self, n: float) -> str:
        """`n` as the language writes it: "2.5" in English, "2,5" in German."""
        return f"{n:g}".replace(".", self.rules.decimal)

    def count(self, n: float, unit: str) -> str:
        """`n` with its unit, singular or plural by the language's rule: "1 rep", "3 reps"."""
        forms = self.units[unit]
        if n == 1 and "single" in forms:
            return forms["single"]
        return forms[self.rules.plural(n)].format(n=self.number(n))

    def duration(self, seconds: float) -> str:
        """ "45 seconds", "1 minute", "1 minute 30 seconds", "2.5 seconds"."""
        minutes, rest = divmod(seconds, 60) if seconds >= 60 else (0, seconds)
        if minutes and rest:
            return self.words["minutes_seconds"].format(
                minutes=self.count(int(minutes), "minute"),
                seconds=self.count(round(rest, 3), "second"),
            )
        if minutes:
            return self.count(int(minutes), "minute")
        return self.count(round(rest, 3), "second")

    def join(self, items: Sequence[str]) -> str:
        """ "a", "a and b", "a, b and c"."""
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.word('and')} {items[-1]}"

    def keys(self) -> set[str]:
        return set(self.phrases)
