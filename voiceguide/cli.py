"""The `voiceguide` command: parse, call the library, print, exit with the right code."""

from __future__ import annotations

import functools
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import click

from .amounts import LEVELS
from .errors import UserError, VoiceguideError
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


@dataclass(frozen=True)
class Session:
    """What the shared options resolve to: profile, then command line, over the defaults."""

    options: Options
    voice: Voice
    profile_path: Path | None

    def for_routines(self, routines: list) -> None:
        """Check every override against the routines before any audio is made."""
        from .options import check_overrides

        for warning in check_overrides(routines, self.options):
            _warn(warning)


_SESSION_PARAMS = (
    "level",
    "voice",
    "rate",
    "profile",
    "hold",
    "hold_scale",
    "reps",
    "sets",
    "rest",
    "prepare",
    "assignments",
)


def _session_options(command):
    """Level, voice and every override, shared by build, plan and list; passed as `session`."""
    options = [
        click.option(
            "--level",
            type=click.Choice(LEVELS),
            help="Where ranges like 10-15 land: low end, middle or high end.  [default: standard]",
        ),
        click.option(
            "--voice",
            help=f"Voice id or name (see `voiceguide voices`).  [default: {DEFAULT_VOICE}]",
        ),
        click.option(
            "--rate",
            type=click.IntRange(80, 400),
            help=f"Speaking rate in words a minute.  [default: {DEFAULT_RATE}]",
        ),
        click.option(
            "--profile",
            type=click.Path(dir_okay=False, path_type=Path),
            help="YAML file of saved settings; options given here win over it.",
        ),
        click.option(
            "--hold", metavar="SECONDS", help="Every timed hold lasts this long (e.g. 45, 1m)."
        ),
        click.option(
            "--hold-scale",
            type=float,
            metavar="FACTOR",
            help="Multiply every hold, rep holds included (e.g. 1.5).",
        ),
        click.option("--reps", metavar="N", help="Reps for every exercise counted in reps."),
        click.option("--sets", metavar="N", help="Sets for every exercise."),
        click.option("--rest", metavar="SECONDS", help="Rest between exercises."),
        click.option(
            "--prepare", metavar="SECONDS", help="Get-ready time before each hold (at least 3)."
        ),
        click.option(
            "--set",
            "assignments",
            multiple=True,
            metavar="EXERCISE.FIELD=VALUE",
            help="One exercise, by name or number: hold, reps, sets, tempo, rest, prepare. Repeatable.",
        ),
    ]
    for option in reversed(options):
        command = option(command)

    @functools.wraps(command)
    def wrapper(**kwargs):
        values = {name: kwargs.pop(name) for name in _SESSION_PARAMS}
        kwargs["session"] = _make_session(**values)
        return command(**kwargs)

    return wrapper


def _make_session(
    *, level, voice, rate, profile, hold, hold_scale, reps, sets, rest, prepare, assignments
) -> Session:
    from .options import command_line_layer
    from .profile import Profile, load_profile

    saved = load_profile(profile) if profile else Profile()
    layer = command_line_layer(
        hold=hold,
        hold_scale=hold_scale,
        reps=reps,
        sets=sets,
        rest=rest,
        prepare=prepare,
        assignments=assignments,
    )
    options = Options(level=level or saved.level or "standard", layers=(*saved.layers, layer))
    speaker = Voice(voice or saved.voice or DEFAULT_VOICE, rate or saved.rate or DEFAULT_RATE)
    return Session(options, speaker, profile)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option(
    "--speech-timeout",
    type=click.FloatRange(1, 600),
    metavar="SECONDS",
    help="Give up on the speech engine after this long per phrase.  [default: 30]",
)
@click.version_option(package_name="voiceguide")
@click.pass_context
def cli(ctx: click.Context, debug: bool, speech_timeout: float | None) -> None:
    """Turn exercise routines into hands-free audio: one MP3 per routine."""
    ctx.obj = {"debug": debug}
    if speech_timeout is not None:
        os.environ["VOICEGUIDE_SPEECH_TIMEOUT"] = str(speech_timeout)


