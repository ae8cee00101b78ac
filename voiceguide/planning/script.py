"""The script: what the planner hands on. Ordered cues (say, tone, window), each a plain
value, so the layout, the audio stages and tests read it without knowing how it was planned.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..language import DEFAULT_LANGUAGE
from ..routine.model import Routine
from ..settings.options import Change
from ..timeline import ToneName, WindowKind

# Silence after each spoken line before what follows, so sentences do not run together;
# the planner counts it in the session budget, the layout places it.
PAUSE_AFTER_SPEECH = 0.4


@dataclass(frozen=True)
class Say:
    """A spoken line, laid out one after another."""

    text: str


@dataclass(frozen=True)
class Tone:
    """A cue sound from audio_assets: pip, start, end or complete."""

    name: ToneName


@dataclass(frozen=True)
class Overlay:
    """A sound placed `at` seconds into a window. Optional ones may be dropped if they do not fit."""

    at: float
    sound: Say | Tone
    optional: bool = False


@dataclass(frozen=True)
class Window:
    """A stretch of exactly `seconds` (a hold, a rest, a get-ready) with sounds laid over it."""

    seconds: float
    kind: WindowKind
    overlays: tuple[Overlay, ...] = ()
    label: str = ""
    overridden: bool = False  # its length comes from an override, not the routine


@dataclass(frozen=True)
class Cue:
    """One item of the script and the exercise it belongs to (None for intro and close),
    and which time through its block of rounds (0: not in a block done more than once)."""

    item: Say | Tone | Window
    exercise: str | None = None
    round: int = 0


@dataclass(frozen=True)
class Script:
    title: str
    slug: str
    cues: tuple[Cue, ...]
    changes: tuple[Change, ...] = ()
    routine: Routine | None = None  # the routine as planned: overrides applied


def spoken_texts(script: Script) -> list[str]:
    """Every line the script says, in order, including cues laid over windows."""
    texts = []
    for cue in script.cues:
        item = cue.item
        if isinstance(item, Say):
            texts.append(item.text)
        elif isinstance(item, Window):
            texts += [o.sound.text for o in item.overlays if isinstance(o.sound, Say)]
    return texts


def script_language(script: Script, routine: Routine | None = None) -> str:
    """The language a script speaks: its routine's as planned (with --language applied)."""
    planned = script.routine or routine
    return planned.language if planned else DEFAULT_LANGUAGE
