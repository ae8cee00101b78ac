"""Chapters (intro, each exercise, close) found in a timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..layout import Timeline

if TYPE_CHECKING:
    from .tags import TrackInfo


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
    titled = [("Introduction", 0), *starts]
    if closing is not None:
        titled.append(("Close", closing))
    ends = [start for _, start in titled[1:]] + [timeline.length]
    return [
        Chapter(title, start, end)
        for (title, start), end in zip(titled, ends, strict=True)
        if end > start
    ]


def ffmetadata(info: TrackInfo, chapter_list: list[Chapter], sample_rate: int) -> str:
    """Tags and chapters in ffmpeg's metadata format, for containers ffmpeg tags itself."""

    def escape(text: str) -> str:
        for char in "\\=;#\n":
            text = text.replace(char, "\\" + char)
        return text

    lines = [
        ";FFMETADATA1",
        f"title={escape(info.title)}",
        f"artist={escape(info.artist)}",
        f"album={escape(info.album)}",
        f"track={info.track}/{info.of}",
        f"genre={escape(info.genre)}",
        f"comment={escape(info.comment)}",
    ]
    for chapter in chapter_list:
        lines += [
            "[CHAPTER]",
            f"TIMEBASE=1/{sample_rate}",
            f"START={chapter.start}",
            f"END={chapter.end}",
            f"title={escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"
