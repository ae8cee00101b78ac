"""A programme week by week with a person's settings: what `plan PROGRAMME` prints and the
page shows (each week's level and values, its tracks planned with their lengths)."""

from __future__ import annotations

from ..programme.model import Programme
from ..programme.tracks import programme_tracks
from ..programme.weeks import WeekOverview, check_week, week_overviews
from ..settings.session import Settings


def programme_weeks(programme: Programme, settings: Settings | None = None) -> list[WeekOverview]:
    """Every week of `programme`: its level, the values it sets, its tracks planned."""
    settings = settings or Settings()
    tracks = programme_tracks(programme, explain=settings.options.explain)
    return week_overviews(programme, tracks, settings.voice)


def programme_week(
    programme: Programme, week: int, settings: Settings | None = None
) -> WeekOverview:
    """One week of `programme` (SettingError for a week it does not have), its tracks
    numbered as in the whole programme."""
    check_week(programme, week)
    settings = settings or Settings()
    tracks = programme_tracks(programme, explain=settings.options.explain)
    (overview,) = week_overviews(programme, tracks, settings.voice, weeks=(week,))
    return overview
