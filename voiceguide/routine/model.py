"""The routine model: a routine, its exercises and their defaults, as plain frozen values.
Reading one from YAML, with every problem at its file:line:column, is reader.py."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal, get_args

from ..amounts import Amount
from ..files import slugify
from ..language import DEFAULT_LANGUAGE
from .rounds import Block

Posture = Literal["sitting", "standing", "lying", "kneeling", "all-fours"]
POSITIONS: tuple[Posture, ...] = get_args(Posture)
Sides = Literal["none", "both", "alternate"]
SIDES: tuple[Sides, ...] = get_args(Sides)
MAX_EXERCISES = 100


@dataclass(frozen=True)
class Defaults:
    """Seconds used wherever an exercise does not say otherwise."""

    prepare: Amount = Amount(5, 5)  # get-ready window before a hold, ends in 3 pips
    rest: Amount = Amount(15, 15)  # between sets and between exercises
    transition: Amount = Amount(10, 10)  # extra get-ready time when the body position changes
    switch: Amount = Amount(5, 5)  # between sides and between positions of one hold
    tempo: Amount = Amount(3, 3)  # seconds per rep when reps have no hold
    relax: Amount = Amount(2, 2)  # between reps that each have a hold
    between: Amount | None = None  # rest between exercises when set apart from `rest` (--rest)


@dataclass(frozen=True)
class Step:
    """One position of a multi-position hold."""

    say: str
    hold: Amount


@dataclass(frozen=True)
class Exercise:
    name: str
    position: Posture
    say: tuple[str, ...]
    cue: str | None = None
    hold: Amount | None = None
    reps: Amount | None = None
    sets: Amount = Amount(1, 1)
    tempo: Amount | None = None
    sides: Sides = "none"
    alternate: tuple[str, str] | None = None  # what alternates, named: "right arm and left leg"
    positions: tuple[Step, ...] = ()
    rest: Amount | None = None
    prepare: Amount | None = None
    line: int = 0
    # Its own routine's defaults, once joined into a session of several (compose.py), so
    # its switch, relax and transition windows and the rest before it stay as written.
    defaults: Defaults | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Routine:
    title: str
    exercises: tuple[Exercise, ...]
    slug: str
    path: str = "<routine>"
    source: str | None = None
    collection: str | None = None  # the album a player files it under
    equipment: tuple[str, ...] = ()  # what to have at hand, as spoken: "a chair", "a towel"
    intro: str | None = None
    close: str | None = None
    defaults: Defaults = field(default_factory=Defaults)
    language: str = DEFAULT_LANGUAGE  # of its lines, and of the phrases said around them
    warnings: tuple[str, ...] = ()  # file:line: what validate and build point out
    # Runs of `exercises` done in rounds; `exercises` still lists each exercise once.
    blocks: tuple[Block, ...] = ()

    def block_of(self, index: int) -> Block | None:
        """The block of rounds the exercise at `index` belongs to, if any."""
        return next((b for b in self.blocks if index in b.indices), None)


def timed_with(routine: Routine, exercise: Exercise) -> Defaults:
    """The defaults `exercise` is timed with: its own routine's in a session joined from
    several (compose.py), where a rest between exercises set for the whole session wins."""
    own = exercise.defaults
    if own is None:
        return routine.defaults
    return dataclasses.replace(own, between=routine.defaults.between or own.between)
