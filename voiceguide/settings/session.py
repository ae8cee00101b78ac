"""A person's choices for a session, read and checked: Settings (and how its tracks are
written, Output), and Places, where a front end says each choice was written.

`Settings.from_mapping` is the way in: the one reader (reader.py) reads the mapping every
front end makes of its input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..amounts import Level
from ..errors import SettingError, SettingErrors, UserError
from .options import Layer, Options, check_overrides

if TYPE_CHECKING:
    from ..routine.model import Routine
    from ..speech.engine import Voice

Key = tuple[Any, ...]  # a value's keys from the top of the mapping: ("exercises", 2, "hold")


def dotted(key: Key) -> str:
    """A key as messages name it: "exercises.wall-lean.hold"."""
    return ".".join(str(part) for part in key)


class Places:
    """Where each value of a settings mapping was written, for the front end to say.

    This one names the key itself ("exercises.wall-lean.hold: hold must be positive") and
    raises every problem together as SettingErrors. The command line, a profile file and
    the page each have their own (cli/shared.py, profile.py, web/settings.py).
    """

    def __init__(self) -> None:
        self.problems: list[UserError] = []

    @staticmethod
    def dotted(key: Key) -> str:
        """A key as messages name it: "exercises.wall-lean.hold"."""
        return dotted(key)

    def where(self, key: Key) -> str:
        """Where the value under `key` came from, as `plan` and a track's tags show it."""
        return dotted(key)

    def typed(self, key: Key) -> str | None:
        """The value's text as the person typed it, where that says more than the value."""
        return None

    def report(self, key: Key, message: str, *, at_key: bool = False) -> None:
        """Note a problem with the value under `key` (with `at_key`: with the key itself)."""
        self.problems.append(SettingError(dotted(key), message, self.where(key)))

    def check(self) -> None:
        """Raise every problem noted, if there is one."""
        if self.problems:
            raise SettingErrors([p for p in self.problems if isinstance(p, SettingError)])


@dataclass(frozen=True)
class Output:
    """How tracks are written: format and sound, music under them, and their file names."""

    format: str = "mp3"
    bitrate: str | None = None  # None: the format's own (96k for the lossy ones)
    loudness: float = -16.0  # integrated LUFS
    true_peak: float = -1.0  # dBTP ceiling
    music: Path | None = None  # looped quietly under the session
    music_level: float = 18.0  # LU below the voice
    split: bool = False  # one track per exercise
    name: str | None = None  # the file's name (one routine, or a session of several)
    suffix: str | None = None  # added to every file's name
    feed: str | None = None  # a programme's podcast feed, for its folder served at this URL


@dataclass(frozen=True)
class Settings:
    """A person's choices for a session, read and checked (`from_mapping`). A choice left
    out is None here and takes its default where it is used (`options`, `voice`)."""

    level: Level | None = None
    explain: bool | None = None  # open with what the pips and tones mean (default yes)
    language: str | None = None  # of the phrases around each routine's own lines
    language_where: str = ""  # where it was chosen, for the warning it may give
    voice_name: str | None = None  # the `voice` key: a voice as `voiceguide voices` lists
    voice_command: str | None = None  # the person's own program that speaks
    rate: int | None = None  # words a minute
    layers: tuple[Layer, ...] = ()  # the overrides, lowest first: a profile's, then these
    only: tuple[str, ...] = ()  # exercises chosen, as --only writes them ("1,3")
    skip: tuple[str, ...] = ()
    together: bool = False  # the routines joined into one session
    output: Output = field(default_factory=Output)
    speech_timeout: float | None = None  # seconds a phrase may take

    @classmethod
    def from_mapping(cls, mapping: Mapping[Any, Any], places: Places | None = None) -> Settings:
        """The settings `mapping` holds (see the module's docstring); every problem is
        raised together, each at the place `places` gives it."""
        from .reader import KEYS, read_settings

        places = places or Places()
        settings = read_settings(mapping, places, KEYS, "the settings")
        places.check()
        return settings

    @property
    def has_overrides(self) -> bool:
        """Whether any value of an exercise is set (hold, reps, sets, rest, --set...)."""
        return any(layer.settings or layer.hold_scale is not None for layer in self.layers)

    @property
    def options(self) -> Options:
        """How the planner reads these settings: level, overrides, language, explain."""
        return Options(
            level=self.level or "standard",
            layers=self.layers,
            explain=True if self.explain is None else self.explain,
            language=self.language,
            language_where=self.language_where,
        )

    @property
    def voice(self) -> Voice:
        """The voice these settings speak with (speech.engine.Voice): no name chosen, each
        routine's language's own voice."""
        from ..speech.engine import DEFAULT_RATE, Voice

        return Voice(self.voice_name or "", self.rate or DEFAULT_RATE, self.voice_command)

    def check(self, routines: Sequence[Routine]) -> list[str]:
        """Check every override against the routines they are for (one that names an
        exercise none of them has is a SettingError); what they point out, as warnings."""
        return check_overrides(list(routines), self.options)

    def over(self, below: Settings) -> Settings:
        """These settings over `below` (a profile's): each choice made here wins, and these
        overrides come after its, so they win too."""
        # A voice chosen here wins over a command chosen below, and the other way round.
        command = self.voice_command or (None if self.voice_name else below.voice_command)
        return replace(
            self,
            level=self.level or below.level,
            explain=below.explain if self.explain is None else self.explain,
            language=self.language or below.language,
            language_where=self.language_where if self.language else below.language_where,
            voice_name=self.voice_name or below.voice_name,
            voice_command=command,
            rate=self.rate or below.rate,
            layers=(*below.layers, *self.layers),
            speech_timeout=self.speech_timeout or below.speech_timeout,
        )
