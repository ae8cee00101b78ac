"""Options shared by several commands, and the small helpers every command prints with."""

from __future__ import annotations

import functools
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..amounts import LEVELS, SPEAKING_RATES
from ..errors import UserError
from ..language import languages
from ..settings.options import Options
from ..speech.engine import DEFAULT_RATE, DEFAULT_VOICE, Voice

if TYPE_CHECKING:
    from ..speech.pool import SpeechSettings


def jobs_option(help: str):
    """`-j/--jobs N`, builds at once (default one per core, at most 64), as `build` and `serve` take it."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(1, 64),
        default=min(os.cpu_count() or 1, 64),
        show_default="number of cores",
        help=help,
    )


def warn(message: str) -> None:
    click.echo(f"voiceguide: warning: {message}", err=True)


class FiniteFloat(click.FloatRange):
    """A number, optionally within bounds, never nan or inf: a range lets nan through (every
    comparison with it is false) and it would reach ffmpeg as a filter value."""

    def convert(self, value, param, ctx) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number

    def _describe_range(self) -> str:
        # Unbounded: say nothing in --help rather than click's "[x<=None]".
        return "" if self.min is None and self.max is None else super()._describe_range()


class VoiceName(click.ParamType):
    """A voice id or name as `voiceguide voices` lists them; checked here so that a value
    like -h never reaches the engine's command line."""

    name = "voice"

    def convert(self, value, param, ctx) -> str:
        from ..speech.engine import is_voice_name

        if not is_voice_name(value):
            raise UserError(f"voice {value!r} is not a voice name; see voiceguide voices")
        return value


class VoiceCommand(click.ParamType):
    """A --voice-command template, split and checked here (placeholders, {out}, quotes)."""

    name = "template"

    def convert(self, value, param, ctx) -> str:
        from ..speech.command import split_template

        split_template(value)
        return value


class Bitrate(click.ParamType):
    """Kilobits a second as the encoders take them: 64k, 128k."""

    name = "rate"

    def convert(self, value, param, ctx) -> str:
        if not re.fullmatch(r"\d{2,3}k", value):
            raise UserError(f"--bitrate '{value}': write kilobits a second, like 64k or 128k")
        return value


def file_options(command):
    """--format, --bitrate and --loudness: how a track sounds as a file (build, program)."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["mp3", "m4a", "ogg", "wav"]),
            default="mp3",
            show_default=True,
            help="Audio format.",
        ),
        click.option(
            "--bitrate",
            type=Bitrate(),
            metavar="RATE",
            help="Bitrate for mp3, m4a and ogg, e.g. 64k or 128k.  [default: 96k]",
        ),
        click.option(
            "--loudness",
            "lufs",
            type=FiniteFloat(-40, -6),
            default=-16.0,
            show_default=True,
            help="Integrated loudness target in LUFS.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def cache_dir_option(command):
    """--cache-dir, the clip cache folder (build, program)."""
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Clip cache folder (default: your user cache folder, or $VOICEGUIDE_CACHE).",
    )(command)


@dataclass(frozen=True)
class Session:
    """What the shared options resolve to: profile, then command line, over the defaults."""

    options: Options
    voice: Voice
    speech_timeout: float | None = None  # the group's --speech-timeout

    def speech(self, *, cache_dir: Path | None = None, use_cache: bool = True) -> SpeechSettings:
        """How builds speak, from these options."""
        from ..speech.pool import SpeechSettings

        return SpeechSettings(
            voice=self.voice, cache_dir=cache_dir, use_cache=use_cache, timeout=self.speech_timeout
        )

    def for_routines(self, routines: list) -> None:
        """Check every override against the routines before any audio is made."""
        from ..settings.options import check_overrides

        for warning in check_overrides(routines, self.options):
            warn(warning)


_SESSION_PARAMS = (
    "level",
    "explain",
    "language",
    "voice",
    "voice_command",
    "rate",
    "profile",
    "hold",
    "hold_scale",
    "reps",
    "sets",
    "rest",
    "prepare",
    "rounds",
    "assignments",
)


def session_options(command):
    """Level, voice and every override, shared by build, plan and list; passed as `session`."""
    options = [
        click.option(
            "--level",
            type=click.Choice(LEVELS),
            help="Where ranges like 10-15 land: low end, middle or high end.  [default: standard]",
        ),
        click.option(
            "--explain/--no-explain",
            default=None,
            help="Open with what the pips and tones mean.  [default: explain]",
        ),
        click.option(
            "--language",
            type=click.Choice(languages(), case_sensitive=False),
            help="Language of the phrases said around each routine's own lines.  "
            "[default: the routine's language:, else en]",
        ),
        click.option(
            "--voice",
            type=VoiceName(),
            help="Voice id or name (see `voiceguide voices`).  "
            f"[default: the language's espeak voice, {DEFAULT_VOICE} for English]",
        ),
        click.option(
            "--voice-command",
            type=VoiceCommand(),
            help="Speak through your own program instead: 'PROGRAM ... {text} ... {out}' "
            "writes a WAV file at {out}; {rate} is optional. Run without a shell.",
        ),
        click.option(
            "--rate",
            type=click.IntRange(*SPEAKING_RATES),
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
            type=FiniteFloat(),
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
            "--rounds",
            metavar="N",
            help="Times through each block of rounds (a routine without blocks: the whole routine).",
        ),
        click.option(
            "--set",
            "assignments",
            multiple=True,
            metavar="EXERCISE.FIELD=VALUE",
            help="One exercise, by name or number: hold, reps, sets, tempo, rest, prepare, rounds (of its block). Repeatable.",
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
    *,
    level,
    explain,
    language,
    voice,
    voice_command,
    rate,
    profile,
    hold,
    hold_scale,
    reps,
    sets,
    rest,
    prepare,
    rounds,
    assignments,
) -> Session:
    from ..settings.options import command_line_layer
    from ..settings.profile import Profile, load_profile

    saved = load_profile(profile) if profile else Profile()
    layer = command_line_layer(
        hold=hold,
        hold_scale=hold_scale,
        reps=reps,
        sets=sets,
        rest=rest,
        prepare=prepare,
        rounds=rounds,
        assignments=assignments,
    )
    explains = next(e for e in (explain, saved.explain, True) if e is not None)
    options = Options(
        level=level or saved.level or "standard",
        layers=(*saved.layers, layer),
        explain=explains,
        language=language or saved.language,
        language_where="--language" if language else saved.language_where,
    )
    if voice and voice_command:
        raise UserError("give --voice or --voice-command, not both")
    # The command line wins over the profile: its --voice over the profile's voice-command.
    # No name: each routine speaks with its language's voice (Voice.for_language).
    command = voice_command or (None if voice else saved.voice_command)
    speaker = Voice(voice or saved.voice or "", rate or saved.rate or DEFAULT_RATE, command)
    context = click.get_current_context(silent=True)
    timeout = (context.obj or {}).get("speech_timeout") if context else None
    return Session(options, speaker, timeout)


def choice_options(command):
    """--only, --skip and --together, as build and plan take them."""
    options = [
        click.option(
            "--only",
            multiple=True,
            metavar="EXERCISES",
            help="Only these exercises, by name or number (e.g. --only 1,3); with several "
            "routines lead each with its routine: --only relief-standing:2. Repeatable.",
        ),
        click.option(
            "--skip",
            multiple=True,
            metavar="EXERCISES",
            help="Leave out these exercises, written as for --only. Repeatable.",
        ),
        click.option(
            "--together",
            is_flag=True,
            help="Join the routines into one session: one track, one intro and one close "
            "(--name names it).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command
