"""What the printable sheet beside a track says: the routine with the values in force.

The routine is read after overrides and level (`options.apply`, `Options.seconds` and
`Options.count`), so the sheet shows the numbers the listener hears, never the YAML's.
How it prints is sheet_html.py's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout import Timeline
from ..options import Options, apply
from ..routine import Exercise, Routine

POSITIONS = {
    "sitting": "Sitting",
    "standing": "Standing",
    "lying": "Lying down",
    "kneeling": "Kneeling",
    "all-fours": "On hands and knees",
}


@dataclass(frozen=True)
class SheetExercise:
    number: int
    name: str
    position: str
    setup: tuple[str, ...]  # how to get into position, as said
    cue: str | None  # said at each rep
    values: tuple[tuple[str, str], ...]  # (what, value in force): ("Hold", "30 s")
    steps: tuple[tuple[str, str], ...] = ()  # positions of one hold: (what to do, how long)


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


def duration(seconds: float) -> str:
    """'30 s', '2.5 s', '1 min', '1 min 30 s': short, for print."""
    minutes, rest = divmod(round(seconds, 3), 60) if seconds >= 60 else (0, round(seconds, 3))
    parts = [f"{int(minutes)} min"] if minutes else []
    if rest or not parts:
        parts.append(f"{rest:g} s")
    return " ".join(parts)


def clock(seconds: float) -> str:
    """A track's length in whole minutes and seconds: '11 min 44 s'."""
    return duration(round(seconds))


def sheet(routine: Routine, options: Options, timeline: Timeline, settings: str) -> Sheet:
    """The sheet for `routine` built with `options` into `timeline`."""
    resolved, _changes = apply(routine, options)
    between = options.seconds(resolved.defaults.between or resolved.defaults.rest)
    return Sheet(
        title=resolved.title,
        seconds=timeline.seconds,
        equipment=resolved.equipment,
        intro=resolved.intro,
        close=_closing_lines(timeline),
        rest_between=duration(between) if between and len(resolved.exercises) > 1 else None,
        exercises=tuple(
            _exercise(number, ex, resolved, options)
            for number, ex in enumerate(resolved.exercises, 1)
        ),
        settings=settings,
    )


def _closing_lines(timeline: Timeline) -> tuple[str, ...]:
    """What is said after the last exercise: the close as the listener hears it."""
    inside = [i for i, e in enumerate(timeline.events) if e.exercise is not None]
    if not inside:
        return ()
    after = timeline.events[inside[-1] + 1 :]
    return tuple(e.text for e in after if e.kind == "speech" and e.exercise is None)


def _exercise(number: int, ex: Exercise, routine: Routine, options: Options) -> SheetExercise:
    values: list[tuple[str, str]] = []
    steps: tuple[tuple[str, str], ...] = ()
    sides = {"both": " on each side", "alternate": " each side"}.get(ex.sides, "")
    if ex.positions:
        holds = [options.seconds(step.hold) for step in ex.positions]
        same = len(set(holds)) == 1
        shown = f", {duration(holds[0])} each" if same else ""
        values.append(("Hold", f"{len(ex.positions)} positions{shown}{sides}"))
        steps = tuple(
            (step.say, duration(hold)) for step, hold in zip(ex.positions, holds, strict=True)
        )
    elif ex.reps:
        reps = f"{options.count(ex.reps)}{sides}"
        if ex.hold:
            reps += f", hold each {duration(options.seconds(ex.hold))}"
        else:
            tempo = options.seconds(ex.tempo or routine.defaults.tempo)
            reps += f", one every {duration(tempo)}"
        values.append(("Reps", reps))
    elif ex.hold:
        values.append(("Hold", f"{duration(options.seconds(ex.hold))}{sides}"))
    if ex.sides == "both":
        values.append(("Sides", "left first, then right"))
    elif ex.sides == "alternate":
        values.append(("Sides", "change sides each time"))
    sets = options.count(ex.sets)
    if sets > 1:
        rest = options.seconds(ex.rest or routine.defaults.rest)
        values.append(("Sets", f"{sets}, rest {duration(rest)} between"))
    return SheetExercise(
        number=number,
        name=ex.name,
        position=POSITIONS.get(ex.position, ex.position),
        setup=ex.say,
        cue=ex.cue,
        values=tuple(values),
        steps=steps,
    )
