"""The script: the cues a plan says and sounds, in order. Each cue is a plain value, so the
layout, the audio stages and tests read it without knowing how it was planned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .timeline import ToneName, WindowKind

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
    """A sound placed `at` seconds into a window. Optional ones may be dropped if they do not
    fit; where `shorter` offers lines that say less, the first that fits is said instead."""

    at: float
    sound: Say | Tone
    optional: bool = False
    shorter: tuple[Say, ...] = ()  # a rep's count without its side, when both do not fit


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
    """A session's cues, and the language they are said in."""

    title: str
    slug: str
    cues: tuple[Cue, ...]
    language: str


class Cued(Protocol):
    """What a session is laid out from: its name and language, and its cues in order (a
    Script, or the Plan that holds one)."""

    @property
    def title(self) -> str: ...

    @property
    def slug(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def cues(self) -> tuple[Cue, ...]: ...


def spoken_texts(script: Cued) -> list[str]:
    """Every line the script says, in order, including cues laid over windows."""
    return list(said(script.cues))


def said(cues: Iterable[Cue]) -> Iterable[str]:
    for cue in cues:
        item = cue.item
        if isinstance(item, Say):
            yield item.text
        elif isinstance(item, Window):
            yield from (o.sound.text for o in item.overlays if isinstance(o.sound, Say))


def phrases_to_speak(script: Cued) -> list[str]:
    """What a build has spoken before the layout: every line the script says, and the
    shorter lines said instead of a cue that does not fit (the layout picks by length)."""
    shorter = [
        line.text
        for cue in script.cues
        if isinstance(cue.item, Window)
        for overlay in cue.item.overlays
        for line in overlay.shorter
    ]
    return [*spoken_texts(script), *shorter]
