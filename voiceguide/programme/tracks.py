"""Which tracks a programme makes: each week's sessions (joined, or one track each), with
their file names, title tags, routines and the options each is planned with."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..language import phrase_book
from ..planned import Week
from ..routine.compose import Part, together
from ..routine.model import Routine
from ..settings.options import Options
from .model import Programme, SessionWeek, WeekPlan, week_plan


@dataclass(frozen=True)
class Track:
    """One file of a programme: a week's session (or the week's sessions joined)."""

    number: int  # from 1, in programme order
    week: int
    name: str  # the file name without its extension: 01-week-1, 02-week-1-standing
    title: str  # the title tag: "Week 1: Upper back relief, sitting"
    routine: Routine
    options: Options
    sessions: tuple[SessionWeek, ...]


def programme_tracks(programme: Programme, *, explain: bool = True) -> list[Track]:
    """Every track of the programme, in order, each with its routine and options."""
    book = phrase_book(programme.language)
    made: list[tuple[int, str, str, Routine, Options, tuple[SessionWeek, ...]]] = []
    for week in range(1, programme.weeks + 1):
        plan_ = week_plan(programme, week, explain=explain)
        if programme.together and len(plan_.sessions) > 1:
            routine, options = _joined(programme, plan_, explain)
            title = book.label("week_title", number=week, title=routine.title)
            made.append((week, f"week-{week}", title, routine, options, plan_.sessions))
            continue
        for each in plan_.sessions:
            routine = dataclasses.replace(each.session.routine, collection=programme.title)
            stem = (
                f"week-{week}" if len(plan_.sessions) == 1 else f"week-{week}-{each.session.name}"
            )
            title = book.label("week_title", number=week, title=routine.title)
            made.append((week, stem, title, routine, each.options, (each,)))
    width = max(2, len(str(len(made))))
    return [
        Track(n, week, f"{n:0{width}d}-{stem}", title, routine, options, sessions)
        for n, (week, stem, title, routine, options, sessions) in enumerate(made, 1)
    ]


def _joined(programme: Programme, plan_: WeekPlan, explain: bool) -> tuple[Routine, Options]:
    """A week's sessions as one routine (compose.together), each with its own values
    applied first, and the options the joined session is planned with."""
    parts = [
        Part(each.session.routine, options=each.options, where=programme.path)
        for each in plan_.sessions
    ]
    routine = together(
        parts,
        title=programme.title,
        slug=f"{programme.slug}-week-{plan_.number}",
        path=programme.path,
    )
    fields = tuple(
        dict.fromkeys(
            f for each in plan_.sessions if each.options.week for f in each.options.week.fields
        )
    )
    options = Options(level=plan_.level, explain=explain, week=Week(plan_.number, fields))
    return dataclasses.replace(routine, collection=programme.title), options
