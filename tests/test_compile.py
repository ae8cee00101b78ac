"""Compiling articles into draft routines (issue 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from audio_probe import RATE, decode
from click.testing import CliRunner
from compile_score import score_folder
from helpers import REPORT

from voiceguide.cli import cli
from voiceguide.compiler import compile_article, read_article, routine_yaml
from voiceguide.compiler.numbers import SECONDS_PER_BREATH
from voiceguide.library import all_bundled
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.routine.reader import parse_routine

ARTICLES = Path(__file__).parent / "articles"
# Our own short retellings of the source documents the bundled routines were drafted from,
# one per document, named after it (the routines' `source:`): same exercises and numbers.
SEEDS = ARTICLES / "seeds"
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


def _compiled(text: str, name: str):
    """Compile and read back through the real loader, as `voiceguide validate` would."""
    return [parse_routine(routine_yaml(d, name), f"{d.slug}.yaml") for d in compile_article(text)]


def test_the_source_documents_compile_to_the_bundled_routines():
    bundled = {}
    for routine in all_bundled():
        if routine.language == "en":  # translations are not what compile makes
            bundled.setdefault(routine.source, []).append(routine)
    for source, routines in bundled.items():
        compiled = _compiled((SEEDS / source).read_text(encoding="utf-8"), source)
        order = ["lying", "sitting", "standing"]
        routines.sort(key=lambda r: next((i for i, w in enumerate(order) if w in r.slug), 0))
        assert len(compiled) == len(routines), source
        for want, got in zip(routines, compiled, strict=True):
            assert len(got.exercises) == len(want.exercises), (
                source,
                [e.name for e in got.exercises],
            )
            for a, b in zip(want.exercises, got.exercises, strict=True):
                assert (b.hold, b.reps, b.sets, b.sides) == (a.hold, a.reps, a.sets, a.sides), (
                    source,
                    a.name,
                    b.name,
                )
                assert [s.hold for s in b.positions] == [s.hold for s in a.positions], (
                    source,
                    a.name,
                )


def _score(name: str, routines: list) -> tuple[int, int, list[str]]:
    """Fields right and fields in all of one article's exercises, and which were wrong."""
    text = read_article(ARTICLES / name)
    drafts = compile_article(text)
    compiled = _compiled(text, name)
    right = total = 0
    misses = []
    for index, exercises in enumerate(routines):
        got = compiled[index].exercises if index < len(compiled) else ()
        guessed = drafts[index].exercises if index < len(drafts) else []
        for number, want in enumerate(exercises):
            ex = got[number] if number < len(got) else None
            guesses = guessed[number].guessed if number < len(guessed) else set()
            for field in FIELDS:
                if ex is None:
                    ok = False
                elif field == "found":
                    ok = True
                elif field == "sides":
                    ok = ex.sides == want["sides"]
                elif field == "hold" and "positions" in want:
                    ok = len(ex.positions) == want["positions"]
                elif field == "hold" and "breaths" in want:
                    # A hold given in breaths: that many breaths' worth, marked as a guess.
                    breaths = _expected(want["breaths"])
                    seconds = tuple(b * SECONDS_PER_BREATH for b in breaths)
                    ok = _value(ex.hold) == seconds and "breaths" in guesses
                elif want.get(field) is None:
                    # Not in the article: left out, or a marked guess; never an invented "fact".
                    ok = (
                        field in guesses
                        or (field == "sets" and ex.sets.high == 1)
                        or getattr(ex, field) is None
                    )
                else:
                    ok = (
                        _value(getattr(ex, field)) == _expected(want[field])
                        and field not in guesses
                    )
                right += ok
                total += 1
                if not ok:
                    misses.append(f"{name} #{number + 1} {field}")
    return right, total, misses


