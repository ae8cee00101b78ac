"""A person's saved preferences: level, voice, language and overrides, for all routines or one.

```yaml
level: gentle
language: de             # the phrases said around every routine's own lines
hold: 45                 # every timed hold
exercises:
  doorway-stretch: {hold: 60}
routines:
  five-moves:
    sets: 2
    exercises:
      2: {hold: 20}      # by number within that routine
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..amounts import LEVELS, SPEAKING_RATES, Amount, Level, shown
from ..errors import LocatedErrors, UserError
from ..language import languages
from ..routine.yamlsource import Located, YamlReader, read_text_file
from ..speech.engine import is_voice_name
from .options import (
    COUNT_FIELDS,
    EXERCISE_FIELDS,
    GLOBAL_FIELDS,
    Layer,
    Setting,
    hold_scale_problem,
    language_problem,
)

SECTION_KEYS = (*GLOBAL_FIELDS, "hold-scale", "exercises")
TOP_KEYS = (
    "level", "explain", "voice", "voice-command", "rate", *SECTION_KEYS, "routines", "language",
)  # fmt: skip


@dataclass(frozen=True)
class Profile:
    level: Level | None = None
    explain: bool | None = None  # whether a session opens by saying what the tones mean
    voice: str | None = None
    rate: int | None = None
    layers: tuple[Layer, ...] = ()
    language: str | None = None  # of the phrases said, for every routine (--language wins)
    language_where: str = ""  # file:line:column, for the warning a language may give
    voice_command: str | None = None  # `voice-command:`, as --voice-command takes it


class _ProfileReader(YamlReader):
    """Walks a profile's located YAML, reporting each problem at its place and going on."""

    def value(self, node: Located, key: str, field: str) -> Setting | None:
        amount = self.amount(node, key, field, count=field in COUNT_FIELDS)
        return None if amount is None else Setting(field, amount, self.where(node.pos_of(key)))

    def section(self, node: Located, routine: str | None, where: str) -> Layer:
        settings = [s for f in GLOBAL_FIELDS if (s := self.value(node, f, f))]
        scale, scale_where = None, ""
        if "hold-scale" in node.value:
            scale, scale_where = node.value["hold-scale"], self.where(node.pos_of("hold-scale"))
            problem = hold_scale_problem(scale)
            if problem:
                self.report(node.pos_of("hold-scale"), f"hold-scale must be {problem}")
                scale = None
        if "exercises" in node.value:
            exercises = self.mapping(
                node.value["exercises"], node.pos_of("exercises"), "exercises", None
            )
            if exercises is not None:
                settings.extend(self.exercise_settings(exercises))
        return Layer(tuple(settings), scale, scale_where, routine, where)

    def exercise_settings(self, exercises: Located) -> list[Setting]:
        """The settings for single exercises, by name or number."""
        settings = []
        for selector, fields_node in exercises.value.items():
            fields = self.mapping(
                fields_node, exercises.pos_of(selector), f"exercise '{selector}'", EXERCISE_FIELDS
            )
            if fields is None:
                continue
            for field in EXERCISE_FIELDS:
                if (s := self.value(fields, field, field)) is not None:
                    settings.append(Setting(field, s.value, s.where, str(selector).lower()))
            if not fields.value:
                self.report(exercises.key_pos[selector], f"exercise '{selector}' has no settings")
        return settings

    def voice_command(self, top: Located) -> str | None:
        """The `voice-command:` template, None when not given or wrong (reported)."""
        from ..speech.command import split_template

        template = top.value.get("voice-command")
        if template is None:
            return None
        if "voice" in top.value:
            self.report(
                top.pos_of("voice-command"),
                "give voice or voice-command, not both; remove one of them",
            )
            return None
        try:
            split_template(template)
        except UserError as err:
            self.report(top.pos_of("voice-command"), str(err))
            return None
        return template

    def choices(self, top: Located) -> tuple[Level | None, bool | None, str | None, int | None]:
        """Level, explain, voice and rate, each None when not given or wrong (reported)."""
        level = top.value.get("level")
        if level is not None and level not in LEVELS:
            self.report(
                top.pos_of("level"),
                f"level {shown(level, top.typed('level'))} is not known; use one of: {', '.join(LEVELS)}",
            )
            level = None
        voice = top.value.get("voice")
        if voice is not None and not is_voice_name(voice):
            self.report(
                top.pos_of("voice"),
                f"voice {shown(voice, top.typed('voice'))} is not a voice name; see voiceguide voices",
            )
            voice = None
        rate = top.value.get("rate")
        slow, fast = SPEAKING_RATES
        if rate is not None and (
            isinstance(rate, bool) or not isinstance(rate, int) or not slow <= rate <= fast
        ):
            self.report(
                top.pos_of("rate"),
                f"rate must be words a minute between {slow} and {fast}, like 160, got {shown(rate, top.typed('rate'))}",
            )
            rate = None
        explain = top.value.get("explain")
        if explain is not None and not isinstance(explain, bool):
            self.report(
                top.pos_of("explain"),
                f"explain must be true or false, got {shown(explain, top.typed('explain'))}",
            )
            explain = None
        return level, explain, voice, rate


