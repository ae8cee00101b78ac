"""The words the extractor reads an article by, one table per language (en, de, es, fr).

Numbers are found by one grammar, written in English (numbers.py): a German, Spanish or
French article's words for durations, counts, sets and sides are rewritten into it
(`Lexicon.rewrite`) only to be read, never in what is written out. Everything else a
language words its own way (a release to leave out, a switch of sides, a side named in
fixed words, a body position, a safety heading) is a field of its table.

The article's language is one fact about the whole article, asked for by small
functions three calls deep (a block's numbers, a clause's release): `use` sets it for
the compile of one article and `current` answers it, English outside any compile.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from text_to_num import alpha2digit, text2num

from ..language import DEFAULT, LANGUAGES

Pattern = re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """One language's words for what the extractor looks for."""

    code: str
    # Article words -> the number grammar's English words, in order ("30 Sekunden" ->
    # "30 seconds"); English has none.
    rewrites: tuple[tuple[Pattern, str | Callable[[re.Match[str]], str]], ...]
    is_instruction: Callable[[str], bool]  # a sentence telling the listener what to do
    leading: Pattern  # "Now", "Then", "Gently": said without
    release: Pattern  # "then relax" after a hold or count: the planner's to say
    switch: Pattern  # "switch sides": the planner's to say
    clauses: Pattern  # where a sentence splits into clauses (one may state a number)
    schedule: Pattern  # how often ("every day"): no instruction to follow now
    side_word: Pattern  # a side named in fixed words: groups before, side, lone
    side_of: Callable[[str], str]  # a side word -> "left" or "right"
    safety: Pattern  # words of safety advice
    safety_advice: Pattern  # what makes a safety line advice to keep (stop, ask...)
    safety_heading: Pattern  # a heading of safety advice ("## Safety")
    safety_sentence: Pattern  # a sentence of it the listener must hear
    posture_group: Pattern  # a heading of a posture group ("Sitting", "Im Sitzen")
    group_filler: frozenset[str]  # words beside the posture in such a heading
    section_words: Pattern  # a section title, not an exercise's name
    labels: frozenset[str]  # "Hold: ...", "Note: ...": a label, not an exercise's name
    how: Pattern  # "How: ...": the one exercise's instructions
    moves_on: Pattern  # a sentence that moves to the next exercise ("Next, ...")
    body: tuple[tuple[str, str], ...]  # (position, pattern), in order of preference
    group_position: dict[str, str]  # a posture group's word -> position
    movement: Pattern  # a move done in reps, where no count is given
    repeat_after_hold: Pattern  # "then relax and repeat": a held move done several times
    equipment: tuple[tuple[Pattern, str], ...]  # (pattern, as the voice says it)
    get_into_position: str  # the line said when none is left: "... for the {lower}."
    get_ready: str  # the same without the exercise's name
    articles: frozenset[str] = field(default_factory=frozenset)  # "the", "your": not in names
    # How long, at the end of a movement ("..., etwa 20 Sekunden lang"), and the verbs of
    # holding that leave nothing to say without it; English's are sentences.py's own.
    timed: Pattern | None = None
    holding: frozenset[str] = field(default_factory=frozenset)
    # A side word -> the other side's word in the same form ("linken" -> "rechten"), given
    # the line before it (French picks "droit" or "droite" by the noun); None where the
    # side word never changes form (English writes {side} and {other side}).
    other_form: Callable[[str, str], str] | None = None
    # A sentence a writer tells of themselves, as an instruction ("Hier bleibe ich" ->
    # "Hier bleibe"); None where the language's first person is left as written.
    to_listener: Callable[[str], str] | None = None
    # A page's part that is a routine of its own: "Routine B", "Teil 2" (and "A. ..." in all).
    parts: Pattern = re.compile(r"(?!)")
    # "each exercise", "chacun": a dose for every exercise that follows.
    each_one: Pattern = re.compile(r"(?!)")
    # "This exercise", "Diese Übung": a sentence that opens so speaks of the exercise told
    # just before ("Diese Übung dreimal wiederholen" gives its dose).
    this_one: Pattern = re.compile(r"(?!)")
    # After "then", the same move the other way or a rest between ("then forwards 8 times",
    # "dann eine kurze Pause"): no new exercise.
    same_move: Pattern = re.compile(r"(?!)")
    # "the exercises", plural: with a schedule ("do the exercises once a day") a line is
    # advice on the whole programme, never one exercise, whatever numbers it gives.
    the_exercises: Pattern | None = None

    @functools.cached_property
    def safety_line(self) -> Pattern:
        """A line that starts as safety advice ("Warning: ...", "Attention : ...")."""
        return re.compile(rf"^(?:{self.safety_heading.pattern})\s*:", re.IGNORECASE)


