"""The fake speech engine (speech/fake.py): deterministic clips of plausible length that pass
the real clip checks, cached apart from real speech, chosen from the library, the CLI and
the web page's build jobs."""

from __future__ import annotations

import os
import subprocess
import sys
import wave

import numpy as np
import pytest
from audio_probe import TONE_MIN_MS, TONE_PITCH, pitch_onsets
from helpers import FIXTURES
from mutagen.id3 import ID3

from voiceguide.errors import UserError
from voiceguide.library import all_bundled, find_routine
from voiceguide.pipeline.build import OutputSettings, build
from voiceguide.planning.planner import plan
from voiceguide.script import spoken_texts
from voiceguide.speech import Voice
from voiceguide.speech.cache import ClipCache, read_clip
from voiceguide.speech.checks import problem_with, speaking_seconds
from voiceguide.speech.engines import make_engine
from voiceguide.speech.fake import ENVIRONMENT, FakeEngine, fake_speech, speaking_pace
from voiceguide.speech.pool import SpeechSettings, engines_for
from voiceguide.speech.pyttsx3_engine import Pyttsx3Engine

RATE = 22050


def _clip(engine: FakeEngine, text: str) -> bytes:
    return fake_speech(text, voice=engine.voice)


def test_a_text_always_gives_the_same_clip_and_two_texts_never_the_same(tmp_path):
    one, other = FakeEngine(), FakeEngine()
    other.synthesize("Halfway.", tmp_path / "warm.wav")
    texts = ["Halfway.", "Halfway!", "Rest, 15 seconds.", "Rest, 16 seconds.", "3", "4"]
    clips = []
    for index, text in enumerate(texts):
        one.synthesize(text, tmp_path / f"a{index}.wav")
        other.synthesize(text, tmp_path / f"b{index}.wav")
        clips.append(read_clip(tmp_path / f"a{index}.wav", RATE))
        assert clips[-1] == read_clip(tmp_path / f"b{index}.wav", RATE), text
    assert len(set(clips)) == len(texts)
    # Another voice or rate is another sound, as it would be for a real voice.
    assert _clip(FakeEngine(Voice("en-us")), "Halfway.") != clips[0]
    assert _clip(FakeEngine(Voice(rate=161)), "Halfway.") != clips[0]


def test_every_phrase_of_every_bundled_routine_passes_the_real_checks_at_any_rate():
    """In its language's voice at the slowest, the usual and the fastest rate: each clip
    passes the checks' pace band and speaks as long as espeak-ng's timing says, and every
    build's clips together pass the checks' band for a whole build."""
    for routine in all_bundled():
        texts = list(dict.fromkeys(spoken_texts(plan(routine))))
        for rate in (80, 160, 400):
            engine = FakeEngine(Voice(rate=rate).for_language(routine.language))
            pace, timing = engine.pace, speaking_pace(engine.voice)
            assert pace.language == timing.language == routine.language
            spoken = expected = 0.0
            for text in texts:
                pcm = _clip(engine, text)
                problem = problem_with(pcm, RATE, text, words_per_minute=rate, pace=pace)
                assert problem is None, (routine.slug, rate, text, problem)
                seconds, wanted = speaking_seconds(pcm, RATE), timing.expected(text, rate)
                # Within the measurement's 10 ms steps, and 3%.
                assert abs(seconds - wanted) < 0.015 + 0.03 * wanted, (routine.slug, rate, text)
                spoken += seconds
                expected += pace.expected(text, rate)
            assert pace.total_low < spoken / expected < pace.total_high, (routine.slug, rate)


