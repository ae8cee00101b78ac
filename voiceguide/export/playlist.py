"""The output folder's M3U8 playlist: the run's tracks, then the others already there.

A track voiceguide wrote is an audio file of one of its formats beside its own JSON
timeline, which gives the title and length; anything else in the folder is left out.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..files import write_text

AUDIO_SUFFIXES = (".mp3", ".m4a", ".ogg", ".wav")
MAX_TIMELINE_BYTES = 64 * 1024 * 1024  # far above a three-hour session's timeline


@dataclass(frozen=True)
class PlaylistEntry:
    path: Path
    title: str
    seconds: float


def write_playlist(path: Path, entries: list[PlaylistEntry]) -> None:
    """An extended M3U8 playlist with titles and durations, paths relative to it."""
    write_text(path, playlist_text(path.parent, entries))


def playlist_text(folder: Path, entries: list[PlaylistEntry]) -> str:
    """The text of a playlist kept in `folder`: each path relative to it where it can be."""
    lines = ["#EXTM3U"]
    for entry in entries:
        target = entry.path.resolve()
        try:
            shown = target.relative_to(folder.resolve()).as_posix()
        except ValueError:
            shown = target.as_posix()
        title = " ".join(entry.title.split())  # one line, whatever a timeline file says
        lines += [f"#EXTINF:{round(entry.seconds)},{title}", shown]
    return "\n".join(lines) + "\n"


def tracks_in(folder: Path, leave_out: Iterable[Path] = ()) -> list[PlaylistEntry]:
    """The tracks voiceguide wrote into `folder`, by file name, but those in `leave_out`."""
    skip = {Path(p).resolve() for p in leave_out}
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:  # no folder, or not ours to read: no other tracks
        return []
    entries = []
    for name in names:
        audio = Path(folder) / name
        if (
            audio.suffix not in AUDIO_SUFFIXES
            or name.startswith(".")  # hidden, or a build's partial file
            or not name.isprintable()  # a newline would break the playlist's lines
            or audio.resolve() in skip
            or not _regular(audio)
        ):
            continue
        found = _title_and_length(audio.with_suffix(".json"))
        if found:
            entries.append(PlaylistEntry(audio, *found))
    return entries


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _title_and_length(timeline: Path) -> tuple[str, float] | None:
    """The title and seconds a JSON timeline states, or None if it is not one of ours."""
    try:
        if not _regular(timeline) or timeline.stat().st_size > MAX_TIMELINE_BYTES:
            return None
        data = json.loads(timeline.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON, too deep
        return None
    if not isinstance(data, dict):
        return None
    title, seconds = data.get("title"), data.get("seconds")
    if not isinstance(title, str) or not title.strip():
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        return None
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return title, float(seconds)
