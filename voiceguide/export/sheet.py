"""What the printable sheet beside a track says: the routine with the values in force.

It is given the routine as planned (overrides applied) and picks values with `Options`,
so the sheet shows the numbers the listener hears, never the YAML's; its words come from
the phrase book, and lines that say {side} read as for the first side. How it prints is
sheet_html.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..language import PhraseBook, phrase_book
from ..planning.wording import SIDES, Wording
from ..routine.model import Exercise, Routine, timed_with
from ..settings.options import Options
from ..timeline import Timeline


@dataclass(frozen=True)
class SheetExercise:
    number: int
    name: str
    position: str
    setup: tuple[str, ...]  # how to get into position, as said
    cue: str | None  # said at each rep
    values: tuple[tuple[str, str], ...]  # (what, value in force): ("Hold", "30 s")
    steps: tuple[tuple[str, str], ...] = ()  # positions of one hold: (what to do, how long)
    rounds: str | None = None  # before the first exercise of a block: "3 rounds of 2 to 3, ..."
    in_rounds: bool = False  # one of a block's exercises, done each round


@dataclass(frozen=True)
class Sheet:
    title: str
    seconds: float  # the track's length
    equipment: tuple[str, ...]
    intro: str | None
    close: tuple[str, ...]  # the closing lines as heard
    rest_between: str | None  # between exercises
    exercises: tuple[SheetExercise, ...]
    settings: str  # level, voice and overrides, as the track's comment tag says them
    book: PhraseBook  # the language the sheet is printed in


def duration(seconds: float, book: PhraseBook) -> str:
    """'30 s', '2.5 s', '1 min', '1 min 30 s': short, for print."""
    minutes, rest = divmod(round(seconds, 3), 60) if seconds >= 60 else (0, round(seconds, 3))
    if minutes and rest:
        return book.label("minutes_seconds", minutes=int(minutes), seconds=book.number(rest))
    if minutes:
        return book.label("minutes", minutes=int(minutes))
    return book.label("seconds", seconds=book.number(rest))


def sheet(routine: Routine, options: Options, timeline: Timeline, settings: str) -> Sheet:
    """The sheet for `routine` (as planned: overrides applied) built into `timeline`."""
    book = phrase_book(routine.language)
    # Before each exercise after the first: its own routine's rest in a joined session.
    rests = [timed_with(routine, ex) for ex in routine.exercises[1:]]
    between = list(dict.fromkeys(options.seconds(d.between or d.rest) for d in rests))
    return Sheet(
        title=routine.title,
        seconds=timeline.seconds,
        equipment=routine.equipment,
        intro=routine.intro,
        close=_closing_lines(timeline),
        rest_between=", ".join(duration(b, book) for b in between) if any(between) else None,
        exercises=tuple(
            _in_block(item, routine, options, book) for item in sheet_exercises(routine, options)
        ),
        settings=settings,
        book=book,
    )


def sheet_exercises(routine: Routine, options: Options) -> tuple[SheetExercise, ...]:
    """Each exercise of `routine` (as planned) with its values in force, as the sheet
    prints them; a programme's summary prints them week by week."""
    words = Wording(phrase_book(routine.language), options, routine)
    return tuple(
        _exercise(number, ex, routine, options, words)
        for number, ex in enumerate(routine.exercises, 1)
    )


def _in_block(
    item: SheetExercise, routine: Routine, options: Options, book: PhraseBook
) -> SheetExercise:
    """The exercise marked as one of a block done in rounds, the first carrying the block's
    heading: how many rounds of which exercises, and the rest between rounds."""
    block = routine.block_of(item.number - 1)
    rounds = options.count(block.rounds) if block else 1
    if block is None or rounds == 1:
        return item
    heading = None
    if item.number - 1 == block.first:
        rest = options.seconds(block.rest or routine.defaults.between or routine.defaults.rest)
        heading = book.label(
            "rounds" if block.size > 1 else "rounds_one",
            rounds=rounds,
            first=block.first + 1,
            last=block.indices.stop,
            duration=duration(rest, book),
        )
    return replace(item, rounds=heading, in_rounds=True)


def _closing_lines(timeline: Timeline) -> tuple[str, ...]:
    """What is said after the last exercise: the close as the listener hears it."""
    inside = [i for i, e in enumerate(timeline.events) if e.exercise is not None]
    if not inside:
        return ()
    after = timeline.events[inside[-1] + 1 :]
    return tuple(e.text for e in after if e.kind == "speech" and e.exercise is None)


def _exercise(
    number: int, ex: Exercise, routine: Routine, options: Options, words: Wording
) -> SheetExercise:
    book = words.book
    values: list[tuple[str, str]] = []
    steps: tuple[tuple[str, str], ...] = ()
    sides = {"both": " " + book.label("on_each_side"), "alternate": " " + book.label("each_side")}
    where = sides.get(ex.sides, "")

    def first_side(text: str) -> str:  # a line that says {side} reads as for the first side
        return words.sided(text, SIDES[0]) if ex.sides != "none" else text

    if ex.positions:
        holds = [options.seconds(step.hold) for step in ex.positions]
        shown = f", {duration(holds[0], book)} {book.label('each')}" if len(set(holds)) == 1 else ""
        values.append(
            (book.label("hold"), book.label("positions", count=len(ex.positions)) + shown + where)
        )
        steps = tuple(
            (first_side(step.say), duration(hold, book))
            for step, hold in zip(ex.positions, holds, strict=True)
        )
    elif ex.reps:
        reps = f"{options.count(ex.reps)}{where}"
        if ex.hold:
            reps += ", " + book.label(
                "hold_each", duration=duration(options.seconds(ex.hold), book)
            )
        else:
            tempo = options.seconds(ex.tempo or routine.defaults.tempo)
            reps += ", " + book.label("one_every", duration=duration(tempo, book))
        values.append((book.label("reps"), reps))
    elif ex.hold:
        values.append((book.label("hold"), f"{duration(options.seconds(ex.hold), book)}{where}"))
    if ex.sides == "both":
        values.append((book.label("sides"), book.label("left_first")))
    elif ex.sides == "alternate":
        values.append((book.label("sides"), book.label("alternate")))
    sets = options.count(ex.sets)
    if sets > 1:
        rest = options.seconds(ex.rest or routine.defaults.rest)
        values.append(
            (book.label("sets"), book.label("rest_sets", sets=sets, duration=duration(rest, book)))
        )
    return SheetExercise(
        number=number,
        name=ex.name,
        position=book.label(ex.position),
        setup=tuple(first_side(line) for line in ex.say),
        cue=first_side(ex.cue) if ex.cue else None,
        values=tuple(values),
        steps=steps,
    )
