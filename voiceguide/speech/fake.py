"""A fake speech engine: deterministic clips of plausible length, made in-process in well
under a millisecond, for tests where the voice is not what is tested (as httpx ships
MockTransport, so that tests never need the network).

Choose it with `SpeechSettings(fake=True)`, or for every build of a process and its
children (the CLI, the web page's build jobs) with the environment variable
VOICEGUIDE_SPEECH=fake. It stands in for whichever voice was chosen: a German routine
still gets "de+m1", its tags still name that voice, and its clips last as long as that
voice would take.

Each clip of a text:
- speaks for about as long as espeak-ng takes to say it in the voice's language at the
  rate asked for (its language's `speaking`, fitted to espeak-ng), between espeak-ng's lead-in and its
  trailing silence, so layout, cue fitting, mixing and the session budget see realistic
  lengths;
- is a voiced buzz, one burst per syllable and a silent gap at each inner pause, whose
  pitch, rhythm and loudness come from a hash of the voice, rate and text: the same text
  always gives the same bytes, and two texts never give the same clip (so the mix and
  the captions can still tell phrases apart);
- is as loud as espeak-ng's voices and as peaky (about -20 LUFS with peaks near full
  scale, measured by ffmpeg's ebur128 over the bundled phrases), so the loudness gain,
  the limiter, ducking and the tones' level against the voice behave as with a voice;
  its pitch (100-220 Hz, every period a little off) never holds one frequency long
  enough for a tone detector to take it for a cue tone;
- is checked by the build like any engine's clip (non-empty, unclipped, not noise, in
  the voice's pace band: checks.py's Pace), not waved through;
- is cached under an identity of its own ("fake|..."), which no real engine's identity
  can equal, so a fake clip is never taken for real speech or the other way round.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import re
import warnings
import wave
from collections.abc import Iterator
from pathlib import Path

from ..language import DEFAULT_LANGUAGE, LANGUAGES, for_voice
from .checks import Pace, pace_for
from .engine import Voice

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.11-3.12; audioop-lts after
    import audioop

ENVIRONMENT = "VOICEGUIDE_SPEECH"  # "fake": every engine made in this process is a FakeEngine
FAKE_VERSION = 2  # part of the identity: bump when the clips change, to retire cached ones
SAMPLE_RATE = 22050  # espeak-ng's rate, so a fake build mixes as a real one does
# How long espeak-ng speaks a text (first to last sound) is each language's `speaking`
# Pace (voiceguide/language/xx.py), fitted by scripts/calibrate_fake.py to every phrase of
# the bundled routines at 100, 160 and 240 words a minute for the least error in
# proportion (a short count weighs as much as a long line). Half of espeak-ng's phrases
# come out within 5% of it, 90% within 0.8-1.2 of it (a line of one syllable, or of many
# numbers, at the ends); the checks' own Pace overrates short lines (a bare count by 25%),
# which would crowd cues out of their windows.
# espeak-ng's silence before the first sound and after the last, measured the same way:
# about 2 / rate seconds before, and 93 / rate - 0.23 after (0.70 s at 100 words a
# minute, 0.35 at 160, 0.16 at 240).
LEAD_IN = 2.0
TRAILING = (93.0, 0.23, 0.05)  # seconds * rate, minus seconds, at least seconds
PEAK = 31000  # the loudest sample of the loudest syllable: near full scale, as espeak-ng
HARMONICS = 20  # the buzz's harmonics, falling as 1 / sqrt(k): a pulse, peaky as a voice
FLOOR = 0.5  # a burst never falls below this share of its peak, so it stays one sound
BLOCK = 110  # samples per envelope step (5 ms)
JITTER = 0.08  # how far one period may stray from its syllable's pitch
# A pause is where the pace counts one: punctuation followed by more words.
_PAUSE = re.compile(r"[,.;:!?](?=\s+\S)")


def fake_by_default() -> bool:
    """Whether $VOICEGUIDE_SPEECH asks for the fake engine ("fake"), or the real ones
    (unset, empty or "real")."""
    from ..errors import UserError

    value = os.environ.get(ENVIRONMENT, "").strip().lower()
    if value in ("", "real"):
        return False
    if value == "fake":
        return True
    raise UserError(f"{ENVIRONMENT}={value!r}: give fake or real, or leave it unset")


class FakeEngine:
    """Speaks every text as a deterministic buzz as long as `voice` would take to say it."""

    sample_rate = SAMPLE_RATE
    label = "the fake speech engine"

    def __init__(self, voice: Voice | None = None) -> None:
        # A voice no routine has chosen yet: English's, as the real engines do.
        self.voice = (voice or Voice()).for_language("en")
        self.pace: Pace = pace_for(self.voice.name)  # what the clip checks hold it to
        self.spoken: list[str] = []  # every text asked for, in order: for tests to read

    @property
    def identity(self) -> str:
        # "fake|" first: every real identity starts with its engine's own name.
        return f"fake|v{FAKE_VERSION}|voice={self.voice.name.lower()}|rate={self.voice.rate}"

    def synthesize(self, text: str, path: Path) -> None:
        self.spoken.append(text)
        pcm = fake_speech(text, voice=self.voice)
        # No fsync: the cache moves a clip into place only after it is read back and
        # checked, and a clip cut short by a crash fails the cache's header check.
        with open(path, "wb") as raw, wave.open(raw, "wb") as clip:
            clip.setnchannels(1)
            clip.setsampwidth(2)
            clip.setframerate(SAMPLE_RATE)
            clip.writeframes(pcm)

    def close(self) -> None:
        """Nothing to release: the fake runs in the caller's process."""


