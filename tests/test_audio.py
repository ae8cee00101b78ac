"""Build real audio with the real engine and ffmpeg, decode it, and measure it."""

from __future__ import annotations

import numpy as np
import pytest
from audio_probe import RATE, decode, tone_onsets
from helpers import CountingEngine

from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.pipeline.estimate import timeline_for
from voiceguide.planning.planner import plan
from voiceguide.settings.options import Options
from voiceguide.speech import Voice
from voiceguide.speech.cache import ClipCache
from voiceguide.speech.pool import SpeechSettings

# One end-to-end build through the real voice, measured in the decoded audio (the other
# builds of the suite speak through the fake engine).
pytestmark = pytest.mark.real_speech
TOLERANCE = 0.010  # seconds: DESIGN.md's promise for hold timing


@pytest.fixture(scope="module")
def built(tmp_path_factory, short_routine_module):
    out = tmp_path_factory.mktemp("out")
    result = build(short_routine_module, output=OutputSettings(out))
    return result, decode(result.path)


@pytest.fixture(scope="module")
def short_routine_module():
    from helpers import FIXTURES

    from voiceguide.routine.reader import load_routine

    return load_routine(FIXTURES / "short.yaml")


def planned(timeline, kind: str) -> list:
    return [e for e in timeline.events if e.kind == kind]


def test_decoded_length_is_what_plan_predicts(built, short_routine_module):
    result, audio = built
    predicted, guessed = timeline_for(plan(short_routine_module, Options()), voice=Voice())
    assert guessed == 0
    assert abs(len(audio) / RATE - predicted.seconds) < 0.03
    assert predicted.length == result.timeline.length


def test_each_hold_lasts_exactly_its_value_between_tones(built):
    result, audio = built
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    holds = [e for e in result.timeline.events if e.kind in ("hold", "rep", "reps")]
    assert len(starts) == len(ends) == len(holds)
    expected = [h.length / RATE for h in holds]
    measured = [end - start for start, end in zip(starts, ends, strict=True)]
    assert expected == [7, 7, 2.5, 2.5, 2.5, 8, 4, 3, 5, 5]
    assert np.allclose(measured, expected, atol=TOLERANCE), list(
        zip(measured, expected, strict=True)
    )


def test_tones_sit_where_the_timeline_puts_them(built):
    result, audio = built
    for name in ("start", "end", "pip"):
        planned_at = [
            e.start / RATE for e in result.timeline.events if e.kind == "tone" and e.text == name
        ]
        measured = tone_onsets(audio, name)
        assert len(measured) == len(planned_at), name
        assert np.allclose(measured, planned_at, atol=TOLERANCE), name


def test_three_pips_one_second_apart_lead_into_every_start(built):
    _, audio = built
    pips = np.array(tone_onsets(audio, "pip"))
    for start in tone_onsets(audio, "start"):
        before = pips[(pips < start) & (pips > start - 3.5)]
        if len(before) == 0:
            continue  # a rep after a relax window: its rhythm is the previous rep, not pips
        assert np.allclose(before, [start - 3, start - 2, start - 1], atol=TOLERANCE)
    holds_with_pips = (
        len(tone_onsets(audio, "start")) - 4
    )  # three reps and one paced-reps window follow others
    assert len(pips) >= 3 * holds_with_pips


def test_both_sides_get_the_full_hold(built):
    result, audio = built
    sides = [
        e for e in result.timeline.events if e.kind == "hold" and e.text.startswith("Wall lean")
    ]
    assert [s.text for s in sides] == ["Wall lean (left side)", "Wall lean (right side)"]
    starts, ends = tone_onsets(audio, "start"), tone_onsets(audio, "end")
    assert np.allclose(np.array(ends[:2]) - np.array(starts[:2]), [7, 7], atol=TOLERANCE)
    assert starts[1] - ends[0] > 4  # a switch window between the sides


def test_speech_lies_where_the_timeline_says(built, cache_dir):
    """Each spoken line, read back from the decoded MP3, matches its clip at its planned time."""
    from voiceguide.speech.engines import make_engine as default_engine

    result, audio = built
    cache = ClipCache(cache_dir, default_engine(Voice()).identity)
    speech = [e for e in result.timeline.events if e.kind == "speech"]
    assert len(speech) > 20
    for event in speech:
        clip = decode(cache.path_for(event.text))  # the clip at the track's rate
        at = event.start
        got = audio[at : at + len(clip)]
        score = np.corrcoef(got, clip)[0, 1]
        shifted = np.corrcoef(audio[at + 441 : at + 441 + len(clip)], clip)[0, 1]
        assert score > 0.9, (event.text, score)
        assert shifted < score - 0.2, (event.text, score, shifted)


def test_warm_cache_rebuild_never_calls_the_engine(tmp_path, short_routine, built):
    first, _ = built
    engine = CountingEngine()
    again = build(
        short_routine, output=OutputSettings(tmp_path), speech=SpeechSettings(engine=engine)
    )
    assert engine.calls == []
    assert again.synthesised == 0
    assert again.path.read_bytes() == first.path.read_bytes()


def test_no_cache_synthesises_everything_and_leaves_the_cache_alone(
    tmp_path, short_routine, cache_dir
):
    before = sorted(p.name for p in cache_dir.rglob("*.wav"))
    engine = CountingEngine()
    result = build(
        short_routine,
        output=OutputSettings(tmp_path),
        speech=SpeechSettings(engine=engine, use_cache=False),
    )
    assert len(engine.calls) == result.synthesised == len(set(engine.calls)) > 20
    assert sorted(p.name for p in cache_dir.rglob("*.wav")) == before


def test_changing_only_a_hold_synthesises_only_the_changed_phrase(tmp_path, short_routine, built):
    import dataclasses

    from voiceguide.amounts import Amount

    exercises = list(short_routine.exercises)
    exercises[-1] = dataclasses.replace(exercises[-1], hold=Amount(6, 6))
    changed = dataclasses.replace(short_routine, exercises=tuple(exercises))
    engine = CountingEngine()
    build(changed, output=OutputSettings(tmp_path), speech=SpeechSettings(engine=engine))
    assert engine.calls == ["Hold for 6 seconds."]
