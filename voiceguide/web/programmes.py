"""A programme as the page shows it: its weeks as `voiceguide plan PROGRAMME` prints them
(the same library calls), and the week a build asks for, checked as `plan --week` checks it."""

from __future__ import annotations

from typing import Any

from ..errors import UserError
from ..language import phrase_book
from ..planning.layout import clock
from ..programme.model import Programme
from ..programme.tracks import Track, programme_tracks
from ..programme.weeks import values_text, week_overviews
from ..programme.weeks import week_tracks as _week_tracks
from ..speech.engine import Voice
from .settings import FieldErrors

MAX_WEEK_TEXT = 10


def programme_json(programme: Programme) -> dict[str, Any]:
    """Every week: its level, the values in force, its tracks and their estimated lengths."""
    book = phrase_book()  # `plan` prints its figures in English
    weeks = []
    # Estimated as a week is built here: `plan`'s default voice, each routine's language's.
    for week in week_overviews(programme, programme_tracks(programme), Voice()):
        weeks.append(
            {
                "number": week.week.number,
                "level": week.week.level,
                "values": values_text(week.week.values, book),
                "value": dict(week.week.values),
                "tracks": [
                    {
                        "name": each.track.name,
                        "title": each.track.title,
                        "seconds": round(each.seconds, 3),
                        "length": ("~" if each.guessed else "") + clock(each.seconds),
                        "exact": each.guessed == 0,
                    }
                    for each in week.tracks
                ],
            }
        )
    return {"slug": programme.slug, "title": programme.title, "weeks": weeks}


def week_number(programme: Programme, value: object) -> int:
    """The week a request names, or FieldErrors with `plan --week`'s own line."""
    text = str(value).strip()[:MAX_WEEK_TEXT] if isinstance(value, (str, int)) else ""
    if isinstance(value, bool) or not text.isdigit():
        raise FieldErrors({"week": f"--week {text!r}: give a week number, like 1"})
    return int(text)


def week_tracks(programme: Programme, week: int) -> list[Track]:
    """The week's tracks (FieldErrors for a week the programme does not have)."""
    try:
        return _week_tracks(programme, week)
    except UserError as err:
        raise FieldErrors({"week": str(err)}) from None
