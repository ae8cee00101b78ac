"""Every kind of bad routine or profile gets one clear line naming file and line, and exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from voiceguide.cli import cli

HEAD = "title: T\nexercises:\n"
EX = "  - name: Lean\n    position: sitting\n    say: Lean back.\n"


def ex(extra: str = "    hold: 30\n", base: str = EX) -> str:
    return HEAD + base + extra


ROUTINES = [
    # (case, text, line, fragment)
    ("unclosed bracket", "title: [T\nexercises: []\n", 2, "not valid YAML"),
    ("tab indent", "title: T\nexercises:\n\t- name: x\n", 3, "indent with spaces, not tabs"),
    ("top is a list", "- a\n- b\n", 1, "a routine must be a mapping"),
    ("top is text", "hello there\n", 1, "a routine must be a mapping"),
    ("empty file", "", 0, "an empty file; a routine needs title: and exercises:"),
    ("only comments", "# nothing\n", 0, "only comments; a routine needs title: and exercises:"),
    ("typo top key", "title: T\nexercices: []\n", 2, "did you mean 'exercises'?"),
    ("typo exercise key", ex("    hodl: 30\n"), 6, "did you mean 'hold'?"),
    ("no title", "exercises:\n" + EX + "    hold: 5\n", 1, "needs 'title'"),
    (
        "title a number",
        "title: 5\nexercises:\n" + EX + "    hold: 5\n",
        1,
        "'title' must be non-empty text",
    ),
    ("exercises a mapping", "title: T\nexercises: {a: 1}\n", 2, "must be a non-empty list"),
    ("exercises empty", "title: T\nexercises: []\n", 2, "must be a non-empty list"),
    ("exercise is text", HEAD + "  - just words\n", 3, "an exercise must be a mapping"),
    ("no name", HEAD + "  - position: sitting\n    say: x.\n    hold: 5\n", 3, "needs 'name'"),
    ("no position", HEAD + "  - name: A\n    say: x.\n    hold: 5\n", 3, "needs 'position'"),
    ("bad position", ex(base=EX.replace("sitting", "sittin")), 4, "did you mean 'sitting'?"),
    ("no say", HEAD + "  - name: A\n    position: sitting\n    hold: 5\n", 3, "needs 'say'"),
    ("say empty list", ex(base=EX.replace("Lean back.", "[]")), 5, "empty list"),
    (
        "say carries seconds",
        ex(base=EX.replace("Lean back.", "Lean back for 30 seconds.")),
        5,
        "'30 seconds'",
    ),
    ("nothing to do", ex(""), 3, "needs 'hold' (seconds), 'reps', or 'positions'"),
    ("negative hold", ex("    hold: -5\n"), 6, "must be positive, got -5"),
    ("zero hold", ex("    hold: 0\n"), 6, "must be positive, got 0"),
    ("nan hold", ex("    hold: .nan\n"), 6, "finite number"),
    ("infinite hold", ex("    hold: .inf\n"), 6, "finite number"),
    ("huge hold", ex("    hold: 1000000000\n"), 6, "over the limit of 600 seconds"),
    ("backwards range", ex("    hold: 30-10\n"), 6, "write '10-30'"),
    ("unknown unit", ex("    hold: 30 parsecs\n"), 6, "is not a duration"),
    ("boolean hold", ex("    hold: true\n"), 6, "must be a number or a range"),
    ("list hold", ex("    hold: [1, 2]\n"), 6, "got a list"),
    ("fractional reps", ex("    reps: 2.5\n"), 6, "whole number"),
    ("zero reps", ex("    reps: 0\n"), 6, "must be positive"),
    ("huge reps", ex("    reps: 5000\n"), 6, "over the limit of 200"),
    ("negative sets", ex("    hold: 5\n    sets: -2\n"), 7, "must be positive"),
    ("bad sides", ex("    hold: 5\n    sides: left\n"), 7, "sides 'left' is not known"),
    (
        "tempo with hold",
        ex("    hold: 5\n    tempo: 2\n"),
        7,
        "'tempo' paces reps that have no hold",
    ),
    (
        "positions and hold",
        ex("    hold: 5\n    positions:\n      - {say: A., hold: 5}\n"),
        8,
        "no 'hold' or 'reps' beside 'positions'",
    ),
    ("positions empty", ex("    positions: []\n"), 6, "'positions' must be a non-empty list"),
    (
        "step without hold",
        ex("    positions:\n      - {say: Arms up.}\n"),
        7,
        "each position needs 'hold'",
    ),
    (
        "step unknown key",
        ex("    positions:\n      - {say: Up., hold: 5, hlod: 2}\n"),
        7,
        "unknown key 'hlod' in a position",
    ),
    (
        "duplicate names",
        ex("    hold: 5\n" + EX + "    hold: 6\n"),
        7,
        "used twice (first on line 3)",
    ),
    (
        "duplicate key",
        ex("    hold: 5\n    hold: 6\n"),
        7,
        "'hold' is given twice (first on line 6)",
    ),
    (
        "defaults typo",
        "title: T\ndefaults: {prepair: 5}\nexercises:\n" + EX + "    hold: 5\n",
        2,
        "did you mean 'prepare'?",
    ),
    (
        "prepare too short",
        "title: T\ndefaults: {prepare: 1}\nexercises:\n" + EX + "    hold: 5\n",
        2,
        "at least 3 seconds",
    ),
    (
        "say too long",
        ex(base=EX.replace("Lean back.", "Lean " + "back " * 120)),
        5,
        "keep it under 400",
    ),
    (
        "empty name",
        HEAD + "  - name: ''\n    position: sitting\n    say: x.\n    hold: 5\n",
        3,
        "'name' must be non-empty text",
    ),
    (
        "alias bomb",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        2,
        "anchors and aliases",
    ),
    ("deep nesting", "title: T\nexercises: " + "[" * 40 + "]" * 40 + "\n", 2, "nested more than"),
    ("very deep nesting", "title: " + "[" * 100000 + "\n", 1, "nested too deeply"),
    (
        "too long a session",
        ex("    hold: 600\n    sets: 200\n"),
        3,
        "would run over 3 hours by exercise 'Lean'",
    ),
]

PROFILES = [
    ("profile typo", "hodl: 30\n", 1, "did you mean 'hold'?"),
    ("profile level", "level: extreme\n", 1, "level 'extreme' is not known"),
    ("profile negative", "hold: -3\n", 1, "must be positive"),
    ("profile rate", "rate: 1000\n", 1, "rate must be words a minute between 80 and 400"),
    ("profile exercises list", "exercises: [1, 2]\n", 1, "exercises must be a mapping"),
    ("profile unknown exercise", "exercises:\n  leen: {hold: 5}\n", 2, "no exercise 'leen' in"),
    ("profile alias", "hold: &h 30\nreps: *h\n", 2, "anchors and aliases"),
    ("profile not yaml", "hold: [\n", 2, "not valid YAML"),
]


def _run(args: list[str]):
    return CliRunner().invoke(cli, args)


def _check(result, path, line: int, fragment: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.stdout == ""
    err = result.stderr
    assert err.count("\n") == 1, err
    # Line 0: a problem with the whole file, which names no place in it.
    assert err.startswith(
        f"voiceguide: error: {path}:{line}:" if line else f"voiceguide: error: {path}: "
    ), err
    assert fragment in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("case", "text", "line", "fragment"), ROUTINES, ids=[c[0] for c in ROUTINES]
)
def test_bad_routines(tmp_path, case, text, line, fragment):
    path = tmp_path / "routine.yaml"
    path.write_text(text)
    _check(_run(["plan", str(path)]), path, line, fragment)


@pytest.mark.parametrize(
    ("case", "text", "line", "fragment"), PROFILES, ids=[c[0] for c in PROFILES]
)
def test_bad_profiles(tmp_path, case, text, line, fragment):
    routine = tmp_path / "routine.yaml"
    routine.write_text(ex())
    profile = tmp_path / "me.yaml"
    profile.write_text(text)
    _check(_run(["plan", str(routine), "--profile", str(profile)]), profile, line, fragment)


@pytest.mark.parametrize(
    ("case", "data", "line", "fragment"),
    [
        (
            "not utf-8",
            ex().replace("Lean back", "Lean b\xe4ck").encode("latin-1"),
            5,
            "not UTF-8 text",
        ),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data, not a routine"),
        ("fifty megabytes", b"# " + b"x" * 100 + b"\n", 0, "the file is 50 MB"),
    ],
)
def test_bad_files(tmp_path, case, data, line, fragment):
    path = tmp_path / "routine.yaml"
    if case == "fifty megabytes":
        with path.open("wb") as out:
            for _ in range(50 * 1024 * 1024 // len(data) + 1):
                out.write(data)
    else:
        path.write_bytes(data)
    _check(_run(["validate", str(path)]), path, line, fragment)


def test_the_corpus_is_large_enough():
    assert len(ROUTINES) + len(PROFILES) + 3 >= 40


def test_a_real_process_shows_no_traceback(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(ROUTINES[[c[0] for c in ROUTINES].index("alias bomb")][1])
    done = subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", "build", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"voiceguide: error: {path}:2:") and done.stderr.count("\n") == 1