_CURRENT: ContextVar[str] = ContextVar("compile_language", default=DEFAULT)


@functools.cache
def for_language(code: str) -> Lexicon:
    """The table of `code` (one of language.LANGUAGES)."""
    if code not in LANGUAGES:
        raise ValueError(f"no lexicon for {code!r}")
    # Imported when first asked for: English's table gathers the extractor's own
    # constants, whose modules import this one.
    return importlib.import_module(f"{__name__}.{code}").LEXICON


def current() -> Lexicon:
    """The table of the article being compiled (English outside a compile)."""
    return for_language(_CURRENT.get())


@contextmanager
def use(code: str) -> Iterator[Lexicon]:
    """Read with `code`'s table inside the block."""
    token = _CURRENT.set(code)
    try:
        yield for_language(code)
    finally:
        _CURRENT.reset(token)


def rewrite(text: str) -> str:
    """`text` in the number grammar's words, for reading its numbers (English: as is)."""
    for pattern, replacement in current().rewrites:
        text = pattern.sub(replacement, text)
    return text


_LABELLED = re.compile(r"^([^\W\d][^:.!?]{0,38}?)\s*(?::\s*(.*))?$", re.DOTALL)


def field_label(line: str) -> tuple[str, str] | None:
    """A handout's field label and what follows it ("Starting position: Sit tall",
    "Repeticiones: 12", "Mouvement" alone), or None: a label names no exercise."""
    match = _LABELLED.match(line)
    if not match:
        return None
    phrase = match[1].lower()
    labels = current().labels
    if phrase in labels or (match[2] is not None and phrase.split()[0] in labels):
        return match[1], match[2] or ""
    return None


def programme_advice(text: str) -> bool:
    """Advice on the exercises, plural, with how often to do them: the whole programme's."""
    lex = current()
    return bool(lex.the_exercises and lex.the_exercises.search(text) and lex.schedule.search(text))


_SECOND = re.compile(r"(?<=[Ss]e)c(?=ond)")
_SEKOND = re.compile(r"(?<=[Ss]e)k(?=ond)")


def in_digits(text: str, code: str) -> str:
    """Number words in digits, by text2num ("zwölf bis fünfzehn" -> "12 bis 15"); "one",
    "un", "ein" alone stay words (mostly an article: "one arm", "un brazo")."""
    # "second" is also an ordinal to text2num ("hold a second" -> "a 2nd"), and it reads
    # no number before a hyphen ("a five-second hold").
    text = _SECOND.sub("k", re.sub(r"(\w)-(?=(?:second|minute)s?\b)", r"\1 ", text))
    return _SEKOND.sub("c", alpha2digit(text, code, threshold=2))


def spelled(code: str) -> tuple[Pattern, Callable[[re.Match[str]], str]]:
    """A rewrite of all the text's number words into digits (see `in_digits`)."""
    return re.compile(r"(?s).+"), lambda match: in_digits(match.group(0), code)


def word_value(word: str, code: str) -> int | None:
    """The number one word says ("drei" -> 3), or None."""
    try:
        return int(text2num(word.lower(), code))
    except ValueError:
        return None


def words(text: str) -> frozenset[str]:
    """A word list written as text: one word each, "_" joining a phrase ("key_points")."""
    return frozenset(word.replace("_", " ") for word in text.split())


Replacement = str | Callable[[re.Match[str]], str]


def compiled(
    rules: list[tuple[str | Pattern, Replacement]],
) -> tuple[tuple[Pattern, Replacement], ...]:
    """Rewrite rules, each pattern compiled case-insensitive (if it is not yet)."""
    return tuple(
        (p if isinstance(p, re.Pattern) else re.compile(p, re.IGNORECASE), r) for p, r in rules
    )
