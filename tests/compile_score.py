"""Scoring compile against hand labels: the fields of every labelled exercise it gets right.

A folder of real texts holds the texts, `labels.yaml` (what a reader who never saw the
rules found in each: routines in order, exercises in order, hold / reps / sets / sides, or
`breaths` / `positions` instead of a hold) and `sources.yaml` (each text's address,
language and layout). Used by the tests and by scripts/score_compile.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from voiceguide.compiler import compile_article, read_article, routine_yaml
from voiceguide.compiler.numbers import SECONDS_PER_BREATH
from voiceguide.routine.reader import parse_routine

FIELDS = ("found", "hold", "reps", "sets", "sides")


def _value(amount) -> tuple[float, float] | None:
    return None if amount is None else (amount.low, amount.high)


def _expected(value) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, str):
        low, high = value.split("-")
        return float(low), float(high)
    return float(value), float(value)


def _field_right(field_name: str, want: dict, ex, guesses: set[str]) -> bool:
    """One labelled field against the compiled exercise (None: not found at all)."""
    if ex is None:
        return False
    if field_name == "found":
        return True
    if field_name == "sides":
        return ex.sides == want["sides"]
    if field_name == "hold" and "positions" in want:
        return len(ex.positions) == want["positions"]
    if field_name == "hold" and "breaths" in want:
        # A hold given in breaths: that many breaths' worth, marked as a guess.
        breaths = _expected(want["breaths"])
        assert breaths is not None
        seconds = tuple(b * SECONDS_PER_BREATH for b in breaths)
        return _value(ex.hold) == seconds and "breaths" in guesses
    if want.get(field_name) is None:
        # Not in the text: left out, or a marked guess; never an invented "fact".
        return (
            field_name in guesses
            or (field_name == "sets" and ex.sets.high == 1)
            or getattr(ex, field_name) is None
        )
    return _value(getattr(ex, field_name)) == _expected(want[field_name]) and (
        field_name not in guesses
    )


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.right += other.right
        self.total += other.total
        self.misses += other.misses

    def __str__(self) -> str:
        share = self.right / self.total if self.total else 0.0
        return f"{self.right}/{self.total} ({share:.1%})"


def _forms(want: dict) -> list[dict]:
    """A label as written and, where it differs, the same instruction in the routine
    format's own terms (DESIGN.md): a hold under ten seconds repeated N times is `reps`
    with a `hold`; whole holds repeated as sets, one side then the other, are `both`
    (each set goes left then right). The labels were written by someone who never read
    the format, so either spelling of the same instruction is right."""
    forms = [want]
    hold = _expected(want.get("hold"))
    if want.get("reps") is None and want.get("sets") is not None and hold and hold[1] < 10:
        forms.append({**want, "reps": want["sets"], "sets": None})
    if want.get("sides") == "alternate":
        forms += [{**f, "sides": "both"} for f in forms if f.get("reps") is None]
    return forms


def _right(want: dict, ex, guesses) -> tuple[int, list[str]]:
    """The most fields of any spelling of `want` that `ex` gets right, and the names missed."""
    best: tuple[int, list[str]] = (-1, [])
    for form in _forms(want):
        missed = [name for name in FIELDS if not _field_right(name, form, ex, guesses)]
        if len(FIELDS) - len(missed) > best[0]:
            best = (len(FIELDS) - len(missed), missed)
    return best


def _compiled(path: Path) -> list[tuple[object, object]]:
    """Every compiled exercise of a text, in order, with its draft (for its guesses)."""
    drafts = compile_article(read_article(path))
    out = []
    for draft in drafts:
        routine = parse_routine(routine_yaml(draft, path.name), f"{draft.slug}.yaml")
        out += list(zip(routine.exercises, draft.exercises, strict=True))
    return out


def score_text(path: Path, routines: list, *, aligned: bool = True) -> Score:
    """Fields right among all of one text's labelled exercises, and which were wrong.

    aligned (the measure): a text's exercises as one sequence, whatever routines they are
    split into, matched to the compiled ones in order by the alignment that gets most
    right; an exercise compile invents costs one field (counted in the total). Not
    aligned: the older rule of tests/articles, routine by routine and position by
    position, and only the label as written.
    """
    if not aligned:
        return _score_by_position(path, routines)
    compiled = _compiled(path)
    wants = [want for exercises in routines for want in exercises]
    n, m = len(wants), len(compiled)
    right = [[_right(w, ex, d.guessed) for ex, d in compiled] for w in wants]
    # best[i][j]: fields right less invented exercises, for the first i labels and j compiled
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        best[0][j] = -j
    for i in range(1, n + 1):
        best[i][0] = 0
        for j in range(1, m + 1):
            best[i][j] = max(
                best[i - 1][j - 1] + right[i - 1][j - 1][0],
                best[i - 1][j],  # a labelled exercise compile missed
                best[i][j - 1] - 1,  # an exercise compile invented
            )
    score = Score()
    i, j = n, m
    while i or j:
        if i and j and best[i][j] == best[i - 1][j - 1] + right[i - 1][j - 1][0]:
            got, missed = right[i - 1][j - 1]
            score.right += got
            score.total += len(FIELDS)
            score.misses += [f"{path.name} #{i} {name}" for name in missed]
            i, j = i - 1, j - 1
        elif i and best[i][j] == best[i - 1][j]:
            score.total += len(FIELDS)
            score.misses += [f"{path.name} #{i} {name}" for name in FIELDS]
            i -= 1
        else:
            score.total += 1
            score.misses.append(f"{path.name} invented exercise {j}")
            j -= 1
    return score


def _score_by_position(path: Path, routines: list) -> Score:
    text = read_article(path)
    drafts = compile_article(text)
    compiled = [parse_routine(routine_yaml(d, path.name), f"{d.slug}.yaml") for d in drafts]
    score = Score()
    for index, exercises in enumerate(routines):
        got = compiled[index].exercises if index < len(compiled) else ()
        guessed = drafts[index].exercises if index < len(drafts) else []
        for number, want in enumerate(exercises):
            ex = got[number] if number < len(got) else None
            guesses = guessed[number].guessed if number < len(guessed) else set()
            for name in FIELDS:
                ok = _field_right(name, want, ex, guesses)
                score.right += ok
                score.total += 1
                if not ok:
                    score.misses.append(f"{path.name} routine {index + 1} #{number + 1} {name}")
    return score


@dataclass
class FolderScore:
    """A labelled folder's score in all, per language, per layout and per text."""

    total: Score
    by_language: dict[str, Score]
    by_layout: dict[str, Score]
    by_text: dict[str, Score]


def score_folder(folder: Path, *, aligned: bool = True) -> FolderScore:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))
    total = Score()
    by_language: dict[str, Score] = defaultdict(Score)
    by_layout: dict[str, Score] = defaultdict(Score)
    by_text: dict[str, Score] = {}
    for name, routines in labels.items():
        one = score_text(folder / name, routines, aligned=aligned)
        by_text[name] = one
        total.add(one)
        by_language[sources[name]["language"]].add(one)
        by_layout[sources[name]["layout"]].add(one)
    return FolderScore(total, dict(by_language), dict(by_layout), by_text)
