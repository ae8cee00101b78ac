"""Headroom: no clip is kept or cached within 1 dB of full scale, whatever the engine gave."""

from __future__ import annotations

import audioop
import wave
from pathlib import Path

import pytest
from helpers import WrappedEngine

from voiceguide.library import find_routine
from voiceguide.planning.planner import plan
from voiceguide.script import spoken_texts
from voiceguide.speech import Voice
from voiceguide.speech.cache import read_clip
from voiceguide.speech.checks import FULL_SCALE, with_headroom
from voiceguide.speech.pool import SpeechSettings, speak

ONE_DB_BELOW_FULL_SCALE = FULL_SCALE * 10 ** (-1 / 20)


def _cached_peaks(cache: Path, rate: int = 22050) -> list[int]:
    return [audioop.max(read_clip(path, rate), 2) for path in sorted(cache.rglob("*.wav"))]


@pytest.mark.real_speech  # espeak's own clips are what is measured
@pytest.mark.parametrize("language", ["en", "de", "es", "fr"])
def test_no_cached_clip_of_a_routine_peaks_within_1_db_of_full_scale(tmp_path, language):
    """espeak's own voices peak up to -0.01 dBFS on some phrases (es+m3: "Serie 2 de 3.")."""
    name = "relief-sitting" if language == "en" else f"relief-sitting-{language}"
    texts = spoken_texts(plan(find_routine(name)))
    cache = tmp_path / "cache"
    voice = Voice().for_language(language)
    spoken = speak(texts, SpeechSettings(voice=voice, cache_dir=cache), scratch=tmp_path)
    try:
        kept = [audioop.max(spoken.clips[text], 2) for text in dict.fromkeys(texts)]
    finally:
        spoken.close()
    cached = _cached_peaks(cache)
    assert len(cached) == len(kept) > 30
    assert max(kept) < ONE_DB_BELOW_FULL_SCALE
    assert max(cached) < ONE_DB_BELOW_FULL_SCALE


class _Loud(WrappedEngine):
    """The real voice, its clips made 6 dB louder without clipping (peaks at full scale)."""

    def synthesize(self, text: str, path: Path) -> None:
        self.inner.synthesize(text, path)
        with wave.open(str(path), "rb") as clip:
            pcm = clip.readframes(clip.getnframes())
        louder = audioop.mul(pcm, 2, FULL_SCALE / audioop.max(pcm, 2))
        with wave.open(str(path), "wb") as clip:
            clip.setnchannels(1)
            clip.setsampwidth(2)
            clip.setframerate(self.sample_rate)
            clip.writeframes(louder)


def test_a_clip_at_full_scale_is_kept_and_cached_1_db_below_it(tmp_path):
    texts = ["Set 2 of 3.", "Rest, 10 seconds."]
    cache = tmp_path / "cache"
    spoken = speak(texts, SpeechSettings(engine=_Loud(Voice()), cache_dir=cache), scratch=tmp_path)
    try:
        kept = [audioop.max(spoken.clips[text], 2) for text in texts]
    finally:
        spoken.close()
    assert all(ONE_DB_BELOW_FULL_SCALE - 10 < peak < ONE_DB_BELOW_FULL_SCALE for peak in kept)
    assert max(_cached_peaks(cache)) < ONE_DB_BELOW_FULL_SCALE


def test_a_clip_with_headroom_is_left_as_the_engine_made_it():
    quiet = b"".join(v.to_bytes(2, "little", signed=True) for v in (0, 1000, -20000, 29000, -3))
    assert with_headroom(quiet) == quiet
    loud = b"".join(v.to_bytes(2, "little", signed=True) for v in (0, 32767, -32768, 16000))
    assert audioop.max(with_headroom(loud), 2) < ONE_DB_BELOW_FULL_SCALE
