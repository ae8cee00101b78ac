"""A programme week by week, as `voiceguide plan PROGRAMME` prints it and the page shows it:
each week's level, the values in force, and its tracks with their estimated lengths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UserError
from ..language import PhraseBook
from ..pipeline.estimate import timeline_for
from ..planning.planner import plan
from ..speech.engine import Voice
from .model import Programme, WeekPlan, week_plan
from .tracks import Track, programme_tracks


@dataclass(frozen=True)
class TrackLength:
    track: Track
    seconds: float
    guessed: int  # phrases not spoken yet, whose length is guessed (0: exact)


@dataclass(frozen=True)
class WeekOverview:
    week: WeekPlan  # its number, level and the values set for every exercise
    tracks: tuple[TrackLength, ...]


def check_week(programme: Programme, week: int) -> None:
    """A week the programme has, or the one line `plan --week` gives."""
    if not 1 <= week <= programme.weeks:
        raise UserError(f"--week {week}: {programme.slug} has weeks 1 to {programme.weeks}")


def week_tracks(programme: Programme, week: int, *, explain: bool = True) -> list[Track]:
    """The tracks of one week, numbered as in the whole programme."""
    check_week(programme, week)
    return [t for t in programme_tracks(programme, explain=explain) if t.week == week]


def values_text(values: tuple[tuple[str, float], ...], book: PhraseBook) -> str:
    """'hold 25 s, reps 3': the values in force, as `plan` prints them."""
    from ..export.sheet import duration

    return ", ".join(
        f"{field} {v:g}" if field in ("reps", "sets") else f"{field} {duration(v, book)}"
        for field, v in values
    )


def week_line(week: WeekPlan, book: PhraseBook) -> str:
    """'week 3: level standard, hold 25 s': a week as `plan` heads it."""
    values = values_text(week.values, book)
    return f"week {week.number}: level {week.level}" + (f", {values}" if values else "")


def week_overviews(
    programme: Programme, tracks: Sequence[Track], voice: Voice
) -> list[WeekOverview]:
    """Every week: its level, values and tracks (the programme's, from programme_tracks),
    each track planned and estimated."""
    weeks = []
    for number in range(1, programme.weeks + 1):
        lengths = []
        for track in (t for t in tracks if t.week == number):
            script = plan(track.routine, track.options, speaking_rate=voice.rate)
            timeline, guessed = timeline_for(script, voice=voice)
            lengths.append(TrackLength(track, timeline.seconds, guessed))
        weeks.append(WeekOverview(week_plan(programme, number), tuple(lengths)))
    return weeks
