"""How long a session runs, known before any audio is made: for `plan` and `list`.

Light on purpose: clip lengths come from the cache's WAV headers and the tones' headers;
nothing here loads the audio stack.
"""

from __future__ import annotations

from pathlib import Path

from ..audio.assets import tone_lengths
from ..audio.format import SAMPLE_RATE, resampled_frames, samples
from ..planned import Estimate
from ..planning.layout import layout
from ..script import Cued, Say, Tone
from ..speech.cache import ClipCache, default_cache_dir
from ..speech.engine import Voice
from ..speech.engines import make_engine
from ..timeline import Timeline


def timeline_for(
    script: Cued, *, voice: Voice, cache_dir: Path | None = None
) -> tuple[Timeline, int]:
    """The timeline with cached clip lengths where known, else lengths estimated from the
    engine's measured pace for the language and voice; and how many phrases were
    estimated (0: the timeline is exact)."""
    voice = voice.for_language(script.language)  # as the build will speak it
    engine = make_engine(voice)  # light: nothing starts until it speaks
    cache = ClipCache(cache_dir or default_cache_dir(), engine.identity, engine.sample_rate)
    tones = tone_lengths()
    guessed = 0

    def length_of(sound: Say | Tone) -> int:
        nonlocal guessed
        if isinstance(sound, Tone):
            return tones[sound.name]
        found = cache.frames(sound.text)
        if found:
            return resampled_frames(found, engine.sample_rate)
        guessed += 1
        return samples(engine.pace.clip_seconds(sound.text, voice.rate))

    return layout(script, length_of, rate=SAMPLE_RATE), guessed


def estimate(script: Cued, *, voice: Voice, cache_dir: Path | None = None) -> Estimate:
    """How long the session runs, before any audio is made (see `timeline_for`)."""
    timeline, guessed = timeline_for(script, voice=voice, cache_dir=cache_dir)
    return Estimate(timeline, guessed)
