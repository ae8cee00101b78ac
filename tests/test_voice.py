"""The voice: a phrase's clip depends only on what it says and how, and every clip is
checked for speech at the rate asked for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import WrappedEngine

from voiceguide.audio.assets import tone_lengths
from voiceguide.audio.format import SAMPLE_RATE, resampled_frames
from voiceguide.errors import MachineError
from voiceguide.library import all_bundled, find_routine
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.planning.layout import layout
from voiceguide.planning.planner import guessed_seconds, plan
from voiceguide.script import Tone, spoken_texts
from voiceguide.speech import Voice
from voiceguide.speech.cache import read_clip
from voiceguide.speech.checks import ESPEAK_PACE, problem_with, speaking_seconds
from voiceguide.speech.engines import make_engine
from voiceguide.speech.pool import SpeechSettings
from voiceguide.speech.pyttsx3_engine import Pyttsx3Engine

pytestmark = pytest.mark.real_speech  # the voice is what these tests are about


def _speak(engine, text: str, path: Path) -> bytes:
    engine.synthesize(text, path)
    return read_clip(path, engine.sample_rate)


def test_a_phrase_sounds_the_same_whatever_was_spoken_before(tmp_path):
    """espeak-ng carries state from phrase to phrase; each phrase must start afresh."""
    phrase = "Rest, 15 seconds. Next: doorway stretch, standing."
    alone, after_others, other_engine = (make_engine(Voice()) for _ in range(3))
    try:
        first = _speak(alone, phrase, tmp_path / "a.wav")
        for number, text in enumerate(["Halfway.", "Switch to the left side.", "3"]):
            _speak(after_others, text, tmp_path / f"warm{number}.wav")
        later = _speak(after_others, phrase, tmp_path / "b.wav")
        _speak(other_engine, "Well done.", tmp_path / "c0.wav")
        elsewhere = _speak(other_engine, phrase, tmp_path / "c.wav")
    finally:
        for engine in (alone, after_others, other_engine):
            engine.close()
    assert first == later == elsewhere


def test_the_rate_asked_for_is_the_rate_heard(tmp_path):
    """The same words at 120 and 240 words a minute: twice as fast, within the pace model."""
    text = "Lie on your back with your knees bent and your feet flat on the floor."
    lengths = {}
    for rate in (120, 240):
        engine = make_engine(Voice(rate=rate))
        try:
            pcm = _speak(engine, text, tmp_path / f"{rate}.wav")
        finally:
            engine.close()
        lengths[rate] = speaking_seconds(pcm, 22050)
        assert problem_with(pcm, 22050, text, words_per_minute=rate, pace=ESPEAK_PACE) is None
    assert 1.8 < lengths[120] / lengths[240] < 2.2


def _laid_out(script, frames: dict[str, int], tones: dict[str, int]):
    """The timeline a build makes of `script` from these clip lengths (as
    estimate.timeline_for does with every clip cached)."""
    return layout(
        script,
        lambda s: tones[s.name] if isinstance(s, Tone) else frames[s.text],
        rate=SAMPLE_RATE,
    )


def test_every_phrase_of_every_bundled_routine_is_in_the_rate_band(tmp_path):
    """Each in its language's voice, checked against that voice's measured pace; and the
    plan-only estimate that orders --jobs builds, longest first, is close to the session
    these clips make."""
    tones = tone_lengths()
    for language in sorted({r.language for r in all_bundled()}):
        engine = make_engine(Voice().for_language(language))
        pace = engine.pace
        assert pace.language == language
        try:
            for routine in [r for r in all_bundled() if r.language == language]:
                spoken = expected = 0.0
                frames = {}
                script = plan(routine)
                for index, text in enumerate(dict.fromkeys(spoken_texts(script))):
                    pcm = _speak(engine, text, tmp_path / f"{index}.wav")
                    problem = problem_with(pcm, 22050, text, words_per_minute=160, pace=pace)
                    assert problem is None, (routine.slug, text, problem)
                    spoken += speaking_seconds(pcm, 22050)
                    expected += pace.expected(text, 160)
                    frames[text] = resampled_frames(len(pcm) // 2, engine.sample_rate)
                total = spoken / expected
                assert pace.total_low <= total <= pace.total_high, (routine.slug, total)
                timeline = _laid_out(script, frames, tones)
                rough = guessed_seconds(script, Voice().rate)
                assert abs(rough - timeline.seconds) < 0.06 * timeline.seconds, routine.slug
        finally:
            engine.close()


# A worker that speaks at 200 words a minute whatever it is asked: a lost rate setting.
LOSES_ITS_RATE = [
    sys.executable,
    "-c",
    "import sys; sys.argv = [a if not a.startswith('--rate=') else '--rate=200' for a in sys.argv];"
    " from voiceguide.speech.worker import main; main()",
]


def test_a_worker_that_lost_its_rate_is_caught_by_the_probe(tmp_path, short_routine):
    engine = Pyttsx3Engine(Voice(rate=160), worker=LOSES_ITS_RATE)
    cache = tmp_path / "cache"
    with pytest.raises(MachineError, match="does not speak at the rate asked for, 160 words"):
        build(
            short_routine,
            output=OutputSettings(tmp_path / "out"),
            speech=SpeechSettings(engine=engine, cache_dir=cache),
        )
    assert not list(cache.rglob("*.wav"))
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.mp3"))


class _WrongRate(WrappedEngine):
    """Speaks at 320 words a minute while claiming 160, past the probe (it checks the rate
    the engine was started with): the per-clip and per-build checks are the last net."""

    def __init__(self) -> None:
        super().__init__(Voice(rate=320))
        self.voice = Voice(rate=160)


def test_clips_at_a_wrong_rate_fail_the_build_and_are_never_cached(tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(MachineError, match=r"spoken too fast|does not keep its speaking rate"):
        build(
            find_routine("five-moves"),
            output=OutputSettings(tmp_path / "out"),
            speech=SpeechSettings(engine=_WrongRate(), cache_dir=cache),
        )
    assert not list(cache.rglob("*.wav"))


def test_a_clip_of_noise_or_silence_or_clipping_is_refused():
    text = "Halfway."
    import random

    rng = random.Random(1)
    noise = b"".join(
        rng.randrange(-20000, 20000).to_bytes(2, "little", signed=True) for _ in range(22050)
    )
    loud = (32767).to_bytes(2, "little", signed=True) * 22050
    for pcm, words in (
        (b"", "empty"),
        (bytes(44100), "silent"),
        (noise, "noise"),
        (loud, "clipped"),
    ):
        problem = problem_with(pcm, 22050, text, words_per_minute=160, pace=ESPEAK_PACE)
        assert problem is not None and words in problem, (words, problem)


@pytest.mark.slow
def test_cold_builds_are_identical_whatever_the_cache_held_or_the_job_count(tmp_path):
    """Empty cache with one or two engines, a cache other routines filled, and --no-cache.
    Compared as WAV, the mixed and levelled sound itself: the encoders' own determinism is
    test_finished.py's (building twice gives identical bytes in every format)."""
    routine = find_routine("five-moves")

    def output(folder: str) -> OutputSettings:
        return OutputSettings(tmp_path / folder, format="wav")

    made = {}
    for name, workers in (("one engine", 1), ("two engines", 2)):
        result = build(
            routine,
            output=output(name),
            speech=SpeechSettings(cache_dir=tmp_path / f"cache {name}", engines=workers),
        )
        assert result.synthesised > 40
        made[name] = result.path.read_bytes()
    shared = tmp_path / "shared cache"
    build(
        find_routine("relief-lying"),
        output=output("other"),
        speech=SpeechSettings(cache_dir=shared),
    )
    made["after another routine"] = build(
        routine, output=output("after"), speech=SpeechSettings(cache_dir=shared)
    ).path.read_bytes()
    made["no cache"] = build(
        routine, output=output("none"), speech=SpeechSettings(use_cache=False)
    ).path.read_bytes()
    assert len(set(made.values())) == 1, [name for name in made]


