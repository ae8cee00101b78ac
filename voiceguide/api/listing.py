"""The routines and programmes on offer, each with how long it runs: what `list` prints
and the page's list shows, made once for both. The bundled ones first, then a folder of
the person's own (a *.yaml with top-level `sessions:` is a programme, the rest routines).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import LocatedError, UserError
from ..files import slugify
from ..programme.model import Programme
from ..programme.reader import is_programme_file, load_programme
from ..programmes import bundled_programme_paths
from ..routine.model import Routine
from ..routine.reader import load_routine, parse_routine
from ..routines import bundled_paths
from ..settings.options import check_overrides
from ..settings.session import Settings
from ..yamlsource import MAX_FILE_BYTES
from .plans import Warn, _ignore, with_estimate

T = TypeVar("T", Routine, Programme)

MAX_USER_FILES = 200  # a folder of routines, not a disk to walk
DRAFT = "draft.yaml"  # how a draft given as text is named in messages, as `validate` would


@dataclass(frozen=True)
class Listed:
    """A routine as the list shows it: its length with the settings given."""

    routine: Routine
    seconds: float
    guessed: int  # phrases whose length is guessed (0: exact)
    yours: bool  # from the person's folder, not bundled

    @property
    def slug(self) -> str:
        return self.routine.slug

    @property
    def title(self) -> str:
        return self.routine.title

    @property
    def exercises(self) -> int:
        return len(self.routine.exercises)

    @property
    def equipment(self) -> tuple[str, ...]:
        return self.routine.equipment


@dataclass(frozen=True)
class ListedProgramme:
    programme: Programme
    yours: bool

    @property
    def slug(self) -> str:
        return self.programme.slug

    @property
    def title(self) -> str:
        return self.programme.title

    @property
    def weeks(self) -> int:
        return self.programme.weeks

    @property
    def routines(self) -> tuple[Routine, ...]:
        """Its sessions' routines, each once, in order."""
        found = {s.routine.slug: s.routine for s in self.programme.sessions}
        return tuple(found.values())


@dataclass(frozen=True)
class Catalogue:
    routines: tuple[Listed, ...]
    programmes: tuple[ListedProgramme, ...]
    notes: tuple[str, ...] = ()  # the person's files left out, and why


def catalogue(
    settings: Settings | None = None, folder: Path | None = None, *, warn: Warn = _ignore
) -> Catalogue:
    """Every bundled routine and programme, and each *.yaml in `folder` that validates,
    each routine with its length with `settings`. A file of the person's whose slug is
    taken, or that does not validate, is left out with a note."""
    settings = settings or Settings()
    notes: list[str] = []
    routines = listed_routines(folder, notes)
    bundled = set(bundled_paths())
    programmes = {slug: load_programme(path) for slug, path in bundled_programme_paths().items()}
    bundled_programmes = set(programmes)
    _add_users(_user_files(folder, programmes=True), load_programme, programmes, "programme", notes)
    options, voice = settings.options, settings.voice
    for warning in check_overrides(list(routines.values()), options):
        warn(warning)
    listed = []
    for slug, routine in routines.items():
        estimate = with_estimate(routine, options.for_routine(routine), voice).estimate
        assert estimate is not None
        listed.append(Listed(routine, estimate.seconds, estimate.guessed, slug not in bundled))
    return Catalogue(
        tuple(listed),
        tuple(ListedProgramme(p, slug not in bundled_programmes) for slug, p in programmes.items()),
        tuple(notes),
    )


def listed_routines(folder: Path | None, notes: list[str] | None = None) -> dict[str, Routine]:
    """Every bundled routine and each valid one of `folder`, by slug; why a file of the
    person's is left out goes to `notes`."""
    notes = [] if notes is None else notes
    routines = {routine.slug: routine for routine in map(load_routine, bundled_paths().values())}
    files = _user_files(folder)
    _add_users(files, load_routine, routines, "routine", notes)
    if len(files) > MAX_USER_FILES:
        notes.append(f"only the first {MAX_USER_FILES} of {len(files)} routine files are shown")
    return routines


def _add_users(
    paths: list[Path], load: Callable[[Path], T], found: dict[str, T], kind: str, notes: list[str]
) -> None:
    """Each of the person's files that `load` reads into `found` by slug, unless its slug
    is taken; every file left out gets a note saying why."""
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


def find_listed(folder: Path | None, slug: str) -> Routine | None:
    """The routine the list shows as `slug`, reading only its own file: a bundled one, else
    the last of the person's files with that slug that validates (as `catalogue` keeps it).
    A page asks for a plan at every change of a field; the whole list need not be read."""
    return _find(folder, slug, bundled_paths(), load_routine, programmes=False)


def find_listed_programme(folder: Path | None, slug: str) -> Programme | None:
    """The programme the list shows as `slug`: a bundled one, else the person's file."""
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
    """What a draft may include: the routines the list of `folder` shows, by their slug.
    A draft is no file, so it has no folder: a path in it is never looked at (the server's
    own folder is nobody's business of the page's visitors)."""

    folder: Path | None

    def names(self) -> list[str]:
        return list(listed_routines(self.folder))

    def find(self, name: str) -> Routine | None:
        return find_listed(self.folder, name)


def read_draft(text: str, folder: Path | None = None) -> Routine:
    """The routine a draft's YAML describes, checked as `voiceguide validate draft.yaml`
    checks it (LocatedErrors with every problem), its includes taken from the list of
    `folder` by slug, never a path; its slug comes from its title."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise LocatedError(DRAFT, 0, 0, f"over {limit} MB; a routine is a few kilobytes")
    routine = parse_routine(text, DRAFT, listed=PageList(folder))
    slug = slugify(routine.title)[:60].strip("-") or "draft"
    return dataclasses.replace(routine, slug=slug)
