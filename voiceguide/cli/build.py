"""`voiceguide build`: routines into finished audio files, one or several at a time."""

from __future__ import annotations

import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click

from ..errors import UserError
from .shared import FiniteFloat, Session, clock, session_options, warn

DEFAULT_OUT = Path("voiceguide-out")


@click.command()
@click.argument("routines", nargs=-1, metavar="[ROUTINE|FILE]...")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the audio files.",
)
@click.option("--name", help="File name instead of the routine's (one routine only).")
@click.option(
    "--suffix", help="Added to each file name, e.g. --suffix -gentle gives five-moves-gentle.mp3."
)
@session_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["mp3", "m4a", "ogg", "wav"]),
    default="mp3",
    show_default=True,
    help="Audio format.",
)
@click.option(
    "--bitrate",
    metavar="RATE",
    help="Bitrate for mp3, m4a and ogg, e.g. 64k or 128k.  [default: 96k]",
)
@click.option(
    "--loudness",
    "lufs",
    type=FiniteFloat(-40, -6),
    default=-16.0,
    show_default=True,
    help="Integrated loudness target in LUFS.",
)
@click.option(
    "--true-peak",
    type=FiniteFloat(-12, 0),
    default=-1.0,
    show_default=True,
    help="True-peak ceiling in dBTP.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Build this many routines at once.",
)
@click.option(
    "--music",
    type=click.Path(dir_okay=False, path_type=Path),
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
    "--no-cache",
    is_flag=True,
    help="Synthesise every phrase afresh; do not read or fill the clip cache.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Clip cache folder (default: your user cache folder, or $VOICEGUIDE_CACHE).",
)
def build(
    routines: tuple[str, ...],
    out_dir: Path,
    name: str | None,
    suffix: str | None,
    session: Session,
    fmt: str,
    bitrate: str | None,
    lufs: float,
    true_peak: float,
    jobs: int,
    music: Path | None,
    music_level: float,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Build routines into audio files (no argument: every bundled routine).

    Beside each file: captions (.vtt) and a timeline (.json); for the run, playlist.m3u8.
    """
    from ..audio.loudness import LoudnessTarget
    from ..audio.music import Music
    from ..build import build as build_one
    from ..build import cores
    from ..export.sidecars import PlaylistEntry, write_playlist
    from ..library import all_bundled, find_routine
    from ..plan import plan

    if bitrate is not None and not re.fullmatch(r"\d{2,3}k", bitrate):
        raise UserError(f"--bitrate '{bitrate}': write kilobits a second, like 64k or 128k")
    chosen = [find_routine(item) for item in routines] if routines else all_bundled()
    stems = _output_stems(chosen, name, suffix)
    session.for_routines(chosen)
    for routine in chosen:  # every plan is checked (session length too) before any audio
        plan(routine, session.options.for_routine(routine), speaking_rate=session.voice.rate)
    target = LoudnessTarget(lufs, true_peak)
    bed = Music(music, music_level) if music else None
    total = len(chosen)
    # Cores left over by --jobs go to speaking new phrases in parallel within each build.
    speech_workers = max(1, cores() // min(jobs, total))

    def one(number: int, routine, stem: str):
        with _SpeechProgress(quiet=jobs > 1) as progress:
            return build_one(
                routine,
                out_dir,
                options=session.options.for_routine(routine),
                voice=session.voice,
                cache_dir=cache_dir,
                use_cache=not no_cache,
                name=stem,
                fmt=fmt,
                bitrate=bitrate,
                loudness=target,
                track=(number, total),
                music=bed,
                progress=progress,
                speech_workers=speech_workers,
            )

    results = []
    if jobs == 1 or total == 1:
        for number, (routine, stem) in enumerate(zip(chosen, stems, strict=True), 1):
            click.echo(f"[{number}/{total}] {routine.slug}: {routine.title}", err=True)
            results.append(one(number, routine, stem))
            _report(results[-1])
    else:
        # Threads are enough: the heavy work runs in ffmpeg and speech subprocesses.
        click.echo(f"building {total} routines, {min(jobs, total)} at a time", err=True)
        from ..build import rough_seconds

        work = list(enumerate(zip(chosen, stems, strict=True), 1))
        # Longest first, so no long build starts last while the other worker sits idle.
        length = {
            n: rough_seconds(r, options=session.options.for_routine(r), voice=session.voice)
            for n, (r, _) in work
        }
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {
                n: pool.submit(one, n, r, s)
                for n, (r, s) in sorted(work, key=lambda w: -length[w[0]])
            }
            for number in sorted(futures):
                results.append(futures[number].result())
                _report(results[-1])
    built = [PlaylistEntry(r.path, r.timeline.title, r.timeline.seconds) for r in results]
    write_playlist(out_dir / "playlist.m3u8", built)


def _report(result) -> None:
    for warning in (*result.notes, *result.timeline.warnings):
        warn(warning)
    click.echo(f"{result.path}  {clock(result.timeline.seconds)}")


# fullmatch, never match with "$": "$" also matches before a final newline.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]*")
_SAFE_SUFFIX = re.compile(r"[A-Za-z0-9._-]+")
# Room left for ".<pid>.<random>.part" and an extension under the usual 255-byte limit.
MAX_NAME = 100


def _output_stems(routines: list, name: str | None, suffix: str | None) -> list[str]:
    """File names without extension; never a path, so nothing lands outside the folder."""
    if name is not None:
        if len(routines) != 1:
            raise UserError("--name names one file; with several routines use --suffix")
        name = re.sub(r"\.(mp3|m4a|ogg|wav)\Z", "", name)
        if not _SAFE_NAME.fullmatch(name):
            raise UserError(
                f"--name {name!r}: use letters, digits, spaces, dots, dashes or underscores"
            )
    if suffix is not None and not _SAFE_SUFFIX.fullmatch(suffix):
        raise UserError(f"--suffix {suffix!r}: use letters, digits, dots, dashes or underscores")
    stems = [(name or r.slug) + (suffix or "") for r in routines]
    longest = max(map(len, stems), default=0)
    if longest > MAX_NAME and (name is not None or suffix is not None):
        given = "--name" if name is not None else "--suffix"
        raise UserError(
            f"{given} makes a file name of {longest} characters; use at most {MAX_NAME}"
        )
    duplicates = {stem for stem in stems if stems.count(stem) > 1}
    if duplicates:
        raise UserError(
            f"two routines would both be written as {sorted(duplicates)[0]}.mp3; build them separately"
        )
    return stems


class _SpeechProgress:
    """A progress bar on stderr while phrases are synthesised; silent when there are none,
    or when several builds run at once (their bars would garble each other)."""

    def __init__(self, quiet: bool = False) -> None:
        self.bar = None
        self.quiet = quiet

    def __enter__(self):
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            label = f"  speaking {total} new phrase{'s' if total != 1 else ''}"
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
