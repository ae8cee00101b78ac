"""The routines and programmes the page offers: the bundled ones, then the user's own
folder's (a *.yaml with top-level `sessions:` is a programme, the rest are routines)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import LocatedError, UserError
from ..library import all_bundled, bundled_paths, bundled_programme_paths
from ..programme.model import Programme
from ..programme.reader import is_programme_file, load_programme
from ..routine.model import Routine, slugify
from ..routine.reader import load_routine, parse_routine
from ..routine.yamlsource import MAX_FILE_BYTES
from .settings import FieldErrors

T = TypeVar("T", Routine, Programme)

MAX_USER_FILES = 200  # a folder of routines, not a disk to walk
DRAFT = "draft.yaml"  # how a draft from the page is named in messages, as `validate` would


@dataclass(frozen=True)
class Catalogue:
    routines: dict[str, Routine]  # by slug: the page's /routine/SLUG
    bundled: frozenset[str]
    notes: tuple[str, ...] = ()  # the user's files left out, and why
    programmes: dict[str, Programme] = dataclasses.field(default_factory=dict)  # by slug
    bundled_programmes: frozenset[str] = frozenset()


def catalogue(folder: Path | None) -> Catalogue:
    """Every bundled routine, and each *.yaml in `folder` that validates; a file whose slug
    a bundled routine has already is left out with a note, as is one that does not validate."""
    notes: list[str] = []
    routines = {routine.slug: routine for routine in all_bundled()}
    bundled = frozenset(routines)
    files = _user_files(folder)
    _add_users(files, load_routine, routines, "routine", notes)
    if len(files) > MAX_USER_FILES:
        notes.append(f"only the first {MAX_USER_FILES} of {len(files)} routine files are shown")
    programmes = {slug: load_programme(path) for slug, path in bundled_programme_paths().items()}
    bundled_programmes = frozenset(programmes)
    _add_users(_user_files(folder, programmes=True), load_programme, programmes, "programme", notes)
    return Catalogue(routines, bundled, tuple(notes), programmes, bundled_programmes)


def _add_users(
    paths: list[Path], load: Callable[[Path], T], found: dict[str, T], kind: str, notes: list[str]
) -> None:
    """Each of the user's files that `load` reads into `found` by slug, unless its slug is
    taken; every file left out gets a note saying why."""
    for path in paths[:MAX_USER_FILES]:
        try:
            item = load(path)
        except UserError as err:
            # Its name only: the folder may hold any YAML (the current folder, by default),
            # and a problem's line quotes the file's keys and values to every visitor.
            count = len(err.lines())
            problems = f"{count} problem{'s' if count > 1 else ''}"
            notes.append(
                f"left out: {path.name} does not validate ({problems}); "
                f"`voiceguide validate {path.name}` shows them"
            )
            continue
        if item.slug in found:
            notes.append(
                f"left out: {path.name}: a bundled {kind} is called {item.slug}; rename the file"
            )
            continue
        found[item.slug] = item


def _user_files(folder: Path | None, *, programmes: bool = False) -> list[Path]:
    """The folder's routine files (or with `programmes`, its programme files)."""
    if folder is None or not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.yaml")) if is_programme_file(p) == programmes]


def find(folder: Path | None, slug: str) -> Routine | None:
    """The routine the list shows as `slug`, reading only its own file: a bundled one, else
    the last of the user's files with that slug that validates (as `catalogue` keeps it).
    The plan is asked for at every change of a field; the whole list need not be read."""
    return _find(folder, slug, bundled_paths(), load_routine, programmes=False)


def find_programme(folder: Path | None, slug: str) -> Programme | None:
    """The programme the list shows as `slug`: a bundled one, else the user's file."""
    return _find(folder, slug, bundled_programme_paths(), load_programme, programmes=True)


def _find(
    folder: Path | None,
    slug: str,
    bundled: dict[str, Path],
    load: Callable[[Path], T],
    *,
    programmes: bool,
) -> T | None:
    if slug in bundled:
        return load(bundled[slug])
    found = None
    for path in _user_files(folder, programmes=programmes)[:MAX_USER_FILES]:
        if slugify(path.stem) == slug:
            with contextlib.suppress(UserError):
                found = load(path)
    return found


@dataclass(frozen=True)
class PageList:
    """What a draft from the page may include: the routines the list shows, by their slug.
    A draft is no file, so it has no folder: a path in it is never looked at (the server's
    own folder is nobody's business of the page's visitors)."""

    folder: Path | None

    def names(self) -> list[str]:
        return list(catalogue(self.folder).routines)

    def find(self, name: str) -> Routine | None:
        return find(self.folder, name)


def draft_routine(text: object, folder: Path | None) -> Routine:
    """The routine a draft's YAML describes, checked as `voiceguide validate draft.yaml`
    checks it (FieldErrors with every problem), its includes taken from the list of
    `folder` by slug; its file name comes from its title."""
    if not isinstance(text, str):
        raise FieldErrors({"yaml": "yaml: give the routine's YAML as text"})
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise FieldErrors({"yaml": f"{DRAFT}: over {limit} MB; a routine is a few kilobytes"})
    try:
        routine = parse_routine(text, DRAFT, listed=PageList(folder))
    except LocatedError as err:
        raise FieldErrors({"yaml": err.lines()[0]}, problems=err.lines()) from None
    return dataclasses.replace(routine, slug=slugify(routine.title)[:60].strip("-") or "draft")
