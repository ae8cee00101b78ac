"""The programme file: its YAML read into a `Programme`, every mistake at its file:line.

```yaml
title: Four weeks of upper-back relief
weeks: 4
start: 2025-03-03                # optional: the day week 1 begins (a feed's dates)
author: Anna Berg, physiotherapist   # optional: who hands it out (a feed's author)
level: gentle                    # the level in week 1
sessions:
  - routine: relief-sitting      # a bundled routine, or a file beside this one
  - routine: relief-standing
    from_week: 3                 # added in week 3 (until_week: dropped after a week)
progress:                        # the values for every exercise, week by week
  hold: {start: 15, add: 5, up_to: 45}
  reps: {start: 8, add: 1, up_to: 12}
  level: {week 3: standard}
together: true                   # one track a week, else one a week and session
```
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..amounts import Amount, Level, shown
from ..errors import LocatedError, LocatedErrors, UserError
from ..routine.compose import select

# A session names its routine as an include: entry does: one reading, one set of checks.
from ..routine.includes import load_part, report_at
from ..routine.includes import selectors as included_selectors
from ..routine.model import Routine, slugify
from ..routine.overrides import apply
from ..routine.reader import parse_routine
from ..settings.options import GLOBAL_FIELDS, Layer, Options, Setting, exercise_index
from ..yamlsource import Located, Position, YamlReader, read_text_file
from .model import Programme, Progression, Session
from .rules import ProgressReader

TOP_KEYS = (
    "title", "intro", "weeks", "start", "author", "level", "sessions", "progress", "together",
)  # fmt: skip
SESSION_KEYS = ("name", "routine", "only", "skip", "from_week", "until_week", "progress")
# The fields a profile section sets (profile.SECTION_KEYS), and the level.
PROGRESS_KEYS = (*GLOBAL_FIELDS, "exercises", "level")
SESSION_PROGRESS_KEYS = (*GLOBAL_FIELDS, "exercises")
MAX_WEEKS = 52
MAX_SESSIONS = 20


def is_programme_text(text: str) -> bool:
    """Whether a YAML text is a programme (it has top-level sessions:), not a routine."""
    return re.search(r"^sessions\s*:", text, re.MULTILINE) is not None


def is_programme_file(path: Path) -> bool:
    """Whether the file at `path` reads as a programme; one that cannot be read is not."""
    try:
        return is_programme_text(read_text_file(path, "programme"))
    except (UserError, OSError):
        return False


def _routine(r: ProgressReader, node: Located) -> Routine | None:
    """The routine a session names: a bundled one by name, or a file in the programme's
    folder, read as an `include:` entry is (its loops and escapes refused at their place)."""
    name, pos = node.value.get("routine"), node.pos_of("routine")
    if not isinstance(name, str) or not name.strip():
        r.report(
            pos,
            f"routine must be the name of a routine or a file beside the programme, got {shown(name, node.typed('routine'))}",
        )
        return None
    return load_part(r, name.strip(), pos, (str(Path(r.path).resolve()),), parse_routine)


def _session(r: ProgressReader, node: Any, pos: Position) -> Session | None:
    if isinstance(node, str) and node.strip():  # just a routine, every week, named for it
        chain = (str(Path(r.path).resolve()),)
        routine = load_part(r, node.strip(), pos, chain, parse_routine)
        return Session(routine.slug, routine, 1, None, (), (), ()) if routine else None
    item = r.mapping(node, pos, "a session", SESSION_KEYS)
    if item is None:
        return None
    if r.missing(item, "routine"):
        r.report(
            pos,
            "a session needs routine: (a bundled routine's name, or a file beside the programme)",
        )
        return None
    routine = _routine(r, item)
    start = 1
    if "from_week" in item.value:
        start = r.week_number(item.value["from_week"], item.pos_of("from_week"), "from_week") or 1
    until = None
    if "until_week" in item.value:
        until = r.week_number(item.value["until_week"], item.pos_of("until_week"), "until_week")
        if until is not None and until < start:
            r.report(
                item.pos_of("until_week"),
                f"until_week {until} is before from_week {start}; the session would never be done",
            )
    name = item.value.get("name", routine.slug if routine else "session")
    if not isinstance(name, str) or not name.strip():
        r.report(
            item.pos_of("name"), f"name must be a short text, got {shown(name, item.typed('name'))}"
        )
        name = ""
    progress: list[Progression] = []
    if "progress" in item.value:
        progress, _ = r.section(
            item.value["progress"],
            item.pos_of("progress"),
            SESSION_PROGRESS_KEYS,
            "a session's progress",
        )
    if routine is None:
        return None
    only, skip = (
        included_selectors(r, item, "only", routine),
        included_selectors(r, item, "skip", routine),
    )
    if only is None or skip is None:
        return None
    if only or skip:
        try:
            routine = select(routine, only, skip, r.where(pos))
        except UserError as err:  # they leave nothing
            report_at(r, str(err), pos)
            return None
    return Session(slugify(name), routine, start, until, tuple(progress), only, skip)


def parse_programme(text: str, path: str) -> Programme:
    """A programme from its text; every problem is raised at once (LocatedErrors)."""
    probe = YamlReader(path)
    data = probe.read(text)
    if data is None:
        raise LocatedError(
            path, 0, 0, "an empty file; a programme needs title:, weeks: and sessions:"
        )
    top = probe.mapping(data, (1, 1), "a programme", TOP_KEYS)
    if top is None:
        raise LocatedErrors(probe.problems)
    weeks = top.value.get("weeks")
    r = ProgressReader(
        path,
        weeks
        if isinstance(weeks, int) and not isinstance(weeks, bool) and 1 <= weeks <= MAX_WEEKS
        else 1,
    )
    r.problems, r._spoiled, r._misspelt = probe.problems, probe._spoiled, probe._misspelt
    if probe.missing(top, "weeks"):
        r.report((1, 1), "a programme needs weeks: (how many weeks it runs)")
    elif r.weeks != weeks:
        r.report(
            top.pos_of("weeks"),
            f"weeks must be a whole number from 1 to {MAX_WEEKS}, got {shown(weeks, top.typed('weeks'))}",
        )
    title = top.value.get("title")
    if not isinstance(title, str) or not title.strip():
        r.report(
            top.pos_of("title") if "title" in top.value else (1, 1),
            "a programme needs title: (a short text)",
        )
        title = ""
    intro = top.value.get("intro")
    if intro is not None and (not isinstance(intro, str) or not intro.strip()):
        r.report(top.pos_of("intro"), "intro must be text")
        intro = None
    start = _start_date(r, top)
    author = top.value.get("author")
    if author is not None and (not isinstance(author, str) or not author.strip()):
        r.report(top.pos_of("author"), "author must be text: who hands the programme out")
        author = None
    start_level: Level = "standard"
    if "level" in top.value:
        start_level = (
            r.level(top.value["level"], top.pos_of("level"), top.typed("level")) or "standard"
        )
    together = top.value.get("together", True)
    if not isinstance(together, bool):
        r.report(
            top.pos_of("together"),
            f"together must be true (one track a week) or false (one a session), got {shown(together, top.typed('together'))}",
        )
        together = True
    sessions = _sessions_of(r, top)
    progress: list[Progression] = []
    level_node = None
    if "progress" in top.value:
        progress, level_node = r.section(
            top.value["progress"], top.pos_of("progress"), PROGRESS_KEYS, "progress"
        )
    level = r.level_steps(start_level, level_node)
    programme = Programme(
        title=" ".join(str(title).split()), slug=slugify(Path(path).stem), weeks=r.weeks,
        sessions=tuple(sessions), level=level, progress=tuple(progress), together=together,
        intro=" ".join(intro.split()) if intro else None, path=path, start=start,
        author=" ".join(author.split()) if author else None,
    )  # fmt: skip
    if not r.problems:
        _check_weeks(r, top, programme)
        _check_settings(r, programme)
    r.check()
    return programme


def _start_date(r: ProgressReader, top: Located) -> date | None:
    """The day week 1 begins: a date as YAML writes one (2025-03-03), quoted or not."""
    if "start" not in top.value:
        return None
    value = top.value["start"]
    if isinstance(value, str):
        with contextlib.suppress(ValueError):  # not a date: told below
            value = date.fromisoformat(value.strip())
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    r.report(
        top.pos_of("start"),
        f"start must be the day week 1 begins, like 2025-03-03, got {shown(value, top.typed('start'))}",
    )
    return None


def _sessions_of(r: ProgressReader, top: Located) -> list[Session]:
    node = top.value.get("sessions")
    if not isinstance(node, Located) or not isinstance(node.value, list) or not node.value:
        if "sessions" in top.value:
            r.report(
                top.pos_of("sessions"),
                "sessions must be a list of routines, like - routine: relief-sitting",
            )
        elif r.missing(top, "sessions"):
            r.report((1, 1), "a programme needs sessions: (a list of routines)")
        return []
    if len(node.value) > MAX_SESSIONS:
        r.report(
            node.pos_of(MAX_SESSIONS),
            f"{len(node.value)} sessions; a programme holds at most {MAX_SESSIONS}",
        )
    sessions = []
    seen: dict[str, Position] = {}
    for index, item in enumerate(node.value[:MAX_SESSIONS]):
        session = _session(r, item, node.pos_of(index))
        if session is None:
            continue
        if session.name in seen:
            r.report(
                node.pos_of(index),
                f"two sessions are called '{session.name}' (first on line {seen[session.name][0]}); give this one a name:",
            )
            continue
        seen[session.name] = node.pos_of(index)
        sessions.append(session)
    return sessions


def _check_weeks(r: ProgressReader, top: Located, programme: Programme) -> None:
    for week in range(1, programme.weeks + 1):
        if not any(s.in_week(week) for s in programme.sessions):
            r.report(
                top.pos_of("sessions"),
                f"week {week} has no session; check from_week and until_week",
            )
            return


def _check_settings(r: ProgressReader, programme: Programme) -> None:
    """Each progression for one exercise must find it in a session's routine, and suit it
    in every routine that has it (a hold for reps paced by tempo is refused), reported at
    the exercise's name; the builds would otherwise fail without a line to point at."""
    for rule in [*programme.progress, *(p for s in programme.sessions for p in s.progress)]:
        if rule.exercise is None:
            continue
        values = [v for w in range(1, programme.weeks + 1) if (v := rule.value(w)) is not None]
        if not values:
            continue
        own = [s for s in programme.sessions if any(p is rule for p in s.progress)]
        place = r.places.get(id(rule), (1, 1))
        missing, found = None, False
        for session in own or programme.sessions:
            try:
                exercise_index(session.routine, rule.exercise, "")
            except UserError as err:
                missing = missing or str(err).removeprefix(": ")
                continue
            found = True
            setting = Setting(rule.field, Amount(values[0], values[0]), "", rule.exercise)
            try:
                apply(session.routine, Options(layers=(Layer((setting,)),)))
            except UserError as err:
                r.report(place, f"{str(err).removeprefix(': ')} (in {session.routine.slug})")
                break
        if not found and missing:
            r.report(place, missing)


def load_programme(path: str | Path) -> Programme:
    """Read and check a programme file; every problem in it is raised at once."""
    path = Path(path)
    return parse_programme(read_text_file(path, "programme"), str(path))
