"""Issue 15: every problem in a file in one run, quoted as typed; clear whole-file messages
(an article, a missing file, an empty file); voices by language; compile never overwrites."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import FIXTURES

import voiceguide
from voiceguide.cli import cli
from voiceguide.errors import LocatedError, LocatedErrors, UserError
from voiceguide.routine.reader import (
    DEFAULT_KEYS,
    EXERCISE_KEYS,
    STEP_KEYS,
    TOP_KEYS,
    parse_routine,
)
from voiceguide.speech import Voice
from voiceguide.speech.cache import read_clip
from voiceguide.speech.engines import make_engine

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = Path(__file__).parent / "articles"
E = "voiceguide: error: "

# The new user's routine: two problems, the second shown only after the first was fixed.
TWO_PROBLEMS = """\
title: Desk break
exercises:
  - name: Chin tuck
    position: seated
    say: Sit tall and draw your chin straight back.
    hold: thirty secs
"""
ARTICLE = """\
Desk stretches for a stiff upper back

Sit tall at your desk: roll your shoulders back and down, then tuck your chin.
Do about 10-15 of these, slowly. Then stand up and reach both arms overhead.
"""


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- every problem, one line each ------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "plan", "build"])
def test_both_problems_in_one_run_with_the_values_as_typed(tmp_path, command):
    path = write(tmp_path, "desk.yaml", TWO_PROBLEMS)
    result = run(command, path, *(["-o", tmp_path / "out"] if command == "build" else []))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{E}{path}:4:15: position 'seated' is not known; did you mean 'sitting'?\n"
        f"{E}{path}:6:11: hold 'thirty secs' is not a duration; write seconds like 30, '45s', '1m30s'\n"
    )
    assert not (tmp_path / "out").exists()


def test_the_api_raises_every_problem_at_once(tmp_path):
    path = write(tmp_path, "desk.yaml", TWO_PROBLEMS)
    with pytest.raises(LocatedErrors) as caught:
        voiceguide.load(str(path))
    error = caught.value
    assert isinstance(error, voiceguide.LocatedError) and isinstance(error, UserError)
    assert [(p.line, p.column) for p in error.problems] == [(4, 15), (6, 11)]
    assert (error.path, error.line, error.column) == (str(path), 4, 15)  # the first one's
    assert error.message == "position 'seated' is not known; did you mean 'sitting'?"
    assert str(error) == "\n".join(str(p) for p in error.problems)
    assert error.exit_code == 2


def test_values_are_quoted_as_written_not_as_yaml_read_them():
    text = (
        "title: yes\nexercises:\n  - name: Lean\n    position: sitting\n    say: Lean back.\n"
        "    hold: .nan\n    sides: no\n    sets: 2.50\n"
    )
    with pytest.raises(LocatedErrors) as caught:
        parse_routine(text, "r.yaml")
    assert str(caught.value).splitlines() == [
        "r.yaml:1:8: 'title' must be non-empty text, got yes",
        "r.yaml:6:11: hold must be a finite number, got .nan",
        "r.yaml:7:12: sides 'no' is not known; did you mean 'none'?",
        "r.yaml:8:11: sets must be a whole number, got 2.50",
    ]


def test_a_misspelt_key_is_one_problem_not_also_a_missing_one(tmp_path):
    path = write(
        tmp_path,
        "r.yaml",
        TWO_PROBLEMS.replace("title:", "titel:").replace("hold: thirty secs", "hodl: 30"),
    )
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{E}{path}:1:1: unknown key 'titel' in a routine; did you mean 'title'?\n"
        f"{E}{path}:4:15: position 'seated' is not known; did you mean 'sitting'?\n"
        f"{E}{path}:6:5: unknown key 'hodl' in an exercise; did you mean 'hold'?\n"
    )


def test_a_yaml_syntax_error_stops_at_the_first(tmp_path):
    path = write(tmp_path, "r.yaml", TWO_PROBLEMS + "  - name: [unclosed\n    hold: -3\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr == f"{E}{path}:8:9: not valid YAML: expected ',' or ']', but got ':'\n"


def test_at_most_fifty_problems_are_listed_then_how_many_more(tmp_path):
    exercise = "  - name: Move {n}\n    position: sitting\n    say: Move.\n    hold: -{n}\n"
    text = "title: Long\nexercises:\n" + "".join(exercise.format(n=n) for n in range(1, 61))
    path = write(tmp_path, "long.yaml", text)
    result = run("validate", path)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 51
    assert lines[0] == f"{E}{path}:6:11: hold must be positive, got -1"
    assert lines[49] == f"{E}{path}:202:11: hold must be positive, got -50"
    assert lines[50] == f"{E}... and 10 more problems in {path}"


def test_build_reports_the_problems_of_every_file_it_was_given(tmp_path):
    first = write(tmp_path, "a.yaml", TWO_PROBLEMS)
    second = write(tmp_path, "b.yaml", TWO_PROBLEMS.replace("seated", "sitting"))
    result = run("build", first, second, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert [line.removeprefix(E).split(": ")[0] for line in result.stderr.splitlines()] == [
        f"{first}:4:15",
        f"{first}:6:11",
        f"{second}:6:11",
    ]


def test_a_profile_reports_every_problem_too(tmp_path):
    profile = write(
        tmp_path,
        "me.yaml",
        "level: extreme\nhodl: 30\nrate: 1000\nexercises:\n  chin-tuck: {hold: thirty secs, reps: inf}\n",
    )
    result = run("plan", FIXTURES / "short.yaml", "--profile", profile)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{E}{profile}:1:8: level 'extreme' is not known; use one of: gentle, standard, strong\n"
        f"{E}{profile}:2:1: unknown key 'hodl' in a profile; did you mean 'hold'?\n"
        f"{E}{profile}:3:7: rate must be words a minute between 80 and 400, like 160, got 1000\n"
        f"{E}{profile}:5:21: hold 'thirty secs' is not a duration; write seconds like 30, '45s', '1m30s'\n"
        f"{E}{profile}:5:40: reps must be a finite number, got 'inf'\n"
    )


def test_a_real_process_prints_each_problem_and_no_traceback(tmp_path):
    path = write(tmp_path, "desk.yaml", TWO_PROBLEMS.replace("thirty secs", "'30\\nsecs'"))
    done = subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", "validate", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    # A newline inside a value cannot split its line.
    assert done.stderr.splitlines() == [
        f"{E}{path}:4:15: position 'seated' is not known; did you mean 'sitting'?",
        f"{E}{path}:6:11: hold '30\\nsecs' is not a duration; write seconds like 30, '45s', '1m30s'",
    ]


# --- counts and durations in spoken lines ------------------------------------------------


def _say(line: str, key: str = "say") -> str:
    return (
        "title: T\nexercises:\n  - name: Lean\n    position: sitting\n"
        f"    {key}: {line}\n    reps: 10\n"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Do about 10-15 of these, slowly.", "'say' says '10-15 of these'; counts go in reps: (the voice says them)"),
        ("Hold for 30 seconds.", "'say' says '30 seconds'; durations go in hold: (the voice says them)"),
        ("Keep it there for a 30-second hold.", "'say' says '30-second'; durations go in hold: (the voice says them)"),
        ("Hold for a slow count of five.", "'say' says 'count of five'; durations go in hold: (the voice says them)"),
        ("Hold it for 20, then let go.", "'say' says 'Hold it for 20'; durations go in hold: (the voice says them)"),
        ("Do 10 on each side.", "'say' says 'Do 10'; counts go in reps: (the voice says them)"),
        ("Aim for 12 reps.", "'say' says '12 reps'; counts go in reps: (the voice says them)"),
        ("Do two to three sets.", "'say' says 'two to three sets'; repeats of the whole exercise go in sets: (the voice says them)"),
        ("Repeat 3 times.", "'say' says '3 times'; counts go in reps:, or in sets: to repeat the whole exercise (the voice says them)"),
        ("Do this twice.", "'say' says 'twice'; counts go in reps:, or in sets: to repeat the whole exercise (the voice says them)"),
    ],
)  # fmt: skip
def test_counts_and_durations_in_spoken_lines_name_the_field_to_use(line, message):
    with pytest.raises(LocatedErrors) as caught:
        parse_routine(_say(line), "r.yaml")
    assert str(caught.value) == f"r.yaml:5:10: {message}"


def test_a_count_in_a_cue_or_the_intro_is_refused_too():
    text = _say("Squeeze.", key="cue").replace("    cue:", "    say: Sit.\n    cue:")
    with pytest.raises(LocatedErrors) as caught:
        parse_routine(text.replace("Squeeze.", "Squeeze 10 times."), "r.yaml")
    assert str(caught.value) == (
        "r.yaml:6:10: 'cue' says '10 times'; counts go in reps:, or in sets: to repeat the whole exercise (the voice says them)"
    )
    with pytest.raises(LocatedErrors, match=r"^r\.yaml:2:8: 'intro' says '2 minutes'; durations"):
        parse_routine(
            _say("Sit.").replace("title: T\n", "title: T\nintro: Takes 2 minutes.\n"), "r.yaml"
        )


@pytest.mark.parametrize(
    "line",
    [
        "Bend your elbows to a 90-degree angle.",
        "Use two hands.",
        "Press gently around L5.",
        "Arms out at 45 degrees.",
        "Stand on one leg, then do one side and the other.",
        "Six moves, five of them on a chair and one in a doorway.",
        "Take 2 steps back from the wall.",
        "Do this twice a day, or 3 times a day when you sit a lot.",
        "Get up every 30 minutes.",
        "Take a few seconds to settle.",
    ],
)
def test_numbers_that_count_nothing_the_voice_says_are_kept(line):
    routine = parse_routine(_say(line), "r.yaml")
    assert routine.exercises[0].say == (line,)


def test_every_bundled_routine_and_fixture_still_validates():
    files = [*sorted((ROOT / "voiceguide" / "routines").glob("*.yaml")), FIXTURES / "short.yaml"]
    result = run("validate", *files)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(": ok, ") == len(files)


# --- whole-file messages ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "validate", "plan"])
def test_an_article_text_file_points_to_compile(tmp_path, command):
    path = write(tmp_path, "desk.txt", ARTICLE)
    result = run(command, path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{E}{path}: this looks like an article; draft a routine with: voiceguide compile {path}\n"
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("desk.yaml", ARTICLE),  # prose that is not YAML ("mapping values are not allowed")
        ("desk.yaml", ARTICLE.replace(":", ",")),  # prose YAML reads as one string
        ("desk.yaml", "- Sit tall and roll your shoulders back and down.\n- Then tuck your chin in and breathe out slowly.\n"),
        ("desk.md", "# Desk stretches\n\ntitle: not a routine\n"),  # by its name alone
        ("my desk.html", "<p>Sit tall.</p>"),
    ],
)  # fmt: skip
def test_an_article_by_its_prose_or_its_name(tmp_path, name, text):
    path = write(tmp_path, name, text)
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{E}{path}: this looks like an article; draft a routine with: voiceguide compile "
        f"{path if ' ' not in name else repr(str(path))}\n"
    )


def test_a_routine_with_a_syntax_error_is_not_taken_for_an_article(tmp_path):
    text = TWO_PROBLEMS.replace("    say: Sit tall", "    say: Sit: tall")
    path = write(tmp_path, "desk.yaml", text)
    result = run("validate", path)
    assert result.stderr.startswith(f"{E}{path}:5:13: not valid YAML: mapping values")


@pytest.mark.parametrize("command", ["build", "validate", "plan"])
def test_a_missing_file_names_no_line(tmp_path, command):
    path = tmp_path / "desk.yaml"
    result = run(command, path)
    assert result.exit_code == 2
    assert result.stderr == f"{E}{path}: no such file; check its name and folder\n"


def test_a_missing_article_is_a_missing_file_and_a_folder_is_a_folder(tmp_path):
    assert run("build", tmp_path / "desk.txt").stderr == (
        f"{E}{tmp_path / 'desk.txt'}: no such file; check its name and folder\n"
    )
    assert run("validate", tmp_path).stderr == f"{E}{tmp_path}: is a folder; give a routine file\n"
    with pytest.raises(LocatedError) as caught:
        voiceguide.load(str(tmp_path / "nope.yaml"))
    assert (caught.value.line, caught.value.column) == (0, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "an empty file; a routine needs title: and exercises:"),
        (
            "# to do\n",
            "no routine in the file, only comments; a routine needs title: and exercises:",
        ),
    ],
)
def test_an_empty_file_names_only_documented_keys(tmp_path, text, message):
    path = write(tmp_path, "new.yaml", text)
    result = run("validate", path)
    assert result.exit_code == 2
    assert result.stderr == f"{E}{path}: {message}\n"


def test_every_key_a_message_can_name_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Writing a routine") : readme.index("## From an article")]
    for key in (*TOP_KEYS, *EXERCISE_KEYS, *DEFAULT_KEYS, *STEP_KEYS):
        assert re.search(rf"(^\s*-?\s*{key}:|`{key}`)", section, re.M), key


# --- voices by language --------------------------------------------------------------------


@pytest.mark.real_speech  # espeak-ng's own list of voices
@pytest.mark.parametrize(
    ("voice", "suggested"),
    [
        ("english", "en, en-us, en-gb"),
        ("french", "fr, fr-be, fr-ch"),
        ("en-au", "en, en-us, en-gb"),
    ],
)
def test_a_language_name_suggests_its_voices(tmp_path, voice, suggested):
    out = tmp_path / "out"
    result = run("build", FIXTURES / "short.yaml", "-o", out, "--voice", voice, "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"{E}--voice {voice}: voice '{voice}' is not installed; did you mean {suggested}?"
    )
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.real_speech
def test_a_suggested_language_code_is_a_voice(tmp_path):
    """en-gb, offered above, speaks: it is espeak's British English voice, en."""
    clips = []
    for name in ("en", "en-gb"):
        engine = make_engine(Voice(name))
        try:
            engine.synthesize("Lean back.", tmp_path / f"{name}.wav")
            clips.append(read_clip(tmp_path / f"{name}.wav", engine.sample_rate))
        finally:
            engine.close()
    assert len(clips[0]) > 10_000 and clips[0] == clips[1]