@cli.command()
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
@_session_options
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
    type=click.FloatRange(-40, -6),
    default=-16.0,
    show_default=True,
    help="Integrated loudness target in LUFS.",
)
@click.option(
    "--true-peak",
    type=click.FloatRange(-12, 0),
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
    type=click.FloatRange(6, 40),
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
    from .build import build as build_one
    from .library import all_bundled, find_routine
    from .loudness import LoudnessTarget
    from .music import Music
    from .sidecars import PlaylistEntry, write_playlist

    if bitrate is not None and not re.fullmatch(r"\d{2,3}k", bitrate):
        raise UserError(f"--bitrate '{bitrate}': write kilobits a second, like 64k or 128k")
    chosen = [find_routine(item) for item in routines] if routines else all_bundled()
    stems = _output_stems(chosen, name, suffix)
    session.for_routines(chosen)
    target = LoudnessTarget(lufs, true_peak)
    bed = Music(music, music_level) if music else None
    total = len(chosen)

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
        from .build import timeline_for

        work = list(enumerate(zip(chosen, stems, strict=True), 1))
        # Longest first, so no long build starts last while the other worker sits idle.
        options = {n: session.options.for_routine(r) for n, (r, _) in work}
        length = {
            n: timeline_for(r, options=options[n], voice=session.voice)[0].length
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
    for warning in result.timeline.warnings:
        _warn(warning)
    click.echo(f"{result.path}  {_clock(result.timeline.seconds)}")


_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]*$")


def _output_stems(routines: list, name: str | None, suffix: str | None) -> list[str]:
    """File names without extension; never a path, so nothing lands outside the folder."""
    if name is not None:
        if len(routines) != 1:
            raise UserError("--name names one file; with several routines use --suffix")
        name = re.sub(r"\.(mp3|m4a|ogg|wav)$", "", name)
        if not _SAFE_NAME.match(name):
            raise UserError(
                f"--name '{name}': use letters, digits, spaces, dots, dashes or underscores"
            )
    if suffix is not None and not re.match(r"^[A-Za-z0-9._-]+$", suffix):
        raise UserError(f"--suffix '{suffix}': use letters, digits, dots, dashes or underscores")
    stems = [(name or r.slug) + (suffix or "") for r in routines]
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


@cli.command(name="list")
@_session_options
def list_routines(session: Session) -> None:
    """List the bundled routines and how long each one runs."""
    from .build import timeline_for
    from .library import all_bundled

    routines = all_bundled()
    session.for_routines(routines)
    for routine in routines:
        options = session.options.for_routine(routine)
        timeline, guessed = timeline_for(routine, options=options, voice=session.voice)
        about = "~" if guessed else " "
        click.echo(
            f"{routine.slug:24} {about}{_clock(timeline.seconds):>7}  {len(routine.exercises)} exercises  {routine.title}"
        )


@cli.command(name="plan")
@click.argument("routine", metavar="ROUTINE|FILE")
@_session_options
def plan_command(routine: str, session: Session) -> None:
    """Show the timeline of a routine as a table, without making audio.

    Lengths marked * come from an override, not from the routine.
    """
    from .build import timeline_for
    from .library import find_routine
    from .plan import plan

    found = find_routine(routine)
    session.for_routines([found])
    timeline, guessed = timeline_for(found, options=session.options, voice=session.voice)
    note = f"estimated: {guessed} phrases not synthesised yet" if guessed else "exact"
    click.echo(f"{timeline.title}  {_clock(timeline.seconds)} ({timeline.seconds:.2f} s, {note})")
    changes = plan(found, session.options).changes
    if changes:
        click.echo("overrides in force:")
        for change in changes:
            who = change.exercise or "between exercises"
            click.echo(
                f"  {who}: {change.field} {change.before} -> {change.after}  ({change.where})"
            )
    click.echo(f"{'at':>8}  {'length':>8}  {'what':8}  text")
    rate_hz = timeline.sample_rate
    for event in timeline.events:
        if event.kind == "tone" and event.text == "pip":
            continue  # countdown pips are implied by every get-ready window
        text = event.text if event.kind != "tone" else f"({event.text} tone)"
        mark = "*" if event.overridden else " "
        click.echo(
            f"{_clock(event.start / rate_hz):>8}  {event.length / rate_hz:6.2f}s{mark}  {event.kind:8}  {text}"
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


@cli.command(name="compile")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft here (several drafts: NAME-lying.yaml, NAME-sitting.yaml...). Default: print it.",
)
def compile_command(article: Path, out: Path | None) -> None:
    """Turn an article (text, Markdown or HTML) into a draft routine.

    The result is a draft: check every value marked 'guessed' before you build it.
    """
    from .compile import compile_article, routine_yaml, summary
    from .errors import MachineError, RoutineError
    from .files import write_text
    from .routine import parse_routine

    try:
        text = article.read_bytes().decode("utf-8", errors="replace")
    except OSError as err:
        raise UserError(f"cannot read {article}: {err.strerror}") from None
    drafts = [d for d in compile_article(text) if d.exercises]
    if not drafts:
        raise UserError(
            f"found no exercises in {article}; it needs instructions with holds, reps or numbered steps"
        )
    documents = []
    for draft in drafts:
        target = (
            out
            if out is None or len(drafts) == 1
            else out.with_name(f"{out.stem}-{draft.slug}{out.suffix or '.yaml'}")
        )
        yaml_text = routine_yaml(draft, article.name)
        try:
            parse_routine(yaml_text, str(target or f"{draft.slug}.yaml"))
        except RoutineError as err:  # our own output must always validate
            raise MachineError(
                f"compile made a routine that does not validate ({err}); please report this"
            ) from None
        click.echo(summary(draft), err=True)
        if target is None:
            documents.append(yaml_text)
        else:
            write_text(target, yaml_text)
            click.echo(f"wrote {target}", err=True)
    if documents:
        click.echo("---\n".join(documents), nl=False)


def main() -> None:
    cli(prog_name="voiceguide")


if __name__ == "__main__":
    main()
