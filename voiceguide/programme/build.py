"""A programme into a folder: one track a week (or a week and session), in order, with a
playlist and a printable summary; a rebuild makes again only the tracks that changed.

Each track's key is a hash of everything that decides its bytes (the plan, the voice, the
output settings, its tags, voiceguide's version). The folder's manifest remembers each
track's key and files; a track whose key is the same and whose files are as written is
left alone, not rewritten, so its bytes and modification time stay.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserError
from ..export.chapters import chapters
from ..export.playlist import PlaylistEntry, playlist_text
from ..export.summary import (
    Summary,
    SummaryTrack,
    SummaryWeek,
    summary_html,
    summary_markdown,
)
from ..files import write_text
from ..pipeline.build import BuildResult, OutputSettings, Progress, build
from ..pipeline.parallel import build_at_once, with_cores_shared
from ..planned import Plan
from ..planning.planner import guessed_seconds, plan
from ..speech.engine import natural_note
from ..speech.pool import SpeechSettings
from ..timeline import Timeline
from .model import Programme, week_plan
from .tracks import Track, programme_tracks
from .weeks import check_week

if TYPE_CHECKING:
    from ..export.feed import FeedLinks

MANIFEST = ".voiceguide-programme.json"
PLAYLIST = "playlist.m3u8"
SUMMARY = "summary"  # .md and .html
CHAPTERS_SUFFIX = ".chapters.json"  # a feed's chapters file beside each track


@dataclass(frozen=True)
class TrackResult:
    track: Track
    path: Path
    seconds: float
    rebuilt: bool
    result: BuildResult | None = None  # when rebuilt


@dataclass(frozen=True)
class ProgrammeResult:
    tracks: tuple[TrackResult, ...]
    removed: tuple[Path, ...]  # tracks of an earlier build no longer in the programme
    summary: tuple[Path, ...]
    feed: Path | None = None  # feed.xml, when a feed was asked for

    @property
    def rebuilt(self) -> int:
        return sum(t.rebuilt for t in self.tracks)

    @property
    def kept(self) -> int:
        return len(self.tracks) - self.rebuilt

    @property
    def spoken(self) -> int:
        """Phrases the speech engine had to make: only those whose words are new."""
        return sum(t.result.synthesised for t in self.tracks if t.result is not None)


def track_key(
    track: Track, planned: Plan, of: int, speech: SpeechSettings, output: OutputSettings
) -> str:
    """A hash of everything that decides the track's bytes and its sidecars'."""
    from .. import __version__

    music = output.music
    music_file: Any = None
    if music is not None:
        stat = Path(music.path).stat()
        music_file = [str(music.path), stat.st_size, stat.st_mtime_ns, repr(music)]
    parts = {
        "version": __version__,
        "plan": repr(_placeless(planned)),
        "title": track.title,
        "album": track.routine.collection,
        "track": [track.number, of],
        "level": track.options.level,
        "voice": [speech.voice.name, speech.voice.rate, speech.voice.command],
        # Which engine speaks: the fake one's clips are not the real voice's, so a build
        # with one never keeps a track the other made.
        "engine": "fake" if speaks_fake(speech) else "real",
        "format": output.format,
        "bitrate": output.bitrate,
        "loudness": repr(output.loudness),
        "music": music_file,
        "sidecars": output.sidecars,
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def speaks_fake(speech: SpeechSettings) -> bool:
    """Whether the fake engine speaks a build with `speech` (told, or by the environment)."""
    from ..speech.fake import fake_by_default

    return speech.fake if speech.fake is not None else fake_by_default()


def _placeless(planned: Plan) -> Plan:
    """The plan without the folder its routine was read from: a programme moved with its
    routines (or built from a copy) sounds the same, so its tracks are kept."""
    return dataclasses.replace(planned, path=Path(planned.path).name, warnings=(), estimate=None)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    tracks = data.get("tracks") if isinstance(data, dict) else None
    return tracks if isinstance(tracks, dict) else {}


def _unchanged(entry: Any, key: str, folder: Path) -> bool:
    """Whether the files the manifest lists for a track are there, as it wrote them."""
    if not isinstance(entry, dict) or entry.get("key") != key:
        return False
    files = entry.get("files")
    if not isinstance(files, dict) or not files:
        return False
    for name, digest in files.items():
        if not isinstance(name, str) or Path(name).name != name or name.startswith("."):
            return False
        if _digest(folder / name) != digest:
            return False
    return isinstance(entry.get("seconds"), (int, float))


def _write_if_changed(path: Path, text: str) -> bool:
    """Replace `path` by `text` only when it says something else; True when written."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    write_text(path, text)
    return True


