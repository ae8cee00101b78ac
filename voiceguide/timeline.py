"""The timeline: every sound and window of a session at an absolute sample.

The contract between the planning, which makes it (planning/layout.py), and audio/ and
export/, which read it: plain values that name no routine, exercise model or script, so
the audio and the finished files know nothing about exercises.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, get_args

# The cue sounds in audio_assets/, by file name.
ToneName = Literal["pip", "start", "end", "complete"]
TONES: tuple[ToneName, ...] = get_args(ToneName)
# A get-ready window (sides and positions switch in one too), a timed hold, one held rep,
# a run of paced reps, the pause between held reps, a rest.
WindowKind = Literal["prepare", "hold", "rep", "reps", "relax", "rest"]
# A sound, or the window it belongs to.
EventKind = Literal["speech", "tone"] | WindowKind


@dataclass(frozen=True)
class Event:
    """One thing in the finished audio. Sounds have kind 'speech' or 'tone'; windows their own kind."""

    start: int  # samples from the beginning
    length: int  # samples
    kind: EventKind
    text: str  # what is said, the tone's name, or the window's label
    exercise: str | None = None
    overridden: bool = False  # a window whose length an override set
    round: int = 0  # the time through the exercise's block of rounds (0: none)

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def is_sound(self) -> bool:
        return self.kind in ("speech", "tone")


@dataclass(frozen=True)
class Timeline:
    title: str
    slug: str
    sample_rate: int
    length: int
    events: tuple[Event, ...]
    warnings: tuple[str, ...] = field(default=())
    language: str = "en"  # of its speech and labels, for captions and chapters

    @property
    def seconds(self) -> float:
        return self.length / self.sample_rate

    def sounds(self) -> list[Event]:
        return [e for e in self.events if e.is_sound]


def cut(timeline: Timeline, start: int, end: int, title: str) -> Timeline:
    """The stretch of `timeline` from `start` to `end` (samples) as a timeline of its own,
    named `title`: the events that start in it, moved to its zero."""
    events = tuple(
        replace(e, start=e.start - start) for e in timeline.events if start <= e.start < end
    )
    return Timeline(title, timeline.slug, timeline.sample_rate, end - start, events)
