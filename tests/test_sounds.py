"""Each distinct sound resampled and limited once (audio/sounds.py), through the real ffmpeg."""

from __future__ import annotations

import numpy as np
import pytest

from voiceguide.audio.format import SAMPLE_RATE
from voiceguide.audio.loudness import LoudnessTarget
from voiceguide.audio.mix import Clip
from voiceguide.audio.sounds import Prepared, prepare

CHAIN = LoudnessTarget().audio_filter(8.0, peak_margin_db=1.5)
CEILING = 10 ** ((-1.0 - 1.5) / 20)


def _clip(rate: int, seconds: float, *, click_at: float, loud: bool) -> Clip:
    """Quiet speech-like noise with one click at `click_at` s; `loud` pushes it over the ceiling."""
    rng = np.random.default_rng(rate)
    n = round(seconds * rate)
    x = rng.normal(0, 0.25 if loud else 0.02, n)
    x[round(click_at * rate)] = 0.95
    return Clip((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes(), rate)


@pytest.mark.parametrize("rate", [22050, 16000, 44100])
def test_every_sound_keeps_its_length_and_timing_and_stays_under_the_ceiling(rate):
    clips = {
        f"{i}": _clip(rate, seconds, click_at=at, loud=i % 2 == 0)
        for i, (seconds, at) in enumerate([(0.7, 0.1), (1.31, 1.0), (0.05, 0.02), (2.0, 1.5)])
    }
    ready = prepare(clips, CHAIN)
    assert list(ready) == list(clips)
    for key, clip in clips.items():
        out = np.frombuffer(ready[key], dtype="<i2") / 32768
        assert len(out) == clip.frames  # what the timeline counts for it
        assert np.abs(out).max() <= CEILING + 1e-3
        if key in ("1", "3"):  # quiet sounds: the click is the loudest sample, where it was
            at = {"1": 1.0, "3": 1.5}[key]
            assert abs(int(np.abs(out).argmax()) - round(at * SAMPLE_RATE)) <= 1


def test_without_a_filter_sounds_are_only_resampled():
    clip = _clip(22050, 1.0, click_at=0.5, loud=False)
    out = np.frombuffer(prepare({"a": clip}, None)["a"], dtype="<i2") / 32768
    source = np.frombuffer(clip.pcm, dtype="<i2") / 32768
    assert len(out) == 2 * len(source)
    # The same sound: every other sample of the upsampled clip is the original (within ffmpeg's
    # resampling filter), and nothing is louder or quieter.
    assert np.corrcoef(out[::2], source)[0, 1] > 0.99
    assert abs(np.abs(out).max() - np.abs(source).max()) < 0.05


def test_nothing_carries_over_from_one_sound_to_the_next():
    """Prepared together or in the reverse order, each sound comes out the same: the
    limiter has let go in the gap between sounds (the first sound of a run, which starts
    the resampler cold, is left out of the comparison)."""
    clips = {f"{i}": _clip(22050, 0.4 + 0.1 * i, click_at=0.05, loud=True) for i in range(6)}
    forward = prepare(clips, CHAIN)
    backward = prepare(dict(reversed(clips.items())), CHAIN)
    for key in list(clips)[1:-1]:
        assert forward[key] == backward[key], key


def test_sounds_prepared_in_the_background_are_the_same():
    clips = {f"{i}": _clip(22050, 0.3, click_at=0.1, loud=i % 2 == 0) for i in range(5)}
    background = Prepared(clips, CHAIN, order=["3", "1"])
    assert list(background) == ["3", "1", "0", "2", "4"]
    assert {key: background[key] for key in clips} == prepare(
        {key: clips[key] for key in background}, CHAIN
    )
    background.close()
    with pytest.raises(KeyError):
        background["missing"]
