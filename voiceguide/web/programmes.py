"""A programme as the page shows it: its weeks as `voiceguide plan PROGRAMME` prints them
(the same library calls), and the week a build asks for, checked as `plan --week` checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import voiceguide

from .settings import FieldErrors

if TYPE_CHECKING:
    from voiceguide import Programme

MAX_WEEK_TEXT = 10


def programme_json(programme: Programme) -> dict[str, Any]:
    """Every week: its level, the values in force, its tracks and their estimated lengths."""
    weeks = []
    # Estimated as a week is built here: `plan`'s default voice, each routine's language's.
    for week in voiceguide.programme_weeks(programme):
        weeks.append(
            {
                "number": week.week.number,
                "level": week.week.level,
                "values": week.values,  # `plan` prints its figures in English
                "value": dict(week.week.values),
                "tracks": [
                    {
                        "name": each.name,
                        "title": each.title,
                        "seconds": round(each.seconds, 3),
                        "length": ("~" if each.guessed else "") + voiceguide.clock(each.seconds),
                        "exact": each.guessed == 0,
                    }
                    for each in week.tracks
                ],
            }
        )
    return {"slug": programme.slug, "title": programme.title, "weeks": weeks}


ALL_WEEKS = 0  # the week a request for the whole programme names


def week_number(programme: Programme, value: object) -> int:
    """The week a request names (ALL_WEEKS for "all"), or FieldErrors saying what to give."""
    text = str(value).strip()[:MAX_WEEK_TEXT] if isinstance(value, (str, int)) else ""
    if text == "all":
        return ALL_WEEKS
    if isinstance(value, bool) or not text.isdigit():
        raise FieldErrors({"week": f"week {text!r}: give a week number, like 1"})
    return int(text)


def week_titles(programme: Programme, week: int) -> list[str]:
    """The titles of the week's tracks (FieldErrors for a week the programme does not
    have), each planned, so that every mistake is found before a build is queued."""
    if week == ALL_WEEKS:
        every = voiceguide.programme_weeks(programme)
        return [f"{programme.title}: {len(every)} week{'' if len(every) == 1 else 's'}"]
    try:
        overview = voiceguide.programme_week(programme, week)
    except voiceguide.SettingError as err:
        raise FieldErrors({"week": err.message}) from None
    return [each.title for each in overview.tracks]
