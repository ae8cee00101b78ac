"""Segments regrouped into exercises: one named exercise told in two places merged, advice
between names listed bare left out, a story's paragraph or a two-hold block split."""

from __future__ import annotations

import re
from dataclasses import replace

from .kinds import dose_only, has_numbers, instructs, places_body, tells_move
from .lexicon import current as lexicon
from .lexicon import rewrite
from .numbers import find_numbers
from .segments import Block, Parsed


def regroup(parsed: Parsed) -> Parsed:
    """The exercises of an article's segments: twins merged, advice between bare names left
    out, sections that tell no exercise dropped, stories and two-hold blocks split."""
    kept = [
        b
        for b in _shared(_merged(parsed.blocks))
        if b.shared or (b.lines and (b.how or b.has_numbers or b.numbered or _tells_a_move(b)))
    ]
    split = [two for b in kept for one in split_sequence(b) for two in split_double(one)]
    return replace(parsed, blocks=split)


def _tells_a_move(block: Block) -> bool:
    """A heading over a paragraph that puts the body somewhere and moves it, with no dose
    ("Der Reißverschluss" / "In der Bauchlage werden die Arme ... gestreckt"): kept, its
    dose a marked guess."""
    return (
        block.headed
        and any(re.search(pattern, block.text, re.IGNORECASE) for _, pattern in lexicon().body)
        and instructs(block.text)
    )


def _shared(blocks: list[Block]) -> list[Block]:
    """After a dose for all, bare names are the exercises and the list items between are
    advice ("Keep breathing calmly"); with no names, the items are the exercises."""
    named = {b.shared for b in blocks if b.shared and b.headed and not b.lines}
    return [b for b in blocks if b.name or b.has_numbers or b.shared not in named]


def _same_exercise(a: str, b: str) -> bool:
    """'Thoracic extension' and 'Thoracic extension over towel roll' name one exercise."""
    one, two = (re.findall(r"[a-z]+", name.lower()) for name in (a, b))
    shorter, longer = sorted((one, two), key=len)
    return (
        bool(shorter) and longer[: len(shorter)] == shorter and len(shorter) >= min(2, len(longer))
    )


def _merged(blocks: list[Block]) -> list[Block]:
    """One block per named exercise where a handout gives its numbers in one place (a table)
    and its instructions in another (notes or a section under the same name): one of the two
    has no numbers or no instructions, so "Chin tuck" and "Chin tuck with a turn", both
    with their own, stay apart."""
    out: list[Block] = []
    named: dict[tuple[str | None, tuple[str, ...]], list[Block]] = {}
    for block in blocks:
        words = tuple(re.findall(r"[a-z]+", (block.name or "").lower())[:2])
        same = named.setdefault((block.group, words), []) if block.name and words else []
        twin = next(
            (
                b
                for b in same
                if b.name
                and block.name
                and (
                    b.has_numbers != block.has_numbers
                    or not instructs(b.text)
                    or not instructs(block.text)
                )
                and _same_exercise(b.name, block.name)
            ),
            None,
        )
        if twin is None:
            out.append(block)
            same.append(block)
            continue
        for line in block.lines:
            twin.add(line)
        twin.numbered = twin.numbered or block.numbered
    return out


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"¡¿ÄÖÜÁÉÍÓÚÑÀÂÇÈÊÎÔ])")


def split_sequence(block: Block) -> list[Block]:
    """An unnamed paragraph that tells several exercises in a row ("first I do cat-cow, 8 to
    10 rounds... Then I lie on a foam roller... 10 each side.") becomes one block each: a
    new one starts at a sentence that moves on, once the one before has its number, or at
    one that puts the body somewhere else once the one before has told its move."""
    if block.how:
        return [block]
    if block.name:
        return _named_in_a_row(block)
    pieces: list[list[str]] = [[]]
    for line in block.lines:
        sentences = _SENTENCE.split(line)
        for sentence in (clause for s in sentences for clause in _moves_in_a_row(s)):
            before = " ".join(pieces[-1])
            # "Luego cambia de lado." moves to the other side, not to the next exercise.
            moves_on = lexicon().moves_on.match(sentence) and not lexicon().switch.match(sentence)
            # "Tumbados boca arriba, ...": lying now, where the move before was on all fours.
            was = _positions(before)
            elsewhere = was and places_body(sentence) and not _positions(sentence) & was
            if (moves_on and has_numbers(before)) or (elsewhere and tells_move(before)):
                pieces.append([])
            pieces[-1].append(sentence)
    if len(pieces) == 1:
        return [block]
    return [Block(None, piece, block.group, context=block.text) for piece in pieces if piece]


def _named_in_a_row(block: Block) -> list[Block]:
    """A named block whose text lists more moves in a row, each with its dose ("Mir hilft:
    Kinn zurückziehen 10x, dann Schultern kreisen 15x"): the name keeps the first."""
    pieces: list[list[str]] = [[]]
    for line in block.lines:
        for sentence in _SENTENCE.split(line):
            first, *more = _moves_in_a_row(sentence)
            pieces[-1].append(first)
            pieces += [[clause] for clause in more]
    if len(pieces) == 1:
        return [block]
    rest = [Block(None, piece, block.group, context=block.text) for piece in pieces[1:]]
    return [replace(block, lines=pieces[0]), *rest]


def _moves_in_a_row(sentence: str) -> list[str]:
    """A sentence that lists moves, each with its dose ("chin tucks 10x, then shoulder rolls
    15x, and finally a doorway stretch for 30s"), cut where each next one begins."""
    lex = lexicon()
    parts = re.split(r"(?<=,)\s+", sentence)
    out = [parts[0]]
    for at, part in enumerate(parts[1:], start=1):
        told = re.sub(r"^(?:and|und|y|et)\s+", "", part, flags=re.IGNORECASE)
        rest = " ".join([told, *parts[at + 1 :]])  # its dose may follow: "..., 30 s per side"
        if (
            lex.moves_on.match(told)
            and _names_a_move(told)
            and has_numbers(out[-1])
            and has_numbers(rest)
            and not dose_only(told)
        ):
            out.append(told)
        else:
            out[-1] = f"{out[-1]} {part}"
    return out


# What goes on with the same exercise, after "then", in the grammar's words: its dose, a
# hold, a release, a repeat or the other side ("then ten more", "puis recommencez").
_SAME_ONE = re.compile(
    r"^(?:\d|repeat|hold|stay|rest|relax|release|switch|do (?:it|this|that|the same|the other))",
    re.IGNORECASE,
)


def _names_a_move(clause: str) -> bool:
    """Whether a clause after "then" tells a move of its own, not more of the one before."""
    lex = lexicon()
    after = lex.moves_on.sub("", clause, count=1).lstrip(" ,")
    return not (
        lex.release.match(after)
        or lex.switch.match(after)
        or lex.same_move.match(after)
        or _SAME_ONE.match(rewrite(after))
    )


def _positions(text: str) -> set[str]:
    """The body positions a text names."""
    return {where for where, pattern in lexicon().body if re.search(pattern, text, re.I)}


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
