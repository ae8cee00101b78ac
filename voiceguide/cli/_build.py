"""`voiceguide build`: routines into finished audio files, one or several at a time."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..clock import clock
from .shared import (
    TEXT,
    FiniteFloat,
    Session,
    UserPath,
    cache_dir_option,
    choice_options,
    file_options,
    jobs_option,
    session_options,
    warn,
)

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from ..pipeline.build import Progress
    from ..routine.model import Routine

DEFAULT_OUT = Path("voiceguide-out")


@click.command()
@click.argument("routines", nargs=-1, metavar="[ROUTINE|FILE]...")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=UserPath(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the audio files.",
)
@click.option(
    "--name",
    type=TEXT,
    help="File name instead of the routine's (one routine, or a --together session: its title too).",
)
@click.option(
    "--suffix",
    type=TEXT,
    help="Added to each file name, e.g. --suffix -gentle gives five-moves-gentle.mp3.",
)
@session_options
@choice_options
@file_options
@click.option(
    "--true-peak",
    type=FiniteFloat(-12, 0),
    default=-1.0,
    show_default=True,
    help="True-peak ceiling in dBTP.",
)
@jobs_option("Build this many routines at once.")
@click.option(
    "--music",
    type=UserPath(dir_okay=False, path_type=Path),
    help="An audio file to loop quietly under the session; it dips under speech and tones.",
)
@click.option(
    "--music-level",
    type=FiniteFloat(6, 40),
    default=18.0,
    show_default=True,
    help="How far (LU) the music sits below the voice.",
)
@click.option(
    "--split",
    is_flag=True,
    help="One track per exercise (per round), numbered, in a folder named for the routine, with its playlist.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Synthesise every phrase afresh; do not read or fill the clip cache.",
)
@cache_dir_option
def build(
    routines: tuple[str, ...],
    out_dir: Path,
    name: str | None,
    suffix: str | None,
    session: Session,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    together: bool,
    fmt: str,
    bitrate: str | None,
    lufs: float,
    true_peak: float,
    jobs: int,
    music: Path | None,
    music_level: float,
    split: bool,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Build routines into audio files (no argument: every bundled routine).

    Beside each file: captions (.vtt), a timeline (.json) and a printable sheet (.html);
    in the folder, playlist.m3u8 of every track in it. With --split, each routine is a
    folder of numbered tracks, one per exercise, and its own playlist.
    """
    # Imported here, not at the top: `voiceguide --help` and `plan` stay quick.
    from ..audio.loudness import LoudnessTarget
    from ..audio.music import Music
    from ..library import all_bundled, find_routines
    from ..pipeline.batch import build_all
    from ..pipeline.build import OutputSettings
    from ..routine.compose import from_command_line

    # No names and --together: from_command_line asks for names (all of them is too long).
    named = find_routines(list(routines)) if routines or together else all_bundled()
    chosen, options = from_command_line(
        named, session.options, only=only, skip=skip, join=together, name=name
    )
    output = OutputSettings(
        folder=out_dir,
        format=fmt,  # type: ignore[arg-type]  # click.Choice has checked it
        bitrate=bitrate,
        loudness=LoudnessTarget(lufs, true_peak),
        music=Music(music, music_level) if music else None,
        split=split,
    )
    speech = session.speech(cache_dir=cache_dir, use_cache=not no_cache)
    with _Progress(jobs) as show:
        build_all(
            chosen,
            options=options,
            speech=speech,
            output=output,
            name=name,
            suffix=suffix,
            jobs=jobs,
            progress=show,
            warn=warn,
        )


class _Progress:
    """What a run shows on stderr: each routine as it starts, a bar while new phrases are
    spoken, and each finished file on stdout. With --jobs above 1 there are no bars (they
    would garble each other), and several routines at once get one line instead of a
    line each."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.quiet = jobs > 1
        self.announced = False
        self.bar: ProgressBar[int] | None = None
        self.lock = threading.Lock()  # builds at once report from their own threads

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, number: int, of: int, routine: Routine, step: Progress) -> None:
        with self.lock:
            self._show(number, of, routine, step)

    def _show(self, number: int, of: int, routine: Routine, step: Progress) -> None:
        if step.stage == "start" and self.jobs > 1 and of > 1:
            if not self.announced:  # only once every check has passed
                click.echo(f"building {of} routines, {min(self.jobs, of)} at a time", err=True)
                self.announced = True
        elif step.stage == "start":
            click.echo(f"[{number}/{of}] {routine.slug}: {routine.title}", err=True)
        elif step.stage == "speaking" and not self.quiet:
            if self.bar is None:
                label = f"  speaking {step.total} new phrase{'s' if step.total != 1 else ''}"
                self.bar = click.progressbar(length=step.total, label=label, file=sys.stderr)
                self.bar.__enter__()
            self.bar.update(1)
        elif step.stage == "measuring":
            self._end_bar()
        elif step.stage == "done":
            self._end_bar()
            result = step.result
            assert result is not None
            for warning in (*result.notes, *result.timeline.warnings):
                warn(warning)
            for track in result.tracks:  # a split build: each track, then its playlist
                click.echo(f"{track.path}  {clock(track.seconds)}")
            click.echo(f"{result.path}  {clock(result.timeline.seconds)}")

    def _end_bar(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
