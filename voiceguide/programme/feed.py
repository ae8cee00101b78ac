"""A programme's folder as a private podcast: feed.xml, the cover, and a JSON chapters
file beside each track, for any static web host (or the page, behind its token).

What the feed says of each track comes from the folder as built: its audio file (size),
the manifest (length, chapters, the file's digest) and the programme (title, week, the
values in force). The dates come from the programme's `start:`, never from the clock, so
the same folder gives the same bytes. Without a start, week 1 is dated EPOCH.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from html import escape
from pathlib import Path
from typing import Any

from ..audio.assets import load_cover
from ..export.feed import Channel, Episode, FeedLinks, feed_xml, media_type
from ..export.podcast_chapters import MEDIA_TYPE, ChapterMark, chapters_json
from ..export.sheet import SheetExercise, sheet_exercises
from ..export.summary import SummaryWeek, week_facts
from ..files import output_group
from ..language import PhraseBook, phrase_book
from ..planning.planner import plan
from .build import CHAPTERS_SUFFIX, _read_manifest
from .model import Programme, week_plan
from .tracks import Track, programme_tracks

FEED = "feed.xml"
COVER = "cover.png"
# Week 1's date when the programme names no start: a fixed Monday, never today, so that a
# rebuilt feed is the same file (and a podcast app sees no new episodes in it).
EPOCH = date(2000, 1, 3)
# Noon UTC: the same calendar day everywhere from UTC-11 to UTC+11.
PUBLISHED_AT = time(12, 0, tzinfo=timezone.utc)
AUTHOR = "voiceguide"  # when the programme names none: the artist its tracks' tags name


@dataclass(frozen=True)
class BuiltTrack:
    """A track of the programme as its folder holds it."""

    track: Track
    audio: str  # the audio file's name in the folder
    length: int  # its size in bytes
    digest: str  # its SHA-256, as the manifest recorded it
    seconds: float
    chapters: tuple[ChapterMark, ...]
    captions: str | None  # the WebVTT file's name, when there is one

    @property
    def chapters_file(self) -> str:
        return f"{self.track.name}{CHAPTERS_SUFFIX}"


def built_tracks(programme: Programme, folder: Path) -> list[BuiltTrack]:
    """The programme's tracks found built in `folder` (by its manifest), in order; a track
    not built, or whose audio file is gone or is not a plain file, is left out."""
    manifest = _read_manifest(folder)
    found = []
    for track in programme_tracks(programme):
        built = _built(track, manifest.get(track.name), folder)
        if built is not None:
            found.append(built)
    return found


def _built(track: Track, entry: Any, folder: Path) -> BuiltTrack | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("files"), dict):
        return None
    files: dict[str, Any] = entry["files"]
    seconds, marks = entry.get("seconds"), _marks(entry.get("chapters"))
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or marks is None:
        return None
    audio = next(
        (n for n in files if isinstance(n, str) and n == track.name + Path(n).suffix and
         media_type(n).startswith("audio/")),
        None,
    )  # fmt: skip
    if audio is None or not isinstance(files[audio], str):
        return None
    try:
        status = os.stat(folder / audio, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    captions = f"{track.name}.vtt"
    return BuiltTrack(
        track, audio, status.st_size, files[audio], float(seconds), marks,
        captions if captions in files else None,
    )  # fmt: skip


def _marks(value: Any) -> tuple[ChapterMark, ...] | None:
    """The manifest's chapters ([start, title] each), or None when they are not that."""
    if not isinstance(value, list):
        return None
    marks = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], str)):
            return None
        start = item[0]
        if isinstance(start, bool) or not isinstance(start, (int, float)) or start < 0:
            return None
        marks.append(ChapterMark(float(start), item[1]))
    return tuple(marks)


def published(programme: Programme, track: Track, place_in_week: int) -> datetime:
    """When a track is dated: its week's first day (from the programme's start, else
    EPOCH) at noon UTC, a minute later for each track before it in the same week."""
    day = (programme.start or EPOCH) + timedelta(weeks=track.week - 1)
    return datetime.combine(day, PUBLISHED_AT) + timedelta(minutes=place_in_week)


def description(programme: Programme, track: Track, book: PhraseBook) -> str:
    """The episode's notes as HTML: the week's level and values, then each exercise with
    the values in force, as the programme's summary prints them."""
    facts = [book.label("week", number=track.week), *_week_facts(programme, track.week, book)]
    heading = " + ".join(each.session.routine.title for each in track.sessions)
    items = "".join(f"<li>{escape(_line(ex))}</li>" for ex in _exercises(track))
    return f"<p>{escape(' · '.join(facts))}</p><p>{escape(heading)}</p><ol>{items}</ol>"