def test_our_own_articles_come_out_right_at_least_95_times_in_100():
    expected = yaml.safe_load((ARTICLES / "expected.yaml").read_text())
    right = total = 0
    misses = []
    for name, routines in expected.items():
        one_right, one_total, one_misses = _score(name, routines)
        REPORT.append(f"compile accuracy on {name}: {one_right}/{one_total} fields")
        right, total, misses = right + one_right, total + one_total, misses + one_misses
    REPORT.append(
        f"compile accuracy on {len(expected)} test articles: {right}/{total} fields ({right / total:.1%})"
    )
    assert len(expected) >= 23
    assert right / total >= 0.95, misses


@pytest.mark.parametrize(
    "name",
    # The PDF handouts are read (and their drafts checked) in test_pdf.py.
    sorted(p.name for p in ARTICLES.iterdir() if p.suffix in (".md", ".txt", ".html")),
)
def test_every_draft_validates_and_marks_its_guesses(name):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    for draft in compile_article(text):
        yaml_text = routine_yaml(draft, name)
        routine = parse_routine(yaml_text, "draft.yaml")
        assert routine.exercises
        for ex in draft.exercises:
            for field in ex.guessed:
                assert "guessed" in yaml_text, field


def test_noise_is_left_out_and_safety_advice_becomes_the_intro():
    (draft,) = compile_article((ARTICLES / "07-noisy-blog.txt").read_text())
    text = routine_yaml(draft, "07-noisy-blog.txt").lower()
    for noise in ("subscribe", "click here", "instagram", "office chairs", "tired of feeling"):
        assert noise not in text
    assert draft.intro == "If an exercise hurts, stop and ask a physiotherapist."


def test_a_compiled_draft_builds(tmp_path):
    out = tmp_path / "desk.yaml"
    result = CliRunner().invoke(
        cli, ["compile", str(ARTICLES / "01-numbered-steps.md"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Chin Tuck           sitting   5     10" in result.stderr  # the summary table
    built = build(parse_routine(out.read_text(), str(out)), output=OutputSettings(tmp_path))
    assert abs(len(decode(built.path)) / RATE - built.timeline.seconds) < 0.03


def test_groups_become_separate_files(tmp_path):
    result = CliRunner().invoke(
        cli, ["compile", str(ARTICLES / "10-groups.md"), "-o", str(tmp_path / "care.yaml")]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["care-sitting.yaml", "care-standing.yaml"]
    assert CliRunner().invoke(cli, ["validate", *map(str, tmp_path.iterdir())]).exit_code == 0


def test_printing_to_stdout_and_an_article_without_exercises(tmp_path):
    result = CliRunner().invoke(cli, ["compile", str(ARTICLES / "02-bullets.txt")])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Draft routine compiled by voiceguide from 02-bullets.txt.")
    empty = tmp_path / "empty.txt"
    empty.write_text("Just a thought about chairs.\n")
    result = CliRunner().invoke(cli, ["compile", str(empty)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"voiceguide: error: found no exercises in {empty}; it needs instructions with holds, reps or numbered steps\n"
    )


# The held-out split of real public pages (tests/compile_real/frozen), scored before compile
# changed for issue 25 and after its first round: by position 35.8% -> 61.8%, aligned (the
# measure now: tests/compile_score.py) 44.2% -> 67.5%. Issue 25 asks for 90%; this is the
# floor reached, less a small margin. Per-text misses are never printed: the split must
# not be tuned on.
FROZEN_FLOOR = 0.65


def test_real_pages_held_out_come_out_right_at_least_as_often_as_the_floor():
    result = score_folder(Path(__file__).parent / "compile_real" / "frozen")
    REPORT.append(f"compile accuracy on the frozen real pages: {result.total}")
    for title, table in (("language", result.by_language), ("layout", result.by_layout)):
        REPORT.append(
            f"  by {title}: " + ", ".join(f"{key} {score}" for key, score in sorted(table.items()))
        )
    total = result.total
    assert total.right / total.total >= FROZEN_FLOOR, str(total)
