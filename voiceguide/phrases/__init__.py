"""The phrase book: every fixed phrase the voice says, one data file per language.

The planner asks for phrases by key and fills in values; durations, counts and lists
are worded here by the language's rules, so a new language is a new file (and its
plural rule), never a change to the planner.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml

DEFAULT_LANGUAGE = "en"
NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French"}  # for messages


def languages() -> tuple[str, ...]:
    """The languages with a phrase book (`en`, ...): what a routine's `language:` may say."""
    names = (p.name for p in resources.files(__name__).iterdir())
    return tuple(sorted(n.removesuffix(".yaml") for n in names if n.endswith(".yaml")))


def language_name(language: str) -> str:
    """ "German" for "de": how messages name a language."""
    return NAMES.get(language, language)


def side_word(language: str, side: str = "left") -> str:
    """How `language` names a side ("left", "links", "izquierdo", "gauche"), as its
    voice says it."""
    return phrase_book(language).word(side)


def _plural_form(language: str, n: float) -> str:
    """CLDR's plural category for `n` (the categories a phrase book's units use).

    English, German and Spanish: "one" for exactly 1, else "other" ("1.5 seconds").
    French: "one" when the whole part is 0 or 1 ("0,5 seconde", "1,5 seconde").
    """
    if language == "fr":
        return "one" if 0 <= n < 2 else "other"
    return "one" if n == 1 else "other"


class PhraseBook:
    """The phrases of one language."""

    def __init__(self, language: str, data: dict[str, Any]) -> None:
        self.language = language
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
        return f"{n:g}".replace(".", self.words["decimal"])

    def count(self, n: float, unit: str) -> str:
        """`n` with its unit, singular or plural by the language's rule: "1 rep", "3 reps"."""
        forms = self.units[unit]
        if n == 1 and "single" in forms:
            return forms["single"]
        return forms[_plural_form(self.language, n)].format(n=self.number(n))

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


def phrase_book(language: str = DEFAULT_LANGUAGE) -> PhraseBook:
    """The phrase book for `language` (read once: phrase_book() is phrase_book("en"))."""
    return _read(language)


@functools.cache
def _read(language: str) -> PhraseBook:
    text = (resources.files(__name__) / f"{language}.yaml").read_text(encoding="utf-8")
    return PhraseBook(language, yaml.safe_load(text))
