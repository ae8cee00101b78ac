"""Chapters (intro, each exercise, close) found in a timeline."""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import Timeline
from ..phrases import phrase_book


@dataclass(frozen=True)
class Chapter:
    title: str
    start: int  # samples
    end: int


def chapters(timeline: Timeline) -> list[Chapter]:
    """One chapter per exercise, from its announcement to the next, plus intro and close."""
    starts: list[tuple[str, int]] = []
    seen: set[str] = set()
    closing = None
    for event in timeline.events:
        if event.exercise is not None and event.exercise not in seen:
            seen.add(event.exercise)
            starts.append((event.exercise, event.start))
        elif event.exercise is None and seen and closing is None:
            closing = event.start
    book = phrase_book(timeline.language)
    titled = [(book.label("introduction"), 0), *starts]
    if closing is not None:
        titled.append((book.label("close"), closing))
    ends = [start for _, start in titled[1:]] + [timeline.length]
    return [
        Chapter(title, start, end)
        for (title, start), end in zip(titled, ends, strict=True)
        if end > start
    ]


def timestamp(samples: int, rate: int) -> str:
    """HH:MM:SS.mmm, as WebVTT captions and Vorbis chapters write a moment."""
    ms = round(samples * 1000 / rate)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms:03d}"
