"""A routine file's `include:` list: other routines (bundled or files beside it) made part
of its session, each with exercises chosen and its own overrides.

```yaml
title: Morning
include:
  - relief-sitting                  # a bundled routine, by name
  - routine: stretches/standing.yaml  # a file in this file's folder (or a folder inside it)
    only: [1, 3]                    # exercises by name, slug prefix or number, as --set
    skip: [wall-lean]
    hold: 20                        # this part's own overrides: a profile section's keys
    exercises:
      wall-angel: {reps: 8}
exercises: [...]                    # optional: its own, placed where the key is written
```

Everything is reported at its place (file:line:column) and the walk goes on: an unknown
routine (with the nearest name), a selector that matches nothing, a loop of includes, a
path outside the including file's folder, nesting past `MAX_DEPTH`.

A draft that is no file of anyone's (the page's) has no folder: it includes routines from a
`Listed` (the page's list) by their name there, and no path is ever looked at.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import LocatedError, UserError
from ..routines import bundled_paths
from ..settings.options import Layer, Options, exercise_index

# A part's overrides are read as a profile's section is: the same keys, the same messages.
from ..settings.profile import section_settings
from ..settings.reader import SECTION_KEYS
from ..yamlsource import Located, Position, YamlReader, read_text_file
from .compose import Part, each_once, select, together
from .model import Routine, slugify

PART_KEYS = ("routine", "only", "skip", *SECTION_KEYS)
MAX_DEPTH = 4  # a file including a file including ... this many deep
MAX_PARTS = 20


class Parse(Protocol):
    """How a routine file's text is read (reader.parse_routine, handed in by it, so
    an included file is read as its includer was, its own includes too)."""

    def __call__(
        self, text: str, path: str, slug: str | None = None, *, chain: tuple[str, ...] = ()
    ) -> Routine: ...


class Listed(Protocol):
    """The routines a draft without a folder may include, by their names on a list."""

    def names(self) -> Sequence[str]:
        """Every name on the list (for "did you mean")."""
        ...

    def find(self, name: str) -> Routine | None:
        """The routine listed as `name`, else None; never a file found by a path."""
        ...


def read_includes(
    r: YamlReader,
    top: Located,
    own: Routine,
    chain: tuple[str, ...],
    *,
    parse: Parse,
    listed: Listed | None = None,
) -> Routine | None:
    """The session `top`'s include: list and own exercises make, in the order the keys are
    written; None when a problem was reported (the walk has gone on past it). With
    `listed`, each included routine is one of its names, never a file."""
    before = len(r.problems)
    node = top.value["include"]
    pos = top.pos_of("include")
    if not isinstance(node, Located) or not isinstance(node.value, list) or not node.value:
        r.report(pos, "'include' must be a non-empty list of routines (names or files)")
        return None
    if len(node.value) > MAX_PARTS:
        r.report(node.pos_of(MAX_PARTS), f"a session includes at most {MAX_PARTS} routines")
        return None
    here = str(Path(r.path).resolve())
    if len(chain) >= MAX_DEPTH:
        r.report(
            pos,
            f"includes nest more than {MAX_DEPTH} deep ({' -> '.join(_names((*chain, here)))}); "
            "include the routines this one includes directly",
        )
        return None
    parts = []
    for index, entry in enumerate(node.value):
        part = _read_entry(r, entry, node.pos_of(index), own, (*chain, here), parse, listed)
        if part is not None:
            parts.append(part)
    if len(r.problems) > before:
        return None
    own_part = Part(own, where=r.path) if own.exercises else None
    keys = list(top.value)
    if own_part is not None:
        parts.insert(0 if keys.index("exercises") < keys.index("include") else len(parts), own_part)
    try:
        session = together(parts, title=own.title, slug=own.slug, path=own.path)
    except UserError as err:  # a part's override that does not fit an exercise, say
        report_at(r, str(err), pos)
        return None
    return dataclasses.replace(
        session,
        source=own.source,
        collection=own.collection or session.collection,
        intro=own.intro or session.intro,
        close=own.close or session.close,
        equipment=each_once((*own.equipment, *session.equipment)),
    )


def _read_entry(
    r: YamlReader,
    entry: Any,
    pos: Position,
    own: Routine,
    chain: tuple[str, ...],
    parse: Parse,
    listed: Listed | None,
) -> Part | None:
    """One entry, a name or a mapping with `routine:`, as a Part; None when reported."""
    if isinstance(entry, str):
        node, name, name_pos = None, entry, pos
    else:
        node = r.mapping(entry, pos, "an include", PART_KEYS)
        if node is None:
            return None
        name = node.value.get("routine")
        name_pos = node.pos_of("routine")
        if name is None:
            if r.missing(node, "routine"):
                r.report(pos, "an include needs 'routine': a bundled routine's name or a file")
            return None
        if not isinstance(name, str) or not name.strip():
            r.report(name_pos, "'routine' must be a bundled routine's name or a file's path")
            return None
    if listed is not None:
        routine = listed_part(r, name.strip(), name_pos, listed)
    else:
        routine = load_part(r, name.strip(), name_pos, chain, parse)
    if routine is None:
        return None
    if routine.language != own.language:
        r.report(
            name_pos,
            f"{routine.slug} is in '{routine.language}' but this routine is in "
            f"'{own.language}'; a session is spoken in one language",
        )
        return None
    if node is None:
        return Part(routine, where=r.where(pos))
    only, skip = selectors(r, node, "only", routine), selectors(r, node, "skip", routine)
    layer = _overrides(r, node, routine)
    where = r.where(pos)
    if only is None or skip is None:
        return None
    try:
        select(routine, only, skip, where)
    except UserError as err:  # they leave nothing
        report_at(r, str(err), pos)
        return None
    options = Options(layers=(layer,)) if layer is not None else None
    return Part(routine, only=only, skip=skip, options=options, where=where)


def selectors(r: YamlReader, node: Located, key: str, routine: Routine) -> tuple[str, ...] | None:
    """The exercise selectors under `key` (a list, or one), each checked against the
    routine; None when one was reported."""
    if key not in node.value:
        return ()
    value = node.value[key]
    if isinstance(value, Located) and isinstance(value.value, list):
        items = [(v, value.pos_of(i)) for i, v in enumerate(value.value)]
        if not items:
            r.report(node.pos_of(key), f"'{key}' is an empty list; name an exercise or remove it")
            return None
    else:
        items = [(value, node.pos_of(key))]
    chosen: list[str] = []
    good = True
    for item, pos in items:
        if isinstance(item, bool) or not isinstance(item, (str, int)) or not str(item).strip():
            r.report(pos, f"'{key}' names exercises by name or number, like [1, wall-lean]")
            good = False
            continue
        selector = str(item).strip().lower()
        try:
            exercise_index(routine, selector, r.where(pos))
        except UserError as err:
            report_at(r, str(err), pos)
            good = False
            continue
        chosen.append(selector)
    return tuple(chosen) if good else None


def _overrides(r: YamlReader, node: Located, routine: Routine) -> Layer | None:
    """The part's own overrides as one option layer (None when it has none); a setting for
    an exercise it does not have is reported where it was written."""
    layer = section_settings(r, node)
    named = node.value.get("exercises")
    keys = named.key_pos if isinstance(named, Located) else {}
    wrong = set()
    for setting in layer.settings:
        if setting.exercise is not None and setting.exercise not in wrong:
            # Reported at the exercise's name, once, however many fields it sets.
            pos = next((p for k, p in keys.items() if str(k).lower() == setting.exercise), None)
            try:
                exercise_index(routine, setting.exercise, r.where(pos) if pos else setting.where)
            except UserError as err:
                wrong.add(setting.exercise)
                report_at(r, str(err), (node.line, node.column))
    if not layer.settings and layer.hold_scale is None:
        return None
    return layer


def listed_part(r: YamlReader, name: str, pos: Position, listed: Listed) -> Routine | None:
    """The routine `listed` has as `name`; None when reported. The message quotes only the
    name as written and names on the list: no file is looked for, so none can be told of."""
    routine = listed.find(name)
    if routine is not None:
        return routine
    given = Path(name.replace("\\", "/"))
    pathlike = len(given.parts) != 1 or given.suffix != "" or name.startswith((".", "~"))
    names = list(listed.names())
    near = difflib.get_close_matches(slugify(given.stem) if pathlike else name, names, n=1)
    if near:
        hint = f"did you mean '{near[0]}'?"
    else:
        hint = f"name one the list shows, like '{names[0]}'" if names else "the list is empty"
    if pathlike:
        r.report(
            pos,
            f"'{name}' is a path: a draft here includes routines by their name in the list, "
            f"never a file; {hint}",
        )
    else:
        r.report(pos, f"no routine named '{name}' in the list; {hint}")
    return None


def load_part(
    r: YamlReader, name: str, pos: Position, chain: tuple[str, ...], parse: Parse
) -> Routine | None:
    """The routine `name` (bundled, or a file in the including file's folder), read with
    `chain` (the files including it) so a loop is found; None when reported."""
    bundled = bundled_paths()
    folder = Path(r.path).parent
    path = None
    if name in bundled:
        path = bundled[name]
    else:
        given = Path(name)
        if given.is_absolute():
            r.report(
                pos,
                f"'{name}' is an absolute path; give a path relative to this file's folder "
                "(copy the routine beside it), or a bundled routine's name",
            )
            return None
        if given.suffix or len(given.parts) > 1 or (folder / given).exists():
            path = folder / given
            if not path.resolve().is_relative_to(folder.resolve()):
                how = "through a symlink" if ".." not in given.parts else "with '..'"
                r.report(
                    pos,
                    f"'{name}' leads out of this file's folder ({how}); copy the routine "
                    "into this folder or one inside it, or name a bundled routine",
                )
                return None
            if not path.exists():
                beside = (
                    sorted(p.name for p in path.parent.glob("*.yaml"))
                    if path.parent.is_dir()
                    else []
                )
                near = difflib.get_close_matches(given.name, beside, n=1)
                hint = (
                    f"did you mean '{given.parent / near[0]}'?"
                    if near
                    else "give its path from this file's folder"
                )
                r.report(pos, f"no file '{name}' in this file's folder; {hint}")
                return None
    if path is None:
        near = difflib.get_close_matches(name, list(bundled), n=1)
        hint = f"did you mean '{near[0]}'?" if near else "`voiceguide list` shows the bundled ones"
        r.report(pos, f"no routine named '{name}'; {hint}")
        return None
    key = str(path.resolve())
    if key in chain:
        loop = " -> ".join(_names((*chain[chain.index(key) :], key)))
        r.report(pos, f"includes go round in a loop ({loop}); remove one of these includes")
        return None
    try:
        return parse(read_text_file(path), str(path), path.stem, chain=chain)
    except LocatedError as err:
        r.problems.extend(err.problems)  # the included file's own problems, at their places
        return None


def _names(chain: tuple[str, ...]) -> list[str]:
    return [Path(p).name for p in chain]


def report_at(r: YamlReader, message: str, pos: Position) -> None:
    """Report `message` at the place in this file it starts with (an override's or a
    selector's message names where it was written), else at `pos`."""
    place = re.match(rf"{re.escape(r.path)}:(\d+):(\d+): ", message)
    if place:
        pos, message = (int(place[1]), int(place[2])), message[place.end() :]
    r.report(pos, message)
