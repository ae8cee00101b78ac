"""Blocks of rounds in a routine's exercise list: a run of exercises done several times
through, in order, with a rest between rounds (a circuit), read with every problem at its
place. The routine keeps each exercise once in its flat list; a Block says which run of
that list is done in rounds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..amounts import Amount
from ..yamlsource import Located, Position, YamlReader

BLOCK_KEYS = ("rounds", "rest", "exercises")


@dataclass(frozen=True)
class Block:
    """Exercises done `rounds` times through, in order, with `rest` between rounds (a circuit)."""

    first: int  # the index in Routine.exercises of its first exercise
    size: int  # how many exercises it holds, one after another from `first`
    rounds: Amount
    rest: Amount | None = None  # between rounds; None: the rest between exercises
    line: int = 0

    @property
    def indices(self) -> range:
        return range(self.first, self.first + self.size)


def is_block(item: Any) -> bool:
    """Whether a list item is a block of rounds rather than an exercise."""
    return (
        isinstance(item, Located)
        and isinstance(item.value, dict)
        and bool(item.value.keys() & {"rounds", "exercises"})
    )


def read_block(r: YamlReader, item: Located, pos: Position) -> tuple[Block, list[Any]]:
    """A block's rounds and rest, and its exercise items with their places (read by the
    caller, so that the routine's limit counts them); a block inside it is reported."""
    node = r.mapping(item, pos, "a block of rounds", BLOCK_KEYS)
    assert node is not None  # is_block: a mapping
    if r.missing(node, "rounds"):
        r.report(pos, "a block of rounds needs 'rounds' (how many times through)")
    if r.missing(node, "exercises"):
        r.report(pos, "a block of rounds needs 'exercises', the list of what each round does")
    items: list[Any] = []
    inner = node.value.get("exercises")
    if "exercises" in node.value:
        if not isinstance(inner, Located) or not isinstance(inner.value, list) or not inner.value:
            r.report(node.pos_of("exercises"), "a block's 'exercises' must be a non-empty list")
        else:
            for index, each in enumerate(inner.value):
                if is_block(each):
                    r.report(
                        inner.pos_of(index),
                        "a block of rounds cannot hold another block; list its exercises here",
                    )
                else:
                    items.append((each, inner.pos_of(index)))
    block = Block(  # where it starts in the routine is known once its exercises are read
        first=0,
        size=len(items),
        rounds=r.amount(node, "rounds", count=True) or Amount(1, 1),
        rest=r.amount(node, "rest"),
        line=node.line,
    )
    return block, items


def exercise_items(
    r: YamlReader, node: Located
) -> tuple[list[tuple[Any, Position, int | None]], list[Block]]:
    """Every exercise item of the routine's list with its place and the number of its
    block (None outside one), those of blocks in line; and the blocks, where they start
    not known yet (`placed` fixes that once the exercises are read)."""
    items: list[tuple[Any, Position, int | None]] = []
    found: list[Block] = []
    for index, item in enumerate(node.value):
        if is_block(item):
            block, inner = read_block(r, item, node.pos_of(index))
            found.append(block)
            items += [(each, where, len(found) - 1) for each, where in inner]
        else:
            items.append((item, node.pos_of(index), None))
    return items, found


def placed(found: list[Block], members: list[list[int]]) -> list[Block]:
    """The blocks at the exercises read for them (`members`: their indices in the
    routine); a block none of whose exercises could be read is left out."""
    return [
        dataclasses.replace(block, first=indices[0], size=len(indices))
        for block, indices in zip(found, members, strict=True)
        if indices
    ]
