"""Planning with a person's settings: the routines chosen, every override checked against
them, each planned with its length estimated (what `plan` and `list` print, the page shows)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..planned import Estimate, Plan
from ..planning.planner import plan as planned
from ..routine.compose import from_command_line
from ..routine.model import Routine
from ..settings.options import Options, check_overrides
from ..settings.session import Settings
from ..speech.engine import Voice

Warn = Callable[[str], None]


def _ignore(_message: str) -> None:
    pass


def plan(routine: Routine, settings: Settings | None = None, *, estimate: bool = True) -> Plan:
    """The plan of `routine` with `settings`: the values in force, the cues, and how long
    it runs (exact where every phrase is cached, else estimated; not with `estimate`
    False, for a plan read only for its values)."""
    settings = settings or Settings()
    options, voice = settings.options.for_routine(routine), settings.voice
    if not estimate:
        return planned(routine, options, speaking_rate=voice.rate)
    return with_estimate(routine, options, voice)


def with_estimate(routine: Routine, options: Options, voice: Voice) -> Plan:
    """The routine planned with `options`, and its length with `voice`."""
    from ..pipeline.estimate import timeline_for

    made = planned(routine, options, speaking_rate=voice.rate)
    timeline, guessed = timeline_for(made, voice=voice)
    return replace(made, estimate=Estimate(timeline, guessed))


def choose(routines: Sequence[Routine], settings: Settings) -> tuple[list[Routine], Options]:
    """The routines `settings` choose (only, skip, together and its name), and the options
    to plan them with."""
    return from_command_line(
        routines,
        settings.options,
        only=settings.only,
        skip=settings.skip,
        join=settings.together,
        name=settings.output.name,
    )


def plans(
    routines: Sequence[Routine], settings: Settings | None = None, *, warn: Warn = _ignore
) -> list[Plan]:
    """Each routine `settings` choose, planned and estimated; every override is checked
    against them first (one naming no exercise of theirs is an error), and what the
    routines' files and the settings point out goes to `warn`."""
    settings = settings or Settings()
    chosen, options = choose(routines, settings)
    for warning in [w for r in chosen for w in r.warnings] + check_overrides(chosen, options):
        warn(warning)
    voice = settings.voice
    return [with_estimate(r, options.for_routine(r), voice) for r in chosen]
