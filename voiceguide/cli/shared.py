"""The options commands share, read as one settings mapping, and the small helpers every
command prints with.

Every choice a person makes on the command line (level, voice, overrides, exercises
chosen, how tracks are written) goes, as typed, into one mapping that the library's one
reader of settings checks; a mistake is named by its flag as it was given (`--hold 5000`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import voiceguide

if TYPE_CHECKING:
    from voiceguide import Settings

Key = tuple[Any, ...]  # a value's keys in the settings mapping: ("exercises", "2", "hold")
DEFAULT_VOICE, DEFAULT_RATE = voiceguide.espeak_voice("en"), voiceguide.Voice().rate


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


class Text(click.ParamType):
    """Text the person types (a name, a value, an exercise): refused at once when it is not
    UTF-8, as bytes from a terminal or a script in another encoding arrive, so it never
    reaches a title, a tag or a cache key that must be written as UTF-8."""

    name = "text"

    def convert(self, value, param, ctx) -> str:
        if isinstance(value, str):
            option = param.opts[0] if param is not None and param.opts else "a value"
            problem = voiceguide.typed_text_problem(value, option)
            if problem is not None:
                raise voiceguide.UserError(problem)
        return value


TEXT = Text()


class UserPath(click.Path):
    """A path the person gives, refused at once when no system would take it (a name
    over 255 bytes, or the whole over 4096), rather than after the build is spoken."""

    def convert(self, value, param, ctx):
        if isinstance(value, (str, os.PathLike)):
            problem = voiceguide.path_problem(value)
            if problem is not None:
                raise voiceguide.UserError(problem)
        return super().convert(value, param, ctx)


def cache_dir_option(command):
    """--cache-dir, the clip cache folder (build, program)."""
    return click.option(
        "--cache-dir",
        type=UserPath(file_okay=False, path_type=Path),
        help="Clip cache folder (default: your user cache folder, or $VOICEGUIDE_CACHE).",
    )(command)


class Flags(voiceguide.Places):
    """Where each setting was given on the command line: its flag, as typed."""

    def __init__(self, given: dict[Key, tuple[str, str]]) -> None:
        super().__init__()
        self.given = given  # key -> (the flag, the flag with its value as typed)

    def where(self, key: Key) -> str:
        return self.given[key][0] if key in self.given else self.dotted(key)

    def report(self, key: Key, message: str, *, at_key: bool = False) -> None:
        shown = self.given[key][1] if key in self.given else self.dotted(key)
        self.problems.append(voiceguide.SettingError(self.dotted(key), message, shown))


@dataclass(frozen=True)
class _Flag:
    """One option whose value is a setting: its key in the settings mapping."""

    key: str
    decls: tuple[str, ...]
    extra: dict[str, Any]

    @property
    def param(self) -> str:
        """The name click passes its value under."""
        names = [d for d in self.decls if not d.startswith("-")]
        return names[0] if names else self.decls[0].lstrip("-").split("/")[0].replace("-", "_")

    def option(self, command):
        return click.option(*self.decls, **self.extra)(command)


def _flag(key: str, *decls: str, **extra: Any) -> _Flag:
    decls = decls or (f"--{key}",)
    if "type" not in extra and not extra.get("is_flag") and not any("/" in d for d in decls):
        extra["type"] = TEXT  # typed text: refused at once when it is not UTF-8
    return _Flag(key, decls, extra)


CHOICES = (
    _flag(
        "level",
        metavar="gentle|standard|strong",
        help="Where ranges like 10-15 land: low end, middle or high end.  [default: standard]",
    ),
    _flag(
        "explain",
        "--explain/--no-explain",
        default=None,
        help="Open with what the pips and tones mean.  [default: explain]",
    ),
    _flag(
        "language",
        metavar="|".join(voiceguide.languages()),
        help="Language of the phrases said around each routine's own lines.  "
        "[default: the routine's language:, else en]",
    ),
    _flag(
        "voice",
        help="Voice id or name (see `voiceguide voices`).  "
        "[default: the natural voice for English when it is installed; else the "
        f"language's espeak voice, {DEFAULT_VOICE} for English]",
    ),
    _flag(
        "voice-command",
        metavar="TEMPLATE",
        help="Speak through your own program instead: 'PROGRAM ... {text} ... {out}' "
        "writes a WAV file at {out}; {rate} is optional. Run without a shell.",
    ),
    _flag(
        "rate", metavar="WPM", help=f"Speaking rate in words a minute.  [default: {DEFAULT_RATE}]"
    ),
    _flag(
        "profile",
        type=UserPath(dir_okay=False, path_type=Path),
        help="YAML file of saved settings; options given here win over it.",
    ),
)
OVERRIDES = (
    _flag("hold", metavar="SECONDS", help="Every timed hold lasts this long (e.g. 45, 1m)."),
    _flag(
        "hold-scale", metavar="FACTOR", help="Multiply every hold, rep holds included (e.g. 1.5)."
    ),
    _flag("reps", metavar="N", help="Reps for every exercise counted in reps."),
    _flag("sets", metavar="N", help="Sets for every exercise."),
    _flag("rest", metavar="SECONDS", help="Rest between exercises."),
    _flag("prepare", metavar="SECONDS", help="Get-ready time before each hold (at least 3)."),
    _flag(
        "rounds",
        metavar="N",
        help="Times through each block of rounds (a routine without blocks: the whole routine).",
    ),
    _flag(
        "exercises",
        "--set",
        "assignments",
        multiple=True,
        metavar="EXERCISE.FIELD=VALUE",
        help="One exercise, by name or number: hold, reps, sets, tempo, rest, prepare, rounds (of its block). Repeatable.",
    ),
)
PICKS = (
    _flag(
        "only",
        multiple=True,
        metavar="EXERCISES",
        help="Only these exercises, by name or number (e.g. --only 1,3); with several "
        "routines lead each with its routine: --only relief-standing:2. Repeatable.",
    ),
    _flag(
        "skip",
        multiple=True,
        metavar="EXERCISES",
        help="Leave out these exercises, written as for --only. Repeatable.",
    ),
    _flag(
        "together",
        is_flag=True,
        default=None,
        help="Join the routines into one session: one track, one intro and one close "
        "(--name names it).",
    ),
)
# How a track sounds as a file (build, program).
FILE = (
    _flag("format", metavar="mp3|m4a|ogg|wav", help="Audio format.  [default: mp3]"),
    _flag(
        "bitrate",
        metavar="RATE",
        help="Bitrate for mp3, m4a and ogg, e.g. 64k or 128k.  [default: 96k]",
    ),
    _flag("loudness", metavar="LUFS", help="Integrated loudness target in LUFS.  [default: -16.0]"),
)
TRACK = (
    _flag("true-peak", metavar="DBTP", help="True-peak ceiling in dBTP.  [default: -1.0]"),
    _flag(
        "music",
        type=UserPath(dir_okay=False, path_type=Path),
        help="An audio file to loop quietly under the session; it dips under speech and tones.",
    ),
    _flag(
        "music-level",
        metavar="LU",
        help="How far (LU) the music sits below the voice.  [default: 18.0]",
    ),
    _flag(
        "split",
        is_flag=True,
        default=None,
        help="One track per exercise (per round), numbered, in a folder named for the routine, with its playlist.",
    ),
    _flag(
        "suffix",
        help="Added to each file name, e.g. --suffix -gentle gives five-moves-gentle.mp3.",
    ),
)
FEED = _flag(
    "feed",
    metavar="BASE_URL",
    help="Also write a podcast feed (feed.xml, the cover, chapters) for the folder served at BASE_URL, like https://example.org/physio/anna/.",
)
NAME = _flag(
    "name",
    help="File name instead of the routine's (one routine, or a --together session: its title too).",
)
TITLE = _flag("name", help="The title of a --together session.")


def settings_options(*flags: _Flag) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options `flags`, read together as one settings mapping (with the group's
    --speech-timeout) and passed to the command as `settings`: every mistake in them is
    found at once, each named by its flag."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for flag in reversed(flags):
            command = flag.option(command)

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            values = {flag.key: kwargs.pop(flag.param) for flag in flags}
            kwargs["settings"] = read_flags(values)
            return command(**kwargs)

        return wrapper

    return decorate


def read_flags(values: dict[str, Any]) -> Settings:
    """The settings the options' values give, with the group's speech timeout."""
    mapping: dict[str, Any] = {}
    given: dict[Key, tuple[str, str]] = {}
    for key, value in values.items():
        if value is None or value == () or (value is False and key in ("together", "split")):
            continue  # not given
        if key == "exercises":
            mapping[key] = _assignments(value, given)
            continue
        mapping[key] = value
        flag = f"--{key}"
        shown = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        given[(key,)] = (flag, flag if isinstance(value, bool) else f"{flag} {_typed(shown)}")
    context = click.get_current_context(silent=True)
    timeout = ((context.find_root().obj or {}) if context else {}).get("speech_timeout")
    if timeout is not None:
        mapping["speech-timeout"] = timeout
    return voiceguide.Settings.from_mapping(mapping, Flags(given))


def _typed(value: str) -> str:
    """A value as typed, quoted where a space, a quote or a line break would hide where it
    ends ("--name 'my session'")."""
    return value if re.fullmatch(r"[^\s'\"\\]+", value) else repr(value)


def _assignments(texts: tuple[str, ...], given: dict[Key, tuple[str, str]]) -> dict[str, Any]:
    """`EXERCISE.FIELD=VALUE` of each --set, as the settings' `exercises` section; a field
    set again is the later one."""
    exercises: dict[str, dict[str, str]] = {}
    for text in texts:
        where = f"--set {text}"
        target, equals, value = text.partition("=")
        exercise, dot, name = target.strip().rpartition(".")
        if not equals or not dot or not exercise.strip() or not value.strip():
            raise voiceguide.SettingError(
                "exercises",
                "write EXERCISE.FIELD=VALUE, like --set doorway-stretch.hold=45 or --set 2.reps=12",
                where,
            )
        selector, field = exercise.strip().lower(), name.strip().lower()
        fields = exercises.pop(selector, {})  # the exercise set last is applied last
        fields.pop(field, None)
        fields[field] = value.strip()
        exercises[selector] = fields
        given[("exercises", selector, field)] = (where, where)
    return exercises


def speech_timeout(value: str | None) -> float | None:
    """--speech-timeout, read as every other setting is."""
    if value is None:
        return None
    given = {("speech-timeout",): ("--speech-timeout", f"--speech-timeout {_typed(value)}")}
    settings = voiceguide.Settings.from_mapping({"speech-timeout": value}, Flags(given))
    return settings.speech_timeout
