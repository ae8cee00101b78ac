"""The command line and the page are thin shells: each turns its input into a settings
mapping and calls the public API in voiceguide/__init__.py, and imports nothing else of
the library (sqlite-utils' CLI is the model: open the library object, call one method,
print)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import voiceguide

PACKAGE = Path(voiceguide.__file__).parent


def _reached(module: Path, base: Path = PACKAGE) -> list[str]:
    """The library modules `module` (in a shell package under `base`) imports other than
    the package root and its own package's modules."""
    wrong = []
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            wrong += [a.name for a in node.names if a.name.startswith("voiceguide.")]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                name = node.module or ""
                if name.startswith("voiceguide."):
                    wrong.append(name)
            elif node.level == 1:
                continue  # within its own package
            elif node.level == 2 and node.module is None:
                continue  # `from .. import x`: the package root
            else:
                wrong.append("." * node.level + (node.module or ""))
    return [f"{module.relative_to(base)}: {name}" for name in wrong]


@pytest.mark.parametrize("shell", ["cli", "web"])
def test_a_shell_imports_only_the_package_root_and_its_own_modules(shell):
    modules = sorted((PACKAGE / shell).rglob("*.py"))
    assert modules
    assert [line for m in modules for line in _reached(m)] == []


def test_the_walk_would_see_an_import_past_the_root(tmp_path):
    """The test above can fail: an import of an internal module is found, written either way."""
    module = tmp_path / "shell.py"
    module.write_text(
        "import voiceguide\nfrom ..settings.reader import Settings\n"
        "from voiceguide.planning import planner\nfrom . import own\n"
    )
    found = [line.split(": ")[1] for line in _reached(module, tmp_path)]
    assert found == ["..settings.reader", "voiceguide.planning"]


def test_the_public_api_says_what_it_offers():
    """Every public name is in __all__, and every name there is found."""
    assert len(voiceguide.__all__) == len(set(voiceguide.__all__))
    for name in voiceguide.__all__:
        assert getattr(voiceguide, name) is not None, name
    with pytest.raises(AttributeError):
        voiceguide.options  # noqa: B018  # an internal module is no public name
