"""The `voiceguide` command: parse, call the library, print, exit with the right code."""

from __future__ import annotations

import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from ..errors import VoiceguideError, one_line
from ..planning.layout import clock
from ..speech.process import TIMEOUTS
from ._build import build
from ._program import program
from ._serve import serve
from .shared import FiniteFloat, Session, choice_options, session_options, warn

if TYPE_CHECKING:
    from ..planning.script import Script

if TYPE_CHECKING:
    from ..routine.model import Routine

# The command group and its entry point; each long command lives in a private module of
# its own (_build.py, ...), so the command `build` is never shadowed by a module's name.
__all__ = ["cli", "main"]


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that the same clean-up runs."""


def _one_line(message: str) -> str:
    # Escaped, so that a value with a newline in it cannot split the line (the page's
    # messages are escaped by the same function).
    return one_line(message)


class _OneLine(click.ClickException):
    """An error click prints as `voiceguide: error:` lines, one per problem, whatever its
    origin: one line for most errors, one per problem in a file for a LocatedErrors."""

    def __init__(self, message: str, exit_code: int, lines: list[str] | None = None) -> None:
        self.lines = [_one_line(line) for line in (lines or [message])]
        super().__init__("\n".join(self.lines))
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class

    def show(self, file=None) -> None:
        for line in self.lines:
            click.echo(f"voiceguide: error: {line}", err=True)


def _click_error(err: click.ClickException) -> _OneLine:
    """Click's own errors (Usage, Try, Error: three lines) as one line that says what to do."""
    message = err.format_message().rstrip(".")
    message = message[:1].lower() + message[1:]
    ctx = getattr(err, "ctx", None)
    if isinstance(err, click.UsageError) and ctx is not None:
        message += f"; see {ctx.command_path} --help"
    return _OneLine(message, err.exit_code)


def _machine_error(err: OSError) -> _OneLine:
    """An OSError no layer below expected: still one line, never a traceback."""
    from ..files import is_disk_full

    where = f" ({err.filename})" if err.filename else ""
    if is_disk_full(err):
        return _OneLine(f"a disk is full{where}; free some space and run again", 1)
    return _OneLine(f"{err.strerror or err}{where}; run again with --debug to see where", 1)


def _interrupted(err: KeyboardInterrupt) -> NoReturn:
    click.echo("voiceguide: interrupted; finished files are kept, nothing half-written", err=True)
    raise click.exceptions.Exit(143 if isinstance(err, Terminated) else 130)


class _Group(click.Group):
    """Every error as one line and an exit code (2: the person's mistake, 1: the machine's);
    tracebacks only with --debug."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:  # the group's own options are parsed here, before `invoke`
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as err:
            raise _click_error(err) from None
        except KeyboardInterrupt as err:
            _interrupted(err)

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.obj and ctx.obj.get("debug"))
        try:
            return super().invoke(ctx)
        except _OneLine:
            raise
        except click.ClickException as err:  # a command's options are parsed in here
            raise _click_error(err) from None
        except VoiceguideError as err:
            if debug:
                raise
            raise _OneLine(str(err), err.exit_code, err.lines()) from None
        except BrokenPipeError:
            raise  # output piped into `head`: click ends quietly
        except OSError as err:
            if debug:
                raise
            raise _machine_error(err) from None
        except KeyboardInterrupt as err:
            _interrupted(err)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option(
    "--speech-timeout",
    type=FiniteFloat(*TIMEOUTS),
    metavar="SECONDS",
    help="Give up on the speech engine after this long per phrase.  [default: 30]",
)
@click.version_option(package_name="voiceguide")
@click.pass_context
def cli(ctx: click.Context, debug: bool, speech_timeout: float | None) -> None:
    """Turn exercise routines into hands-free audio: one MP3 per routine."""
    ctx.obj = {"debug": debug, "speech_timeout": speech_timeout}


cli.add_command(build)
cli.add_command(program)
cli.add_command(serve)


@cli.command(name="list")
@session_options
def list_routines(session: Session) -> None:
    """List the bundled routines and how long each one runs."""
    from ..library import all_bundled
    from ..pipeline.estimate import timeline_for
    from ..planning.planner import plan

    routines = all_bundled()
    session.for_routines(routines)
    for routine in routines:
        script = plan(
            routine, session.options.for_routine(routine), speaking_rate=session.voice.rate
        )
        timeline, guessed = timeline_for(script, voice=session.voice)
        about = "~" if guessed else " "
        click.echo(
            f"{routine.slug:24} {about}{clock(timeline.seconds):>7}  {_exercises(routine):12} {routine.title}"
        )
    from ..library import bundled_programme_paths
    from ..programme.reader import load_programme

    programmes = [load_programme(path) for path in bundled_programme_paths().values()]
    if programmes:
        click.echo("programmes (voiceguide program NAME):")
    for programme in programmes:
        sessions = ", ".join(dict.fromkeys(s.routine.slug for s in programme.sessions))
        click.echo(f"{programme.slug:24} {programme.weeks:>3} weeks  {sessions}  {programme.title}")


def _exercises(routine: Routine) -> str:
    """ "1 exercise", "5 exercises": how the CLI counts a routine's exercises."""
    count = len(routine.exercises)
    return f"{count} exercise{'' if count == 1 else 's'}"


