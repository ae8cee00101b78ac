"""The plan: what planning settles for one session, as plain values.

Ranges, the level, overrides and rounds are resolved once (planning/resolve.py), into
the values in force of each exercise; the planner turns them into the cues said and
sounded (the Script); `voiceguide.plan` adds how long it runs (the Estimate). Everything
after planning reads these values and never resolves them again: the voice, the layout,
the printed sheet, a programme's summary, `list`, `plan` and the page. Like the Timeline,
this is a contract between stages, so export/ can read it knowing nothing of routines.
"""

from __future__ import annotations

from dataclasses import dataclass

from .script import Cue, Script
from .timeline import Timeline


@dataclass(frozen=True)
class Change:
    """A value in force that differs from the routine's own, for `plan` to show."""

    exercise: str | None  # None: the rest between exercises
    field: str
    before: str
    after: str
    where: str


@dataclass(frozen=True)
class Week:
    """A session's place in a programme: said after its title, with the values in force
    for the fields the programme sets for every exercise that week ("Week 3. Holds are
    25 seconds this week.")."""

    number: int
    fields: tuple[str, ...] = ()  # e.g. ("hold", "reps")


@dataclass(frozen=True)
class PlannedStep:
    """One position of a hold in several: what is said, and how long it is held."""

    say: str  # as written: {side} is filled in for the side worked
    seconds: float


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise with every value in force: after the level picked from its ranges,
    overrides, and its own routine's defaults (in a session joined from several)."""

    number: int  # from 1, in the session
    name: str
    slug: str
    position: str  # sitting, standing, lying, kneeling, all-fours
    say: tuple[str, ...]  # how to get into position, as written ({side} kept)
    cue: str | None  # said at each rep
    sides: str  # none, both, alternate
    alternate: tuple[str, str] | None  # what alternates, named
    hold: float | None  # a timed hold, or the hold inside each rep
    reps: int | None
    tempo: float | None  # seconds a rep takes, for reps without a hold
    positions: tuple[PlannedStep, ...]  # a hold in several positions
    sets: int
    rest: float  # between its sets
    prepare: float  # the get-ready window before each set
    switch: float  # the get-ready window before the other side or the next position
    relax: float  # between reps that each have a hold
    transition: float  # added to `prepare` when the body moves into its position
    rest_before: float  # the rest before it, after the exercise before it
    # Its values as written, after overrides but before the level picks from a range
    # ("10-15"): what a form shows, so that a range still follows the level.
    written: tuple[tuple[str, str], ...] = ()
    line: int = 0  # where it is written in its routine's file


@dataclass(frozen=True)
class PlannedBlock:
    """Exercises done `rounds` times through, in order, with `rest` seconds between rounds."""

    first: int  # the index of its first exercise
    size: int
    rounds: int
    rest: float
    own_rest: bool = False  # the block's own rest, not the one between exercises

    @property
    def indices(self) -> range:
        return range(self.first, self.first + self.size)


@dataclass(frozen=True)
class Estimate:
    """How long the session runs, before any audio is made: exact where every phrase's clip
    is cached, else with the lengths of `guessed` phrases guessed from their words."""

    timeline: Timeline
    guessed: int

    @property
    def seconds(self) -> float:
        return self.timeline.seconds


@dataclass(frozen=True)
class Plan:
    """One session as planned: its values in force, its cues, and (from `voiceguide.plan`)
    how long it runs."""

    title: str
    slug: str
    language: str  # of the phrases said (--language, else the routine's own)
    level: str
    exercises: tuple[PlannedExercise, ...]
    blocks: tuple[PlannedBlock, ...]
    changes: tuple[Change, ...]  # the values overrides changed, for `plan` and the tags
    script: Script
    intro: str | None = None
    close: str | None = None
    equipment: tuple[str, ...] = ()
    collection: str | None = None  # the album a player files it under
    path: str = "<routine>"  # the routine's file, for messages
    written: tuple[tuple[str, str], ...] = ()  # the rest and get-ready time as written
    warnings: tuple[str, ...] = ()  # what its routine's file points out
    estimate: Estimate | None = None

    @property
    def cues(self) -> tuple[Cue, ...]:
        return self.script.cues

    def block_of(self, index: int) -> PlannedBlock | None:
        """The block of rounds the exercise at `index` belongs to, if any."""
        return next((b for b in self.blocks if index in b.indices), None)

    def rests_between(self) -> list[float]:
        """The rests between exercises, each once, in order."""
        return list(dict.fromkeys(ex.rest_before for ex in self.exercises[1:]))
