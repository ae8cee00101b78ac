"""Drafts cut to what `voiceguide validate` accepts, so compile never writes one it refuses.

The rules come from the validator itself (its limits and its number pattern), so the two
cannot drift apart; what had to change is counted, for one warning line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

# The validator's own rule for numbers in spoken text, so the two can never disagree.
from ..amounts import LIMITS
from ..planning.planner import MAX_ROUTINE_SECONDS
from ..routine.model import MAX_EXERCISES, slugify
from ..routine.reader import MAX_TEXT
from ..routine.reader import NUMBER_IN_TEXT as SPOKEN_NUMBER
from ..spoken import speech_problem
from .draft import Draft, DraftExercise
from .lexicon import current
from .sentences import sentences

MAX_HOLD_SECONDS = int(LIMITS["hold"].high)
MAX_COUNT = int(min(LIMITS["reps"].high, LIMITS["sets"].high))

# A book of exercises would give hundreds of files; ten routines of a hundred is plenty.
MAX_DRAFTS = 10
# Blocks past this many are not even drafted: each becomes at least one exercise, so they
# could only be left out, and drafting them was half the time of a 1 MB article.
MAX_BLOCKS = MAX_DRAFTS * MAX_EXERCISES
# A spoken setup is a few sentences; more would not fit in the listener's head, and it
# keeps the largest possible draft well under the validator's 1 MB file limit.
MAX_SAY_LINES = 8
MAX_STEPS = 8
MAX_SLUG = 60  # it goes into file names (NAME-slug.yaml), which have a length limit
_PART_ROOM = len(", part 100")  # kept free in a title for the part number


@dataclass
class Changes:
    """What fitting changed, counted for the warning."""

    exercises_found: int = 0
    exercises_left_out: int = 0
    parts: int = 0  # drafts that had to be split
    texts: int = 0  # lines shortened or left out
    values: int = 0  # holds, reps or sets brought within the limits

    def warnings(self) -> list[str]:
        out = []
        if self.parts or self.exercises_left_out:
            left_out = (
                f"; the last {self.exercises_left_out} are left out (at most {MAX_DRAFTS} drafts)"
                if self.exercises_left_out
                else ""
            )
            out.append(
                f"{self.exercises_found} exercises found; a routine holds at most {MAX_EXERCISES}, so the drafts are split into parts{left_out}"
            )
        changed = [
            f"{self.texts} lines of text shortened or left out" if self.texts else "",
            f"{self.values} values brought within the limits" if self.values else "",
        ]
        if any(changed):
            out.append(
                f"{' and '.join(c for c in changed if c)} (text {MAX_TEXT} characters, hold {MAX_HOLD_SECONDS} s, reps and sets {MAX_COUNT}, no numbers in spoken lines); check them"
            )
        return out


def fit_text(text: str, limit: int = MAX_TEXT) -> str:
    """Whitespace tidied, cut at a word to at most `limit` characters ('' if nothing left)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut[:limit].rstrip(" ,;:-")


def spoken_ok(line: str) -> bool:
    """Whether the validator takes `line` as spoken text."""
    text = " ".join(line.split())
    return (
        bool(text)
        and len(text) <= MAX_TEXT
        and not SPOKEN_NUMBER.search(text)
        and speech_problem("say", text) is None  # words the voice can say ("·" is none)
    )


def _name(name: str, number: int) -> str:
    """An exercise's name as the validator takes it: a heading of nothing but marks
    ("·", "***") becomes "Exercise 3", as an unnamed block is called."""
    return name if speech_problem("name", name) is None else f"Exercise {number}"


def _duration(value: tuple[float, float], changes: Changes) -> tuple[float, float]:
    """Seconds from 1 to MAX_HOLD_SECONDS (below 1e-4 the writer would print '1e-05')."""
    low, high = (min(max(v, 1.0), MAX_HOLD_SECONDS) for v in value)
    if (low, high) != tuple(value):
        changes.values += 1
    return low, max(low, high)


def _count(value: tuple[float, float], changes: Changes) -> tuple[float, float]:
    """A whole number from 1 to MAX_COUNT."""
    low, high = (float(min(max(math.floor(v + 0.5), 1), MAX_COUNT)) for v in value)
    if (low, high) != tuple(value):
        changes.values += 1
    return low, max(low, high)


def _say(lines: list[str], changes: Changes) -> list[str]:
    kept = [" ".join(line.split()) for line in lines if spoken_ok(line)][:MAX_SAY_LINES]
    changes.texts += len(lines) - len(kept)
    return kept


def _exercise(ex: DraftExercise, changes: Changes) -> DraftExercise:
    ex = replace(ex, guessed=dict(ex.guessed))
    steps = [(" ".join(say.split()), _duration(hold, changes)) for say, hold in ex.steps]
    ex.steps = [(say, hold) for say, hold in steps if spoken_ok(say)][:MAX_STEPS]
    changes.texts += len(steps) - len(ex.steps)
    if steps and not ex.steps:  # no position could be said: one plain hold instead
        ex.hold = steps[0][1]
        if "positions" in ex.guessed:
            ex.guessed["hold"] = ex.guessed["positions"]
    ex.say = _say(ex.say, changes)
    if not ex.say:
        lex = current()
        fallback = lex.get_into_position.format(name=ex.name, lower=ex.name.lower())
        ex.say = [fallback if spoken_ok(fallback) else lex.get_ready]
    ex.hold = _duration(ex.hold, changes) if ex.hold else None
    ex.reps = _count(ex.reps, changes) if ex.reps else None
    ex.sets = _count(ex.sets, changes) if ex.sets else None
    ex.tempo = min(max(ex.tempo, 1), LIMITS["tempo"].high) if ex.tempo else None
    return ex