@cli.command(name="plan")
@click.argument("routines", nargs=-1, required=True, metavar="ROUTINE|PROGRAMME|FILE...")
@click.option(
    "--week",
    type=click.IntRange(min=1),
    help="For a programme: show this week's tracks (without it: every week in brief).",
)
@session_options
@choice_options
@click.option("--name", help="The title of a --together session.")
def plan_command(
    routines: tuple[str, ...],
    week: int | None,
    session: Session,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    together: bool,
    name: str | None,
) -> None:
    """Show the timeline of a routine (or, with --together, of several joined) as a
    table, without making audio.

    Lengths marked * come from an override, not from the routine. Given a programme,
    shows its weeks, or with --week one week's tracks.
    """
    from ..errors import UserError
    from ..library import find_routines, is_programme
    from ..planning.planner import plan
    from ..routine.compose import from_command_line

    if len(routines) == 1 and is_programme(routines[0]):
        if only or skip or together or name:
            raise UserError(
                "--only, --skip, --together and --name are for routines; a programme's file names its sessions"
            )
        from ._program import plan_programme

        plan_programme(routines[0], week, session, show_script=_show_script)
        return
    if week is not None:
        raise UserError(f"--week is for a programme; '{routines[0]}' is a routine")
    if len(routines) > 1 and not together:
        raise UserError("plan shows one routine; add --together to plan them as one session")
    if name is not None and not together:
        raise UserError("--name titles a --together session; add --together, or leave it out")
    chosen, options = from_command_line(
        find_routines(list(routines)),
        session.options,
        only=only,
        skip=skip,
        join=together,
        name=name,
    )
    found = chosen[0]
    for warning in found.warnings:
        warn(warning)
    replace(session, options=options).for_routines([found])
    script = plan(found, options, speaking_rate=session.voice.rate)
    _show_script(session, script)


def _show_script(session: Session, script: Script) -> None:
    """A plan as the table `plan` prints: each event, when and how long."""
    from ..pipeline.estimate import timeline_for

    timeline, guessed = timeline_for(script, voice=session.voice)
    note = f"estimated: {guessed} phrases not synthesised yet" if guessed else "exact"
    click.echo(f"{timeline.title}  {clock(timeline.seconds)} ({timeline.seconds:.2f} s, {note})")
    changes = script.changes
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
            f"{clock(event.start / rate_hz):>8}  {event.length / rate_hz:6.2f}s{mark}  {event.kind:8}  {text}"
        )
    for warning in timeline.warnings:
        warn(warning)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check routine files; print one line per problem."""
    from ..errors import LocatedError
    from ..routine.reader import load_routine

    failed = 0
    for file in files:
        try:
            routine = load_routine(file)
        except LocatedError as err:
            for line in err.lines():
                click.echo(f"voiceguide: error: {_one_line(line)}", err=True)
            failed += 1
            continue
        for warning in routine.warnings:
            warn(warning)
        click.echo(f"{file}: ok, {_exercises(routine)}")
    if failed:
        sys.exit(2)


@cli.command()
@click.pass_context
def voices(ctx: click.Context) -> None:
    """List the voices --voice takes: espeak-ng's, and the natural voice (optional extra)."""
    from ..speech.engines import list_voices

    for info in list_voices(timeout=ctx.obj.get("speech_timeout")):
        click.echo(f"{info.ident:28} {info.engine:8} {info.name}")


@cli.command(name="compile")
# No dir_okay=False: read_article names a folder, a FIFO or a device in one line alike.
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft here (several drafts: NAME-lying.yaml, NAME-sitting.yaml...). Default: print it.",
)
@click.option("--force", is_flag=True, help="Replace files that -o would write over.")
def compile_command(article: Path, out: Path | None, force: bool) -> None:
    """Turn an article (text, Markdown, HTML or PDF) into a draft routine.

    The result is a draft: check every value marked 'guessed' before you build it.
    An existing file is never replaced without --force.
    """
    from ..compiler import compile_file, summary
    from ..files import write_text

    compiled = compile_file(article, out, warn=warn)
    if not force:
        _refuse_to_overwrite([each.target for each in compiled if each.target is not None])
    for each in compiled:
        click.echo(summary(each.draft), err=True)
        if each.target is not None:
            write_text(each.target, each.yaml)
            click.echo(f"wrote {each.target}", err=True)
    if out is None:
        click.echo("---\n".join(each.yaml for each in compiled), nl=False)


def _refuse_to_overwrite(targets: list[Path]) -> None:
    """A UserError naming the drafts' files that exist already (a hand-edited draft, say),
    before any is written; --force replaces them."""
    from ..errors import UserError

    taken = [str(t) for t in targets if t.exists() or t.is_symlink()]
    if not taken:
        return
    if len(taken) == 1:
        named, it = f"{taken[0]} exists", "it"
    else:
        named, it = f"{', '.join(taken[:-1])} and {taken[-1]} exist", "them"
    raise UserError(
        f"{named}; add --force to replace {it}, or choose another name with -o to keep both"
    )


def main() -> None:
    """The console script. SIGTERM takes Ctrl-C's path: finally-blocks run, partial files go."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="voiceguide")


def _on_sigterm(signum: int, frame: object) -> None:
    # Once only: a second SIGTERM ends the process at once, should the clean-up hang.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise Terminated()


if __name__ == "__main__":
    main()
