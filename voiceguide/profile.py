"""A person's saved preferences: level, voice and overrides, for all routines or one.

```yaml
level: gentle
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

from .amounts import LEVELS, SPEAKING_RATES, Level
from .options import (
    EXERCISE_FIELDS,
    GLOBAL_FIELDS,
    Layer,
    OverrideError,
    Setting,
    hold_scale_problem,
    parse_value,
)
from .speech.engine import is_voice_name
from .yamlsource import Located, YamlReader, read_text_file, read_yaml

SECTION_KEYS = (*GLOBAL_FIELDS, "hold-scale", "exercises")
TOP_KEYS = ("level", "explain", "voice", "rate", *SECTION_KEYS, "routines")


@dataclass(frozen=True)
class Profile:
    level: Level | None = None
    explain: bool | None = None  # whether a session opens by saying what the tones mean
    voice: str | None = None
    rate: int | None = None
    layers: tuple[Layer, ...] = ()


class _ProfileReader(YamlReader):
    """Walks a profile's located YAML; every problem names its file, line and column."""

    def value(self, node: Located, key: str, field: str) -> Setting | None:
        if key not in node.value:
            return None
        where = self.where(node.pos_of(key))
        return Setting(field, parse_value(field, node.value[key], where), where)

    def section(self, node: Located, routine: str | None, where: str) -> Layer:
        settings = [s for f in GLOBAL_FIELDS if (s := self.value(node, f, f))]
        scale, scale_where = None, ""
        if "hold-scale" in node.value:
            scale, scale_where = node.value["hold-scale"], self.where(node.pos_of("hold-scale"))
            problem = hold_scale_problem(scale)
            if problem:
                raise OverrideError(f"{scale_where}: hold-scale must be {problem}")
        if "exercises" in node.value:
            exercises = self.mapping(
                node.value["exercises"], node.pos_of("exercises"), "exercises", None
            )
            for selector, fields_node in exercises.value.items():
                pos = exercises.key_pos[selector]
                fields = self.mapping(
                    fields_node,
                    exercises.pos_of(selector),
                    f"exercise '{selector}'",
                    EXERCISE_FIELDS,
                )
                for field in EXERCISE_FIELDS:
                    if (s := self.value(fields, field, field)) is not None:
                        settings.append(Setting(field, s.value, s.where, str(selector).lower()))
                if not fields.value:
                    raise self.fail(pos, f"exercise '{selector}' has no settings")
        return Layer(tuple(settings), scale, scale_where, routine, where)


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile; errors name the file, line and column."""
    path = Path(path)
    r = _ProfileReader(str(path))
    data = read_yaml(read_text_file(path, "profile"), str(path))
    top = r.mapping(data, (1, 1), "a profile", TOP_KEYS)
    level = top.value.get("level")
    if level is not None and level not in LEVELS:
        raise r.fail(
            top.pos_of("level"), f"level '{level}' is not known; use one of: {', '.join(LEVELS)}"
        )
    voice = top.value.get("voice")
    if voice is not None and not is_voice_name(voice):
        raise r.fail(
            top.pos_of("voice"), f"voice {voice!r} is not a voice name; see voiceguide voices"
        )
    rate = top.value.get("rate")
    slow, fast = SPEAKING_RATES
    if rate is not None and (
        isinstance(rate, bool) or not isinstance(rate, int) or not slow <= rate <= fast
    ):
        raise r.fail(
            top.pos_of("rate"), f"rate must be words a minute between {slow} and {fast}, like 160"
        )
    explain = top.value.get("explain")
    if explain is not None and not isinstance(explain, bool):
        raise r.fail(top.pos_of("explain"), "explain must be true or false")
    layers = [r.section(top, None, r.where((1, 1)))]
    if "routines" in top.value:
        routines = r.mapping(top.value["routines"], top.pos_of("routines"), "routines", None)
        for slug, section in routines.value.items():
            pos = routines.pos_of(slug)
            node = r.mapping(section, pos, f"routine '{slug}'", SECTION_KEYS)
            layers.append(r.section(node, str(slug), r.where(routines.key_pos[slug])))
    return Profile(level, explain, voice, rate, tuple(layers))
