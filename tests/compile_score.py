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


def score_text(path: Path, routines: list) -> Score:
    """Fields right among all of one text's labelled exercises, and which were wrong."""
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


def score_folder(folder: Path) -> FolderScore:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))
    total = Score()
    by_language: dict[str, Score] = defaultdict(Score)
    by_layout: dict[str, Score] = defaultdict(Score)
    by_text: dict[str, Score] = {}
    for name, routines in labels.items():
        one = score_text(folder / name, routines)
        by_text[name] = one
        total.add(one)
        by_language[sources[name]["language"]].add(one)
        by_layout[sources[name]["layout"]].add(one)
    return FolderScore(total, dict(by_language), dict(by_layout), by_text)
