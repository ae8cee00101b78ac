"""A programme week by week, as `voiceguide plan PROGRAMME` prints it and the page shows it:
each week's level, the values in force, and its tracks with their estimated lengths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import SettingError
from ..language import PhraseBook, phrase_book
from ..pipeline.estimate import estimate
from ..planned import Plan
from ..planning.planner import plan
from ..speech.engine import Voice
from .model import Programme, WeekPlan, week_plan
from .tracks import Track, programme_tracks


@dataclass(frozen=True)
class PlannedTrack:
    """A track of a programme and its plan, with how long it runs."""

    track: Track
    plan: Plan

    @property
    def name(self) -> str:
        return self.track.name

    @property
    def title(self) -> str:
        return self.track.title

    @property
    def seconds(self) -> float:
        assert self.plan.estimate is not None
        return self.plan.estimate.seconds

    @property
    def guessed(self) -> int:
        """Phrases not spoken yet, whose length is guessed (0: exact)."""
        assert self.plan.estimate is not None
        return self.plan.estimate.guessed


@dataclass(frozen=True)
class WeekOverview:
    week: WeekPlan  # its number, level and the values set for every exercise
    tracks: tuple[PlannedTrack, ...]
    of: int  # tracks in the whole programme

    @property
    def line(self) -> str:
        """'week 3: level standard, hold 25 s', as `plan` heads it (its figures in English)."""
        return week_line(self.week, phrase_book())

    @property
    def values(self) -> str:
        """'hold 25 s, reps 3': the values the programme sets this week."""
        return values_text(self.week.values, phrase_book())


def check_week(programme: Programme, week: int) -> None:
    """A week the programme has, or a SettingError naming the `week` asked for."""
    if not 1 <= week <= programme.weeks:
        message = f"{programme.slug} has weeks 1 to {programme.weeks}"
        raise SettingError("week", message, f"week {week}")


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


def planned_track(track: Track, voice: Voice) -> PlannedTrack:
    """The track planned, with its length as `voice` would say it."""
    made = plan(track.routine, track.options, speaking_rate=voice.rate)
    return PlannedTrack(track, replace(made, estimate=estimate(made, voice=voice)))


def week_overviews(
    programme: Programme, tracks: Sequence[Track], voice: Voice, weeks: Sequence[int] = ()
) -> list[WeekOverview]:
    """Every week (or those of `weeks`): its level, values and tracks (the programme's,
    from programme_tracks), each track planned and estimated."""
    overviews = []
    for number in weeks or range(1, programme.weeks + 1):
        planned = [planned_track(t, voice) for t in tracks if t.week == number]
        overviews.append(WeekOverview(week_plan(programme, number), tuple(planned), len(tracks)))
    return overviews
