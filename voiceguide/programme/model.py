"""Programmes: sessions of routines over weeks whose values progress (pure arithmetic).

A programme names its sessions (each a routine, from a given week until a given week)
and how values move week by week: a start, a step (add or multiply, every so many weeks)
and a ceiling, or values named for given weeks. `week_plan` turns one week into what a
build needs: the sessions of that week and the `Options` each is planned with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..amounts import Amount, Level, friendly_seconds
from ..planned import Week
from ..routine.model import Routine
from ..settings.options import COUNT_FIELDS, Layer, Options, Setting

# Where a programme's settings say they come from (in `plan` and the comment tag): the
# week, not the file's line, so that an edit elsewhere in the file leaves the other
# weeks' tracks byte for byte as they were.
WHERE = "programme week {week}"


@dataclass(frozen=True)
class Progression:
    """How one field moves, week by week, for every exercise or for one.

    Week n's value: the value named for week n if there is one; else, with a step
    (`add` or `times`), `start` stepped once every `every` weeks and held at `limit`;
    else the value of the latest week named before it (`start` counts as week 1).
    """

    field: str
    start: float | None = None
    add: float = 0.0
    times: float = 1.0
    every: int = 1
    limit: float | None = None  # up_to for a growing step, down_to for a shrinking one
    weeks: tuple[tuple[int, float], ...] = ()  # (week, value) named in the file
    exercise: str | None = None  # slug, prefix or number; None: every exercise

    @property
    def stepped(self) -> bool:
        return self.add != 0 or self.times != 1

    def value(self, week: int) -> float | None:
        """The value in force in `week` (from 1); None before any is given."""
        named = dict(self.weeks)
        if week in named:
            return named[week]
        if self.stepped and self.start is not None:
            return self.stepped_value(week)
        earlier = [(w, v) for w, v in self.weeks if w < week]
        if earlier:
            return max(earlier)[1]
        return self.start

    def stepped_value(self, week: int) -> float:
        """`start` after the steps taken by `week`, held at the ceiling (or floor)."""
        assert self.start is not None
        steps = (week - 1) // self.every
        if self.times != 1:
            raw = self.start * self.times**steps
            value = float(round(raw)) if self.field in COUNT_FIELDS else friendly_seconds(raw)
        else:
            value = self.start + self.add * steps
        value = round(value, 3)
        if self.limit is not None:
            grows = self.add > 0 or self.times > 1
            value = min(value, self.limit) if grows else max(value, self.limit)
        return value


@dataclass(frozen=True)
class LevelSteps:
    """The level: one from week 1, and the weeks it moves to another."""

    start: Level = "standard"
    weeks: tuple[tuple[int, Level], ...] = ()

    def value(self, week: int) -> Level:
        earlier = [(w, level) for w, level in self.weeks if w <= week]
        return max(earlier)[1] if earlier else self.start


@dataclass(frozen=True)
class Session:
    """One routine done in the weeks from `from_week` to `until_week` (inclusive)."""

    name: str
    routine: Routine
    from_week: int = 1
    until_week: int | None = None
    progress: tuple[Progression, ...] = ()  # this session's own, over the programme's
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()

    def in_week(self, week: int) -> bool:
        return self.from_week <= week and (self.until_week is None or week <= self.until_week)


@dataclass(frozen=True)
class Programme:
    title: str
    slug: str
    weeks: int
    sessions: tuple[Session, ...]
    level: LevelSteps = LevelSteps()
    progress: tuple[Progression, ...] = ()
    together: bool = True  # one track a week (its sessions joined), else one a session
    intro: str | None = None
    path: str = "<programme>"
    start: date | None = None  # the day week 1 begins: a feed dates its weeks from it
    author: str | None = None  # who hands it out, as a feed names its author

    @property
    def language(self) -> str:
        """The language its tracks are titled and its summary printed in: its routines'."""
        return self.sessions[0].routine.language if self.sessions else "en"


@dataclass(frozen=True)
class SessionWeek:
    """A session as done in one week: its routine and the options it is planned with."""

    session: Session
    options: Options


@dataclass(frozen=True)
class WeekPlan:
    number: int
    level: Level
    values: tuple[tuple[str, float], ...]  # (field, value) set for every exercise this week
    sessions: tuple[SessionWeek, ...]

    def value(self, field: str) -> float | None:
        return dict(self.values).get(field)


def _settings(progress: tuple[Progression, ...], week: int) -> list[Setting]:
    settings = []
    for rule in progress:
        value = rule.value(week)
        if value is not None:
            where = WHERE.format(week=week)
            settings.append(Setting(rule.field, Amount(value, value), where, rule.exercise))
    return settings


def week_plan(programme: Programme, week: int, *, explain: bool = True) -> WeekPlan:
    """What week `week` (from 1) is made of: its sessions, each with its options."""
    if not 1 <= week <= programme.weeks:
        raise ValueError(f"week {week} is outside 1 to {programme.weeks}")
    level = programme.level.value(week)
    common = _settings(programme.progress, week)
    values = tuple((s.field, s.value.low) for s in common if s.exercise is None)
    sessions = []
    for session in programme.sessions:
        if not session.in_week(week):
            continue
        own = _settings(session.progress, week)
        fields = tuple(dict.fromkeys(s.field for s in (*common, *own) if s.exercise is None))
        options = Options(
            level=level,
            layers=(Layer(tuple(common)), Layer(tuple(own))),
            explain=explain,
            week=Week(week, fields),
        )
        # A setting for one exercise reaches only the sessions whose routine has it.
        sessions.append(SessionWeek(session, options.for_routine(session.routine)))
    return WeekPlan(week, level, values, tuple(sessions))
