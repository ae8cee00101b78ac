"""Reading the YAML files people write (routines, profiles): where each key and value was
written (line, column), and a reader whose every complaint names that place.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .amounts import Amount, AmountError, limit_problem, parse_count, parse_duration
from .characters import escaped, join_surrogates, lone_surrogate, surrogate_message
from .errors import LocatedError, LocatedErrors
from .userfiles import UserFileError, read_user_file

MAX_FILE_BYTES = 1_000_000  # a long routine is a few kilobytes
Position = tuple[int, int]  # line, column, from 1


@dataclass
class Located:
    """A mapping or list from YAML with the 1-based position of the node and its parts."""

    value: Any
    line: int
    column: int
    key_pos: dict[str, tuple[int, int]] = field(default_factory=dict)
    item_pos: dict[Any, tuple[int, int]] = field(default_factory=dict)
    # The source text of each scalar part ("30 secs", "1e3", "no"), for messages that
    # quote what the person wrote rather than what YAML made of it.
    item_text: dict[Any, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Shown in error messages ("got a list"), where the raw structure would only confuse.
        return "a list" if isinstance(self.value, list) else "a mapping"

    def pos_of(self, key: Any) -> tuple[int, int]:
        """Where the value under `key` (or list index) was written, else the node itself."""
        return self.item_pos.get(key, (self.line, self.column))

    def typed(self, key: Any) -> str | None:
        """The text of the scalar under `key` (or list index) as written; None if not a scalar."""
        return self.item_text.get(key)


ALIAS_MESSAGE = "anchors and aliases (& and *) are not allowed; write the value out"
MAX_DEPTH = 12  # routines nest four levels; anything deeper is not a routine


class ShapeError(ValueError):
    """YAML that parses but cannot be a routine: aliases, duplicate keys, deep nesting."""

    def __init__(self, pos: tuple[int, int], message: str) -> None:
        super().__init__(message)
        self.pos = pos


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(
    node: yaml.Node,
    loader: yaml.SafeLoader,
    seen: set[int],
    found: list[ShapeError],
    depth: int = 0,
) -> Any:
    """Plain values from `node`. Aliases and deep nesting stop the reading; a key given
    twice or a scalar its tag cannot read go into `found`, and reading goes on."""
    line, column = _pos(node)
    if id(node) in seen:
        # An alias reuses a node: refusing them keeps "billion laughs" documents harmless.
        raise ShapeError((line, column), ALIAS_MESSAGE)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise ShapeError(
            (line, column),
            f"nested more than {MAX_DEPTH} levels deep; a routine is a flat list of exercises",
        )
    if isinstance(node, yaml.MappingNode):
        out = Located({}, line, column)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ShapeError(_pos(key_node), "keys must be plain words")
            if id(value_node) in seen:
                raise ShapeError(_pos(key_node), ALIAS_MESSAGE)
            key = _scalar(key_node, loader, found)
            if key in out.value:
                found.append(
                    ShapeError(
                        _pos(key_node),
                        f"'{key}' is given twice (first on line {out.key_pos[key][0]}); keep one",
                    )
                )
                continue
            out.value[key] = _build(value_node, loader, seen, found, depth + 1)
            out.key_pos[key] = _pos(key_node)
            out.item_pos[key] = _pos(value_node)
            if isinstance(value_node, yaml.ScalarNode):
                out.item_text[key] = escaped(str(value_node.value))
        return out
    if isinstance(node, yaml.SequenceNode):
        out = Located([], line, column)
        for index, item in enumerate(node.value):
            if id(item) in seen:
                raise ShapeError((line, column), ALIAS_MESSAGE)
            out.value.append(_build(item, loader, seen, found, depth + 1))
            out.item_pos[index] = _pos(item)
            if isinstance(item, yaml.ScalarNode):
                out.item_text[index] = escaped(str(item.value))
        return out
    return _scalar(node, loader, found)


# What each tag's text must look like, for the message when it does not.
_KINDS = {"int": "a whole number", "float": "a number", "timestamp": "a date", "bool": "yes or no"}
# What PyYAML's constructors raise on text that only looks like their type: int() on
# 5,000 digits, datetime() on 2001-02-30, a dict lookup on "!!bool x". Not YAMLErrors, so
# nothing says where they came from unless they are caught here.
_CONSTRUCTOR_FAULTS = (ValueError, TypeError, ArithmeticError, LookupError, AttributeError)


def _reason(tag: str, err: Exception) -> str:
    """Why, when it reads well to a person; most constructor messages are Python's own words."""
    if "digits" in str(err):
        return " (too many digits)"
    if tag == "timestamp" and isinstance(err, ValueError):
        return f" ({err})"  # datetime's: "day is out of range for month"
    return ""


