"""Silences in a clip, cut and shortened (speech/pauses.py, for the natural voice)."""

from __future__ import annotations

import array

from voiceguide.speech.pauses import pauses_shortened, silence, trimmed

RATE = 1000  # five samples a step of the measure


def pcm(*parts: tuple[int, int]) -> bytes:
    """(value, samples) runs as 16-bit PCM."""
    return array.array("h", [value for value, count in parts for _ in range(count)]).tobytes()


def test_a_clip_is_cut_to_its_sounds_and_an_isolated_click_is_no_sound():
    clip = pcm((0, 40), (1000, 30), (0, 50), (900, 30), (0, 60), (200, 5), (0, 40))
    assert trimmed(clip, RATE) == pcm((1000, 30), (0, 50), (900, 30))
    assert trimmed(silence(0.2, RATE), RATE) == b""


def test_only_pauses_longer_than_the_longest_kept_are_shortened():
    clip = pcm((1000, 30), (0, 100), (1000, 30), (0, 15), (800, 30))
    shorter = pauses_shortened(clip, RATE, 0.02)
    assert shorter == pcm((1000, 30), (0, 20), (1000, 30), (0, 15), (800, 30))
    assert pauses_shortened(shorter, RATE, 0.02) == shorter
