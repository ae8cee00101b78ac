"""What `voiceguide validate` checks: a routine or a programme file, read and then planned
without audio as `build` and `program` plan it (with their default settings), so a file
that validates is one they take: a session over the time limit fails here too."""

from __future__ import annotations

from pathlib import Path

from .planning.planner import plan
from .programme.model import Programme
from .programme.reader import is_programme_file, load_programme
from .programme.tracks import programme_tracks
from .routine.model import Routine
from .routine.reader import load_routine
from .settings.options import Options
from .speech.engine import DEFAULT_RATE


def check_file(path: Path) -> Routine | Programme:
    """The routine or programme at `path` (a programme has sessions: at its top level),
    once every session it makes has been planned; raises every problem (UserError)."""
    if is_programme_file(path):
        programme = load_programme(path)
        for track in programme_tracks(programme, explain=True):
            plan(track.routine, track.options, speaking_rate=DEFAULT_RATE)
        return programme
    routine = load_routine(path)
    plan(routine, Options(), speaking_rate=DEFAULT_RATE)
    return routine
