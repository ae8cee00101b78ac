"""The bundled routines, and finding a routine by name or path."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .errors import LocatedError, LocatedErrors, UserError
from .programme.model import Programme
from .programme.reader import is_programme_file, load_programme
from .programmes import bundled_programme_paths as bundled_programme_paths
from .routine.model import Routine
from .routine.reader import load_routine
from .routines import bundled_paths as bundled_paths

T = TypeVar("T", Routine, Programme)


def find_routine(name: str) -> Routine:
    """A bundled routine by slug, or a YAML file by path.

    Raises LocatedError for a file's problems (LocatedErrors, listing all of them, when the
    file was read), UserError for a name that is neither.
    """
    return _find(name, bundled_paths(), load_routine, "routine")


def _find(name: str, bundled: dict[str, Path], load: Callable[[Path], T], kind: str) -> T:
    """What `load` reads for `name`: a bundled file by slug, or a file by path."""
    if name in bundled:
        return load(bundled[name])
    path = Path(name)
    # A name with a suffix or a folder in it is a file, even one that is not there.
    if path.suffix or len(path.parts) > 1 or path.exists():
        return load(path)
    near = difflib.get_close_matches(name, list(bundled), n=1)
    hint = f"did you mean '{near[0]}'?" if near else "`voiceguide list` shows the bundled ones"
    raise UserError(f"no {kind} named '{name}'; {hint}")


def find_routines(names: list[str]) -> list[Routine]:
    """Every routine `find_routine` finds for `names`; the problems of every file are
    raised together, as one LocatedErrors."""
    found: list[Routine] = []
    problems: list[LocatedError] = []
    for name in names:
        try:
            found.append(find_routine(name))
        except LocatedError as err:
            problems.extend(err.problems)
    if problems:
        raise LocatedErrors(problems)
    return found


def all_bundled() -> list[Routine]:
    return [load_routine(path) for path in bundled_paths().values()]


def find_programme(name: str) -> Programme:
    """A bundled programme by slug, or a programme file by path."""
    return _find(name, bundled_programme_paths(), load_programme, "programme")


def is_programme(name: str) -> bool:
    """Whether `name` is a bundled programme or a file that reads as one (sessions: at
    its top level), for commands that take either a routine or a programme."""

    if name in bundled_programme_paths():
        return True
    path = Path(name)
    return name not in bundled_paths() and path.is_file() and is_programme_file(path)