def test_voices_lists_the_default_voice_and_says_it_is_the_default():
    from click.testing import CliRunner

    from voiceguide.cli import cli
    from voiceguide.speech.engine import DEFAULT_VOICE

    done = CliRunner().invoke(cli, ["voices"])
    assert done.exit_code == 0, done.output
    rows = [line.split(None, 2) for line in done.output.splitlines()]
    default = [row for row in rows if row[0] == DEFAULT_VOICE]
    assert len(default) == 1 and "the default" in default[0][2]


def test_voices_lists_the_few_to_choose_first_and_every_voice_with_all():
    from click.testing import CliRunner

    import voiceguide
    from voiceguide.cli import cli

    done = CliRunner().invoke(cli, ["voices"])
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    rows = [line.split(None, 2) for line in lines[:-1]]
    languages = ["en"] + [code for code in voiceguide.languages() if code != "en"]
    espeak = [row for row in rows if row[1] == "espeak"]
    assert [row[0] for row in espeak] == [voiceguide.default_voice(code) for code in languages]
    assert all("the default for" in row[2] for row in espeak)
    assert rows[0][0] == "natural" and len(rows) == len(languages) + 1
    every = CliRunner().invoke(cli, ["voices", "--all"])
    assert every.exit_code == 0, every.output
    assert lines[-1] == f"{len(every.output.splitlines())} voices in all: voiceguide voices --all"
    assert len(every.output.splitlines()) > 20