def test_a_clip_lasts_as_its_text_and_rate_ask():
    engine = FakeEngine()
    short, long = _clip(engine, "Rest."), _clip(engine, "Lie on your back, knees bent.")
    assert len(long) > 2 * len(short)
    slow = _clip(FakeEngine(Voice(rate=120)), "Lie on your back, knees bent.")
    fast = _clip(FakeEngine(Voice(rate=240)), "Lie on your back, knees bent.")
    assert 1.8 < speaking_seconds(slow, RATE) / speaking_seconds(fast, RATE) < 2.2
    # espeak-ng's silences around a phrase: about 10 ms before, 0.35 s after.
    loud = np.flatnonzero(np.abs(np.frombuffer(long, dtype=np.int16)) > 300)
    assert loud[0] / RATE < 0.02 and 0.3 < (len(long) // 2 - loud[-1]) / RATE < 0.4


def test_german_is_paced_as_german():
    """ "Elf" is one syllable, "eleven" three: the language's own pace and number words."""
    english, german = FakeEngine(), FakeEngine(Voice().for_language("de"))
    assert german.voice.name == "de+m1" and german.pace.language == "de"
    assert len(_clip(german, "11")) < len(_clip(english, "11"))


def test_the_buzz_is_never_heard_as_a_cue_tone():
    """A tone detector (tests' own, by pitch) finds no cue tone in fake speech."""
    engine = FakeEngine()
    for routine in all_bundled()[:2]:
        texts = list(dict.fromkeys(spoken_texts(plan(routine))))
        pcm = b"".join(_clip(engine, text) for text in texts)
        at_44k = np.repeat(np.frombuffer(pcm, dtype=np.int16) / 32768.0, 2)  # tests' rate
        for name, pitch in TONE_PITCH.items():
            assert pitch_onsets(at_44k, pitch, TONE_MIN_MS[name]) == [], (routine.slug, name)


def test_fake_clips_are_cached_apart_from_every_real_engine(tmp_path):
    """Same voice, rate and text: another cache entry than espeak-ng's, Piper's or a
    command's, so a fake clip is never played as real speech, nor the other way round."""
    text = "Halfway."
    real = [
        Pyttsx3Engine(Voice()).identity,
        make_engine(Voice("natural"), fake=False).identity,
        make_engine(Voice(command="say {text} {out}"), fake=False).identity,
    ]
    fake = FakeEngine().identity
    assert fake.startswith("fake|") and not any(r.startswith("fake|") for r in real)
    entries = {ClipCache(tmp_path, identity).path_for(text) for identity in [*real, fake]}
    assert len(entries) == 4


def test_chosen_by_settings_or_by_the_environment(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert isinstance(make_engine(Voice()), Pyttsx3Engine)
    assert all(isinstance(e, FakeEngine) for e in engines_for(SpeechSettings(fake=True)))
    monkeypatch.setenv(ENVIRONMENT, "fake")
    assert isinstance(make_engine(Voice()), FakeEngine)
    assert isinstance(make_engine(Voice(command="say {text} {out}")), FakeEngine)
    assert all(isinstance(e, Pyttsx3Engine) for e in engines_for(SpeechSettings(fake=False)))
    monkeypatch.setenv(ENVIRONMENT, "real")
    assert isinstance(make_engine(Voice()), Pyttsx3Engine)
    monkeypatch.setenv(ENVIRONMENT, "fast")
    with pytest.raises(UserError, match="VOICEGUIDE_SPEECH='fast': give fake or real"):
        make_engine(Voice())


def test_a_build_with_the_fake_keeps_the_voice_it_stands_in_for(tmp_path, monkeypatch):
    """Settings alone choose it (no environment): the German voice, tagged as such,
    clips checked and cached under the fake's identity only."""
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    cache = tmp_path / "cache"
    routine = find_routine("relief-sitting-de")
    result = build(
        routine,
        output=OutputSettings(tmp_path / "out"),
        speech=SpeechSettings(fake=True, cache_dir=cache),
    )
    texts = set(spoken_texts(plan(routine)))
    assert result.synthesised == len(texts)
    fake = ClipCache(cache, FakeEngine(Voice("de+m1")).identity)
    assert {p for p in cache.rglob("*.wav")} == {fake.path_for(t) for t in texts}
    comments = ID3(result.path).getall("COMM")
    assert any("de+m1" in str(comment) for comment in comments), comments


def test_the_command_line_in_its_own_process_speaks_through_the_fake(tmp_path):
    env = {**os.environ, ENVIRONMENT: "fake", "VOICEGUIDE_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "voiceguide.cli", "build", str(FIXTURES / "short.yaml"),
         "-o", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    fake = ClipCache(tmp_path / "cache", FakeEngine().identity)
    clips = list((tmp_path / "cache").rglob("*.wav"))
    texts = set(spoken_texts(plan(find_routine(str(FIXTURES / "short.yaml")))))
    assert set(clips) == {fake.path_for(t) for t in texts}
    with wave.open(str(clips[0])) as clip:
        assert clip.getframerate() == RATE
