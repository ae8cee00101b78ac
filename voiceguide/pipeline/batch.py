"""Several routines into a folder of tracks: names, order, parallel builds, the playlist."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from ..errors import SettingError, UserError
from ..export.playlist import PlaylistEntry, tracks_in, write_playlist
from ..files import refuse_linked_folder
from ..planning.planner import guessed_seconds, plan
from ..routine.model import Routine
from ..routine.reader import load_routine
from ..routines import bundled_paths
from ..settings.options import Options, check_overrides
from ..speech.engine import natural_note
from ..speech.pool import SpeechSettings
from .build import BuildResult, OutputSettings, Progress, build
from .parallel import build_at_once, with_cores_shared

# fullmatch, never match with "$": "$" also matches before a final newline.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]*")
_SAFE_SUFFIX = re.compile(r"[A-Za-z0-9._-]+")
# Room left for ".<pid>.<random>.part" and an extension under the usual 255-byte limit.
MAX_NAME = 100
PLAYLIST = "playlist.m3u8"


# (its place in the batch from 1, how many in the batch, the routine, where its build is)
BatchProgress = Callable[[int, int, Routine, Progress], None]


def album_track(routine: Routine) -> tuple[int, int] | None:
    """A bundled routine's place in its album (n of N, by name), so it keeps one track
    number however many are built at once; None for a routine of the user's."""
    bundled = bundled_paths()
    if routine.collection is None or str(bundled.get(routine.slug)) != routine.path:
        return None
    album = sorted(
        slug
        for slug, path in bundled.items()
        if load_routine(path).collection == routine.collection
    )
    return album.index(routine.slug) + 1, len(album)


def output_names(
    routines: Sequence[Routine], name: str | None = None, suffix: str | None = None
) -> list[str]:
    """File names without extension; never a path, so nothing lands outside the folder.

    A name or suffix the settings' reader let through is checked again here (a guard for
    callers that did not read them so); a mistake is a SettingError naming its key."""
    if name is not None:
        if len(routines) != 1:
            raise SettingError("name", "a name names one file; with several routines give a suffix")
        name = re.sub(r"\.(mp3|m4a|ogg|wav)\Z", "", name)
        if not _SAFE_NAME.fullmatch(name):
            message = "use letters, digits, spaces, dots, dashes or underscores"
            raise SettingError("name", message, f"name {name!r}")
    if suffix is not None and not _SAFE_SUFFIX.fullmatch(suffix):
        message = "use letters, digits, dots, dashes or underscores"
        raise SettingError("suffix", message, f"suffix {suffix!r}")
    stems = [(name or r.slug) + (suffix or "") for r in routines]
    longest = max(map(len, stems), default=0)
    if longest > MAX_NAME and (name is not None or suffix is not None):
        key = "name" if name is not None else "suffix"
        message = f"makes a file name of {longest} characters; use at most {MAX_NAME}"
        raise SettingError(key, message)
    duplicates = {stem for stem in stems if stems.count(stem) > 1}
    if duplicates:
        raise UserError(
            f"two routines would both be written as {sorted(duplicates)[0]}.mp3; build them separately"
        )
    return stems


def build_all(
    routines: Sequence[Routine],
    *,
    options: Options | None = None,
    speech: SpeechSettings | None = None,
    output: OutputSettings | None = None,
    name: str | None = None,
    suffix: str | None = None,
    jobs: int = 1,
    progress: BatchProgress | None = None,
    warn: Callable[[str], None] = lambda _message: None,
) -> list[BuildResult]:
    """Build every routine into `output.folder`, `jobs` at a time, and write the playlist:
    this run's tracks in the order given, then the other tracks already in the folder.

    Every name, override and plan is checked before any audio is made. Results come back
    (and "done" is reported) in the order the routines were given.
    """
    options, speech, output = (
        options or Options(),
        speech or SpeechSettings(),
        output or OutputSettings(),
    )
    report = progress or (lambda _number, _of, _routine, _progress: None)
    names = output_names(routines, name, suffix)
    if output.split:  # each routine's own folder, before any build starts
        for stem in names:
            refuse_linked_folder(output.folder / stem)
    for warning in [w for r in routines for w in r.warnings] + check_overrides(
        list(routines), options
    ):
        warn(warning)
    plans = [
        plan(routine, options.for_routine(routine), speaking_rate=speech.voice.rate)
        for routine in routines
    ]
    note = natural_note(speech.voice, [planned.language for planned in plans])
    if note:  # one line for the session, not one a track
        warn(note)
    total = len(routines)
    if output.music:  # measured once, before any build, not once per build
        output = dataclasses.replace(output, music=output.music.measured(speech.remembers_in))
    speech = with_cores_shared(speech, jobs, total)

    def one(index: int, check: Callable[[], None]) -> BuildResult:
        routine = routines[index]

        def step(progress: Progress) -> None:
            check()  # at the build's next step, once the batch has ended early
            report(index + 1, total, routine, progress)

        step(Progress("start"))
        return build(
            plans[index],
            speech=speech,
            output=output,
            name=names[index],
            track=album_track(routine) or (index + 1, total),
            progress=step,
        )

    results: list[BuildResult] = []
    lengths = [guessed_seconds(planned, speech.voice.rate) for planned in plans]
    ready: dict[int, BuildResult] = {}
    for index, result in build_at_once(range(total), lengths, jobs, one):
        ready[index] = result
        while len(results) in ready:  # "done" is reported in the order given
            done = ready.pop(len(results))
            results.append(done)
            report(len(results), total, routines[len(results) - 1], Progress("done", result=done))
    entries = [
        entry
        for r in results
        for entry in (r.tracks or [PlaylistEntry(r.path, r.timeline.title, r.timeline.seconds)])
    ]
    entries += tracks_in(output.folder, leave_out=[r.path for r in results])
    write_playlist(output.folder / PLAYLIST, entries)
    return results