# --- compile never overwrites ---------------------------------------------------------------


def test_compile_twice_keeps_a_hand_edited_draft_unless_forced(tmp_path):
    article = ARTICLES / "02-bullets.txt"
    out = tmp_path / "edited.yaml"
    assert run("compile", article, "-o", out).exit_code == 0
    edited = out.read_bytes().replace(b"Wall Angels", b"Wall angels, my way")
    out.write_bytes(edited)
    again = run("compile", article, "-o", out)
    assert again.exit_code == 2
    assert again.stderr.splitlines()[-1] == (
        f"{E}{out} exists; add --force to replace it, or choose another name with -o to keep both"
    )
    assert out.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited.yaml"]
    forced = run("compile", article, "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert out.read_bytes() != edited and b"Wall Angels" in out.read_bytes()


def test_several_drafts_are_all_checked_before_any_is_written(tmp_path):
    article = ARTICLES / "10-groups.md"
    taken = tmp_path / "care-standing.yaml"
    taken.write_bytes(b"# mine\n")
    result = run("compile", article, "-o", tmp_path / "care.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"{E}{taken} exists; add --force to replace it, or choose another name with -o to keep both"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["care-standing.yaml"]
    assert taken.read_bytes() == b"# mine\n"
    (tmp_path / "care-sitting.yaml").write_bytes(b"# mine too\n")
    both = run("compile", article, "-o", tmp_path / "care.yaml")
    assert both.stderr.splitlines()[-1] == (
        f"{E}{tmp_path / 'care-sitting.yaml'} and {taken} exist; add --force to replace them, "
        "or choose another name with -o to keep both"
    )
    forced = run("compile", article, "-o", tmp_path / "care.yaml", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert run("validate", *sorted(tmp_path.iterdir())).exit_code == 0


def test_a_routine_saved_as_text_is_still_a_routine(tmp_path):
    routine = Path(__file__).parent.parent / "voiceguide" / "routines" / "five-moves.yaml"
    path = write(tmp_path, "five-moves.txt", routine.read_text())
    result = run("validate", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok, 6 exercises\n"
