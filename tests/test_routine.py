"""The loader: the bundled routines load, and every bad file gets an error naming its line."""

from pathlib import Path

import pytest

from voiceguide.amounts import Amount
from voiceguide.errors import LocatedError
from voiceguide.library import all_bundled, bundled_paths
from voiceguide.routine.reader import load_routine, parse_routine

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

GOOD = """\
title: Test
exercises:
  - name: Chair backbend
    position: sitting
    say: Lean back over the chair.
    hold: 30
"""


def error_for(text: str) -> LocatedError:
    with pytest.raises(LocatedError) as caught:
        parse_routine(text, "bad.yaml")
    return caught.value


def test_a_good_routine_loads():
    routine = parse_routine(GOOD, "good.yaml")
    assert routine.slug == "good"
    assert routine.exercises[0].hold == Amount(30, 30)
    assert routine.exercises[0].say == ("Lean back over the chair.",)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        (
            GOOD.replace("    hold: 30", "    hodl: 30"),
            6,
            5,
            "unknown key 'hodl' in an exercise; did you mean 'hold'?",
        ),
        (GOOD.replace("hold: 30", "hold: -3"), 6, 11, "hold must be positive, got -3"),
        (GOOD.replace("hold: 30", "hold: '30-10'"), 6, 11, "range must go from low to high"),
        (GOOD.replace("hold: 30", "hold: soon"), 6, 11, "'soon' is not a duration"),
        ("title: Empty\nexercises: []\n", 2, 12, "'exercises' must be a non-empty list"),
        ("title: x\nexercises:\n  - name: a\n    say: [unclosed\n", 5, 1, "not valid YAML"),
        ("just some words\n", 1, 1, "a routine must be a mapping"),
        (GOOD.replace("position: sitting", "position: sittin"), 4, 15, "did you mean 'sitting'?"),
        (
            GOOD.replace("Lean back over the chair.", "Lean back for 30 seconds."),
            5,
            10,
            "'30 seconds'",
        ),
        (
            GOOD.replace("    hold: 30\n", ""),
            3,
            5,
            "needs 'hold' (seconds), 'reps', or 'positions'",
        ),
        (
            GOOD + "  - name: Chair backbend\n    position: lying\n    say: Again.\n    hold: 5\n",
            7,
            1,
            "used twice (first on line 3)",
        ),
        (GOOD.replace("title: Test\n", "titel: Test\n"), 1, 1, "did you mean 'title'?"),
        (
            GOOD.replace("hold: 30", "hold: 30\n    tempo: 2"),
            7,
            12,
            "'tempo' paces reps that have no hold",
        ),
        (GOOD.replace("hold: 30", "hold: 5000"), 6, 11, "over the limit of 600 seconds"),
    ],
)
def test_errors_name_the_line_and_the_fix(text, line, column, words):
    error = error_for(text)
    assert (error.line, error.column) == (line, column), str(error)
    assert words in error.message
    assert str(error).startswith(f"bad.yaml:{line}:{column}: ")
    assert "\n" not in str(error)


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("Lean back", "Lean b\xe4ck").encode("latin-1"))
    with pytest.raises(LocatedError, match=r"latin1.yaml:5:1: not UTF-8"):
        load_routine(path)


def test_missing_file_is_a_routine_error(tmp_path):
    with pytest.raises(LocatedError, match="no such file"):
        load_routine(tmp_path / "nope.yaml")


def test_six_bundled_routines_each_name_a_source_document():
    routines = all_bundled()
    assert sorted(bundled_paths()) == sorted(r.slug for r in routines)
    assert len([r for r in routines if r.language == "en"]) == 6
    translated = sorted(r.slug for r in routines if r.language != "en")
    assert translated == ["relief-sitting-de", "relief-sitting-es", "relief-sitting-fr"]
    sources = {r.source for r in routines}
    assert len(sources) == 4
    if SEEDS.is_dir():
        assert sources <= {p.name for p in SEEDS.glob("*.txt")}


def test_bundled_routines_keep_the_documents_numbers():
    """Spot checks against the source documents: holds, reps, sets, sides, ranges kept."""
    by_slug = {r.slug: {e.name: e for e in r.exercises} for r in all_bundled()}
    jo = by_slug["stretch-and-strengthen"]
    assert (jo["Chair backbend"].hold, jo["Chair backbend"].sets) == (Amount(30, 30), Amount(3, 3))
    assert (jo["Face-down T raise"].reps, jo["Face-down T raise"].hold) == (
        Amount(10, 15),
        Amount(2, 3),
    )
    assert (jo["Snow angels"].reps, jo["Snow angels"].sets) == (Amount(10, 10), Amount(2, 2))
    assert (jo["Bird dog"].reps, jo["Bird dog"].sides) == (Amount(5, 10), "alternate")
    five = by_slug["five-moves"]
    assert five["Neck side tilt"].hold == Amount(15, 30) and five["Neck side tilt"].sides == "both"
    assert five["Upper back extension"].sets == Amount(5, 10)
    chair = by_slug["chair-mobility"]
    assert chair["Kneeling thoracic extension"].reps == Amount(20, 30)
    assert chair["Quadruped plus"].reps == Amount(30, 30)
    lying = by_slug["relief-lying"]
    assert lying["Hip lift"].hold == Amount(4, 4)
    assert len(lying["Elbow press, legs up the wall"].positions) == 3
    assert by_slug["relief-sitting"]["Breath out and reach"].hold == Amount(5, 5)
    assert [len(by_slug[s]) for s in ("relief-lying", "relief-sitting", "relief-standing")] == [
        5,
        5,
        5,
    ]