def _scalar(node: yaml.Node, loader: yaml.SafeLoader, found: list[ShapeError]) -> Any:
    """The value of one scalar; text its tag cannot read is a problem in `found`, and its
    text stands in for it (the reader quietly skips a value at a place with a problem)."""
    try:
        value = loader.construct_object(node, deep=True)
    except _CONSTRUCTOR_FAULTS as err:
        tag = str(node.tag).rsplit(":", 1)[-1]
        text = str(node.value)
        shown = text if len(text) <= 24 else f"{text[:20]}..."
        found.append(
            ShapeError(
                _pos(node),
                f"'{shown}' cannot be read as {_KINDS.get(tag, 'what its tag says')}{_reason(tag, err)}; quote it if it is text",
            )
        )
        return text
    if isinstance(value, str):
        return _whole_characters(value, node, found)
    if isinstance(value, int):
        try:
            float(value)  # every number here becomes a float: seconds, counts, rates
        except OverflowError:
            found.append(
                ShapeError(
                    _pos(node),
                    f"a number of {len(str(node.value))} digits is far too big to be used here",
                )
            )
            return str(node.value)
    return value


def _whole_characters(text: str, node: yaml.Node, found: list[ShapeError]) -> str:
    """`text` with an emoji written as two escapes ("\\ud83d\\udcaa", as JSON writes it)
    made one character; half of one alone is a problem, and stands escaped."""
    text = join_surrogates(text)
    lone = lone_surrogate(text)
    if lone is None:
        return text
    found.append(ShapeError(_pos(node), surrogate_message(lone)))
    return escaped(text)


def load_located(text: str, found: list[ShapeError] | None = None) -> Any:
    """Parse one YAML document into plain values wrapped in `Located` for maps and lists.

    Problems that leave the rest readable go into `found`; without it, the first is raised.
    """
    collect: list[ShapeError] = [] if found is None else found
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, loader, set(), collect)
    finally:
        loader.dispose()
    if found is None and collect:
        raise collect[0]
    return data


def read_yaml(text: str, path: str, found: list[LocatedError] | None = None) -> Any:
    """The located YAML of a routine or profile. A syntax error, an alias or deep nesting
    is one LocatedError; other problems go into `found` (without it, the first is raised)."""
    shapes: list[ShapeError] = []
    try:
        data = load_located(text, shapes)
    except ShapeError as err:
        raise LocatedError(path, err.pos[0], err.pos[1], str(err)) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = err.problem or err.context or "cannot be read"
        hint = "; indent with spaces, not tabs" if "\t" in problem or "\\t" in problem else ""
        lines = text.splitlines()
        nearby = " ".join(lines[max(0, line - 2) : line]) if lines else ""
        if not hint and re.search(r"\{(?:other )?side\}", nearby):
            # YAML reads {...} as a mapping where a value starts with it, or inside {a: b}.
            hint = "; put a line that has {side} in quotes"
        raise LocatedError(path, line, column, f"not valid YAML: {problem}{hint}") from None
    except yaml.reader.ReaderError as err:
        line = text[: err.position].count("\n") + 1
        column = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        raise LocatedError(
            path,
            line,
            column,
            f"not valid YAML: the character {chr(err.character)!r} is not allowed in YAML text",
        ) from None
    except yaml.YAMLError as err:
        first = str(err).splitlines()[0] if str(err) else "cannot be read"
        raise LocatedError(path, 1, 1, f"not valid YAML: {first}") from None
    except RecursionError:
        raise LocatedError(path, 1, 1, "nested too deeply to be a routine") from None
    problems = [LocatedError(path, e.pos[0], e.pos[1], str(e)) for e in shapes]
    if found is None:
        if problems:
            raise problems[0]
    else:
        found.extend(problems)
    return data


