"""A track's chapters as a Podcasting 2.0 JSON chapters file, which a feed's
`<podcast:chapters>` links to (the podcast namespace's jsonChapters.md, version 1.2).

Podcast apps that read the namespace show these chapters even where they never read the
ID3 chapters inside the MP3; both are made from the same chapter list, so they agree.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

FORMAT_VERSION = "1.2.0"
MEDIA_TYPE = "application/json+chapters"  # as the namespace's <podcast:chapters> asks


@dataclass(frozen=True)
class ChapterMark:
    """Where a chapter starts, in seconds, and its title."""

    start: float
    title: str


def chapters_json(
    marks: Sequence[ChapterMark], *, title: str | None = None, podcast: str | None = None
) -> str:
    """The chapters file: {"version": "1.2.0", "chapters": [{"startTime": s, "title": t}]}
    in time order, times to the millisecond; the episode's and podcast's names if given."""
    data: dict[str, object] = {"version": FORMAT_VERSION}
    if title:
        data["title"] = title
    if podcast:
        data["podcastName"] = podcast
    data["chapters"] = [
        {"startTime": _seconds(mark.start), "title": mark.title}
        for mark in sorted(marks, key=lambda m: m.start)
    ]
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def _seconds(value: float) -> float | int:
    """Seconds to the millisecond; a whole second written as an integer (0, not 0.0)."""
    rounded = round(value, 3)
    return int(rounded) if rounded == int(rounded) else rounded
