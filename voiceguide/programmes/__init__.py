"""The bundled programmes: weeks of the bundled routines that progress; their paths by
slug, read from the package before anything is parsed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_programme_paths() -> dict[str, Path]:
    """Slug -> file of every programme shipped with voiceguide."""
    folder = resources.files(__name__)
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }
