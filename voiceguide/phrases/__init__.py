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


def languages() -> tuple[str, ...]:
    """The languages with a phrase book (`en`, ...): what a routine's `language:` may say."""
    names = (p.name for p in resources.files(__name__).iterdir())
    return tuple(sorted(n.removesuffix(".yaml") for n in names if n.endswith(".yaml")))


def _plural_form(language: str, n: float) -> str:
    """CLDR's plural category for `n`: English and its like have "one" and "other"."""
    return "one" if n == 1 else "other"


class PhraseBook:
    """The phrases of one language."""

    def __init__(self, language: str, data: dict[str, Any]) -> None:
        self.language = language
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
        return text.format(**values)

    def label(self, key: str, **values: object) -> str:
        """A word or short phrase of the printable sheet."""
        return self.printed[key].format(**values)

    def word(self, key: str) -> str:
        return self.words[key]

    def count(self, n: float, unit: str) -> str:
        """`n` with its unit, singular or plural by the language's rule: "1 rep", "3 reps"."""
        return self.units[unit][_plural_form(self.language, n)].format(n=f"{n:g}")

    def duration(self, seconds: float) -> str:
        """ "45 seconds", "1 minute", "1 minute 30 seconds", "2.5 seconds"."""
        minutes, rest = divmod(seconds, 60) if seconds >= 60 else (0, seconds)
        parts = [self.count(int(minutes), "minute")] if minutes else []
        if rest or not parts:
            parts.append(self.count(round(rest, 3), "second"))
        return " ".join(parts)

    def join(self, items: Sequence[str]) -> str:
        """ "a", "a and b", "a, b and c"."""
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.word('and')} {items[-1]}"

    def keys(self) -> set[str]:
        return set(self.phrases)


def phrase_book(language: str = DEFAULT_LANGUAGE) -> PhraseBook:
    """The phrase book for `language` (read once: `phrase_book()` and `phrase_book("en")`
    are the same book)."""
    return _read_book(language)


@functools.cache
def _read_book(language: str) -> PhraseBook:
    text = (resources.files(__name__) / f"{language}.yaml").read_text(encoding="utf-8")
    return PhraseBook(language, yaml.safe_load(text))
