"""A routine's own file with a session's values written into it: the text as the person
wrote it (comments, order, guesses marked by compile), with each hold, rep count, set
count, get-ready time and rest that the settings changed put in place, so that the file
alone builds what the routine and the settings built together.

The edits are made on the text at the places YAML's composer gives (never by writing the
YAML anew), and a value that the file cannot hold (rounds changed, exercises that come
from another file through include:) is refused with what to do instead.
"""

from __future__ import annotations

import yaml

from ..amounts import Amount
from ..errors import UserError
from .model import Exercise, Routine

Edit = tuple[int, int, str]  # replace text[start:end] with this
FIELDS = ("hold", "reps", "sets", "tempo", "prepare")


def _key(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(
        ((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == name),
        None,
    )


def _set(text: str, mapping: yaml.MappingNode, name: str, value: str) -> Edit:
    """An edit giving `mapping` the key `name` with `value`: its value replaced where it is
    written, else the key added after the mapping's first entry (block style, indented as
    that entry) or before a flow mapping's closing brace."""
    found = _key(mapping, name)
    if found is not None:
        node = found[1]
        return node.start_mark.index, node.end_mark.index, value
    if mapping.flow_style:
        end = mapping.end_mark.index - 1  # its "}"
        return end, end, f", {name}: {value}" if mapping.value else f"{name}: {value}"
    first_key, first_value = mapping.value[0]
    line_end = text.find("\n", first_value.end_mark.index - 1)
    if isinstance(first_value, yaml.ScalarNode) and first_value.style in ("|", ">"):
        line_end = first_value.end_mark.index - 1  # a block scalar ends at a line's start
    if line_end < 0:
        line_end = len(text)
    indent = " " * first_key.start_mark.column
    return line_end, line_end, f"\n{indent}{name}: {value}"


def _exercise_nodes(sequence: yaml.Node) -> list[yaml.MappingNode]:
    """The exercise mappings of an exercises: list, in order, blocks of rounds opened."""
    found: list[yaml.MappingNode] = []
    if not isinstance(sequence, yaml.SequenceNode):
        return found
    for item in sequence.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        inner = _key(item, "exercises")
        if inner is not None and _key(item, "name") is None:
            found.extend(_exercise_nodes(inner[1]))
        else:
            found.append(item)
    return found


def _shown(amount: Amount) -> str:
    return str(amount)


def _exercise_edits(
    text: str, node: yaml.MappingNode, before: Exercise, after: Exercise, rest: Amount | None
) -> list[Edit]:
    edits = []
    for field in FIELDS:
        old, new = getattr(before, field), getattr(after, field)
        if new != old and new is not None:
            edits.append(_set(text, node, field, _shown(new)))
    if rest is not None and before.rest is None and after.sets.high > 1:
        # The rest between exercises changes in defaults: the rest between this exercise's
        # sets, which followed it, keeps its value as written here.
        edits.append(_set(text, node, "rest", _shown(rest)))
    if after.positions != before.positions:
        steps = _key(node, "positions")
        if steps is None or not isinstance(steps[1], yaml.SequenceNode):
            raise UserError(f"'{before.name}': its positions cannot be found in the file")
        for step, old_step, new_step in zip(
            steps[1].value, before.positions, after.positions, strict=True
        ):
            if old_step.hold != new_step.hold and isinstance(step, yaml.MappingNode):
                edits.append(_set(text, step, "hold", _shown(new_step.hold)))
    return edits


def with_values(text: str, routine: Routine, applied: Routine) -> str:
    """`text` (the file `routine` was read from) with the values of `applied` (the same
    routine with settings applied) written in; UserError for what a file cannot hold."""
    if any(ex.defaults is not None for ex in routine.exercises):
        raise UserError(
            "its exercises come from other routines (include:); save it as written, "
            "with its settings in a file of their own"
        )
    if [b.rounds for b in applied.blocks] != [b.rounds for b in routine.blocks]:
        raise UserError(
            "rounds are a setting the routine file does not hold; save it as written, "
            "with its settings in a file of their own"
        )
    top = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(top, yaml.MappingNode) or _key(top, "exercises") is None:
        raise UserError("the routine's file has no exercises: list to write values into")
    nodes = _exercise_nodes(_key(top, "exercises")[1])  # type: ignore[index]
    if len(nodes) != len(routine.exercises):
        raise UserError("the routine's exercises cannot all be found in its file")
    between = applied.defaults.between
    pinned = routine.defaults.rest if between is not None else None
    edits: list[Edit] = []
    for node, before, after in zip(nodes, routine.exercises, applied.exercises, strict=True):
        edits.extend(_exercise_edits(text, node, before, after, pinned))
    if between is not None:
        defaults = _key(top, "defaults")
        if defaults is not None and isinstance(defaults[1], yaml.MappingNode):
            edits.append(_set(text, defaults[1], "rest", _shown(between)))
        else:
            edits.append(_set(text, top, "defaults", f"{{rest: {_shown(between)}}}"))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text
