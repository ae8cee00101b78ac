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

from ..characters import composed
from ..errors import UserError
from ..language import phrase_book
from ..settings.options import Options, OverrideError, exercise_index
from ..spoken import speech_problem
from .model import MAX_EXERCISES, Exercise, Routine, slugify
from .overrides import apply
from .rounds import Block


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
        raise OverrideError(where, f"that leaves no exercise of {routine.slug}; keep at least one")
    exercises = tuple(ex for i, ex in enumerate(routine.exercises) if i in chosen)
    blocks = _blocks_kept(routine.blocks, sorted(chosen))
    return dataclasses.replace(routine, exercises=exercises, blocks=blocks)


def _blocks_kept(blocks: Sequence[Block], kept: Sequence[int]) -> tuple[Block, ...]:
    """The blocks of rounds over the exercises `kept` (indices in order): a block keeps the
    exercises of it that are chosen, and goes when none is."""
    new_index = {old: new for new, old in enumerate(kept)}
    result = []
    for block in blocks:
        inside = [new_index[i] for i in block.indices if i in new_index]
        if inside:
            result.append(dataclasses.replace(block, first=inside[0], size=len(inside)))
    return tuple(result)


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
    blocks, offset = [], 0
    for r in routines:  # each part's blocks of rounds, moved to where its exercises now are
        blocks += [dataclasses.replace(b, first=b.first + offset) for b in r.blocks]
        offset += len(r.exercises)
    return Routine(
        title=title,
        exercises=tuple(exercises),
        blocks=tuple(blocks),
        slug=slug,
        path=path,
        collection=collections.pop() if len(collections) == 1 else None,
        equipment=each_once(thing for r in routines for thing in r.equipment),
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


def each_once(things: Iterable[str]) -> tuple[str, ...]:
    """Each thing once, in order, whatever its case."""
    kept: dict[str, str] = {}
    for thing in things:
        kept.setdefault(thing.strip().lower(), thing)
    return tuple(kept.values())


def _where(part: Part) -> str:
    return f"{part.where}: " if part.where else ""


# --- sessions named on the command line --------------------------------------------------

MAX_SLUG = 80  # a joined slug names the file: long enough to tell, short enough to show


def selectors(texts: Sequence[str], option: str) -> list[tuple[str | None, str, str]]:
    """(routine, selector, where) from repeated `--only`/`--skip` values, each a comma list
    of selectors, a selector optionally led by its routine: `relief-standing:2`."""
    found: list[tuple[str | None, str, str]] = []
    for text in texts:
        whose = None  # a routine named in a list stays named: relief-sitting:1,3
        for piece in text.split(","):
            routine, colon, selector = piece.strip().rpartition(":")
            if colon:
                whose = routine.strip()
            if not selector.strip():
                raise OverrideError(
                    f"{option} {text}",
                    f"name an exercise by name or number, like {option} 2 "
                    f"or {option} relief-standing:wall-lean",
                )
            selector = selector.strip().lower()
            where = f"{option} {whose}:{selector}" if whose else f"{option} {selector}"
            found.append((whose, selector, where))
    return found


def command_line_parts(
    routines: Sequence[Routine],
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    options: Options | None = None,
) -> list[Part]:
    """A part for each routine named on the command line, with the exercises `--only` and
    `--skip` choose (led by the routine's name where there are several) and the options'
    settings for that routine (a profile's `routines:` section) as its own overrides."""
    chosen = {"--only": selectors(only, "--only"), "--skip": selectors(skip, "--skip")}
    slugs = [r.slug for r in routines]
    for option, found in chosen.items():
        for whose, selector, where in found:
            if whose is None and len(set(slugs)) > 1:
                raise OverrideError(
                    where,
                    "with several routines, say whose exercise it is, like "
                    f"{option} {slugs[-1]}:{selector}",
                )
            if whose is not None and whose not in slugs:
                raise OverrideError(
                    where,
                    f"'{whose}' is not one of the routines given "
                    f"({', '.join(dict.fromkeys(slugs))})",
                )
    parts = []
    for routine in routines:
        mine = {
            option: [(s, w) for r, s, w in found if r in (None, routine.slug)]
            for option, found in chosen.items()
        }
        own = None
        if options is not None:
            layers = tuple(layer for layer in options.layers if layer.routine == routine.slug)
            own = Options(level=options.level, layers=layers) if layers else None
        for pairs in mine.values():
            for selector, where in pairs:
                exercise_index(routine, selector, where)  # each named where it was given
        named = [option for option, pairs in mine.items() if pairs]
        parts.append(
            Part(
                routine,
                only=tuple(s for s, _w in mine["--only"]),
                skip=tuple(s for s, _w in mine["--skip"]),
                options=own,
                where=" and ".join(named) or routine.path,
            )
        )
    return parts


def session_name(routines: Sequence[Routine], name: str | None) -> tuple[str, str]:
    """The title and slug of a session: from --name ("morning-stretch": "Morning stretch"),
    or the routines' titles joined ("A and B") and their slugs."""
    if name:
        words = composed(" ".join(name.replace("-", " ").replace("_", " ").split()))
        problem = speech_problem("--name", words)  # the session's title is said first
        if problem is not None:
            raise UserError(problem)
        return words[:1].upper() + words[1:], slugify(name)
    book = phrase_book(routines[0].language if routines else "en")
    titles = list(dict.fromkeys(r.title for r in routines))
    slug = "-".join(dict.fromkeys(r.slug for r in routines))
    return book.join(titles), slug[:MAX_SLUG].rstrip("-")


def from_command_line(
    routines: Sequence[Routine],
    options: Options,
    *,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    join: bool = False,
    name: str | None = None,
) -> tuple[list[Routine], Options]:
    """What `build` and `plan` make of the routines named: each with the exercises `--only`
    and `--skip` choose or, with `join` (--together), one session of them all; and the
    options to plan them with.

    A profile's section for one routine counts its exercises as written, so it is applied
    before exercises are chosen (and taken out of the options returned); `--set` and the
    rest of the options count the exercises being built.
    """
    if not join and not only and not skip:
        return list(routines), options
    if join and not routines:
        raise UserError(
            "--together joins the routines you name; name them, like relief-sitting relief-standing"
        )
    parts = command_line_parts(routines, only=only, skip=skip, options=options)
    if join:
        title, slug = session_name(routines, name)
        chosen = [together(parts, title=title, slug=slug, path=f"<{slug}>")]
        # Applied in their parts; a section for the session itself (--name) still applies.
        applied = {p.routine.slug for p in parts}
    else:
        chosen = [resolved(p) if p.only or p.skip else p.routine for p in parts]
        applied = {p.routine.slug for p in parts if p.only or p.skip}
    layers = tuple(layer for layer in options.layers if layer.routine not in applied)
    return chosen, dataclasses.replace(options, layers=layers)
