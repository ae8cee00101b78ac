"""Splitting a block that tells more than one exercise: a story's paragraph that moves on
("Then I lie on a foam roller..."), a block with two holds ("... Next, turn your head")."""

from __future__ import annotations

import re

from .blocks import Block, has_numbers
from .lexicon import current as lexicon
from .numbers import find_numbers

# A sentence that moves to the next exercise of a story: "Then I lie on a foam roller...".
NEXT = re.compile(
    r"^(?:(?:and\s+)?then|next|now|another|after that|afterwards|finally|lastly"
    r"|(?:the\s+)?(?:last|next|final) one|the (?:next|last|final|first|second|third))\b",
    re.IGNORECASE,
)


def split_sequence(block: Block) -> list[Block]:
    """An unnamed paragraph that tells several exercises in a row ("first I do cat-cow, 8 to
    10 rounds... Then I lie on a foam roller... 10 each side.") becomes one block each: a
    new one starts at a sentence that moves on, once the one before has its number."""
    if block.name or block.how:
        return [block]
    pieces: list[list[str]] = [[]]
    for line in block.lines:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"¡¿ÄÖÜÁÉÍÓÚÑÀÂÇÈÊÎÔ])", line):
            # "Luego cambia de lado." moves to the other side, not to the next exercise.
            moves_on = lexicon().moves_on.match(sentence) and not lexicon().switch.match(sentence)
            if moves_on and has_numbers(" ".join(pieces[-1])):
                pieces.append([])
            pieces[-1].append(sentence)
    if len(pieces) == 1:
        return [block]
    return [Block(None, piece, block.group, context=block.text) for piece in pieces if piece]


def split_double(block: Block) -> list[Block]:
    """A block that describes two holds ("... Next, turn your head ...") becomes two blocks."""
    found = [
        i
        for i, line in enumerate(block.lines)
        if re.match(r"^(?:next|now|then),?\s", line, re.IGNORECASE)
    ]
    holds = [i for i, line in enumerate(block.lines) if find_numbers(line).hold]
    if len(holds) < 2 or not found:
        return [block]
    cut = next((i for i in found if holds[0] < i <= holds[-1]), None)
    if cut is None:
        return [block]
    names: list[str | None] = [block.name, None]
    if block.name and " and " in block.name:
        first, second = block.name.split(" and ", 1)
        head = first.split()[:-1]
        names = [first, " ".join([*head, second]) if head else second]
    return [
        Block(
            names[0], block.lines[:cut], block.group, numbered=block.numbered, context=block.text
        ),
        Block(
            names[1], block.lines[cut:], block.group, numbered=block.numbered, context=block.text
        ),
    ]
