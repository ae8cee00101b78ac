"""What a first-time listener hears: numbers a coach would say, the phrase book, the opening
explanation, equipment, sides named right, and progress callouts (issue 14)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from voiceguide.amounts import LEVELS, Amount
from voiceguide.audio.format import SAMPLE_RATE
from voiceguide.errors import LocatedError
from voiceguide.language import phrase_book
from voiceguide.library import all_bundled
from voiceguide.planning.layout import layout
from voiceguide.planning.planner import guessed_seconds, plan
from voiceguide.routine.reader import parse_routine
from voiceguide.script import Say, Window, spoken_texts
from voiceguide.settings.options import Options

ROOT = Path(__file__).resolve().parents[1]


def routine(exercises: str, top: str = "") -> object:
    text = f"title: T\n{top}defaults: {{prepare: 5, rest: 15}}\nexercises:\n{exercises}"
    return parse_routine(text, "t.yaml")


def windows(script, *kinds: str) -> list[Window]:
    return [c.item for c in script.cues if isinstance(c.item, Window) and c.item.kind in kinds]


@pytest.mark.parametrize("level", LEVELS)
def test_every_bundled_routine_says_numbers_a_coach_would_say(level):
    for each in all_bundled():
        script = plan(each, Options(level=level))
        for window in windows(script, "hold", "rep", "rest", "prepare"):
            if window.seconds > 10:
                assert window.seconds % 5 == 0, (each.slug, level, window.label, window.seconds)
        for text in spoken_texts(script):
            assert not re.search(r"\b1 (reps|sets|seconds|positions|exercises)\b", text), text
            assert "Hold each one" not in text, text
            for number in re.findall(r"(\d+) seconds", text):
                assert int(number) <= 10 or int(number) % 5 == 0, (each.slug, level, text)


def test_the_readme_table_of_levels_is_what_the_levels_give():
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| (hold|reps|sets) (\d+)-(\d+) \| (.+) \| (.+) \| (.+) \|$", readme, re.M)
    assert len(rows) >= 5
    for field, low, high, *shown in rows:
        amount = Amount(float(low), float(high))
        picked = [amount.pick(level, count=field != "hold") for level in LEVELS]
        assert [float(s.removesuffix(" s")) for s in shown] == picked, (field, low, high)


def _phrase_keys_used(path: Path) -> tuple[set[str], set[str], set[str]]:
    """(phrases, units, words) that the code at `path` asks the phrase book for."""
    tree = ast.parse(path.read_text())
    phrases, units, words = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "key" for t in node.targets
        ):
            phrases |= {
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        constants = [
            a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if node.func.attr == "say" and constants:
            phrases.add(constants[0])
        elif node.func.attr == "count" and constants:
            units.add(constants[-1])
        elif node.func.attr == "word" and constants:
            words.add(constants[0])
    return phrases, units, words


def test_every_phrase_the_planner_says_is_in_the_phrase_book():
    book = phrase_book()
    for name in ("planning/wording.py", "planning/planner.py"):
        phrases, units, words = _phrase_keys_used(ROOT / "voiceguide" / name)
        assert not phrases - book.keys(), (name, phrases - book.keys())
        assert not units - set(book.units), (name, units - set(book.units))
        assert not words - set(book.words), (name, words - set(book.words))
    # and the scan sees the calls (a scan that finds nothing would pass anything)
    assert {"explain", "hold", "switch", "rest_set"} <= _phrase_keys_used(
        ROOT / "voiceguide" / "planning" / "wording.py"
    )[0]


def test_a_phrase_book_without_a_phrase_fails_here(monkeypatch):
    book = phrase_book()
    monkeypatch.delitem(book.phrases, "switch")
    with pytest.raises(KeyError):
        plan(routine("  - {name: A, position: sitting, say: Sit., hold: 20, sides: both}\n"))


def test_the_session_opens_by_explaining_the_tones_and_can_leave_it_out():
    text = "  - {name: A, position: sitting, say: Sit., hold: 20}\n"
    explained, plain = plan(routine(text)), plan(routine(text), Options(explain=False))
    said = spoken_texts(explained)
    assert said[1] == phrase_book().say("explain")
    assert "pips" in said[1] and "tone" in said[1]
    assert spoken_texts(plain) == said[:1] + said[2:]

    def length(sound) -> int:  # fixed lengths: the layout is pure arithmetic
        return SAMPLE_RATE * (len(sound.text) // 10 + 1) if isinstance(sound, Say) else 4410

    with_it = layout(explained, length, rate=SAMPLE_RATE)
    without = layout(plain, length, rate=SAMPLE_RATE)
    shift = with_it.length - without.length
    assert shift > 0
    # Everything after the explanation is the same, shifted by its length (and the pause).
    later = [(e.kind, e.text, e.length) for e in with_it.events[2:]]
    assert later == [(e.kind, e.text, e.length) for e in without.events[1:]]
    assert {
        a.start - b.start for a, b in zip(with_it.events[2:], without.events[1:], strict=True)
    } == {shift}
    # and it is heard early: title and explanation together well inside 15 s
    explain_event = with_it.events[1]
    assert explain_event.text == said[1]


def test_the_intro_says_how_long_and_what_you_need():
    text = "  - {name: A, position: sitting, say: Sit., hold: 30, sets: 10}\n"
    script = plan(routine(text, top="equipment: [a chair, a rolled towel, a foam roller]\n"))
    said = spoken_texts(script)
    minutes = round(guessed_seconds(script, 160) / 60)
    assert f"1 exercise, about {minutes} minutes." in said
    assert "You'll need a chair, a rolled towel and a foam roller." in said


def test_a_side_named_in_the_instructions_is_spoken_for_each_side():
    text = """\
  - name: Side bend
    position: standing
    say: Reach your {side} arm overhead and lean toward your {other side}.
    hold: 20
    sides: both
    sets: 2
