"""One session made of several routines (or some of their exercises): one ordinary Routine.

`together` joins parts in order. Each part's own overrides are applied to it first, so the
session's options (profile, command line) still apply on top; each exercise keeps its own
routine's defaults (prepare, rests, switch, relax, transition), so nothing inside a part is
timed differently from the part built alone. The session has one intro and one close.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import UserError
from .options import Options, OverrideError, apply, exercise_index
from .phrases import phrase_book
from .routine import MAX_EXERCISES, Exercise, Routine, slugify


@dataclass(frozen=True)
class Part:
    """A routine named in a session, with the exercises chosen and its own overrides."""

    routine: Routine
    only: tuple[str, ...] = ()  # exercise selectors: name, slug prefix or 1-based number
    skip: tuple[str, ...] = ()
    options: Options | None = None  # this part's own overrides (applied before joining)
    where: str = ""  # where it was named, for messages: "morning.yaml:5:5", "--only"


def select(
    routine: Routine, only: Sequence[str] = (), skip: Sequence[str] = (), where: str = ""
) -> Routine:
    """The routine with only the exercises `only` names (in the routine's order), less the
    ones `skip` names; a selector that matches nothing, or a choice that leaves nothing, is
    an error naming `where`."""
    if not only and not skip:
        return routine
    where = where or routine.path
    chosen = (
        {exercise_index(routine, str(s).strip().lower(), where) for s in only}
        if only
        else set(range(len(routine.exercises)))
    )
    chosen -= {exercise_index(routine, str(s).strip().lower(), where) for s in skip}
    if not chosen:
        raise OverrideError(
            f"{where}: that leaves no exercise of {routine.slug}; keep at least one"
        )
    exercises = tuple(ex for i, ex in enumerate(routine.exercises) if i in chosen)
    return dataclasses.replace(routine, exercises=exercises)


def resolved(part: Part) -> Routine:
    """The part's routine with its own overrides applied, then its exercises chosen; each
    exercise carries the defaults it was written with."""
    routine = part.routine
    if part.options is not None:
        routine, _changes = apply(routine, part.options)
    routine = select(routine, part.only, part.skip, part.where)
    return dataclasses.replace(
        routine, exercises=tuple(_carried(ex, routine) for ex in routine.exercises)
    )


def _carried(ex: Exercise, routine: Routine) -> Exercise:
    """`ex` with its routine's defaults written into it (a nested session's stay)."""
    own = ex.defaults or routine.defaults
    if routine.defaults.between is not None:  # this part's own rest between exercises
        own = dataclasses.replace(own, between=routine.defaults.between)
    tempo = own.tempo if ex.reps and not ex.hold and not ex.tempo else ex.tempo
    return dataclasses.replace(
        ex,
        prepare=ex.prepare or own.prepare,
        rest=ex.rest or own.rest,  # between its sets
        tempo=tempo,
        defaults=own,
    )


def together(parts: Sequence[Part], *, title: str, slug: str, path: str = "<session>") -> Routine:
    """One routine of every part's exercises in order: the first part's intro, the last
    part's close, everyone's equipment once; names made unique (see `unique_names`)."""
    if not parts:
        raise UserError("a session needs at least one routine")
    routines = [resolved(part) for part in parts]
    languages = {r.language for r in routines}
    if len(languages) > 1:
        first = routines[0]
        other = next(r for r in routines if r.language != first.language)
        raise UserError(
            f"{_where(parts[routines.index(other)])}{other.slug} is in '{other.language}' but "
            f"{first.slug} is in '{first.language}'; a session is spoken in one language, "
            "so join routines of one language"
        )
    language = routines[0].language
    exercises = unique_names([ex for r in routines for ex in r.exercises], language)
    if len(exercises) > MAX_EXERCISES:
        raise UserError(
            f"{path}: {len(exercises)} exercises; a session holds at most {MAX_EXERCISES}, "
            "choose fewer with only or skip, or make two sessions"
        )
    collections = {r.collection for r in routines}
    return Routine(
        title=title,
        exercises=tuple(exercises),
        slug=slug,
        path=path,
        collection=collections.pop() if len(collections) == 1 else None,
        equipment=_once(thing for r in routines for thing in r.equipment),
        intro=next((r.intro for r in routines if r.intro), None),
        close=routines[-1].close,
        # The session's own defaults matter only where no exercise carries its own; a rest
        # between exercises set by one part stays in that part's exercises.
        defaults=dataclasses.replace(routines[0].defaults, between=None),
        language=language,
        warnings=tuple(w for r in routines for w in r.warnings),
    )


def unique_names(exercises: list[Exercise], language: str) -> list[Exercise]:
    """Exercises whose names (and so slugs) all differ: a name met again gets its body
    position ("Heel press, standing"), or failing that a number ("Heel press 2")."""
    words = phrase_book(language)
    seen: set[str] = set()
    named = []
    for ex in exercises:
        name = ex.name
        if slugify(name) in seen:
            name = f"{ex.name}, {words.word(ex.position)}"
            number = 2
            while slugify(name) in seen:
                name = f"{ex.name} {number}"
                number += 1
        seen.add(slugify(name))
        named.append(dataclasses.replace(ex, name=name) if name != ex.name else ex)
    return named


def _once(things: Iterable[str]) -> tuple[str, ...]:
    """Each thing once, in order, whatever its case."""
    kept: dict[str, str] = {}
    for thing in things:
        kept.setdefault(thing.strip().lower(), thing)
    return tuple(kept.values())


def _where(part: Part) -> str:
    return f"{part.where}: " if part.where else ""
