"""Where a draft's exercises and values were read: the article's line for each, so a page
can link a field to the sentence it came from and an editor can jump to it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .draft import Draft

_NOT_WORD = re.compile(r"[\W_]+")
_NEAR = 20_000  # characters


@dataclass(frozen=True)
class SourceLine:
    """A sentence of the article and the line it starts on (1 = the first line)."""

    number: int
    text: str


def _key(text: str) -> str:
    """Words only, in lower case: markup, bullets and spacing differ between the two."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


class _Article:
    """The article's text as words, searched forwards: exercises come in the article's order."""

    def __init__(self, text: str) -> None:
        self.words = "\n".join(_key(line) for line in text.splitlines())
        self.at = 0

    def find(self, sentence: str) -> SourceLine | None:
        key = _key(sentence)[:60]  # a prefix is enough, and a word cut short still matches
        if len(key) < 4:
            return None
        # Near where the last one was found, so a book-sized article costs no more than a
        # page: ahead of it, else a little before (a table's value told before its notes).
        where = self.words.find(key, self.at, self.at + _NEAR * 10)
        if where < 0:
            where = self.words.find(key, max(0, self.at - _NEAR), self.at + len(key))
        if where < 0:
            return None
        self.at = max(self.at, where)
        return SourceLine(self.words.count("\n", 0, where) + 1, sentence)


def locate(drafts: list[Draft], text: str) -> None:
    """Each exercise's `sources`: the line of its heading or first sentence ("exercise") and
    of each value read from the article ("hold", "reps", "sets", "sides")."""
    article = _Article(text)
    for draft in drafts:
        for ex in draft.exercises:
            for what, sentence in ex.read_from.items():
                if found := article.find(sentence):
                    ex.sources[what] = found
