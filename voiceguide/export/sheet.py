"""What the printable sheet beside a track says: the session as planned.

It reads the plan's values in force (never the routine's own), so the sheet shows the
numbers the listener hears; its words come from the phrase book, and lines that say
{side} read as for the first side. How it prints is sheet_html.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..clock_text import clock_parts
from ..language import PhraseBook, phrase_book
from ..planned import Plan, PlannedExercise
from ..spoken import sided
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
    """'30 s', '2.5 s', '1 min', '1 min 30 s', '1 h 2 min': short, for print; split as the
    clock splits a length (rounded first, so 59.9996 s is '1 min')."""
    parts = clock_parts(seconds, places=3)
    minutes, rest = parts.minutes, float(parts.second_value)
    if parts.hours:
        hours = book.label("hours", hours=parts.hours)
        return f"{hours} {duration(minutes * 60 + rest, book)}" if minutes or rest else hours
    if minutes and rest:
        return book.label("minutes_seconds", minutes=minutes, seconds=book.number(rest))
    if minutes:
        return book.label("minutes", minutes=minutes)
    return book.label("seconds", seconds=book.number(rest))


def sheet(plan: Plan, timeline: Timeline, settings: str) -> Sheet:
    """The sheet for `plan` built into `timeline`."""
    book = phrase_book(plan.language)
    # Before each exercise after the first: its own routine's rest in a joined session.
    between = plan.rests_between()
    return Sheet(
        title=plan.title,
        seconds=timeline.seconds,
        equipment=plan.equipment,
        intro=plan.intro,
        close=_closing_lines(timeline),
        rest_between=", ".join(duration(b, book) for b in between) if any(between) else None,
        exercises=tuple(_in_block(item, plan, book) for item in sheet_exercises(plan)),
        settings=settings,
        book=book,
    )


def sheet_exercises(plan: Plan) -> tuple[SheetExercise, ...]:
    """Each exercise of `plan` with its values in force, as the sheet prints them; a
    programme's summary prints them week by week."""
    book = phrase_book(plan.language)
    return tuple(_exercise(ex, book) for ex in plan.exercises)


def _in_block(item: SheetExercise, plan: Plan, book: PhraseBook) -> SheetExercise:
    """The exercise marked as one of a block done in rounds, the first carrying the block's
    heading: how many rounds of which exercises, and the rest between rounds."""
    block = plan.block_of(item.number - 1)
    if block is None or block.rounds == 1:
        return item
    heading = None
    if item.number - 1 == block.first:
        heading = book.label(
            "rounds" if block.size > 1 else "rounds_one",
            rounds=block.rounds,
            first=block.first + 1,
            last=block.indices.stop,
            duration=duration(block.rest, book),
        )
    return replace(item, rounds=heading, in_rounds=True)


def _closing_lines(timeline: Timeline) -> tuple[str, ...]:
    """What is said after the last exercise: the close as the listener hears it."""
    inside = [i for i, e in enumerate(timeline.events) if e.exercise is not None]
    if not inside:
        return ()
    after = timeline.events[inside[-1] + 1 :]
    return tuple(e.text for e in after if e.kind == "speech" and e.exercise is None)


def _exercise(ex: PlannedExercise, book: PhraseBook) -> SheetExercise:
    values: list[tuple[str, str]] = []
    steps: tuple[tuple[str, str], ...] = ()
    sides = {"both": " " + book.label("on_each_side"), "alternate": " " + book.label("each_side")}
    where = sides.get(ex.sides, "")

    def first_side(text: str) -> str:  # a line that says {side} reads as for the first side
        return sided(text, "left", book.word) if ex.sides != "none" else text

    if ex.positions:
        holds = [step.seconds for step in ex.positions]
        shown = f", {duration(holds[0], book)} {book.label('each')}" if len(set(holds)) == 1 else ""
        values.append(
            (book.label("hold"), book.label("positions", count=len(ex.positions)) + shown + where)
        )
        steps = tuple((first_side(step.say), duration(step.seconds, book)) for step in ex.positions)
    elif ex.reps:
        reps = f"{ex.reps}{where}"
        if ex.hold:
            reps += ", " + book.label("hold_each", duration=duration(ex.hold, book))
        else:
            assert ex.tempo is not None  # reps without a hold are paced
            reps += ", " + book.label("one_every", duration=duration(ex.tempo, book))
        values.append((book.label("reps"), reps))
    elif ex.hold:
        values.append((book.label("hold"), f"{duration(ex.hold, book)}{where}"))
    if ex.sides == "both":
        values.append((book.label("sides"), book.label("left_first")))
    elif ex.sides == "alternate":
        values.append((book.label("sides"), book.label("alternate")))
    if ex.sets > 1:
        values.append(
            (
                book.label("sets"),
                book.label("rest_sets", sets=ex.sets, duration=duration(ex.rest, book)),
            )
        )
    return SheetExercise(
        number=ex.number,
        name=ex.name,
        position=book.label(ex.position),
        setup=tuple(first_side(line) for line in ex.say),
        cue=first_side(ex.cue) if ex.cue else None,
        values=tuple(values),
        steps=steps,
    )
