"""What decided a track's numbers and sound, as its tags and JSON timeline record it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..language import PhraseBook, phrase_book
from ..planned import Change


@dataclass(frozen=True)
class TrackSettings:
    level: str
    voice: str
    rate: int  # words a minute
    overrides: tuple[Change, ...] = ()

    def comment(self, book: PhraseBook | None = None) -> str:
        """One line for the audio file's comment tag and the sheet, in `book`'s language."""
        book = book or phrase_book()
        text = book.label("settings", level=self.level, voice=self.voice, rate=self.rate)
        for change in self.overrides:
            who = change.exercise or book.label("between_exercises")
            text += f"; {who}: {change.field} {change.before} -> {change.after} ({change.where})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """For the JSON timeline."""
        return {
            "level": self.level,
            "voice": self.voice,
            "rate": self.rate,
            "overrides": [
                {
                    "exercise": c.exercise,
                    "field": c.field,
                    "from": c.before,
                    "to": c.after,
                    "by": c.where,
                }
                for c in self.overrides
            ],
        }
