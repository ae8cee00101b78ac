"""Checks every clip passes before it is used or cached: speech, not silence, noise or
clipping, at the speaking rate asked for.

The rate check is what catches a clip spoken at the wrong speed (an engine that lost its
rate setting once made 43 of 56 phrases 22% too short, and they were cached). It
compares how long the clip speaks with how long the engine takes for that many
syllables at that rate, measured on the engine (see `Pace` and scripts/calibrate_pace.py).
"""

from __future__ import annotations

import array
import sys
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.11-3.12; audioop-lts after
    import audioop

from ..language import DEFAULT_LANGUAGE, LANGUAGES, for_voice
from ..language import Pace as Pace  # the model, beside each language's measured entry

SILENCE_LEVEL = 300  # 16-bit sample magnitude below which a clip's edges count as silent
FULL_SCALE = 32767
MAX_CLIPPED = 0.001  # share of samples at full scale before a clip counts as clipped
# Noise against speech, per 10 ms stretch: a voiced stretch (a vowel, m, l) crosses zero
# far less often than this per sample; white noise crosses at 0.5, and so do the hiss of
# an s or sh. Measured (every English espeak voice with each variant m1-m8 and f1-f5, on
# the numbers 0-30 and short phrases, at 80, 160 and 400 words a minute): at least 20% of
# every clip's sounding stretches were voiced, "six" by +f3 50%, white noise none. Whole
# clips were once judged at 0.3 crossings a sample, which "six", "yes" and "rest" by the
# female variants passed every time.
VOICED_CROSSINGS = 0.25
MIN_VOICED = 0.1  # share of a clip's sounding stretches that must be voiced
# Headroom: no clip kept peaks within HEADROOM_DB of full scale. espeak-ng's voices peak up
# to -0.01 dBFS on some phrases (es+m3: 9 of 46 within 1 dB; de+m3 5; en+m3 25 of 235),
# which leaves nothing for resampling or any filter before the loudness stage's limiter.
HEADROOM_DB = 1.0
PEAK_CEILING = int(FULL_SCALE * 10 ** (-HEADROOM_DB / 20))  # 29204: the highest peak kept

# Each language's measured pace is its module's (language/en.py, ...): `Pace` there.
ESPEAK_PACE = LANGUAGES[DEFAULT_LANGUAGE].pace  # English's, the default voice's
TOTAL_FROM_SYLLABLES = 150  # fewer syllables than this in all: the total is not checked


def pace_for(voice: str) -> Pace:
    """How espeak-ng's voice `voice` ("de+m3", "roa/fr", "en-us") paces speech: the measured
    pace of the language it speaks (English's for a language there is no module for)."""
    return for_voice(voice).pace


# The probe: one fixed sentence every English espeak voice speaks when it starts, whose
# length at each rate is known to a few percent (measured for en, en-us and en-gb-x-rp
# at 80-400 words a minute: 3.16-3.33 s at 160, scaling as (160 / rate) ** 1.02, each
# within 4% of that curve). Any error in the rate in force shows in it directly.
# Measured again for every English voice and the variants m1, m3 and f3, each in a fresh
# process at 80-400: 0.90 (en+m3 at 80) to 1.04 (en-us) of this curve. A rate lost to
# pyttsx3's 200 where 160 was asked reads 0.78.
PROBE_TEXT = "Breathe in slowly, then let your shoulders drop and rest."
PROBE_SECONDS_AT_160 = 3.25
PROBE_EXPONENT = 1.02
PROBE_BAND = (0.85, 1.15)


def probe_problem(seconds: float, rate: int) -> str | None:
    """Whether the probe sentence, spoken in `seconds`, shows a rate other than `rate`."""
    expected = PROBE_SECONDS_AT_160 * (160 / rate) ** PROBE_EXPONENT
    return pace_problem(seconds, expected, *PROBE_BAND)


def speaking_seconds(pcm: bytes, rate: int) -> float:
    """From the first to the last 10 ms stretch that rises above SILENCE_LEVEL."""
    step = rate // 100 * 2  # bytes in 10 ms
    loud = [
        at for at in range(0, len(pcm), step) if audioop.max(pcm[at : at + step], 2) > SILENCE_LEVEL
    ]
    return (loud[-1] - loud[0] + step) / 2 / rate if loud else 0.0


