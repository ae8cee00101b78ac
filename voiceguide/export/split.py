"""One track per exercise (`--split`): where the session is cut, what each track is called,
and the PCM stream of the whole session cut at those places.

The cuts come from the same timeline as the whole track: each exercise's chapter (each
round's, in a block of rounds) becomes a track, the introduction joins the first and the
close the last. The rest after an exercise, which names the next one, stays at the end
of its track: a listener who pauses between tracks has heard what comes next.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..audio.format import SAMPLE_WIDTH
from ..files import slugify
from ..timeline import Timeline, cut
from .chapters import chapters

MAX_SLUG = 60  # characters of an exercise's name in its file name
# The files a split build writes into its folder, as `track_stem` names them.
SPLIT_FILE = re.compile(r"\d{2,3}-[a-z0-9-]+\.(?:mp3|m4a|ogg|wav|vtt|json)")


@dataclass(frozen=True)
class Part:
    """One track of a split session: its number from 1, title, and samples in the whole."""

    number: int
    title: str
    start: int
    end: int
    stem: str  # its file name without extension: 01-wall-angel

    def timeline(self, whole: Timeline) -> Timeline:
        """The part of the session's timeline this track holds, from its own zero."""
        return cut(whole, self.start, self.end, self.title)


def parts(timeline: Timeline) -> list[Part]:
    """The tracks a split session makes, in order, covering the whole timeline."""
    exercises = [c for c in chapters(timeline) if c.exercise is not None]
    if not exercises:  # a routine always has an exercise; keep a whole track regardless
        return [Part(1, timeline.title, 0, timeline.length, track_stem(1, 1, timeline.title))]
    starts = [0, *(c.start for c in exercises[1:])]
    ends = [*starts[1:], timeline.length]
    count = len(exercises)
    return [
        Part(number, chapter.title, start, end, track_stem(number, count, chapter.title))
        for number, (chapter, start, end) in enumerate(zip(exercises, starts, ends, strict=True), 1)
    ]


def track_stem(number: int, count: int, title: str) -> str:
    """`01-wall-angel`: numbered so that any player or file list keeps the order."""
    width = max(2, len(str(count)))
    return f"{number:0{width}d}-{slugify(title)[:MAX_SLUG].strip('-') or 'exercise'}"


class PcmCutter:
    """The blocks of one PCM stream handed out in consecutive runs of given lengths."""

    def __init__(self, blocks: Iterable[bytes]) -> None:
        self._blocks = iter(blocks)
        self._left = b""

    def take(self, frames: int) -> Iterator[bytes]:
        """The next `frames` frames of the stream (fewer only where it ends)."""
        need = frames * SAMPLE_WIDTH
        while need > 0:
            if not self._left:
                self._left = next(self._blocks, b"")
                if not self._left:
                    return
            piece, self._left = self._left[:need], self._left[need:]
            need -= len(piece)
            yield piece


def remove_old_tracks(folder: Path, keep: Iterable[Path]) -> list[Path]:
    """Remove what an earlier split build left in `folder` that this one did not write
    (an exercise since renamed or removed), so the folder plays as the playlist does."""
    kept = {Path(p).name for p in keep}
    removed = []
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []
    for name in names:
        if name in kept or not SPLIT_FILE.fullmatch(name):
            continue
        try:
            (folder / name).unlink()
        except OSError:
            continue
        removed.append(folder / name)
    return removed
