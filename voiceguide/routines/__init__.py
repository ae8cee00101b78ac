"""The routines shipped with voiceguide, one YAML file each; their paths by slug, read from
the package before anything is parsed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_paths() -> dict[str, Path]:
    """Slug -> file of every routine shipped with voiceguide."""
    folder = resources.files(__name__)
    return {
        Path(entry.name).stem: Path(str(entry))
        # By slug: relief-sitting, then its translations relief-sitting-de, -es, -fr.
        for entry in sorted(folder.iterdir(), key=lambda e: Path(e.name).stem)
        if entry.name.endswith(".yaml")
    }
