"""What a spoken line may say: no durations or counts (they belong in hold, reps and sets),
{side} and {other side} only where lines are spoken per side, and which fixed sides it names.

The planner speaks durations and counts from the values in force, so an override (--hold
45, --level strong) can never leave the voice saying a stale number ("hold for 30
seconds"). Numbers that are not durations or counts stay: "a 90-degree angle", "two
hands", "L5", "twice a day", "every 30 minutes".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .characters import MARKUP, foreign_letters, has_words, named_symbol

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# Number words from two up: "one" alone is left out, or it would catch "one leg", "one side".
_WORDS = (
    rf"(?:(?:{_TENS})(?:[\s-](?:{_UNITS}))?|{_TEENS}|{_UNITS.removeprefix('one|')}"
    r"|a\s+hundred|hundred)"
)
_NUMBER = rf"(?:\d+(?:\.\d+)?|{_WORDS})"
_RANGE = rf"{_NUMBER}(?:\s*(?:-|–|to|or)\s*{_NUMBER})?"
# Advice on how often to do the routine is not a count of anything the planner says.
_NOT_HOW_OFTEN = r"(?!\s+(?:a|per|each|every)\s+(?:day|week|month|hour)\b|\s+daily\b)"
# After "10 of these": said of reps ("..., slowly", "on each side"), not of things
# ("five of them on a chair").
_AFTER_OF = (
    r"(?=\s*(?:[,.;:!?)]|$|\s+(?:slowly|gently|on\s+each|each|per|in\s+a\s+row|or\s+so"
    r"|or\s+more|more)\b))"
)
_AFTER_DO = (
    r"(?=\s*(?:[,.;:!?)]|$|\s+(?:of|on|each|per|more|slowly|gently|reps?|times|with|in\s+a\s+row"
    r"|or\s+so|or\s+more|and|then)\b))"
)

# Numbers with a unit that says what they count: these name the field best.
_DURATION = (
    # "30 seconds", "a 30-second hold", "two minutes", "one minute", "4 counts"
    rf"(?<!\bevery\s)\b(?:{_RANGE}|one)[\s-]*(?:seconds?|secs?|minutes?|mins?|counts?)\b"
    # "30s", "5 s"
    r"|\b\d+(?:\.\d+)?\s?s\b"
    # "a slow count of five", "count to 10"
    rf"|\bcount(?:ing)?\s+(?:of|to)\s+(?:{_NUMBER}|one)\b"
)
_SETS = rf"\b{_RANGE}[\s-]*(?:sets?|rounds?|circuits?)\b{_NOT_HOW_OFTEN}"
_TIMES = rf"\b{_RANGE}\s+times\b{_NOT_HOW_OFTEN}|\btwice\b{_NOT_HOW_OFTEN}"
_REPS = (
    # "12 reps", "10 repetitions"
    rf"\b{_RANGE}[\s-]*(?:reps?|repetitions?)\b"
    # "10-15 of these", "five of them, slowly"
    rf"|\b{_RANGE}\s+of\s+(?:these|them|those){_AFTER_OF}"
    # "10x", "3 x 10"
    r"|\b\d+\s?[x×](?:\s?\d+\b)?(?=\s|$|[,.;:!?])"
)
# A bare number that only its verb makes a duration or a count.
_HOLD_FOR = rf"\bhold(?:\s+(?:it|this|that|still|there))?\s+for\s+(?:about\s+|around\s+)?{_RANGE}\b"
_DO = (
    rf"\b(?:do|repeat|perform|complete|aim\s+for)\s+(?:(?:about|around|roughly|approximately"
    rf"|up\s+to|at\s+least|another|only|just)\s+)?{_RANGE}{_AFTER_DO}"
)

# The same in German, Spanish and French lines ("30 Sekunden", "dos series de 10", "répétez
# deux fois"): a routine's lines are in its `language:`, and compile drafts in the article's.
_FOREIGN_WORDS = (
    "zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig"
    "|vierzig|fünfzig|sechzig|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince"
    "|veinte|treinta|cuarenta|cincuenta|sesenta|deux|trois|quatre|cinq|sept|huit|neuf|dix"
    "|douze|quinze|vingt|trente|quarante|cinquante|soixante"
)
_FOREIGN_NUMBER = rf"(?:\d+(?:[.,]\d+)?|{_FOREIGN_WORDS})"
_FOREIGN_RANGE = rf"{_FOREIGN_NUMBER}(?:\s*(?:-|–|bis|oder|a|y|o|à|et|ou)\s*{_FOREIGN_NUMBER})?"
_FOREIGN_HOW_OFTEN = (
    r"(?!\s+(?:am|pro|al|por|par|a\s+la)\s+(?:tag|woche|día|semana|jour|semaine)\b"
    r"|\s+(?:täglich|wöchentlich|diarias?|quotidiennement)\b)"
)
_DURATION += (
    rf"|\b{_FOREIGN_RANGE}\s*(?:sekunden|sekunde|sek|minuten|segundos?|seg|minutos?|secondes?)"
    r"(?=\W|$)|\b(?:eine|einer|un|une)\s+(?:minute|minuto)\b"
)
_SETS += rf"|\b{_FOREIGN_RANGE}\s*(?:sätze|serien|durchgänge|runden|series|séries)\b"
_TIMES += (
    rf"|\b{_FOREIGN_RANGE}\s*-?\s*(?:mal|veces|fois)\b{_FOREIGN_HOW_OFTEN}"
    rf"|\b(?:zwei|drei|vier|fünf|sechs|acht|zehn)mal\b{_FOREIGN_HOW_OFTEN}"
)
_REPS += rf"|\b{_FOREIGN_RANGE}\s*(?:wiederholungen|wdh|repeticiones|répétitions)(?=\W|$)"

_WITH_UNIT = re.compile(
    rf"(?P<duration>{_DURATION})|(?P<sets>{_SETS})|(?P<times>{_TIMES})|(?P<reps>{_REPS})",
    re.IGNORECASE,
)
_BY_VERB = re.compile(rf"(?P<duration>{_HOLD_FOR})|(?P<reps>{_DO})", re.IGNORECASE)
# Every rule in one pattern, so that whoever asks "may a line say this?" (compile's
# fitting, too) gets the validator's own answer.
NUMBER_IN_TEXT = re.compile(
    "|".join(f"(?:{rule})" for rule in (_DURATION, _SETS, _TIMES, _REPS, _HOLD_FOR, _DO)),
    re.IGNORECASE,
)

_FIX = {
    "duration": "durations go in hold: (the voice says them)",
    "sets": "repeats of the whole exercise go in sets: (the voice says them)",
    "times": "counts go in reps:, or in sets: to repeat the whole exercise (the voice says them)",
    "reps": "counts go in reps: (the voice says them)",
}


def number_problem(key: str, text: str) -> str | None:
    """What is wrong when spoken `text` under `key` carries a duration or a count, else None."""
    match = _WITH_UNIT.search(text) or _BY_VERB.search(text)
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


# A side named in fixed words, in an exercise done on both sides: one of them hears it wrong.
_FIXED_SIDE = re.compile(
    r"\b(?:your|the|to the|on the|toward the|towards the)\s+(left|right)\b"
    r"|\b(left|right)\s+(?:side|arm|leg|hand|foot|knee|hip|shoulder|ear|elbow|heel|wrist|ankle)s?\b",
    re.IGNORECASE,
)


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


def fixed_sides(lines: list[str]) -> list[str]:
    """The sides ("left", "right") that `lines` name in fixed words, in order."""
    return sorted({(a or b).lower() for text in lines for a, b in _FIXED_SIDE.findall(text)})


def speech_problem(key: str, text: str) -> str | None:
    """Why the voice cannot say `text` (under `key`) as words, with what to change; None
    when it can. A routine's voices speak Latin letters (English, German, Spanish, French):
    see characters.py for what they make of the rest."""
    foreign = foreign_letters(text)
    if foreign is not None:
        kind, letters = foreign
        fix = "write them as 0-9" if kind.endswith("digits") else "write it in Latin letters"
        return (
            f"'{key}' has {kind} ('{letters}'), which the voice of an English, German, "
            f"Spanish or French routine reads out one by one by their names; {fix}"
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