def read_text_file(path: Path, what: str = "routine") -> str:
    """A small UTF-8 text file, or a LocatedError that says what is wrong with it."""
    try:
        raw = read_user_file(path, what=what, limit=MAX_FILE_BYTES)
    except UserFileError as err:
        reason = err.reason
        if reason == "no such file":
            reason = "no such file; check its name and folder"
        raise LocatedError(str(err.path), 0, 0, reason) from None
    return decoded(raw, str(path), what)


def decoded(raw: bytes, name: str, what: str = "routine") -> str:
    """A YAML file's bytes as text, or a LocatedError naming `name` (binary, not UTF-8)."""
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        raise LocatedError(name, line, 1, f"binary data, not a {what}; give a YAML text file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise LocatedError(name, line, 1, "not UTF-8 text; save the file as UTF-8") from None


class YamlReader:
    """Walks the located YAML of one file, collecting every problem with its place; the
    walk goes on past each one with a stand-in value, and `check` raises them all at once."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[LocatedError] = []
        self._spoiled: set[Position] = set()  # values YAML itself could not read
        self._misspelt: set[tuple[int, str]] = set()  # (mapping, key) meant by an unknown key

    def read(self, text: str) -> Any:
        """The located YAML of `text`; a syntax error is raised at once (nothing after it
        can be trusted), problems with single values are collected."""
        found: list[LocatedError] = []
        data = read_yaml(text, self.path, found)
        self.problems.extend(found)
        self._spoiled.update((p.line, p.column) for p in found)
        return data

    def where(self, pos: Position) -> str:
        return f"{self.path}:{pos[0]}:{pos[1]}"

    def report(self, pos: Position, message: str) -> None:
        """Note a problem at `pos` and carry on; a value YAML could not read is reported
        once, by the reading, not again for what it does not say."""
        if pos not in self._spoiled:
            self.problems.append(LocatedError(self.path, pos[0], pos[1], message))

    def fail(self, pos: Position, message: str) -> LocatedErrors:
        """A problem the walk cannot go past: every problem so far and this one, to raise."""
        self.report(pos, message)
        return LocatedErrors(self.problems)

    def check(self) -> None:
        """Raise every problem found, if there are any."""
        if self.problems:
            raise LocatedErrors(self.problems)

    def mapping(
        self, node: Any, pos: Position, what: str, keys: tuple[str, ...] | None
    ) -> Located | None:
        """`node` as a mapping, each key not in `keys` reported (any key when None); None,
        reported, when it is not a mapping."""
        if not isinstance(node, Located) or not isinstance(node.value, dict):
            like = f" of keys like {', '.join(keys[:3])}" if keys else ""
            self.report(pos, f"{what} must be a mapping{like}")
            return None
        for key, key_pos in node.key_pos.items():
            if keys is not None and key not in keys:
                near = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.6)
                hint = f"did you mean '{near[0]}'?" if near else f"valid keys: {', '.join(keys)}"
                self.report(key_pos, f"unknown key '{key}' in {what}; {hint}")
                if near:
                    self._misspelt.add((id(node), near[0]))
        return node

    def missing(self, node: Located, key: str) -> bool:
        """Whether `key` is not in `node`, not even misspelt (that was reported already)."""
        return key not in node.value and (id(node), key) not in self._misspelt

    def amount(
        self, node: Located, key: str, field: str | None = None, *, count: bool = False
    ) -> Amount | None:
        """The duration (or, with `count`, whole number) under `key`, within the limits for
        `field` (the key itself by default); None when not there or wrong (reported)."""
        if key not in node.value:
            return None
        field = field or key
        parse = parse_count if count else parse_duration
        try:
            value = parse(node.value[key], field, node.typed(key))
        except AmountError as err:
            self.report(node.pos_of(key), str(err))
            return None
        problem = limit_problem(field, value)
        if problem:
            self.report(node.pos_of(key), problem)
            return None
        return value