"""
    said = spoken_texts(plan(routine(text)))
    left = "Reach your left arm overhead and lean toward your right."
    right = "Reach your right arm overhead and lean toward your left."
    # Before each side, in every set: left, right, then left and right again.
    assert [t for t in said if t in (left, right)] == [left, right, left, right]


def test_a_fixed_side_in_a_two_sided_exercise_is_pointed_out_and_placeholders_need_sides():
    text = (
        "  - {name: A, position: standing, say: Reach your left arm up., hold: 20, sides: both}\n"
    )
    (warning,) = routine(text).warnings
    assert (
        warning.startswith("t.yaml:4:1: exercise 'A' is done on both sides") and "{side}" in warning
    )
    one_sided = """\
  - name: A
    position: standing
    say: Reach your {side} arm up.
    hold: 20
"""
    with pytest.raises(LocatedError, match=r"fills in \{side\}, but it has no sides"):
        routine(one_sided)
    with pytest.raises(
        LocatedError, match=r"only \{side\}, \{other side\} and a side word.s two forms"
    ):
        routine(one_sided.replace("{side}", "{leg}") + "    sides: both\n")


def test_what_alternates_can_be_named_and_is_counted_with_it():
    text = """\
  - name: Bird dog
    position: all-fours
    say: Come onto your hands and knees.
    reps: 2
    alternate: [right arm and left leg, left arm and right leg]
"""
    calls = [t for t in spoken_texts(plan(routine(text))) if re.match(r"\d+, ", t)]
    assert calls == [
        "1, right arm and left leg",
        "1, left arm and right leg",
        "2, right arm and left leg",
        "2, left arm and right leg",
    ]


def test_last_set_last_one_and_halfway_through_a_long_session():
    sets = "  - {name: A, position: sitting, say: Sit., hold: 30, sets: 3}\n"
    said = spoken_texts(plan(routine(sets)))
    assert "Last set." in said and "Set 2, out of 3." in said and "Set 3, out of 3." not in said
    reps = "  - {name: B, position: sitting, say: Sit., reps: 3, hold: 3}\n"
    calls = [t for t in spoken_texts(plan(routine(reps))) if t in ("1", "2", "3", "Last one.")]
    assert calls == ["1", "2", "Last one."]
    long = "".join(
        f"  - {{name: E{n}, position: sitting, say: Sit., hold: 60, sets: 3}}\n" for n in range(6)
    )
    script = plan(routine(long))
    assert guessed_seconds(script, 160) > 10 * 60
    halfway = [t for t in spoken_texts(script) if "halfway through" in t]
    assert len(halfway) == 1 and halfway[0].startswith("You're halfway through. Rest")
    short = plan(routine(sets))
    assert not [t for t in spoken_texts(short) if "halfway through" in t]


def test_the_readme_routine_example_is_a_valid_routine_without_warnings():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Writing a routine") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", 8)]
    written = parse_routine(example, "README.md")
    assert not written.warnings
    assert written.equipment == ("a chair", "a rolled towel")
    said = spoken_texts(plan(written))
    assert "Reach your right arm overhead and lean toward your left." in said


def test_a_default_build_explains_the_tones_in_its_first_15_seconds(tmp_path, short_routine):
    """Read back from the built files: the captions, and the tones found in the audio."""
    import webvtt
    from audio_probe import decode, tone_onsets

    from voiceguide.pipeline.build import OutputSettings, build

    explained = build(short_routine, output=OutputSettings(tmp_path / "a"))
    plain = build(
        short_routine, options=Options(explain=False), output=OutputSettings(tmp_path / "b")
    )
    captions = [c for c in webvtt.read(str(explained.path.with_suffix(".vtt"))) if "pips" in c.text]
    assert captions and captions[0].end_in_seconds < 15
    assert not [
        c for c in webvtt.read(str(plain.path.with_suffix(".vtt"))) if "pips count" in c.text
    ]
    # Everything after it is heard as before, only later: every start tone moves by the
    # same amount (within the tone detector's resolution).
    shift = explained.timeline.seconds - plain.timeline.seconds
    with_it, without = decode(explained.path), decode(plain.path)
    starts = [tone_onsets(audio, "start") for audio in (with_it, without)]
    assert len(starts[0]) == len(starts[1]) > 5
    moved = [a - b for a, b in zip(*starts, strict=True)]
    assert max(moved) - min(moved) < 0.005 and abs(moved[0] - shift) < 0.005


def test_compile_drafts_the_equipment_an_article_names():
    from voiceguide.compiler import compile_text

    article = (
        "Chest opener\n\nLie on a foam roller along your spine and let your arms fall open. "
        "Hold for 30 seconds.\n\nSeated twist\n\nSit on a chair and turn to one side. "
        "Hold for 20 seconds on each side.\n"
    )
    (draft,) = compile_text(article)
    assert draft.draft.equipment == ["a foam roller", "a chair"]
    written = parse_routine(draft.yaml, "draft.yaml")
    assert written.equipment == ("a foam roller", "a chair")


@pytest.mark.parametrize("level", LEVELS)
def test_every_cue_of_every_bundled_routine_fits_even_with_speech_guessed_long(level, tmp_path):
    """Before anything is spoken, speech is estimated from the voice's pace: no bundled
    count or cue is dropped in the estimate either."""
    from voiceguide.pipeline.estimate import timeline_for
    from voiceguide.speech import Voice

    for each in all_bundled():
        script = plan(each, Options(level=level))
        timeline, guessed = timeline_for(script, voice=Voice(), cache_dir=tmp_path / "empty")
        assert guessed > 0
        assert not timeline.warnings, (each.slug, level, timeline.warnings)


def test_side_placeholders_are_filled_wherever_a_side_is_worked():
    text = """\
  - name: Heel press
    position: sitting
    say: Stretch your {side} leg out.
    sides: both
    positions:
      - {say: "Toes up on the {side}. Press.", hold: 10}
      - {say: "Toes out. Press.", hold: 10}
  - name: Bird dog
    position: all-fours
    say: Lift your {side} hand.
    hold: 10
    alternate: [right arm and left leg, left arm and right leg]