def speaking_pace(voice: Voice) -> Pace:
    """How long the fake speaks for `voice`: espeak-ng's timing in its language (the
    language's `speaking`), English's for a language not measured."""
    for language in (for_voice(voice.name), LANGUAGES[DEFAULT_LANGUAGE]):
        if language.speaking is not None:
            return language.speaking
    return pace_for(voice.name)  # none measured: the clip checks' own


def fake_speech(text: str, *, voice: Voice) -> bytes:
    """16-bit mono PCM at SAMPLE_RATE: `text` as `voice` would take to say it, as a buzz
    (see the module's docstring)."""
    pace = speaking_pace(voice)
    seed = hashlib.sha256(f"{voice.name.lower()}\0{voice.rate}\0{text}".encode()).digest()
    draws = _draws(seed)
    scale = (160 / voice.rate) ** pace.exponent
    chunks = [c for c in _PAUSE.split(text) if c.strip()] or [text]
    pause = round(pace.per_pause * scale * SAMPLE_RATE)
    speaking = round(pace.expected(text, voice.rate) * SAMPLE_RATE)
    voiced = max(BLOCK * len(chunks), speaking - pause * (len(chunks) - 1))
    # Syllables per stretch between pauses, each syllable a share of the voiced time.
    weights = [[0.75 + 0.5 * next(draws) for _ in range(pace.syllables(c))] for c in chunks]
    total = sum(map(sum, weights))
    base = 110 + next(draws) * 90  # samples per period: 110-200 Hz
    per_rate, less, least = TRAILING
    parts = [bytes(2 * round(LEAD_IN / voice.rate * SAMPLE_RATE))]
    for index, stretch in enumerate(weights):
        if index:
            parts.append(bytes(2 * pause))
        for weight in stretch:
            length = max(BLOCK, round(voiced * weight / total))
            pitch = base * (0.9 + 0.2 * next(draws))  # each syllable's own pitch
            parts.append(_burst(pitch, length, 0.6 + 0.4 * next(draws), draws))
    trailing = max(least, per_rate / voice.rate - less)
    parts.append(bytes(2 * round(trailing * SAMPLE_RATE)))
    return b"".join(parts)


def _draws(seed: bytes) -> Iterator[float]:
    """Numbers in [0, 1) from `seed`, as many as asked for, always the same ones."""
    counter = 0
    while True:
        block = hashlib.sha256(seed + counter.to_bytes(4, "little")).digest()
        for at in range(0, len(block), 2):
            yield int.from_bytes(block[at : at + 2], "little") / 65536
        counter += 1


def _burst(pitch: float, length: int, loudness: float, draws: Iterator[float]) -> bytes:
    """One syllable: `length` samples of the buzz around `pitch` (samples per period),
    each period a little longer or shorter than the last as a voice's are (so the buzz
    never matches itself a few periods on), swelling and fading in BLOCK steps but never
    below FLOOR, so it is loud from its first sample to its last."""
    cycles, filled = [], 0
    while filled < length:
        period = round(pitch * (1 + JITTER * (2 * next(draws) - 1)))
        cycles.append(_cycle(period))
        filled += period
    buzz = b"".join(cycles)[: 2 * length]
    steps = math.ceil(length / BLOCK)
    shaped = []
    for step in range(steps):
        # A half sine over the syllable: quiet at its edges, loudest in the middle.
        rise = math.sin(math.pi * (step + 0.5) / steps)
        gain = loudness * (FLOOR + (1 - FLOOR) * rise)
        shaped.append(audioop.mul(buzz[2 * BLOCK * step : 2 * BLOCK * (step + 1)], 2, gain))
    return b"".join(shaped)


@functools.cache
def _cycle(period: int) -> bytes:
    """One period of the buzz: HARMONICS cosines in phase, the k-th at 1 / sqrt(k), so
    each period opens with a pulse (as the glottis does) and the peak is PEAK."""
    values = [
        sum(math.cos(2 * math.pi * k * n / period) / math.sqrt(k) for k in range(1, HARMONICS + 1))
        for n in range(period)
    ]
    top = max(abs(v) for v in values)
    return b"".join(round(v / top * PEAK).to_bytes(2, "little", signed=True) for v in values)
