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

A profile is a settings mapping in a file: its YAML is read with every value's place
(yamlsource.py) and handed to the one reader of settings (reader.py), whose every
problem is reported at its file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..amounts import Amount
from ..errors import LocatedErrors
from ..yamlsource import Located, Position, YamlReader, read_text_file
from .options import Layer
from .reader import PROFILE_KEYS, read_section, read_settings
from .session import Key, Places, Settings


class FilePlaces(Places):
    """Where each value of a YAML file's mapping was written: its file, line and column.
    Problems go to the file's reader, with every other problem of the file."""

    def __init__(self, reader: YamlReader, top: Located, key: Key = ()) -> None:
        super().__init__()
        self.reader, self.top, self.key = reader, top, key

    def _node(self, key: Key) -> tuple[Located, Any]:
        """The located mapping that holds the value under `key`, and its last key."""
        node = self.top
        for part in key[len(self.key) : -1]:
            inner = node.value.get(part) if isinstance(node.value, dict) else None
            if not isinstance(inner, Located):
                break
            node = inner
        return node, key[-1]

    def _position(self, key: Key, *, at_key: bool = False) -> Position:
        if len(key) <= len(self.key):
            return (self.top.line, self.top.column)
        node, last = self._node(key)
        if at_key:
            return node.key_pos.get(last, (node.line, node.column))
        return node.pos_of(last)

    def where(self, key: Key) -> str:
        # A section (a routine's, say) is where its name is written; a value, where it is.
        if len(key) > len(self.key):
            node, last = self._node(key)
            section = isinstance(node.value.get(last), Located)
            return self.reader.where(self._position(key, at_key=section))
        return self.reader.where(self._position(key))

    def typed(self, key: Key) -> str | None:
        if len(key) <= len(self.key):
            return None
        node, last = self._node(key)
        value = node.value.get(last)
        # A list or mapping where a value belongs is shown as such ("got a list").
        return repr(value) if isinstance(value, Located) else node.typed(last)

    def report(self, key: Key, message: str, *, at_key: bool = False) -> None:
        self.reader.report(self._position(key, at_key=at_key), message)

    def check(self) -> None:
        self.reader.check()


def plain(node: Any) -> Any:
    """Located YAML as the plain mapping it holds: what the reader of settings reads."""
    if isinstance(node, Located):
        if isinstance(node.value, dict):
            return {key: plain(value) for key, value in node.value.items()}
        return [plain(value) for value in node.value]
    return node


def load_profile(path: str | Path) -> Settings:
    """Read and check a profile; every problem in it is raised at once (LocatedErrors),
    each naming the file, line and column."""
    path = Path(path)
    return parse_profile(read_text_file(path, "profile"), str(path))


def parse_profile(text: str, path: str) -> Settings:
    """A profile from its text, as `load_profile` reads it; `path` names it in messages."""
    r = YamlReader(path)
    data = r.read(text)
    if not isinstance(data, Located) or not isinstance(data.value, dict):
        r.report((1, 1), f"a profile must be a mapping of keys like {', '.join(PROFILE_KEYS[:3])}")
        raise LocatedErrors(r.problems)  # nothing more can be read
    places = FilePlaces(r, data)
    settings = read_settings(plain(data), places, PROFILE_KEYS, "a profile")
    places.check()
    return settings


def section_settings(r: YamlReader, node: Located, routine: str | None = None) -> Layer:
    """The overrides a located section holds (an include's own `hold:`, `exercises:`...),
    read as a profile's section is; each problem goes to `r` at its place."""
    return read_section(plain(node), (), FilePlaces(r, node), routine)


def profile_yaml(settings: Settings) -> str:
    """Settings as the profile YAML `load_profile` reads back to the same settings."""
    top: dict[str, Any] = {}
    for key, value in (
        ("level", settings.level),
        ("explain", settings.explain),
        ("voice", settings.voice_name),
        ("voice-command", settings.voice_command),
        ("rate", settings.rate),
        ("language", settings.language),
    ):
        if value is not None:
            top[key] = value
    for layer in settings.layers:
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
