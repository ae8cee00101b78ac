"""The `voiceguide` command: parse, call the library, print, exit with the right code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .cli_build import build
from .cli_options import Session, clock, session_options, warn
from .errors import UserError, VoiceguideError


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


cli.add_command(build)


@cli.command(name="list")
@session_options
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
            f"{routine.slug:24} {about}{clock(timeline.seconds):>7}  {len(routine.exercises)} exercises  {routine.title}"
        )


@cli.command(name="plan")
@click.argument("routine", metavar="ROUTINE|FILE")
@session_options
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
    click.echo(f"{timeline.title}  {clock(timeline.seconds)} ({timeline.seconds:.2f} s, {note})")
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
            f"{clock(event.start / rate_hz):>8}  {event.length / rate_hz:6.2f}s{mark}  {event.kind:8}  {text}"
        )
    for warning in timeline.warnings:
        warn(warning)


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