def voiced_share(pcm: bytes, rate: int) -> float:
    """The share of the clip's sounding 10 ms stretches that are voiced, not hiss or noise."""
    step = rate // 100 * 2  # bytes in 10 ms
    sounding = voiced = 0
    for at in range(0, len(pcm), step):
        part = pcm[at : at + step]
        if audioop.max(part, 2) > SILENCE_LEVEL:
            sounding += 1
            voiced += audioop.cross(part, 2) < VOICED_CROSSINGS * (len(part) // 2)
    return voiced / sounding if sounding else 0.0


def problem_with(
    pcm: bytes, rate: int, text: str, *, words_per_minute: int, pace: Pace
) -> str | None:
    """What is wrong with this clip of `text` (16-bit mono PCM), or None when it is fit to use."""
    pcm = pcm[: len(pcm) // 2 * 2]
    if not pcm:
        return "it is empty"
    if audioop.max(pcm, 2) <= SILENCE_LEVEL:
        return "it is silent"
    frames = len(pcm) // 2
    # Counting samples costs a Python object each: only for a clip that reaches full scale.
    if audioop.max(pcm, 2) >= FULL_SCALE:
        values = array.array("h", pcm)
        if sys.byteorder == "big":
            values.byteswap()  # WAV samples are little-endian
        clipped = (
            values.count(FULL_SCALE) + values.count(-FULL_SCALE) + values.count(-FULL_SCALE - 1)
        )
        if clipped > MAX_CLIPPED * frames:
            return f"it is clipped ({clipped} samples at full scale)"
    if voiced_share(pcm, rate) < MIN_VOICED:
        return "it is noise, not speech"
    return pace_problem(
        speaking_seconds(pcm, rate),
        pace.expected(text, words_per_minute),
        pace.low,
        pace.high,
        most=pace.expected(text, words_per_minute, at_most=True),
        slack=CLIP_SLACK,
    )


def has_headroom(pcm: bytes) -> bool:
    """Whether the clip (16-bit mono PCM) peaks at or below PEAK_CEILING."""
    return audioop.max(pcm[: len(pcm) // 2 * 2], 2) <= PEAK_CEILING


def with_headroom(pcm: bytes) -> bytes:
    """The clip itself when it has headroom, else the clip scaled down until its peak is
    within PEAK_CEILING: one gain for the whole clip, so its sound is unchanged but for level."""
    pcm = pcm[: len(pcm) // 2 * 2]
    peak = audioop.max(pcm, 2)
    if peak <= PEAK_CEILING:
        return pcm
    # One below the ceiling: audioop rounds towards minus infinity, so a negative peak
    # scaled to exactly the ceiling could land one step past it.
    return audioop.mul(pcm, 2, (PEAK_CEILING - 1) / peak)


# Seconds a clip may differ from the pace's figure whatever its ratio. A word of one
# syllable said fast is too short for a ratio to mean anything: "2" at 350 words a minute
# spoke in 0.08 s where 0.20 s was expected, by every English voice (a ratio of 0.40), and
# "Go." by en-gb-scotland+f5 in 0.07 s (0.35); 0.13 s short at most, measured on the
# numbers 0-30 and short words at 300-400. A rate gone wrong shows in the probe and in
# the clips of a build together, which have no slack.
CLIP_SLACK = 0.2


def pace_problem(
    spoken: float,
    expected: float,
    low: float,
    high: float,
    *,
    most: float | None = None,
    slack: float = 0.0,
) -> str | None:
    """Whether `spoken` seconds is too fast or too slow against `expected` (against `most`,
    the longest the text may take, for too slow); within `slack` seconds of it never is."""
    most = expected if most is None else max(most, expected)
    if spoken < low * expected and expected - spoken > slack:
        speed, figure = "fast", expected
    elif spoken > high * most and spoken - most > slack:
        speed, figure = "slow", most
    else:
        return None
    return f"it is spoken too {speed} ({spoken:.2f} s where about {figure:.2f} s was expected)"
