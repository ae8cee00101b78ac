"""The one reader of a person's choices: a plain mapping in, `Settings` out.

Every front end turns its input into one mapping: the command line its flags, a profile
file its YAML, the page its form. The keys are the profile's, in the person's words:

```python
{
    "level": "gentle", "language": "de", "voice": "de+m3", "voice-command": None,
    "rate": 150, "explain": False,
    "hold": "45", "hold-scale": 1.5, "reps": 12, "sets": 2, "rest": "20",
    "prepare": 8, "rounds": 3,                          # for every exercise
    "exercises": {"wall-lean": {"hold": 40}, 2: {"reps": "8-10"}},
    "routines": {"five-moves": {"sets": 2, "exercises": {...}}},   # for one routine
    "only": ["1,3"], "skip": [], "together": False, "name": None, "suffix": "-gentle",
    "format": "mp3", "bitrate": "128k", "loudness": -16, "true-peak": -1,
    "music": "rain.ogg", "music-level": 18, "split": False,
    "feed": "https://example.org/anna/",                # a programme's podcast, served there
    "speech-timeout": 30, "profile": "me.yaml",          # a profile file below the rest
}
```

Every value is checked here, once, with one set of messages: each problem names its key
and says what to write. Where it was written is the front end's to say (`Places`): the
command line names its flag (`--hold 5000`), a profile its file, line and column, the
page puts the message beside its field. Every problem is found in one reading and raised
together (SettingErrors, or a profile's LocatedErrors).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..amounts import (
    AmountError,
    Level,
    factor_problem,
    level_problem,
    limit_problem,
    parse_count,
    parse_duration,
    rate_problem,
    shown,
)
from ..errors import UserError
from ..language import languages
from .options import COUNT_FIELDS, EXERCISE_FIELDS, GLOBAL_FIELDS, Layer, Setting, language_problem
from .session import Key, Output, Places, Settings, dotted

SECTION_KEYS = (*GLOBAL_FIELDS, "hold-scale", "exercises")  # for all routines, or one
# What a profile file may hold, in the order messages list them.
PROFILE_KEYS = (
    "level", "explain", "voice", "voice-command", "rate", *SECTION_KEYS, "routines", "language",
)  # fmt: skip
OUTPUT_KEYS = (
    "format", "bitrate", "loudness", "true-peak", "music", "music-level", "split", "name",
    "suffix", "feed",
)  # fmt: skip
# Everything a session may choose: a profile's keys, the routines and exercises chosen,
# how the tracks are written, and a profile file read below the rest.
KEYS = (
    *PROFILE_KEYS, "only", "skip", "together", *OUTPUT_KEYS, "speech-timeout", "profile",
)  # fmt: skip

FORMATS = ("mp3", "m4a", "ogg", "wav")  # export/encode.py's FORMATS (a test keeps them one)
# (lowest, highest, unit, an example) of each number a track's sound takes.
NUMBERS = {
    "loudness": (-40.0, -6.0, "LUFS", "-16"),
    "true-peak": (-12.0, 0.0, "dBTP", "-1"),
    "music-level": (6.0, 40.0, "LU below the voice", "18"),
    "speech-timeout": (1.0, 600.0, "seconds a phrase may take", "30"),
}
_BITRATE = re.compile(r"\d{2,3}k")
# File names without a folder: letters first, then letters, digits and . _ - and spaces.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]*")
_SAFE_SUFFIX = re.compile(r"[A-Za-z0-9._-]+")
MAX_TEXT = 1000  # characters of a name, a selector list or a path: never a document


# --- reading -----------------------------------------------------------------------------


def read_settings(mapping: Any, places: Places, keys: tuple[str, ...], what: str) -> Settings:
    """The settings of `mapping` (`what` it is, for messages) whose keys may be `keys`,
    each problem noted in `places` (the caller raises them: `places.check()`)."""
    r = _Reader(places)
    top = r.mapping(mapping, (), what, keys)
    if top is None:
        return Settings()
    layers = [r.section(top, (), None)]
    routines = r.mapping(top.get("routines"), ("routines",), "routines", None)
    for slug, section in (routines or {}).items():
        node = r.mapping(section, ("routines", slug), f"routine '{slug}'", SECTION_KEYS)
        if node is not None:
            layers.append(r.section(node, ("routines", slug), str(slug)))
    voice, command = r.voice(top)
    language = r.language(top)
    settings = Settings(
        level=r.level(top),
        explain=r.flag(top, "explain"),
        language=language,
        language_where=places.where(("language",)) if language else "",
        voice_name=voice,
        voice_command=command,
        rate=r.rate(top),
        layers=tuple(layers),
        only=r.selectors(top, "only"),
        skip=r.selectors(top, "skip"),
        together=bool(r.flag(top, "together")),
        output=r.output(top),
        speech_timeout=r.number(top, "speech-timeout"),
    )
    if top.get("profile") is not None:
        settings = settings.over(r.profile(top))
    return settings


def read_section(node: Mapping[Any, Any], key: Key, places: Places, routine: str | None) -> Layer:
    """The overrides of one section (a profile's top, its section for one routine, an
    include's own): `hold`, `exercises`... each problem noted in `places`."""
    return _Reader(places).section(node, key, routine)


class _Reader:
    """Walks a settings mapping, noting each problem with `places` and going on."""

    def __init__(self, places: Places) -> None:
        self.places = places

    def report(self, key: Key, message: str, *, at_key: bool = False) -> None:
        self.places.report(key, message, at_key=at_key)

    def mapping(
        self, node: Any, key: Key, what: str, keys: tuple[str, ...] | None
    ) -> Mapping[Any, Any] | None:
        """`node` as a mapping, each key not in `keys` reported (any key when None); None
        when it is absent, or not a mapping (reported)."""
        if node is None and key:
            return None
        if not isinstance(node, Mapping):
            like = f" of keys like {', '.join(keys[:3])}" if keys else ""
            self.report(key, f"{what} must be a mapping{like}")
            return None
        for name in node:
            if keys is not None and name not in keys:
                near = difflib.get_close_matches(str(name), keys, n=1, cutoff=0.6)
                hint = f"did you mean '{near[0]}'?" if near else f"valid keys: {', '.join(keys)}"
                self.report((*key, name), f"unknown key '{name}' in {what}; {hint}", at_key=True)
        return node

    # --- overrides -----------------------------------------------------------------------

    def amount(self, node: Mapping[Any, Any], key: Key, field: str) -> Setting | None:
        """The duration or count under `key` (its last part in `node`), within `field`'s
        limits, as a setting; None when not there or wrong (reported)."""
        if node.get(key[-1]) is None:
            return None
        parse = parse_count if field in COUNT_FIELDS else parse_duration
        try:
            value = parse(node[key[-1]], field, self.places.typed(key))
        except AmountError as err:
            self.report(key, str(err))
            return None
        problem = limit_problem(field, value)
        if problem:
            self.report(key, problem)
            return None
        return Setting(field, value, self.places.where(key), key=dotted(key))

    def section(self, node: Mapping[Any, Any], key: Key, routine: str | None) -> Layer:
        settings = [s for f in GLOBAL_FIELDS if (s := self.amount(node, (*key, f), f))]
        scale, scale_where = None, ""
        if node.get("hold-scale") is not None:
            scale = _number(node["hold-scale"])
            problem = factor_problem(scale)
            if problem:
                self.report((*key, "hold-scale"), f"hold-scale must be {problem}")
                scale = None
            else:
                scale_where = self.places.where((*key, "hold-scale"))
        exercises = self.mapping(node.get("exercises"), (*key, "exercises"), "exercises", None)
        for selector, fields in (exercises or {}).items():
            at = (*key, "exercises", selector)
            own = self.mapping(fields, at, f"exercise '{selector}'", EXERCISE_FIELDS)
            if own is None:
                continue
            if not own:
                self.report(at, f"exercise '{selector}' has no settings", at_key=True)
            for name in EXERCISE_FIELDS:
                setting = self.amount(own, (*at, name), name)
                if setting is not None:
                    settings.append(replace(setting, exercise=str(selector).strip().lower()))
        return Layer(tuple(settings), scale, scale_where, routine, self.places.where(key))

    # --- choices -------------------------------------------------------------------------

    def level(self, top: Mapping[Any, Any]) -> Level | None:
        level = top.get("level")
        if level is None:
            return None
        problem = level_problem(level, self.places.typed(("level",)))
        if problem:
            self.report(("level",), problem)
            return None
        return level  # one of LEVELS: checked

    def flag(self, top: Mapping[Any, Any], key: str) -> bool | None:
        value = top.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.report(
            (key,), f"{key} must be true or false, got {shown(value, self.places.typed((key,)))}"
        )
        return None

    def rate(self, top: Mapping[Any, Any]) -> int | None:
        rate = top.get("rate")
        if rate is None:
            return None
        if isinstance(rate, str) and rate.strip().isdigit() and len(rate.strip()) < 6:
            rate = int(rate)
        problem = rate_problem(rate, self.places.typed(("rate",)))
        if problem:
            self.report(("rate",), problem)
            return None
        return int(rate)

    def voice(self, top: Mapping[Any, Any]) -> tuple[str | None, str | None]:
        """The voice's name and the voice command, each None when not given or wrong."""
        from ..speech.command import split_template
        from ..speech.engine import voice_problem
        from ..speech.engines import voice_problem as installed_problem

        name, command = top.get("voice"), top.get("voice-command")
        if name is not None:
            # A name first, then a voice this machine has: a wrong one stops before anything
            # is planned or queued.
            timeout = _number(top.get("speech-timeout"))
            problem = voice_problem(name, self.places.typed(("voice",))) or installed_problem(
                name, timeout
            )
            if problem:
                self.report(("voice",), problem)
                name = None
        if command is None:
            return name, None
        if top.get("voice") is not None:
            self.report(
                ("voice-command",), "give voice or voice-command, not both; remove one of them"
            )
            return name, None
        try:
            split_template(command)
        except UserError as err:
            self.report(("voice-command",), str(err))
            return name, None
        return name, command

    def language(self, top: Mapping[Any, Any]) -> str | None:
        language = top.get("language")
        if language is None:
            return None
        if isinstance(language, str) and language.strip().lower() in languages():
            return language.strip().lower()
        self.report(("language",), language_problem(language))
        return None

    def selectors(self, top: Mapping[Any, Any], key: str) -> tuple[str, ...]:
        """Exercises chosen, each a text like "1,3" or "relief-standing:2" (checked against
        the routines when they are chosen: routine/compose.py)."""
        value = top.get(key)
        if value is None:
            return ()
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        if not all(_is_text(item) or isinstance(item, int) for item in items):
            self.report((key,), f"{key} names exercises by name or number, like [1, wall-lean]")
            return ()
        return tuple(str(item) for item in items)

    def number(self, top: Mapping[Any, Any], key: str) -> float | None:
        """A finite number within its bounds (NUMBERS), or None when absent or wrong."""
        value = top.get(key)
        if value is None:
            return None
        low, high, unit, like = NUMBERS[key]
        number = _number(value)
        if number is None or not math.isfinite(number) or not low <= number <= high:
            self.report(
                (key,),
                f"{key} must be {unit} from {low:g} to {high:g}, like {like}, got "
                f"{shown(value, self.places.typed((key,)))}",
            )
            return None
        return number

    def output(self, top: Mapping[Any, Any]) -> Output:
        chosen: dict[str, Any] = {}
        fmt = top.get("format")
        if fmt is not None:
            if isinstance(fmt, str) and fmt.lower() in FORMATS:
                chosen["format"] = fmt.lower()
            else:
                self.report(
                    ("format",),
                    f"format {shown(fmt)} is not known; use one of: {', '.join(FORMATS)}",
                )
        bitrate = top.get("bitrate")
        if bitrate is not None:
            if isinstance(bitrate, str) and _BITRATE.fullmatch(bitrate):
                chosen["bitrate"] = bitrate
            else:
                self.report(("bitrate",), "write kilobits a second, like 64k or 128k")
        for key in ("loudness", "true-peak", "music-level"):
            number = self.number(top, key)
            if number is not None:
                chosen[key.replace("-", "_")] = number
        music = top.get("music")
        if music is not None:
            if isinstance(music, Path) or (_is_text(music) and music.strip()):
                chosen["music"] = Path(music)
            else:
                self.report(("music",), "give the music's file, like rain.ogg")
        split = self.flag(top, "split")
        if split is not None:
            chosen["split"] = split
        name, suffix = top.get("name"), top.get("suffix")
        if name is not None:
            stem = re.sub(r"\.(mp3|m4a|ogg|wav)\Z", "", name) if _is_text(name) else name
            if _is_text(stem) and _SAFE_NAME.fullmatch(stem):
                chosen["name"] = stem
            else:
                self.report(("name",), "use letters, digits, spaces, dots, dashes or underscores")
        if suffix is not None:
            if _is_text(suffix) and _SAFE_SUFFIX.fullmatch(suffix):
                chosen["suffix"] = suffix
            else:
                self.report(("suffix",), "use letters, digits, dots, dashes or underscores")
        feed = top.get("feed")
        if feed is not None:
            from ..export.feed import canonical_base_url  # export/ only when a feed is asked

            try:
                chosen["feed"] = canonical_base_url(feed if _is_text(feed) else "")
            except UserError as err:
                self.report(("feed",), str(err))
        return Output(**chosen)

    def profile(self, top: Mapping[Any, Any]) -> Settings:
        """The profile file named under `profile`: a mapping read by this same reader."""
        from .profile import load_profile

        path = top["profile"]
        if not (isinstance(path, Path) or _is_text(path)):
            self.report(("profile",), "give the profile's file, like me.yaml")
            return Settings()
        return load_profile(path)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _number(value: object) -> float | None:
    """A number from a number, or from text that writes one ("1.5"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if _is_text(value):
        try:
            return float(value)  # type: ignore[arg-type]  # text: checked
        except ValueError:
            return None
    return None
