"""The `voiceguide` command: parse, call the library, print, exit with the right code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .amounts import LEVELS
from .errors import VoiceguideError
from .options import Options
from .speech.engine import DEFAULT_RATE, DEFAULT_VOICE, Voice

DEFAULT_OUT = Path("voiceguide-out")


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"


def _warn(message: str) -> None:
    click.echo(f"voiceguide: warning: {message}", err=True)


class _Group(click.Group):
    """Turns library errors into one line and an exit code; tracebacks only with --debug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VoiceguideError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"voiceguide: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo(
                "voiceguide: interrupted; finished files are kept, nothing half-written", err=True
            )
            ctx.exit(130)


def _session_options(command):
    """--level, --voice, --rate: shared by build, plan and list."""
    command = click.option(
        "--rate",
        type=click.IntRange(80, 400),
        default=DEFAULT_RATE,
        show_default=True,
        help="Speaking rate in words a minute.",
    )(command)
    command = click.option(
        "--voice",
        default=DEFAULT_VOICE,
        show_default=True,
        help="Voice id or name (see `voiceguide voices`).",
    )(command)
    command = click.option(
        "--level",
        type=click.Choice(LEVELS),
        default="standard",
        show_default=True,
        help="Where ranges like 10-15 land: low end, middle or high end.",
    )(command)
    return command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="voiceguide")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn exercise routines into hands-free audio: one MP3 per routine."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("routines", nargs=-1, metavar="[ROUTINE|FILE]...")
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the MP3 files.",
)
@_session_options
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
    level: str,
    voice: str,
    rate: int,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Build routines into MP3s (no argument: every bundled routine)."""
    from .build import build as build_one
    from .library import all_bundled, find_routine

    chosen = [find_routine(name) for name in routines] if routines else all_bundled()
    options, speaker = Options(level=level), Voice(voice, rate)
    for number, routine in enumerate(chosen, 1):
        click.echo(f"[{number}/{len(chosen)}] {routine.slug}: {routine.title}", err=True)
        with _SpeechProgress() as progress:
            result = build_one(
                routine,
                out_dir,
                options=options,
                voice=speaker,
                cache_dir=cache_dir,
                use_cache=not no_cache,
                progress=progress,
            )
        for warning in result.timeline.warnings:
            _warn(warning)
        click.echo(f"{result.path}  {_clock(result.timeline.seconds)}")


class _SpeechProgress:
    """A progress bar on stderr while phrases are synthesised; silent when there are none."""

    def __init__(self) -> None:
        self.bar = None

    def __enter__(self):
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            label = f"  speaking {total} new phrase{'s' if total != 1 else ''}"
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command(name="list")
@_session_options
def list_routines(level: str, voice: str, rate: int) -> None:
    """List the bundled routines and how long each one runs."""
    from .build import timeline_for
    from .library import all_bundled

    options, speaker = Options(level=level), Voice(voice, rate)
    for routine in all_bundled():
        timeline, guessed = timeline_for(routine, options=options, voice=speaker)
        about = "~" if guessed else " "
        click.echo(
            f"{routine.slug:24} {about}{_clock(timeline.seconds):>7}  {len(routine.exercises)} exercises  {routine.title}"
        )


@cli.command(name="plan")
@click.argument("routine", metavar="ROUTINE|FILE")
@_session_options
def plan_command(routine: str, level: str, voice: str, rate: int) -> None:
    """Show the timeline of a routine as a table, without making audio."""
    from .build import timeline_for
    from .library import find_routine

    found = find_routine(routine)
    timeline, guessed = timeline_for(found, options=Options(level=level), voice=Voice(voice, rate))
    note = f"estimated: {guessed} phrases not synthesised yet" if guessed else "exact"
    click.echo(f"{timeline.title}  {_clock(timeline.seconds)} ({timeline.seconds:.2f} s, {note})")
    click.echo(f"{'at':>8}  {'length':>7}  {'what':8}  text")
    rate_hz = timeline.sample_rate
    for event in timeline.events:
        if event.kind == "tone" and event.text == "pip":
            continue  # countdown pips are implied by every get-ready window
        text = event.text if event.kind != "tone" else f"({event.text} tone)"
        click.echo(
            f"{_clock(event.start / rate_hz):>8}  {event.length / rate_hz:6.2f}s  {event.kind:8}  {text}"
        )
    for warning in timeline.warnings:
        _warn(warning)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check routine files; print one line per problem."""
    from .errors import RoutineError
    from .routine import load_routine

    failed = 0
    for file in files:
        try:
            routine = load_routine(file)
        except RoutineError as err:
            click.echo(f"voiceguide: error: {err}", err=True)
            failed += 1
            continue
        click.echo(f"{file}: ok, {len(routine.exercises)} exercises")
    if failed:
        sys.exit(2)


@cli.command()
def voices() -> None:
    """List the voices the speech engine has."""
    from .speech.pyttsx3_engine import list_voices

    for ident, name in list_voices():
        click.echo(f"{ident:28} {name}")


def main() -> None:
    cli(prog_name="voiceguide")