# (track, of, stage): where each track's build is; "kept" for a track left as it was.
ProgrammeProgress = Callable[[Track, int, Progress | None], None]


def build_programme(
    programme: Programme,
    *,
    speech: SpeechSettings | None = None,
    output: OutputSettings | None = None,
    jobs: int = 1,
    explain: bool = True,
    progress: ProgrammeProgress | None = None,
    warn: Callable[[str], None] = lambda _message: None,
    feed: FeedLinks | None = None,
) -> ProgrammeResult:
    """Build every week of `programme` into `output.folder`: tracks, playlist, summary,
    and with `feed` a podcast feed of them (programme/feed.py) for the folder's URL.

    Every week is planned (and so checked) before any audio is made; a track whose key
    and files are unchanged since the last build is kept as it is.
    """
    if feed is not None and output is not None and output.split:
        raise UserError("a feed has one episode a track; leave out --split")

    speech, output = speech or SpeechSettings(), output or OutputSettings()
    report = progress or (lambda _track, _of, _progress: None)
    folder = Path(output.folder)
    tracks = programme_tracks(programme, explain=explain)
    of = len(tracks)
    for warning in dict.fromkeys(w for t in tracks for w in t.routine.warnings):
        warn(warning)
    plans = [plan(t.routine, t.options, speaking_rate=speech.voice.rate) for t in tracks]
    note = natural_note(speech.voice, [planned.language for planned in plans])
    if note:  # one line for the programme, not one a week
        warn(note)
    keys = [track_key(t, p, of, speech, output) for t, p in zip(tracks, plans, strict=True)]
    manifest = _read_manifest(folder)
    todo = [
        i
        for i, (t, key) in enumerate(zip(tracks, keys, strict=True))
        if not _unchanged(manifest.get(t.name), key, folder)
        # A feed's chapters come from the manifest: a track built before it kept them, again.
        or (feed is not None and "chapters" not in manifest[t.name])
    ]
    speech = with_cores_shared(speech, jobs, len(todo))
    for index in (i for i in range(of) if i not in todo):
        report(tracks[index], of, None)  # kept as it is
    built = _build_tracks(tracks, plans, todo, of, speech, output, jobs, report)
    results: list[TrackResult] = []
    entries: dict[str, Any] = {}
    for index, (track, key) in enumerate(zip(tracks, keys, strict=True)):
        path = folder / f"{track.name}.{output.format}"
        if index in built:
            result = built[index]
            seconds = result.timeline.seconds
            files = [result.path, *result.sidecars]
            entries[track.name] = {
                "key": key,
                "seconds": seconds,
                "files": {p.name: _digest(p) for p in files},
                "chapters": chapter_marks(result.timeline),
            }
            results.append(TrackResult(track, result.path, seconds, True, result))
        else:
            entry = manifest[track.name]
            entries[track.name] = entry
            results.append(TrackResult(track, path, float(entry["seconds"]), False))
    removed = _remove_old(folder, manifest, set(entries))
    _write_if_changed(folder / MANIFEST, json.dumps({"tracks": entries}, indent=1) + "\n")
    _write_if_changed(
        folder / PLAYLIST,
        playlist_text(folder, [PlaylistEntry(r.path, r.track.title, r.seconds) for r in results]),
    )
    summary = [folder / f"{SUMMARY}.md", folder / f"{SUMMARY}.html"]
    printed = _summary(programme, tracks, plans, [r.seconds for r in results])
    if feed is not None:
        from .feed import FEED

        printed = dataclasses.replace(printed, feed=feed.url(FEED))
    _write_if_changed(summary[0], summary_markdown(printed))
    _write_if_changed(summary[1], summary_html(printed))
    written = None
    if feed is not None:
        from .feed import write_feed

        written = write_feed(programme, folder, feed, warn=warn)
    return ProgrammeResult(tuple(results), tuple(removed), tuple(summary), written)


