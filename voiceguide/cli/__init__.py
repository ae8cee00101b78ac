"""The `voiceguide` command: parse, call the library, print, exit with the right code."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

import voiceguide

from ._build import build
from ._program import program
from ._serve import serve
from .shared import (
    CHOICES,
    OVERRIDES,
    PICKS,
    TITLE,
    UserPath,
    settings_options,
    speech_timeout,
    warn,
)

if TYPE_CHECKING:
    from voiceguide import Plan, Routine, Settings

# The command group and its entry point; each long command lives in a private module of
# its own (_build.py, ...), so the command `build` is never shadowed by a module's name.
__all__ = ["cli", "main"]


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that the same clean-up runs."""


def _one_line(message: str) -> str:
    # Escaped, so that a value with a newline in it cannot split the line (the page's
    # messages are escaped by the same function).
    return voiceguide.one_line(message)


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


def _placed(line: str, err: voiceguide.VoiceguideError) -> str:
    """A setting's mistake the library found after reading the settings (a name too long
    for the routines built, say), named by its flag as the reader's mistakes are."""
    if isinstance(err, voiceguide.SettingError) and err.where == err.key:
        flag = "--set" if err.key.startswith("exercises") else f"--{err.key.split('.')[0]}"
        return f"{flag}: {err.message}"
    return line


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
    if voiceguide.is_path_too_long(err):  # a path given, or made long by its folder: theirs
        too = voiceguide.path_too_long(err.filename or "")
        return _OneLine(str(too), too.exit_code)
    where = f" ({err.filename})" if err.filename else ""
    if voiceguide.is_disk_full(err):
        return _OneLine(f"a disk is full{where}; free some space and run again", 1)
    return _OneLine(f"{err.strerror or err}{where}; run again with --debug to see where", 1)


INTERRUPTED = "voiceguide: interrupted; finished files are kept, nothing half-written"


def _interrupted(err: KeyboardInterrupt) -> NoReturn:
    click.echo(INTERRUPTED, err=True)
    raise click.exceptions.Exit(_interrupted_status(err))


def _interrupted_status(err: KeyboardInterrupt) -> int:
    return 143 if isinstance(err, Terminated) else 130


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
        except voiceguide.VoiceguideError as err:
            if debug:
                raise
            lines = [_placed(line, err) for line in err.lines()]
            raise _OneLine(str(err), err.exit_code, lines) from None
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
    "timeout",
    metavar="SECONDS",
    help="Give up on the speech engine after this long per phrase.  [default: 30]",
)
@click.version_option(package_name="voiceguide")
@click.pass_context
def cli(ctx: click.Context, debug: bool, timeout: str | None) -> None:
    """Turn exercise routines into hands-free audio: one MP3 per routine."""
    ctx.obj = {"debug": debug}
    ctx.obj["speech_timeout"] = speech_timeout(timeout)


cli.add_command(build)
cli.add_command(program)
cli.add_command(serve)


@cli.command(name="list")
@settings_options(*CHOICES, *OVERRIDES)
def list_routines(settings: Settings) -> None:
    """List the bundled routines and how long each one runs."""
    found = voiceguide.catalogue(settings, warn=warn)
    for each in found.routines:
        about = "~" if each.guessed else " "
        length = voiceguide.clock(each.seconds)
        click.echo(f"{each.slug:24} {about}{length:>7}  {_exercises(each.routine):12} {each.title}")
    if found.programmes:
        click.echo("programmes (voiceguide program NAME):")
    for listed in found.programmes:
        sessions = ", ".join(r.slug for r in listed.routines)
        click.echo(f"{listed.slug:24} {listed.weeks:>3} weeks  {sessions}  {listed.title}")


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
@settings_options(*CHOICES, *OVERRIDES, *PICKS, TITLE)
def plan_command(routines: tuple[str, ...], week: int | None, settings: Settings) -> None:
    """Show the timeline of a routine (or, with --together, of several joined) as a
    table, without making audio.

    Lengths marked * come from an override, not from the routine. Given a programme,
    shows its weeks, or with --week one week's tracks.
    """
    UserError = voiceguide.UserError
    only, skip, together = settings.only, settings.skip, settings.together
    name = settings.output.name
    if len(routines) == 1 and voiceguide.is_programme(routines[0]):
        if only or skip or together or name:
            raise UserError(
                "--only, --skip, --together and --name are for routines; a programme's file names its sessions"
            )
        from ._program import plan_programme

        plan_programme(routines[0], week, settings, show=show_plan)
        return
    if week is not None:
        raise UserError(f"--week is for a programme; '{routines[0]}' is a routine")
    if len(routines) > 1 and not together:
        raise UserError("plan shows one routine; add --together to plan them as one session")
    if name is not None and not together:
        raise UserError("--name titles a --together session; add --together, or leave it out")
    (planned,) = voiceguide.plans(voiceguide.load_all(list(routines)), settings, warn=warn)
    show_plan(planned)


