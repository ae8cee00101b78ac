"""What a spoken line may say: no durations or counts (they belong in hold, reps and sets),
{side} and {other side} only where lines are spoken per side, and which fixed sides it names.

The planner speaks durations and counts from the values in force, so an override (--hold
45, --level strong) can never leave the voice saying a stale number ("hold for 30
seconds"). Numbers that are not durations or counts stay: "a 90-degree angle", "two
hands", "L5", "twice a day", "every 30 minutes".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from .characters import MARKUP, foreign_letters, has_words, named_symbol
from .language import LANGUAGES

_KINDS = ("duration", "sets", "times", "reps")  # what a number with its unit counts
# A bare number its verb makes a duration ("hold for 30") or a count ("do 10").
_BY_VERB = {"duration": "hold_for", "reps": "do"}


@functools.cache
def _patterns(languages: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every language's rules joined, each kind in its own group: a routine's lines are in
    its `language:`, and compile drafts in the article's, so every line is read in all."""
    rules = [LANGUAGES[code].spoken_rules for code in languages]

    def rule(kind: str) -> str:  # one kind in every language; (?!) where none has it
        return "|".join(f"(?:{text})" for r in rules if (text := getattr(r, kind))) or "(?!)"

    with_unit = "|".join(f"(?P<{kind}>{rule(kind)})" for kind in _KINDS)
    by_verb = "|".join(f"(?P<{group}>{rule(kind)})" for group, kind in _BY_VERB.items())
    return re.compile(with_unit, re.IGNORECASE), re.compile(by_verb, re.IGNORECASE)


def _number_in(text: str) -> re.Match[str] | None:
    """The first rule's match: a number with its unit, else one its verb counts."""
    with_unit, by_verb = _patterns(tuple(LANGUAGES))  # as the registry is now, English first
    return with_unit.search(text) or by_verb.search(text)


class _NumberInText:
    """Whether a line says a duration or a count, by every rule of every language
    registered, so that whoever asks "may a line say this?" (compile's fitting, too)
    gets the validator's own answer."""

    def search(self, text: str) -> re.Match[str] | None:
        return _number_in(text)


NUMBER_IN_TEXT = _NumberInText()

_FIX = {
    "duration": "durations go in hold: (the voice says them)",
    "sets": "repeats of the whole exercise go in sets: (the voice says them)",
    "times": "counts go in reps:, or in sets: to repeat the whole exercise (the voice says them)",
    "reps": "counts go in reps: (the voice says them)",
}


def number_problem(key: str, text: str) -> str | None:
    """What is wrong when spoken `text` under `key` carries a duration or a count, else None."""
    match = _number_in(text)
    if match is None:
        return None
    return f"'{key}' says '{match.group(0)}'; {_FIX[match.lastgroup or 'reps']}"


# What a spoken line may fill in: the side being worked and the other one, so an exercise
# done on both sides can say "reach your {side} arm" and be right for each.
SIDE = "{side}"
OTHER_SIDE = "{other side}"
# Where a side word changes its form ("zur {linken/rechten} Schulter", "hombro
# {izquierdo/derecho}"): the word said on the left side, then on the right.
SIDE_PAIR = re.compile(r"\{([^\W\d_][\w'-]{0,29})/([^\W\d_][\w'-]{0,29})\}")
_FILLED = re.compile(r"\{([^{}]*)\}")


def sided(text: str, side: str, word: Callable[[str], str]) -> str:
    """A routine's line for `side` ("left" or "right"): its {left form/right form} pairs
    and its {side} and {other side}, named by `word` (the phrase book's word for each)."""
    other = "right" if side == "left" else "left"
    form = 1 if side == "left" else 2
    text = SIDE_PAIR.sub(lambda m: m.group(form), text)
    return text.replace(SIDE, word(side)).replace(OTHER_SIDE, word(other))


def has_side_placeholder(text: str) -> bool:
    """Whether a spoken line says something different on each side."""
    return SIDE in text or OTHER_SIDE in text or SIDE_PAIR.search(text) is not None


def placeholder_problem(key: str, text: str, *, sided: bool) -> str | None:
    """What is wrong with a {...} in spoken `text` under `key`, if anything; `sided`: the
    line is spoken once per side."""
    for filled in _FILLED.findall(text):
        text_of = "{" + filled + "}"
        if text_of not in (SIDE, OTHER_SIDE) and not SIDE_PAIR.fullmatch(text_of):
            return (
                f"'{key}' has '{text_of}'; only {SIDE}, {OTHER_SIDE} and a side word's two "
                "forms, left then right ({linken/rechten}), are filled in"
            )
        if not sided:
            return f"'{key}' has '{{{filled}}}'; only an exercise's say, cue and positions are spoken per side"
    return None


@functools.cache
def _fixed_side(languages: tuple[str, ...]) -> re.Pattern[str] | None:
    rules = [f"(?:{side})" for code in languages if (side := LANGUAGES[code].fixed_side)]
    return re.compile("|".join(rules), re.IGNORECASE) if rules else None


def fixed_sides(lines: list[str]) -> list[str]:
    """The sides ("left", "right") that `lines` name in fixed words, in the words of any
    language that says how (English's only, so far), in order."""
    pattern = _fixed_side(tuple(LANGUAGES))
    if pattern is None:
        return []
    found = (m for text in lines for m in pattern.finditer(text))
    return sorted({next(side for side in m.groups() if side).lower() for m in found})


def _routine_languages() -> str:
    """Every language a routine may be in, named: "English, German, Spanish or French"."""
    names = [language.name for language in LANGUAGES.values()]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def speech_problem(key: str, text: str) -> str | None:
    """Why the voice cannot say `text` (under `key`) as words, with what to change; None
    when it can. A routine's voices speak Latin letters (English, German, Spanish, French,
    every language registered): see characters.py for what they make of the rest."""
    foreign = foreign_letters(text)
    if foreign is not None:
        kind, letters = foreign
        fix = "write them as 0-9" if kind.endswith("digits") else "write it in Latin letters"
        return (
            f"'{key}' has {kind} ('{letters}'), which the voice of an {_routine_languages()} "
            f"routine reads out one by one by their names; {fix}"
        )
    symbol = named_symbol(text)
    if symbol is not None:
        char, name = symbol
        return f"'{key}' has {char!r}, which the voice says by its name (\"{name}\"); take it out, or write the word you mean"
    markup = MARKUP.search(text)
    if markup is not None:
        return f"'{key}' has markup ('{markup[0]}'), which the voice reads out as letters; write plain text"
    if not has_words(text):
        return f"'{key}' has nothing the voice can say ({text[:20]!a}); write it in words"
    return None