# Work a draft may hold: the session limit, less room for what is said, rests and setting
# up (which the planner adds), so a draft within it is one the validator plans.
WORK_BUDGET = MAX_ROUTINE_SECONDS / 2
SECONDS_PER_REP = 3.0  # a rep at a calm pace, when the article gives no tempo


def _work(ex: DraftExercise) -> float:
    """Seconds of holding and moving `ex` asks for at most (its ranges' high ends)."""
    held = (ex.hold[1] if ex.hold else 0.0) + sum(hold[1] for _, hold in ex.steps)
    each = ex.reps[1] * ((ex.tempo or SECONDS_PER_REP) + held) if ex.reps else held
    sides = 1 if ex.sides == "none" else 2
    return max(each, 1.0) * (ex.sets[1] if ex.sets else 1) * sides


def _within_the_session(exercises: list[DraftExercise], changes: Changes) -> list[DraftExercise]:
    """The exercise that asks for the most work cut (sets, then reps, then holds), again
    while the draft asks for more than a session holds (500 reps repeated 300 times), so
    the validator's session limit is kept too; values within reason stay as written."""
    fitted = list(exercises)
    for _ in range(len(fitted) * 3):
        total = sum(_work(ex) for ex in fitted)
        if total <= WORK_BUDGET:
            break
        index = max(range(len(fitted)), key=lambda n: _work(fitted[n]))
        ex = fitted[index]
        target = max(WORK_BUDGET - (total - _work(ex)), WORK_BUDGET / len(fitted))
        for field in ("sets", "reps", "hold"):
            value = getattr(ex, field)
            if _work(ex) <= target or value is None or value[1] <= 1:
                continue
            high = max(1.0, math.floor(value[1] * target / _work(ex)))
            cut: dict[str, Any] = {field: (min(value[0], high), high)}
            ex = replace(ex, **cut)
            changes.values += 1
        if ex == fitted[index]:
            break  # nothing left to cut
        fitted[index] = ex
    return fitted


def _intro(intro: str | None, changes: Changes) -> str | None:
    """Whole sentences of the intro, as many as fit in one spoken line."""
    if not intro:
        return None
    kept: list[str] = []
    for sentence in sentences(intro):
        if spoken_ok(sentence) and len(" ".join([*kept, sentence])) <= MAX_TEXT:
            kept.append(" ".join(sentence.split()))
        else:
            changes.texts += 1
    return " ".join(kept) or None


def _parts(draft: Draft) -> list[Draft]:
    """The draft, or its exercises in parts of at most MAX_EXERCISES."""
    if len(draft.exercises) <= MAX_EXERCISES:
        return [draft]
    chunks = range(0, len(draft.exercises), MAX_EXERCISES)
    return [
        replace(
            draft,
            title=f"{draft.title}, part {n}",
            slug=f"{draft.slug}-{n}",
            exercises=draft.exercises[start : start + MAX_EXERCISES],
        )
        for n, start in enumerate(chunks, 1)
    ]


def _unique_slugs(drafts: list[Draft]) -> list[Draft]:
    """Each draft its own slug: two drafts must never be written to the same file."""
    seen: set[str] = set()
    out = []
    for draft in drafts:
        base = slugify(draft.slug)[:MAX_SLUG].strip("-") or "routine"
        slug, number = base, 2
        while slug in seen:
            slug, number = f"{base}-{number}", number + 1
        seen.add(slug)
        out.append(replace(draft, slug=slug))
    return out


def fit_drafts(drafts: list[Draft], *, not_drafted: int = 0) -> tuple[list[Draft], list[str]]:
    """Drafts that validate, and one warning line per kind of change made to them.

    `not_drafted`: exercises the article has past MAX_BLOCKS, left out before drafting.
    """
    changes = Changes()
    found = [replace(d, title=_title(d.title, changes)) for d in drafts if d.exercises]
    changes.exercises_found = sum(len(d.exercises) for d in found) + not_drafted
    parts = [part for draft in found for part in _parts(draft)]
    changes.parts = len(parts) - len(found)
    kept = parts[:MAX_DRAFTS]
    changes.exercises_left_out = sum(len(d.exercises) for d in parts[MAX_DRAFTS:]) + not_drafted
    fitted = [
        replace(
            draft,
            intro=_intro(draft.intro, changes),
            exercises=_within_the_session(
                [
                    _exercise(replace(ex, name=_name(ex.name, number)), changes)
                    for number, ex in enumerate(draft.exercises, 1)
                ],
                changes,
            ),
        )
        for draft in kept
    ]
    return _unique_slugs(fitted), changes.warnings()


def _title(title: str, changes: Changes) -> str:
    fitted = fit_text(title, MAX_TEXT - _PART_ROOM)
    if not fitted or speech_problem("title", fitted) is not None:
        fitted = "Routine"
    changes.texts += fitted != " ".join(title.split())
    return fitted


def source_name(name: str) -> str:
    """The article's file name as the draft's `source`: valid text, whatever the name."""
    # A name that is not UTF-8 arrives with surrogates, which YAML cannot write.
    text = fit_text(name.encode("utf-8", "replace").decode("utf-8"))
    return text or "article"
