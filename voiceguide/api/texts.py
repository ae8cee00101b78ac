"""Texts a person hands over or takes away: a routine file checked, a profile read from
what the page was sent, a compiled draft written to its file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LocatedError, UserError
from ..routine.model import Routine
from ..routine.reader import load_routine
from ..settings.profile import parse_profile
from ..settings.session import Settings
from ..yamlsource import MAX_FILE_BYTES, decoded

if TYPE_CHECKING:
    from ..compiler import Compiled
    from ..programme.model import Programme


def validate(path: Path) -> Routine | Programme:
    """The routine or programme at `path` (a programme has sessions: at its top level),
    once every session it makes has been planned without audio as `build` and `program`
    plan it (with their default settings), so a file that validates is one they take: a
    session over the time limit fails here too. Raises every problem (UserError)."""
    from ..planning.planner import plan
    from ..programme.reader import is_programme_file, load_programme
    from ..programme.tracks import programme_tracks
    from ..settings.options import Options
    from ..speech.engine import DEFAULT_RATE

    if is_programme_file(path):
        programme = load_programme(path)
        for track in programme_tracks(programme, explain=True):
            plan(track.routine, track.options, speaking_rate=DEFAULT_RATE)
        return programme
    routine = load_routine(path)
    plan(routine, Options(), speaking_rate=DEFAULT_RATE)
    return routine


def routine_warnings(routine: Routine) -> list[str]:
    """What `validate` points out about a routine that is still right: its own notes, and
    an alternate side's name too long ever to be said with its count."""
    from ..planning.rep_calls import label_warnings

    return [*routine.warnings, *label_warnings(routine)]


def read_profile(data: bytes, name: str) -> Settings:
    """A profile from its bytes, as `--profile FILE` reads it; `name` names it in every
    message (LocatedErrors with each problem at its line)."""
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise LocatedError(name, 0, 0, f"over {limit} MB; a profile is a few lines")
    return parse_profile(decoded(data, name, "profile"), name)


def compile_article_text(
    text: str,
    *,
    source: str = "article",
    out: Path | None = None,
    warn: Callable[[str], None] | None = None,
    where: str | None = None,
) -> list[Compiled]:
    """The drafts of an article's text (at most an article file's size), each checked by
    the validator; `source` names the article in the drafts, `where` in messages."""
    from ..compiler import MAX_ARTICLE_BYTES, compile_text
    from ..userfiles import show_size

    if len(text.encode("utf-8", errors="replace")) > MAX_ARTICLE_BYTES:
        raise UserError(
            f"{where or source} is over {show_size(MAX_ARTICLE_BYTES)}; an article is "
            "shorter: paste the part with the exercises"
        )
    return compile_text(text, source=source, out=out, warn=warn, where=where)


def write_draft(compiled: Compiled) -> Path | None:
    """Write a compiled draft to its file (atomically); None when it has none (printed)."""
    from ..files import write_text

    if compiled.target is not None:
        write_text(compiled.target, compiled.yaml)
    return compiled.target