def show_plan(script: Plan) -> None:
    """A plan as the table `plan` prints: each event, when and how long."""
    clock = voiceguide.clock
    assert script.estimate is not None
    timeline, guessed = script.estimate.timeline, script.estimate.guessed
    phrases = "phrase" if guessed == 1 else "phrases"
    note = f"estimated: {guessed} {phrases} not synthesised yet" if guessed else "exact"
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
@click.argument("files", nargs=-1, required=True, type=UserPath(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check routine and programme files as build and program would take them, without
    making audio; print one line per problem."""
    failed = 0
    for file in files:
        try:
            checked = voiceguide.validate(file)
        except voiceguide.UserError as err:
            for line in err.lines():
                click.echo(f"voiceguide: error: {_one_line(line)}", err=True)
            failed += 1
            continue
        if isinstance(checked, voiceguide.Routine):
            for warning in voiceguide.routine_warnings(checked):
                warn(warning)
            click.echo(f"{file}: ok, {_exercises(checked)}")
        else:
            weeks = f"{checked.weeks} week{'' if checked.weeks == 1 else 's'}"
            click.echo(f"{file}: ok, a programme of {weeks}")
    if failed:
        sys.exit(2)


@cli.command()
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="List every installed voice, not only the few to choose from.",
)
@click.pass_context
def voices(ctx: click.Context, every: bool) -> None:
    """The voices worth choosing first, one line each with what it is for; --all lists
    every voice --voice takes (espeak-ng's, and the natural voice, an optional extra)."""
    found = voiceguide.voices(timeout=ctx.obj.get("speech_timeout"))
    if every:
        for info in found:
            click.echo(f"{info.ident:28} {info.engine:8} {info.name}")
        return
    for ident, engine, what in _recommended_voices(found):
        click.echo(f"{ident:28} {engine:8} {what}")
    click.echo(f"{len(found)} voices in all: voiceguide voices --all")


def _recommended_voices(found: list[voiceguide.VoiceInfo]) -> list[tuple[str, str, str]]:
    """(what --voice takes, engine, what it is for): the natural voice (or how to install
    it), then each language's own espeak voice, the one it speaks with by default."""
    natural = next((info for info in found if info.engine == "natural"), None)
    rows = []
    if natural is not None and natural.installed:
        default = "; the default for English" if voiceguide.default_voice("en") == "natural" else ""
        rows.append(("natural", "natural", f"US English, the most natural voice (Piper){default}"))
    elif natural is not None:
        rows.append(("natural", "natural", f"US English, the most natural voice; {natural.name}"))
    # English first: the language of the bundled routines and of every default.
    for language in sorted(voiceguide.languages(), key=lambda code: code != "en"):
        voice = voiceguide.espeak_voice(language)
        name = voiceguide.language_name(language)
        # Where the natural voice speaks the language, espeak-ng's is its default only
        # without it.
        unless = "" if voiceguide.default_voice(language) == voice else " without the natural voice"
        rows.append((voice, "espeak", f"{name}: clear, robotic; the default for {name}{unless}"))
    return rows


@cli.command(name="compile")
# No dir_okay=False: read_article names a folder, a FIFO or a device in one line alike.
@click.argument("article", type=UserPath(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=UserPath(dir_okay=False, path_type=Path),
    help="Write the draft here (several drafts: NAME-lying.yaml, NAME-sitting.yaml...). Default: print it.",
)
@click.option("--force", is_flag=True, help="Replace files that -o would write over.")
def compile_command(article: Path, out: Path | None, force: bool) -> None:
    """Turn an article (text, Markdown, HTML or PDF) into a draft routine.

    The result is a draft: check every value marked 'guessed' before you build it.
    An existing file is never replaced without --force.
    """
    compiled = voiceguide.compile_file(article, out, warn=warn)
    if not force:
        _refuse_to_overwrite([each.target for each in compiled if each.target is not None])
    for each in compiled:
        click.echo(voiceguide.describe_draft(each.draft), err=True)
        written = voiceguide.write_draft(each)
        if written is not None:
            click.echo(f"wrote {written}", err=True)
    if out is None:
        click.echo("---\n".join(each.yaml for each in compiled), nl=False)


def _refuse_to_overwrite(targets: list[Path]) -> None:
    """A UserError naming the drafts' files that exist already (a hand-edited draft, say),
    before any is written; --force replaces them."""
    taken = [str(t) for t in targets if t.exists() or t.is_symlink()]
    if not taken:
        return
    if len(taken) == 1:
        named, it = f"{taken[0]} exists", "it"
    else:
        named, it = f"{', '.join(taken[:-1])} and {taken[-1]} exist", "them"
    raise voiceguide.UserError(
        f"{named}; add --force to replace {it}, or choose another name with -o to keep both"
    )


def main() -> None:
    """The console script. SIGTERM takes Ctrl-C's path: finally-blocks run, partial files go.

    A Ctrl-C in the instants before Python has its handler in place, or after it has put
    the default back as it exits, ends the process by the signal itself: nothing is being
    written then, and a shell reports 130 for it too.
    """
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        cli(prog_name="voiceguide")
    except KeyboardInterrupt as err:
        # Landed as click was exiting, past the command's own handler: the command's files
        # are whole. One line, as any Ctrl-C, rather than a traceback.
        click.echo(INTERRUPTED, err=True)
        sys.exit(_interrupted_status(err))


def _on_sigterm(signum: int, frame: object) -> None:
    # Once only: a second SIGTERM ends the process at once, should the clean-up hang.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise Terminated()


if __name__ == "__main__":
    main()
