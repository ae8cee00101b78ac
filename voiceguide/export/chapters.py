"""Chapters (intro, each exercise, close) found in a timeline."""

from __future__ import annotations

from dataclasses import dataclass

from ..language import PhraseBook, phrase_book
from ..timeline import Timeline


@dataclass(frozen=True)
class Chapter:
    title: str
    start: int  # samples
    end: int
    exercise: str | None = None  # None: the introduction or the close
    round: int = 0  # the time through the exercise's block of rounds (0: none)


def chapter_title(exercise: str, round: int, book: PhraseBook | None = None) -> str:
    """An exercise's chapter: its name, and which round where it is done in rounds."""
    if not round:
        return exercise
    return (book or phrase_book()).label("round_chapter", name=exercise, number=round)


def chapters(timeline: Timeline) -> list[Chapter]:
    """One chapter per exercise (per round, in a block of rounds), from its announcement
    to the next, plus intro and close."""
    book = phrase_book(timeline.language)
    starts: list[tuple[str, int, str | None, int]] = []
    seen: set[tuple[str, int]] = set()
    closing = None
    for event in timeline.events:
        key = (event.exercise, event.round)
        if event.exercise is not None and key not in seen:
            seen.add((event.exercise, event.round))
            title = chapter_title(event.exercise, event.round, book)
            starts.append((title, event.start, event.exercise, event.round))
        elif event.exercise is None and seen and closing is None:
            closing = event.start
    titled = [(book.label("introduction"), 0, None, 0), *starts]
    if closing is not None:
        titled.append((book.label("close"), closing, None, 0))
    ends = [start for _, start, _, _ in titled[1:]] + [timeline.length]
    return [
        Chapter(title, start, end, exercise, round)
        for (title, start, exercise, round), end in zip(titled, ends, strict=True)
        if end > start
    ]
