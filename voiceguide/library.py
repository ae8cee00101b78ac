"""The bundled routines, and finding a routine by name or path."""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from .errors import UserError
from .routine import Routine, load_routine


def bundled_paths() -> dict[str, Path]:
    """Slug -> file of every routine shipped with voiceguide."""
    folder = resources.files("voiceguide.routines")
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }


def find_routine(name: str) -> Routine:
    """A bundled routine by slug, or a YAML file by path."""
    bundled = bundled_paths()
    if name in bundled:
        return load_routine(bundled[name])
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load_routine(path)
    near = difflib.get_close_matches(name, list(bundled), n=1)
    hint = f"did you mean '{near[0]}'?" if near else "`voiceguide list` shows the bundled ones"
    raise UserError(f"no routine named '{name}'; {hint}")


def all_bundled() -> list[Routine]:
    return [load_routine(path) for path in bundled_paths().values()]


def album_track(routine: Routine) -> tuple[int, int] | None:
    """A bundled routine's place in its album (n of N, by name), so it keeps one track
    number however many are built at once; None for a routine of the user's."""
    bundled = bundled_paths()
    if routine.collection is None or str(bundled.get(routine.slug)) != routine.path:
        return None
    album = sorted(
        slug
        for slug, path in bundled.items()
        if load_routine(path).collection == routine.collection
    )
    return album.index(routine.slug) + 1, len(album)