def _week_facts(programme: Programme, week: int, book: PhraseBook) -> list[str]:
    """'Level: gentle', 'Hold: 15 s': what the programme sets for every exercise."""
    shown = week_plan(programme, week)
    return week_facts(SummaryWeek(week, shown.level, shown.values), book)


def _exercises(track: Track) -> tuple[SheetExercise, ...]:
    """The track's exercises with their values in force, as its plan has them (and as the
    sheet and summary say them)."""
    return sheet_exercises(plan(track.routine, track.options))


def _line(ex: SheetExercise) -> str:
    values = "; ".join(f"{what}: {value}" for what, value in ex.values)
    return f"{ex.name} ({ex.position}): {values}"


def episodes(programme: Programme, built: Sequence[BuiltTrack], links: FeedLinks) -> list[Episode]:
    """One episode per built track, in programme order."""
    book = phrase_book(programme.language)
    per_week: dict[int, int] = {}
    for track in programme_tracks(programme):
        per_week[track.week] = per_week.get(track.week, 0) + 1
    seasons = any(count > 1 for count in per_week.values())  # a week of several sessions
    made, place = [], dict.fromkeys(per_week, 0)
    for each in built:
        track = each.track
        made.append(
            Episode(
                title=track.title,
                url=links.url(each.audio),
                length=each.length,
                media_type=media_type(each.audio),
                # Stable for the same audio wherever the folder is served; new audio (the
                # programme changed) is a new episode, which an app fetches again.
                guid=f"voiceguide:{programme.slug}:{track.name}:{each.digest[:16]}",
                published=published(programme, track, place[track.week]),
                seconds=each.seconds,
                number=track.number,
                description=description(programme, track, book),
                season=track.week if seasons else None,
                chapters_url=links.url(each.chapters_file),
                chapters_type=MEDIA_TYPE,
                captions_url=links.url(each.captions) if each.captions else None,
            )
        )
        place[track.week] += 1
    return made


def channel(programme: Programme, links: FeedLinks) -> Channel:
    # Without an intro, the routines it is made of (RSS asks for some description).
    routines = dict.fromkeys(s.routine.title for s in programme.sessions)
    return Channel(
        title=programme.title,
        description=programme.intro or " + ".join(routines) or programme.title,
        language=programme.language,
        author=programme.author or AUTHOR,
        link=links.base + links.query,
        feed_url=links.url(FEED),
        image_url=links.url(COVER),
    )


def feed_bytes(programme: Programme, folder: Path, links: FeedLinks) -> bytes:
    """feed.xml for the programme's tracks built in `folder`, its files at `links`."""
    built = built_tracks(programme, folder)
    return feed_xml(channel(programme, links), episodes(programme, built, links))


def feed_files(programme: Programme, folder: Path) -> dict[str, str]:
    """The files the feed names in `folder` (but feed.xml), each with its media type:
    the cover, and each built track's audio, chapters and captions."""
    names = {COVER: "image/png"}
    for each in built_tracks(programme, folder):
        names[each.audio] = media_type(each.audio)
        names[each.chapters_file] = MEDIA_TYPE
        if each.captions:
            names[each.captions] = "text/vtt; charset=utf-8"
    return names


def feed_progress(programme: Programme, folder: Path) -> tuple[int, int]:
    """(episodes built in `folder`, tracks the programme has)."""
    return len(built_tracks(programme, folder)), len(programme_tracks(programme))


def chapter_files(programme: Programme, built: Sequence[BuiltTrack]) -> dict[str, str]:
    """Each built track's JSON chapters file: its name and text."""
    return {
        each.chapters_file: chapters_json(
            each.chapters, title=each.track.title, podcast=programme.title
        )
        for each in built
    }


def write_feed(
    programme: Programme,
    folder: Path,
    links: FeedLinks | None,
    *,
    warn: Callable[[str], None] = lambda _message: None,
) -> Path | None:
    """The feed's files in `folder` (built already): the cover, each track's chapters
    and, given `links`, feed.xml. A file that would say the same is left as it is."""
    if programme.start is None and links is not None:
        warn(
            f"{programme.path}: no start: date, so the feed dates week 1 {EPOCH.isoformat()}; "
            "add start: YYYY-MM-DD (the day week 1 begins) to date the weeks"
        )
    built = built_tracks(programme, folder)
    _write_if_changed(folder / COVER, load_cover())
    for name, text in chapter_files(programme, built).items():
        _write_if_changed(folder / name, text.encode("utf-8"))
    if links is None:
        return None
    path = folder / FEED
    _write_if_changed(path, feed_xml(channel(programme, links), episodes(programme, built, links)))
    return path


def _write_if_changed(path: Path, data: bytes) -> None:
    """Replace `path` by `data` atomically, only when it holds something else."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    with output_group() as group:
        group.file(path).write_bytes(data)
