"""The package's import graph in figures: modules, packages, imports between modules, and
the imports that run from a lower stage to a higher one (docs/architecture.md's order).

    .venv/bin/python scripts/import_graph.py [CHECKOUT] [--list]

Every `import` and `from ... import` of a voiceguide module counts, at the top of a module
or inside a function (a lazy import is a dependency too), and so does each module the
package root's `_API` names; those only for type checking are counted apart. With --list, each upward import is printed; with --before, the stages are taken in the order
they had before settings/ went below routine/.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

# The stages from the ground up, each a module or package under voiceguide/ (the rest of
# the ground: any top-level module not named here). Before the session layer, settings/
# came after routine/ (ORDER_BEFORE): a routine's includes applied them.
ORDER = [
    "ground",
    "speech",
    "audio",
    "export",
    "settings",
    "routine",
    "planning",
    "pipeline",
    "programme",
    "compiler",
    "library",
    "api",
    "__init__",
    "cli",
    "web",
]
ORDER_BEFORE = [*ORDER[:4], "routine", "settings", *ORDER[6:]]
TOOLS = {"speech", "audio", "export"}  # side by side: none is above another


def stage(module: str) -> str:
    """The stage of `voiceguide.x.y`: its package (or module) if it has one, else the ground."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    top = parts[1]
    return top if top in ORDER else "ground"


def rank(name: str, order: list[str] = ORDER) -> int:
    return order.index("speech") if name in TOOLS else order.index(name)


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in sorted((root / "voiceguide").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, bool]]:
    """(module imported, only for type checking) of each voiceguide import in `path`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    typing_only: set[int] = set()
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if _type_checking(node):
            typing_only |= {id(inner) for inner in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        targets: list[str] = []
        # The package root's public names, each imported on first use: {name: (module, ...)}.
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "_API" for t in node.targets
        ):
            entries = ast.literal_eval(node.value)
            found += [(f"voiceguide.{module}", False) for module, _name in entries.values()]
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from . import x` names a module when x is one.
            targets = [
                f"{module}.{a.name}" if f"{module}.{a.name}" in known else module
                for a in node.names
            ]
        for target in targets:
            if target.startswith("voiceguide") and target != name:
                while target not in known and "." in target:
                    target = target.rpartition(".")[0]
                if target in known:
                    found.append((target, id(node) in typing_only))
    return list(dict.fromkeys(found))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    order = ORDER_BEFORE if "--before" in sys.argv else ORDER
    root = Path(args[0] if args else Path(__file__).resolve().parent.parent)
    known = modules(root)
    edges = {(a, b, t) for a, p in known.items() for b, t in imports(a, p, known)}
    packages = [n for n, p in known.items() if p.name == "__init__.py"]
    top_level = [n for n, p in known.items() if n.count(".") == 1 and p.name != "__init__.py"]
    up = sorted(
        (a, b, t)
        for a, b, t in edges
        if rank(stage(b), order) > rank(stage(a), order) and stage(a) != stage(b)
    )
    print(f"{root}")
    print(f"  modules: {len(known)} ({len(top_level)} top-level modules, {len(packages)} packages)")
    print(f"  imports between modules: {len({(a, b) for a, b, _t in edges})}")
    runtime = [(a, b) for a, b, t in up if not t]
    print(
        f"  imports from a lower stage to a higher one: {len(runtime)} (+{len(up) - len(runtime)} for type checking only)"
    )
    for shell in ("cli", "web"):
        reached = {
            b for a, b, _t in edges if stage(a) == shell and stage(b) not in (shell, "__init__")
        }
        print(f"  library modules {shell}/ imports (other than the package root): {len(reached)}")
    pairs = Counter(f"{stage(a)} -> {stage(b)}" for a, b, t in up if not t)
    for pair, count in pairs.most_common():
        print(f"    {pair}: {count}")
    if "--list" in sys.argv:
        for a, b, t in up:
            print(f"    {a} -> {b}{'  (type checking)' if t else ''}")


if __name__ == "__main__":
    main()