def chapter_marks(timeline: Timeline) -> list[list[Any]]:
    """The track's chapters as the manifest keeps them: [start in seconds, title]."""
    rate = timeline.sample_rate
    return [[round(c.start / rate, 3), c.title] for c in chapters(timeline)]


def build_week(
    programme: Programme,
    week: int,
    *,
    speech: SpeechSettings | None = None,
    output: OutputSettings | None = None,
    explain: bool = True,
    progress: ProgrammeProgress | None = None,
) -> list[TrackResult]:
    """Build one week's track(s) of `programme` into `output.folder`, named, titled and
    numbered as `build_programme` makes them (no playlist, summary or manifest)."""
    check_week(programme, week)
    every = programme_tracks(programme, explain=explain)
    tracks = [t for t in every if t.week == week]
    built = build_tracks(tracks, of=len(every), speech=speech, output=output, progress=progress)
    return [
        TrackResult(track, result.path, result.timeline.seconds, True, result)
        for track, result in zip(tracks, built, strict=True)
    ]


def build_tracks(
    tracks: Sequence[Track],
    *,
    of: int,
    speech: SpeechSettings | None = None,
    output: OutputSettings | None = None,
    jobs: int = 1,
    progress: ProgrammeProgress | None = None,
) -> list[BuildResult]:
    """Build these tracks of a programme of `of` tracks into `output.folder`, in order."""
    speech, output = speech or SpeechSettings(), output or OutputSettings()
    report = progress or (lambda _track, _of, _progress: None)
    plans = [plan(t.routine, t.options, speaking_rate=speech.voice.rate) for t in tracks]
    speech = with_cores_shared(speech, jobs, len(tracks))
    todo = list(range(len(tracks)))
    built = _build_tracks(tracks, plans, todo, of, speech, output, jobs, report)
    return [built[index] for index in todo]


def _remove_old(folder: Path, manifest: dict[str, Any], keep: set[str]) -> list[Path]:
    """The files of tracks an earlier build made that the programme no longer has."""
    removed = []
    for name, entry in manifest.items():
        if name in keep or not isinstance(entry, dict) or not isinstance(entry.get("files"), dict):
            continue
        for file in entry["files"]:
            if isinstance(file, str) and Path(file).name == file and not file.startswith("."):
                path = folder / file
                if path.is_file():
                    path.unlink()
                    removed.append(path)
        # The feed's chapters file of a track no longer there goes with it.
        if isinstance(name, str) and not name.startswith(".") and Path(name).name == name:
            chapters_file = folder / f"{name}{CHAPTERS_SUFFIX}"
            if chapters_file.is_file() and not chapters_file.is_symlink():
                chapters_file.unlink()
    return removed


def _summary(
    programme: Programme, tracks: Sequence[Track], plans: Sequence[Plan], lengths: Sequence[float]
) -> Summary:
    """What the summary prints: each week's level and values, each track's plan."""
    weeks = []
    for number in range(1, programme.weeks + 1):
        week = week_plan(programme, number)
        weeks.append(SummaryWeek(number, week.level, week.values))
    listed = tuple(
        SummaryTrack(
            track.week,
            track.name,
            # The routines a track is made of: "Upper back relief, sitting + ..., standing".
            " + ".join(each.session.routine.title for each in track.sessions),
            seconds,
            planned,
        )
        for track, planned, seconds in zip(tracks, plans, lengths, strict=True)
    )
    return Summary(programme.title, programme.intro, programme.language, tuple(weeks), listed)


def _build_tracks(
    tracks: Sequence[Track],
    plans: Sequence[Plan],
    todo: list[int],
    of: int,
    speech: SpeechSettings,
    output: OutputSettings,
    jobs: int,
    report: ProgrammeProgress,
) -> dict[int, BuildResult]:
    """Build the tracks at `todo`, `jobs` at a time, longest first; a failure stops the rest."""

    def one(index: int, check: Callable[[], None]) -> BuildResult:
        track = tracks[index]

        def step(stage: Progress) -> None:
            check()
            report(track, of, stage)

        step(Progress("start"))
        result = build(
            plans[index],
            speech=speech,
            output=output,
            name=track.name,
            track=(track.number, of),
            title=track.title,
            progress=step,
        )
        report(track, of, Progress("done", result=result))
        return result

    lengths = [guessed_seconds(planned, speech.voice.rate) for planned in plans]
    return dict(build_at_once(todo, lengths, jobs, one))