def _language(r: _ProfileReader, top: Located) -> tuple[str | None, str]:
    """The profile's `language:` and where it is written; None when not given or wrong."""
    language = top.value.get("language")
    if language is None:
        return None, ""
    where = r.where(top.pos_of("language"))
    if language not in languages():
        message = language_problem(language, "language").removeprefix("language: ")
        r.report(top.pos_of("language"), message)
        return None, ""
    return language, where


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile; every problem in it is raised at once (LocatedErrors),
    each naming the file, line and column."""
    path = Path(path)
    return parse_profile(read_text_file(path, "profile"), str(path))


def parse_profile(text: str, path: str) -> Profile:
    """A profile from its text, as `load_profile` reads it; `path` names it in messages."""
    r = _ProfileReader(path)
    data = r.read(text)
    top = r.mapping(data, (1, 1), "a profile", TOP_KEYS)
    if top is None:
        raise LocatedErrors(r.problems)  # nothing more can be read
    level, explain, voice, rate = r.choices(top)
    language, language_where = _language(r, top)
    layers = [r.section(top, None, r.where((1, 1)))]
    routines = None
    if "routines" in top.value:
        routines = r.mapping(top.value["routines"], top.pos_of("routines"), "routines", None)
    if routines is not None:
        for slug, section in routines.value.items():
            node = r.mapping(section, routines.pos_of(slug), f"routine '{slug}'", SECTION_KEYS)
            if node is not None:
                layers.append(r.section(node, str(slug), r.where(routines.key_pos[slug])))
    command = r.voice_command(top)
    r.check()
    return Profile(
        level, explain, voice, rate, tuple(layers), language, language_where, voice_command=command
    )


def profile_yaml(profile: Profile) -> str:
    """A profile as the YAML `load_profile` reads back to the same settings."""
    top: dict[str, Any] = {}
    for key, value in (
        ("level", profile.level),
        ("explain", profile.explain),
        ("voice", profile.voice),
        ("voice-command", profile.voice_command),
        ("rate", profile.rate),
        ("language", profile.language),
    ):
        if value is not None:
            top[key] = value
    for layer in profile.layers:
        section = _section(layer)
        if layer.routine is None:
            top.update(section)
        elif section:
            top.setdefault("routines", {})[layer.routine] = section
    return yaml.safe_dump(top, sort_keys=False, allow_unicode=True) if top else "{}\n"


def _section(layer: Layer) -> dict[str, Any]:
    section: dict[str, Any] = {}
    exercises: dict[str, dict[str, Any]] = {}
    for setting in layer.settings:
        value = _amount(setting.value)
        if setting.exercise is None:
            section[setting.field] = value
        else:
            # A number selects by position; written as a number, YAML reads it back so.
            key: Any = int(setting.exercise) if setting.exercise.isdigit() else setting.exercise
            exercises.setdefault(key, {})[setting.field] = value
    if layer.hold_scale is not None:
        section["hold-scale"] = layer.hold_scale
    if exercises:
        section["exercises"] = exercises
    return section


def _amount(amount: Amount) -> int | float | str:
    """A number as YAML writes one, or a range as the text `15-30`."""
    if amount.is_range:
        return str(amount)
    return int(amount.low) if amount.low == int(amount.low) else amount.low