"""
    script = plan(routine(text))
    said = spoken_texts(script)
    assert not [t for t in said if "{" in t], said
    assert said.count("Toes up on the left. Press.") == 1
    assert said.count("Toes up on the right. Press.") == 1
    assert "Lift your left hand." in said and "Lift your right hand." in said
    # Named alternation: which comes first is said, and the plan's labels use the names.
    assert "Start with right arm and left leg." in said
    labels = [w.label for w in windows(script, "hold") if w.label.startswith("Bird dog")]
    assert labels == ["Bird dog (right arm and left leg)", "Bird dog (left arm and right leg)"]


def test_only_lines_spoken_per_side_may_fill_in_a_side():
    with pytest.raises(LocatedError, match="only an exercise's say, cue and positions"):
        routine(
            "  - {name: A, position: sitting, say: Sit., hold: 10, sides: both}\n",
            top="intro: Start on your {side}.\n",
        )


def test_a_fixed_side_warning_ignores_right_angles_and_right_under():
    text = """\
  - name: A
    position: all-fours
    say: Elbows at a right angle, hands right under your shoulders.
    hold: 10
    sides: both
"""
    assert routine(text).warnings == ()


def test_sets_on_both_sides_are_all_announced_alike_and_one_rep_is_not_the_last_one():
    text = "  - {name: A, position: sitting, say: Sit., hold: 20, sides: both, sets: 3}\n"
    said = spoken_texts(plan(routine(text)))
    assert [t for t in said if "right" in t] == ["Switch to the right side."] * 3
    one = "  - {name: B, position: sitting, say: Sit., reps: 1, hold: 5}\n"
    said = spoken_texts(plan(routine(one)))
    assert "One rep, held for 5 seconds." in said and "Last one." not in said


def test_halfway_is_said_at_the_rest_nearest_the_middle_of_one_long_exercise():
    text = "  - {name: A, position: sitting, say: Sit., hold: 120, sets: 6}\n"
    script = plan(routine(text))
    said = spoken_texts(script)
    (halfway,) = [t for t in said if "halfway through" in t]
    rests = [
        t for t in said if t.startswith(("Rest", "And rest", "Take a breath")) or "halfway" in t
    ]
    assert rests.index(halfway) == 2  # of five rests between six sets, the third
    one_hold = "  - {name: A, position: sitting, say: Sit., hold: 600}\n"
    assert not [t for t in spoken_texts(plan(routine(one_hold))) if "halfway through" in t]


def test_a_line_that_starts_with_side_gets_a_hint_to_quote_it():
    with pytest.raises(LocatedError, match=r"put a line that has \{side\} in quotes"):
        routine(
            "  - name: A\n    position: sitting\n    say: {side} hand up.\n    hold: 10\n    sides: both\n"
        )


def test_bundled_routines_keep_their_track_number_in_the_shared_album():
    from voiceguide.pipeline.batch import album_track

    albums: dict[str, list[tuple[int, int]]] = {}
    for each in all_bundled():  # the English routines, and each translation's own album
        albums.setdefault(each.collection, []).append(album_track(each))
    assert sorted(albums["voiceguide: upper back"]) == [(n, 6) for n in range(1, 7)]
    assert all(tracks == [(1, 1)] for album, tracks in albums.items() if "upper back" not in album)
    assert album_track(routine("  - {name: A, position: sitting, say: Sit., hold: 10}\n")) is None
