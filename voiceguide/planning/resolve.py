"""Routine + Options -> the values in force: the one place ranges are resolved.

The overrides are applied (settings/options.apply), then the level picks each value
from its range, rounded to the millisecond so timing stays exact; every exercise takes
its own routine's defaults (in a session joined from several). What comes out is a Plan
without cues yet (planner.py adds them), which everything after planning reads.
"""

from __future__ import annotations

from ..amounts import Amount, Level
from ..planned import Plan, PlannedBlock, PlannedExercise, PlannedStep
from ..routine.model import Exercise, Routine, timed_with
from ..routine.overrides import apply
from ..script import Script
from ..settings.options import Options


def seconds(amount: Amount, level: Level) -> float:
    """A duration in force, rounded to the millisecond so timing stays exact."""
    return round(amount.pick(level), 3)


def count(amount: Amount, level: Level) -> int:
    """A count in force: a whole number a coach would say."""
    return int(amount.pick(level, count=True))


def resolve(routine: Routine, options: Options) -> tuple[Plan, Routine]:
    """The values in force of `routine` with `options` (a Plan without cues), and the
    routine as planned (overrides applied), for the planner's own messages."""
    applied, changes = apply(routine, options)
    level = options.level
    exercises = tuple(
        _exercise(number, ex, applied, level) for number, ex in enumerate(applied.exercises, 1)
    )
    blocks = tuple(
        PlannedBlock(
            block.first,
            block.size,
            count(block.rounds, level),
            # The rest before each round after the first: the block's own, else the rest
            # before its first exercise.
            seconds(block.rest, level) if block.rest else exercises[block.first].rest_before,
            own_rest=block.rest is not None,
        )
        for block in applied.blocks
    )
    rest = applied.defaults.between or applied.defaults.rest
    written = (("rest", str(rest)), ("prepare", _prepare_written(applied)))
    plan = Plan(
        title=applied.title,
        slug=applied.slug,
        language=applied.language,
        level=level,
        exercises=exercises,
        blocks=blocks,
        changes=changes,
        script=Script(applied.title, applied.slug, (), applied.language),
        intro=applied.intro,
        close=applied.close,
        equipment=applied.equipment,
        collection=applied.collection,
        path=applied.path,
        written=written,
        warnings=applied.warnings,
    )
    return plan, applied


def _exercise(number: int, ex: Exercise, routine: Routine, level: Level) -> PlannedExercise:
    own = timed_with(routine, ex)
    paced = ex.reps is not None and ex.hold is None
    return PlannedExercise(
        number=number,
        name=ex.name,
        slug=ex.slug,
        position=ex.position,
        say=ex.say,
        cue=ex.cue,
        sides=ex.sides,
        alternate=ex.alternate,
        hold=seconds(ex.hold, level) if ex.hold else None,
        reps=count(ex.reps, level) if ex.reps else None,
        tempo=seconds(ex.tempo or own.tempo, level) if paced else None,
        positions=tuple(PlannedStep(s.say, seconds(s.hold, level)) for s in ex.positions),
        sets=count(ex.sets, level),
        rest=seconds(ex.rest or own.rest, level),
        prepare=seconds(ex.prepare or own.prepare, level),
        switch=seconds(own.switch, level),
        relax=seconds(own.relax, level),
        transition=seconds(own.transition, level),
        rest_before=seconds(own.between or own.rest, level),
        written=_written(ex),
        line=ex.line,
    )


def _written(ex: Exercise) -> tuple[tuple[str, str], ...]:
    """The values a form shows for `ex`, as written: a hold (of each position, where they
    are all the same), reps, sets."""
    holds = {str(step.hold) for step in ex.positions}
    hold = (holds.pop() if len(holds) == 1 else None) if ex.positions else ex.hold
    shown = (("hold", hold), ("reps", ex.reps), ("sets", ex.sets))
    return tuple((field, str(value)) for field, value in shown if value is not None)


def _prepare_written(routine: Routine) -> str:
    """The get-ready time as written: the one every exercise has (a setting for all of
    them gives each its own), else the routine's."""
    own = {str(ex.prepare or routine.defaults.prepare) for ex in routine.exercises}
    return own.pop() if len(own) == 1 else str(routine.defaults.prepare)
