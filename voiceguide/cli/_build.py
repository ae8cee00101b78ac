"""`voiceguide build`: routines into finished audio files, one or several at a time."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

import voiceguide

from .shared import (
    CHOICES,
    FILE,
    NAME,
    OVERRIDES,
    PICKS,
    TRACK,
    UserPath,
    cache_dir_option,
    jobs_option,
    settings_options,
    warn,
)

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from voiceguide import Progress, Routine, Settings

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
@settings_options(NAME, *CHOICES, *OVERRIDES, *PICKS, *FILE, *TRACK)
@jobs_option("Build this many routines at once.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Synthesise every phrase afresh; do not read or fill the clip cache.",
)
@cache_dir_option
def build(
    routines: tuple[str, ...],
    out_dir: Path,
    settings: Settings,
    jobs: int,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Build routines into audio files (no argument: every bundled routine).

    Beside each file: captions (.vtt), a timeline (.json) and a printable sheet (.html);
    in the folder, playlist.m3u8 of every track in it. With --split, each routine is a
    folder of numbered tracks, one per exercise, and its own playlist.
    """
    # No names and --together: the library asks for names (all of them is too long).
    named = (
        voiceguide.load_all(list(routines))
        if routines or settings.together
        else voiceguide.bundled()
    )
    with _Progress(jobs) as show:
        voiceguide.build_all(
            named,
            settings,
            folder=out_dir,
            jobs=jobs,
            cache_dir=cache_dir,
            use_cache=not no_cache,
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
            clock = voiceguide.clock
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
